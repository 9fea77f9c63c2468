"""Sends from worker threads (recognition) to an event loop."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any


def run_in_loop(loop: asyncio.AbstractEventLoop, coroutine: Coroutine, timeout: float = 30) -> Any:
    """Run a coroutine on `loop` from another thread and wait for its result.

    The in-memory channel layer's queues wake only readers on the loop that
    made them: async_to_sync from a worker thread would run a send in a
    fresh loop of that thread, and the socket would never see it."""
    return asyncio.run_coroutine_threadsafe(coroutine, loop).result(timeout=timeout)
