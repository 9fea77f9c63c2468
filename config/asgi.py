import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
# Django must be set up before anything imports models (the consumers do).
django_asgi_app = get_asgi_application()

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ChannelNameRouter, ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402
from django.conf import settings  # noqa: E402

import speech.routing  # noqa: E402
from lib.asgi import BodyLimit, WhenBusy  # noqa: E402
from speech import dictation, engines, recognition  # noqa: E402
from speech.views import BUSY  # noqa: E402
from speech.workers import RecognitionWorker  # noqa: E402

# A web process that hands recognition to workers loads no model (the
# workers load theirs: manage.py speechworker).
if not settings.SPEECH_USE_WORKERS:
    engines.load_default_in_background()
    dictation.load_in_background()


def body_limit(path: str) -> int:
    """Recordings go to the speech view; every other form is small."""
    if path.startswith("/speech/transcribe/"):
        return settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    return settings.REQUEST_MAX_BYTES


application = ProtocolTypeRouter(
    {
        "http": WhenBusy(
            BodyLimit(django_asgi_app, body_limit), "/speech/transcribe/", recognition.busy, BUSY
        ),
        "websocket": AllowedHostsOriginValidator(
            AuthMiddlewareStack(URLRouter(speech.routing.websocket_urlpatterns))
        ),
        "channel": ChannelNameRouter({settings.SPEECH_WORKER_CHANNEL: RecognitionWorker.as_asgi()}),
    }
)
