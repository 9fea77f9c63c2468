"""daphne, refusing a request body larger than the site takes anywhere
before reading it.

daphne reads a whole body, then queues all of it for the application in
8 KB pieces before the application runs (django/daphne#483): a 60 MB upload
cost its size in memory however early lib.asgi.BodyLimit refused it, and
the allocator kept most of it (one process grew from 187 to 579 MB over ten
such requests). Here the body is bounded in the server itself: by its
declared length as soon as the headers are in, or, sent chunked, as soon as
what arrived passes the bound. The answer is 413 and the connection is
closed. A body under the bound but over its own path's limit is still
refused by BodyLimit, before Django reads it.

Run it as daphne is run:

    python -m lib.server -b 127.0.0.1 -p 8000 config.asgi:application
"""

from __future__ import annotations

from daphne import server
from daphne.cli import CommandLineInterface
from daphne.http_protocol import HTTPFactory, WebRequest
from django.conf import settings

REFUSAL = b"The request is too large."
RESPONSE = (
    b"HTTP/1.1 413 Content Too Large\r\n"
    b"Content-Type: text/plain; charset=utf-8\r\n"
    b"Content-Length: %d\r\nConnection: close\r\n\r\n%s" % (len(REFUSAL), REFUSAL)
)


def largest_body() -> int:
    """The most bytes any path of the site takes (config.asgi.body_limit)."""
    return max(settings.REQUEST_MAX_BYTES, settings.DATA_UPLOAD_MAX_MEMORY_SIZE)


class BoundedRequest(WebRequest):
    refused = False
    received = 0

    def gotLength(self, length: int | None) -> None:
        super().gotLength(length)
        if length is not None and length > largest_body():
            self.refuse()

    def handleContentChunk(self, data: bytes) -> None:
        if self.refused:
            return
        self.received += len(data)
        if self.received > largest_body():
            self.refuse()
            return
        super().handleContentChunk(data)

    def refuse(self) -> None:
        # Twisted answers a malformed request the same way: write and close.
        self.refused = True
        self.channel.transport.write(RESPONSE)
        self.channel.transport.loseConnection()


class BoundedHTTPFactory(HTTPFactory):
    def buildProtocol(self, addr):
        protocol = super().buildProtocol(addr)
        protocol.requestFactory = BoundedRequest
        return protocol


if __name__ == "__main__":
    # daphne's Server builds its factory from this module-level name.
    server.HTTPFactory = BoundedHTTPFactory
    CommandLineInterface.entrypoint()
