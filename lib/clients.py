"""Who is asking: the client address that limits are counted against.

The socket's peer is the client, unless the peer is one of TRUSTED_PROXIES
(a TLS proxy or load balancer in front of daphne): then the client is the
last address in X-Forwarded-For that no trusted proxy added. Addresses a
client writes into the header itself come before those and are never
believed, so nobody picks their own address by sending the header."""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=4)
def _networks(proxies: tuple[str, ...]) -> tuple[Network, ...]:
    try:
        return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)
    except ValueError as error:
        raise ImproperlyConfigured(f"TRUSTED_PROXIES: {error}") from None


def _trusted(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in _networks(tuple(settings.TRUSTED_PROXIES)))


def client_address(request: HttpRequest) -> str:
    peer = request.META.get("REMOTE_ADDR") or "unknown"
    if not _trusted(peer):
        return peer
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    for address in reversed([a.strip() for a in forwarded if a.strip()]):
        if not _trusted(address):
            try:
                return str(ipaddress.ip_address(address))
            except ValueError:
                return peer  # a proxy we trust wrote nonsense: count it as the proxy
    return peer
