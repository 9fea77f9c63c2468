"""daphne as the site runs it: refusing a request body larger than the site
takes anywhere before reading it, and holding an idle socket in less memory.

daphne reads a whole body, then queues all of it for the application in
8 KB pieces before the application runs (django/daphne#483): a 60 MB upload
cost its size in memory however early lib.asgi.BodyLimit refused it, and
the allocator kept most of it (one process grew from 187 to 579 MB over ten
such requests). Here the body is bounded in the server itself: by its
declared length as soon as the headers are in, or, sent chunked, as soon as
what arrived passes the bound. The answer is 413 and the connection is
closed. A body under the bound but over its own path's limit is still
refused by BodyLimit, before Django reads it.

An open socket costs what its objects hold for as long as it stays open
(docs/performance.md, idle sockets): daphne gives each connection an
asyncio.Queue for its application's messages (four deques, about 3 KB, most
of it empty), and autobahn copies its 29 options from the factory onto each
connection (1.8 KB). Here the application's messages wait in an Inbox that
holds nothing while empty, and the options are read from the protocol's
class.

Run it as daphne is run:

    python -m lib.server -b 127.0.0.1 -p 8000 config.asgi:application
"""

from __future__ import annotations

import asyncio
from collections import deque
from functools import partial

from daphne import server
from daphne.cli import CommandLineInterface
from daphne.http_protocol import HTTPFactory, WebRequest
from daphne.ws_protocol import WebSocketFactory
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


class Inbox:
    """What daphne uses of asyncio.Queue (put_nowait, get), for the one reader
    an application is, holding no deque while it is empty."""

    __slots__ = ("messages", "waiter")

    def __init__(self) -> None:
        self.messages: deque | None = None
        self.waiter: asyncio.Future | None = None

    def put_nowait(self, message: dict) -> None:
        if self.messages is None:
            self.messages = deque()
        self.messages.append(message)
        if self.waiter is not None and not self.waiter.done():
            self.waiter.set_result(None)

    async def get(self) -> dict:
        if self.waiter is not None:
            raise RuntimeError("An application reads its messages one at a time.")
        while not self.messages:
            self.waiter = asyncio.get_running_loop().create_future()
            try:
                await self.waiter
            finally:
                self.waiter = None
        message = self.messages.popleft()
        if not self.messages:
            self.messages = None
        return message


class Server(server.Server):
    def create_application(self, protocol, scope):
        """daphne's own, with an Inbox for its asyncio.Queue."""
        assert "application_instance" not in self.connections[protocol]
        inbox = Inbox()
        scope.setdefault("asgi", {"version": "3.0"})
        application_instance = self.application(
            scope=scope, receive=inbox.get, send=partial(self.handle_reply, protocol)
        )
        if protocol not in self.connections:
            return None
        self.connections[protocol]["application_instance"] = asyncio.ensure_future(
            application_instance, loop=asyncio.get_event_loop()
        )
        return inbox


class OptionsOnClassWebSocketFactory(WebSocketFactory):
    def buildProtocol(self, addr):
        # autobahn copies an option onto a connection only where its class
        # lacks it; daphne has set every option by the first connection.
        if "protocol" not in vars(self):
            base = type(self).protocol
            options = {name: getattr(self, name) for name in base.CONFIG_ATTRS}
            options = {k: staticmethod(v) if callable(v) else v for k, v in options.items()}
            self.protocol = type(base.__name__, (base,), options)
        return super().buildProtocol(addr)


if __name__ == "__main__":
    # daphne's Server builds its factories from these module-level names.
    server.HTTPFactory = BoundedHTTPFactory
    server.WebSocketFactory = OptionsOnClassWebSocketFactory
    CommandLineInterface.server_class = Server
    CommandLineInterface.entrypoint()
