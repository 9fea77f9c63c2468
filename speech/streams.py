"""turbo-django streams. Found by turbo's autodiscovery of `streams` modules."""

from __future__ import annotations

import asyncio

from channels.layers import get_channel_layer
from django.contrib.auth.base_user import AbstractBaseUser
from turbo import Stream

from lib.threads import run_in_loop

from .models import Segment


class LiveStream(Stream):
    """A user's own live transcription: partial text and finished segments.

    turbo-django's default admits anyone who holds a signed name; this one
    admits only the user it belongs to."""

    def __init__(self, user_pk: int, loop: asyncio.AbstractEventLoop | None = None) -> None:
        super().__init__()
        self.user_pk = user_pk
        self.loop = loop

    def stream_raw(self, raw_text: str) -> None:
        """Broadcast from any thread: on the socket's loop where it is known
        (turbo-django's own send runs in a fresh loop of the calling thread,
        which the in-memory channel layer's readers never see)."""
        if self.loop is None:
            return super().stream_raw(raw_text)
        message = {
            "type": "notify",
            "signed_channel_name": self.signed_stream_name,
            "rendered_template": raw_text,
        }
        send = get_channel_layer().group_send(self.broadcastable_stream_name, message)
        run_in_loop(self.loop, send)

    def get_init_args(self) -> list:
        return [self.user_pk]

    def user_passes_test(self, user: AbstractBaseUser | None) -> bool:
        return bool(user and user.is_authenticated and user.pk == self.user_pk)

    def show_partial(self, text: str) -> None:
        self.update(text=text or "\u00a0", id="live-partial")

    def append_segment(self, segment: Segment) -> None:
        self.append("speech/_segment.html", {"segment": segment}, id="live-transcript")

    def replace_segment(self, segment: Segment) -> None:
        self.replace("speech/_segment.html", {"segment": segment}, id=f"segment-{segment.pk}")
