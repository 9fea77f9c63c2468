"""Counters in the cache, shared by every process when the cache is Redis:
fixed windows for rate limits (log-in attempts, speech requests) and slots
for what may run at once (live sessions)."""

from __future__ import annotations

import contextlib
import hashlib

from django.core.cache import cache


def _key(scope: str, ident: str) -> str:
    # Hashed, so that addresses and emails are never cache keys.
    return f"counter:{scope}:" + hashlib.sha256(ident.encode()).hexdigest()[:32]


def hit(scope: str, ident: str, window_seconds: int, amount: int = 1) -> int:
    """Count an event (of `amount`: seconds of audio, say) in the current
    window; return the count so far."""
    key = _key(scope, ident)
    if cache.add(key, amount, timeout=window_seconds):
        return amount
    try:
        return cache.incr(key, amount)
    except ValueError:  # expired between add and incr
        cache.add(key, amount, timeout=window_seconds)
        return amount


def is_over(scope: str, ident: str, limit: int) -> bool:
    return (cache.get(_key(scope, ident)) or 0) >= limit


def reset(scope: str, ident: str) -> None:
    cache.delete(_key(scope, ident))


def claim(scope: str, ident: str, limit: int, timeout: int) -> bool:
    """Take one of `limit` slots, or return False when all are taken. The
    count expires after `timeout` seconds, should a release never come."""
    if hit(scope, ident, timeout) > limit:
        release(scope, ident)
        return False
    return True


def release(scope: str, ident: str) -> None:
    with contextlib.suppress(ValueError):  # expired meanwhile
        cache.decr(_key(scope, ident))


def renew(scope: str, ident: str, timeout: int) -> None:
    """Keep slots alive that are still in use: a count whose holders died
    with their process then expires `timeout` seconds after the last use."""
    cache.touch(_key(scope, ident), timeout)
