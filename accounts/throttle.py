"""Fixed-window counters in the cache, shared by every process when the cache
is Redis. Used for log-in attempts and requests to the speech view."""

import hashlib

from django.core.cache import cache


def _key(scope: str, ident: str) -> str:
    # Hash the identity so that addresses and emails are never cache keys.
    return "throttle:" + scope + ":" + hashlib.sha256(ident.encode()).hexdigest()[:32]


def is_over(scope: str, ident: str, limit: int) -> bool:
    return (cache.get(_key(scope, ident)) or 0) >= limit


def hit(scope: str, ident: str, window_seconds: int) -> int:
    """Count one event and return the count so far in this window."""
    key = _key(scope, ident)
    if cache.add(key, 1, timeout=window_seconds):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window_seconds)
        return 1


def reset(scope: str, ident: str) -> None:
    cache.delete(_key(scope, ident))


def client_address(request) -> str:
    return request.META.get("REMOTE_ADDR") or "unknown"
