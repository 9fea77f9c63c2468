"""/ws/ sockets for the tests: a WebsocketCommunicator on the real ASGI
application, signed in as a persona or anonymous."""

from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.test import Client
from turbo import Stream

from config.asgi import application


def session_cookie(user) -> bytes:
    client = Client()
    client.force_login(user)
    return f"sessionid={client.cookies['sessionid'].value}".encode()


async def connect(user=None) -> WebsocketCommunicator:
    headers = [(b"origin", b"http://localhost"), (b"host", b"localhost")]
    if user is not None:
        headers.append((b"cookie", await database_sync_to_async(session_cookie)(user)))
    communicator = WebsocketCommunicator(application, "/ws/", headers=headers)
    connected, _ = await communicator.connect()
    assert connected
    return communicator


async def error_from(communicator) -> str:
    message = await communicator.receive_json_from(timeout=5)
    assert message["type"] == "error", message
    return message["message"]


async def subscribe(communicator, stream: Stream) -> None:
    name = stream.signed_stream_name
    await communicator.send_json_to({"type": "subscribe", "signed_channel_name": name})
