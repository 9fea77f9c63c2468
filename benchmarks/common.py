"""What the benchmarks share: the heading every result starts with, a
percentile, and a process's resident memory, now or once it has settled."""

from __future__ import annotations

import os
import platform
import time
from pathlib import Path


def heading(title: str, details: str = "") -> None:
    """Print the result's title with today's date, and the machine."""
    print(f"# {title}, {time.strftime('%Y-%m-%d')}{details}")
    python = platform.python_version()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {python}")


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))] if ordered else 0.0


def resident_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    line = next(line for line in status.splitlines() if line.startswith("VmRSS:"))
    return int(line.split()[1]) / 1024


def settled_mb(pid: int, timeout: float = 120.0) -> float:
    """A process's resident memory once it has stopped growing (a web
    process loads its models in the background as it starts): unchanged
    within 1 MB for 3 s, or whatever it is after `timeout`."""
    deadline, last, steady_since = time.monotonic() + timeout, resident_mb(pid), time.monotonic()
    while time.monotonic() < deadline and time.monotonic() - steady_since < 3.0:
        time.sleep(0.5)
        now = resident_mb(pid)
        if abs(now - last) > 1.0:
            last, steady_since = now, time.monotonic()
    return resident_mb(pid)
