from django.apps import AppConfig


class RoomConfig(AppConfig):
    name = "room"

    def ready(self) -> None:
        from . import signals  # noqa: F401 (connects the broadcasts)
