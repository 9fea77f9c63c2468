"""Channels' in-memory layer (the embedded default), without its two costs
per open socket.

Every consumer waits on its channel for as long as its socket is open.
channels.layers.InMemoryChannelLayer gives each waiting channel an
asyncio.Queue (four deques, about 3 KB) and, on every receive, sweeps every
channel and group for expired messages: with 10,000 idle sockets that sweep
took two thirds of the process's time and opening a socket slowed from 250
a second to 40 (docs/performance.md). Here a channel with nothing waiting
holds only a future (its first receiver's), and the sweep runs at most once
a second (messages live 60 s and group memberships a day, so a second late
costs nothing). Messages, capacity, groups and flush are the base class's.
"""

from __future__ import annotations

import asyncio
import time

from channels.layers import InMemoryChannelLayer as BaseInMemoryChannelLayer

SWEEP_EVERY = 1.0  # seconds


class InMemoryChannelLayer(BaseInMemoryChannelLayer):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.waiting: dict[str, asyncio.Future] = {}
        self.swept = 0.0

    async def send(self, channel: str, message: dict) -> None:
        await super().send(channel, message)
        waiter = self.waiting.get(channel)
        if waiter is not None and not waiter.done():
            waiter.set_result(None)

    async def receive(self, channel: str) -> dict:
        self.require_valid_channel_name(channel)
        # With nothing to read yet, one receiver waits for a send on a future
        # rather than in a queue of the channel's own; any other receiver of
        # the same channel waits as the base class has it.
        if channel not in self.channels and channel not in self.waiting:
            waiter = self.waiting[channel] = asyncio.get_running_loop().create_future()
            try:
                await waiter
            finally:
                if self.waiting.get(channel) is waiter:
                    del self.waiting[channel]
        return await super().receive(channel)

    def _clean_expired(self) -> None:
        now = time.monotonic()
        if now - self.swept >= SWEEP_EVERY:
            self.swept = now
            super()._clean_expired()
