"""What an open socket holds: daphne's inbox, the in-memory layer's
waiting channels and autobahn's options (lib.server, lib.layers). The whole
stack runs under them in every socket test; these pin what each promises."""

import asyncio
import time

import pytest
from channels.exceptions import ChannelFull
from daphne.ws_protocol import WebSocketFactory

from lib import layers
from lib.server import Inbox, OptionsOnClassWebSocketFactory


@pytest.mark.asyncio
async def test_an_inbox_hands_over_messages_in_order_and_holds_nothing_once_read():
    inbox = Inbox()
    inbox.put_nowait({"n": 1})
    inbox.put_nowait({"n": 2})
    assert [await inbox.get(), await inbox.get()] == [{"n": 1}, {"n": 2}]
    assert inbox.messages is None


@pytest.mark.asyncio
async def test_a_reader_waiting_on_an_inbox_wakes_for_the_next_message():
    inbox = Inbox()
    reading = asyncio.ensure_future(inbox.get())
    await asyncio.sleep(0)
    inbox.put_nowait({"type": "websocket.connect"})
    assert await asyncio.wait_for(reading, 1) == {"type": "websocket.connect"}


@pytest.mark.asyncio
async def test_a_message_arriving_as_its_reader_is_cancelled_waits_for_the_next_read():
    inbox = Inbox()
    reading = asyncio.ensure_future(inbox.get())
    await asyncio.sleep(0)
    inbox.put_nowait({"type": "websocket.disconnect"})
    reading.cancel()
    with pytest.raises(asyncio.CancelledError):
        await reading
    assert await asyncio.wait_for(inbox.get(), 1) == {"type": "websocket.disconnect"}


@pytest.mark.asyncio
async def test_an_inbox_refuses_a_second_reader_at_once():
    inbox = Inbox()
    reading = asyncio.ensure_future(inbox.get())
    await asyncio.sleep(0)
    with pytest.raises(RuntimeError):
        await inbox.get()
    reading.cancel()


@pytest.mark.asyncio
async def test_a_channel_waited_on_holds_no_queue_until_a_message_comes():
    layer = layers.InMemoryChannelLayer()
    channel = await layer.new_channel()
    receiving = asyncio.ensure_future(layer.receive(channel))
    await asyncio.sleep(0)
    assert channel not in layer.channels and channel in layer.waiting
    await layer.send(channel, {"type": "hello"})
    assert await asyncio.wait_for(receiving, 1) == {"type": "hello"}
    assert channel not in layer.channels and channel not in layer.waiting


@pytest.mark.asyncio
async def test_a_receiver_cancelled_on_disconnect_leaves_nothing_behind():
    layer = layers.InMemoryChannelLayer()
    channel = await layer.new_channel()
    receiving = asyncio.ensure_future(layer.receive(channel))
    await asyncio.sleep(0)
    receiving.cancel()
    with pytest.raises(asyncio.CancelledError):
        await receiving
    assert layer.waiting == {} and layer.channels == {}


@pytest.mark.asyncio
async def test_two_receivers_of_one_channel_get_one_message_each():
    layer = layers.InMemoryChannelLayer()
    channel = await layer.new_channel()
    receivers = [asyncio.ensure_future(layer.receive(channel)) for _ in range(2)]
    await asyncio.sleep(0)
    await layer.send(channel, {"n": 1})
    await layer.send(channel, {"n": 2})
    got = await asyncio.wait_for(asyncio.gather(*receivers), 1)
    assert sorted(m["n"] for m in got) == [1, 2]


@pytest.mark.asyncio
async def test_a_group_message_reaches_every_member_waiting():
    layer = layers.InMemoryChannelLayer()
    members = [await layer.new_channel() for _ in range(3)]
    for channel in members:
        await layer.group_add("room", channel)
    receivers = [asyncio.ensure_future(layer.receive(c)) for c in members]
    await asyncio.sleep(0)
    await layer.group_send("room", {"type": "room.post"})
    assert await asyncio.wait_for(asyncio.gather(*receivers), 1) == [{"type": "room.post"}] * 3


@pytest.mark.asyncio
async def test_a_full_channel_still_refuses_more():
    layer = layers.InMemoryChannelLayer(capacity=1)
    await layer.send("full", {"n": 1})
    with pytest.raises(ChannelFull):
        await layer.send("full", {"n": 2})


@pytest.mark.asyncio
async def test_expired_messages_are_swept_at_most_once_a_second(monkeypatch):
    layer = layers.InMemoryChannelLayer(expiry=0)
    await layer.send("old", {"n": 1})
    time.sleep(0.01)  # the message is past its expiry
    layer._clean_expired()
    assert "old" not in layer.channels
    await layer.send("old", {"n": 2})
    time.sleep(0.01)
    layer._clean_expired()  # swept less than a second ago: kept for now
    assert "old" in layer.channels
    monkeypatch.setattr(layers, "SWEEP_EVERY", 0.0)
    layer._clean_expired()
    assert "old" not in layer.channels


def test_a_connection_reads_the_factorys_options_from_its_class():
    factory = OptionsOnClassWebSocketFactory(server_class=None)
    factory.setProtocolOptions(autoPingInterval=7, allowNullOrigin=True)
    protocol = factory.buildProtocol(None)
    assert isinstance(protocol, WebSocketFactory.protocol)
    assert protocol.autoPingInterval == 7 and protocol.allowNullOrigin is True
    assert "autoPingInterval" not in vars(protocol)
    assert type(factory.buildProtocol(None)) is type(protocol)
