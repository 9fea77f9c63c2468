"""manage.py speechworker: Channels' runworker on the speech channel, with
the default engine's model (and dictation's census of names and web word
counts) loading as it starts, so that the first job does not wait for them. Web processes that
hand recognition to workers load no model at all (config/asgi.py)."""

from channels import DEFAULT_CHANNEL_LAYER
from channels.management.commands.runworker import Command as RunWorker
from django.conf import settings

from speech import dictation, engines


class Command(RunWorker):
    help = "Recognise speech for the web processes (SPEECH_USE_WORKERS, with Redis)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--layer", default=DEFAULT_CHANNEL_LAYER, help="Channel layer alias.")

    def handle(self, *args, **options) -> None:
        engines.load_default_in_background()
        dictation.load_in_background()
        super().handle(*args, **options, channels=[settings.SPEECH_WORKER_CHANNEL])
