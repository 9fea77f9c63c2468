"""turbo-django streams. Found by turbo's autodiscovery of `streams` modules."""

from __future__ import annotations

import asyncio

from channels.layers import get_channel_layer
from turbo import Stream


class LiveStream(Stream):
    """A user's own live transcription: partial text and finished segments.

    turbo-django's default admits anyone who holds a signed name; this one
    admits only the user it belongs to."""

    def __init__(self, user_pk: int, loop: asyncio.AbstractEventLoop | None = None) -> None:
        super().__init__()
        self.user_pk = user_pk
        self.loop = loop

    def stream_raw(self, raw_text: str) -> None:
        """Broadcast from any thread. turbo-django's async_to_sync would run
        the send in a fresh event loop of the calling (recognition) thread,
        where the in-memory channel layer's queues never wake their readers;
        with the socket's loop known, the send runs there."""
        if self.loop is None:
            return super().stream_raw(raw_text)
        message = {
            "type": "notify",
            "signed_channel_name": self.signed_stream_name,
            "rendered_template": raw_text,
        }
        send = get_channel_layer().group_send(self.broadcastable_stream_name, message)
        asyncio.run_coroutine_threadsafe(send, self.loop).result(timeout=30)

    def get_init_args(self) -> list:
        return [self.user_pk]

    def user_passes_test(self, user) -> bool:
        return bool(user and user.is_authenticated and user.pk == self.user_pk)

    def show_partial(self, text: str) -> None:
        self.update(text=text or "\u00a0", id="live-partial")

    def append_segment(self, segment) -> None:
        self.append("speech/_segment.html", {"segment": segment}, id="live-transcript")
