"""Guards in front of Django: a request body over its path's limit is
refused before the application reads any of it (BodyLimit), and a request
for work the process has no room for right now gets its 503 at once
(WhenBusy).

Django copies a body again while parsing it (a 60 MB upload once raised a
process's memory by 0.8 GB that it kept). lib.server already refuses any
body larger than the largest path limit inside daphne; this guard holds each
path to its own (1 MB for forms), by the declared length, or for a body of
no declared length (chunked) by reading up to the limit, then handing on
what was read. The proxy in front should refuse large bodies first
(docs/deploy.md)."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict]]
Send = Callable[[dict], Awaitable[None]]

MESSAGES = {413: "The request is too large.", 400: "The request's length is not a number."}


class BodyLimit:
    def __init__(self, app: Callable, limit: Callable[[str], int]) -> None:
        """limit(path) -> the most bytes a request to that path may carry."""
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        limit, declared = self.limit(scope["path"]), _header(scope, b"content-length")
        if declared is not None:
            if not declared.isdigit() or int(declared) > limit:
                status = 413 if declared.isdigit() else 400
                return await _refuse(scope, send, status, MESSAGES[status])
            return await self.app(scope, receive, send)
        read, total = [], 0
        while True:
            message = await receive()
            read.append(message)
            total += len(message.get("body", b""))
            if total > limit:
                return await _refuse(scope, send, 413, MESSAGES[413])
            if message["type"] != "http.request" or not message.get("more_body"):
                break
        await self.app(scope, _replaying(read, receive), send)


class WhenBusy:
    def __init__(self, app: Callable, path: str, busy: Callable[[], bool], message: str) -> None:
        """A POST to `path` while busy() gets 503 and `message` before the
        application runs: a refusal queued behind the session, the rate
        limits and the other requests' turns on Django's one thread for sync
        code took 0.2-0.4 s under load (docs/performance.md)."""
        self.app, self.path, self.busy, self.message = app, path, busy, message

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        posted = scope["type"] == "http" and scope["method"] == "POST"
        if posted and scope["path"] == self.path and self.busy():
            return await _refuse(scope, send, 503, self.message)
        return await self.app(scope, receive, send)


def _replaying(read: list[dict], receive: Receive) -> Receive:
    async def replayed() -> dict:
        return read.pop(0) if read else await receive()

    return replayed


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return value.decode("latin-1").strip()
    return None


async def _refuse(scope: Scope, send: Send, status: int, message: str) -> None:
    """JSON for JSON clients, the mic's error line for HTMX, else a page."""
    accept, htmx = _header(scope, b"accept") or "", _header(scope, b"hx-request")
    if "application/json" in accept and not htmx:
        body, kind = json.dumps({"error": message}).encode(), b"application/json"
    elif htmx:
        body = (
            f'<span class="dictation-result dictation-error" data-status="error">{message}</span>'
        )
        body, kind = body.encode(), b"text/html; charset=utf-8"
    else:
        body = f"<!doctype html><title>{message}</title><h1>{message}</h1>".encode()
        kind = b"text/html; charset=utf-8"
    headers = [(b"content-type", kind), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
