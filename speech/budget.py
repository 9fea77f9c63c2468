"""What a client may spend on recognition: requests a minute, seconds of
audio in a window (fewer for anonymous visitors), and recognitions at once.
A client is a signed-in user, whatever their address, or an anonymous
address (behind trusted proxies, the forwarded one: lib/clients.py)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest

from lib import counters
from lib.clients import client_address

JOB_SLOT_SECONDS = 300  # a slot whose release never came (a killed process) lapses


@dataclass(frozen=True)
class Client:
    key: str
    signed_in: bool

    @classmethod
    def of(cls, request: HttpRequest) -> Client:
        user = request.user
        if user.is_authenticated:
            return cls(f"user:{user.pk}", signed_in=True)
        return cls(f"address:{client_address(request)}", signed_in=False)


def count_request(client: Client) -> str | None:
    """Count a request; the reason to refuse it, or None."""
    window = settings.SPEECH_RATE_WINDOW_SECONDS
    if counters.hit("speech-requests", client.key, window) > settings.SPEECH_RATE_LIMIT:
        return "Too many recordings in a short time: wait a minute."
    return None


def take(client: Client, seconds: float) -> str | None:
    """Spend the recording's seconds and take a recognition slot; the reason
    to refuse it, or None (then give_back() must follow, whatever happens)."""
    budget = (
        settings.SPEECH_AUDIO_SECONDS
        if client.signed_in
        else settings.SPEECH_ANONYMOUS_AUDIO_SECONDS
    )
    window = settings.SPEECH_AUDIO_WINDOW_SECONDS
    if counters.hit("speech-seconds", client.key, window, math.ceil(seconds)) > budget:
        minutes = window // 60
        return f"That is more speech than this site takes in {minutes} minutes: wait a while."
    jobs = (
        settings.SPEECH_JOBS_PER_CLIENT
        if client.signed_in
        else settings.SPEECH_ANONYMOUS_JOBS_PER_CLIENT
    )
    if not counters.claim("speech-jobs", client.key, jobs, JOB_SLOT_SECONDS):
        return "Your last recording is still being recognised: wait for it, then try again."
    return None


def give_back(client: Client) -> None:
    counters.release("speech-jobs", client.key)
