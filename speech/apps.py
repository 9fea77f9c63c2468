from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class SpeechConfig(AppConfig):
    name = "speech"

    def ready(self) -> None:
        # Every app's forms module, so that forms opted in with @voice_form
        # are known to the speech view whichever page a process served first.
        autodiscover_modules("forms")
