"""The spoken welcome: its text, the URL only its user may fetch, its audio.

The audio is synthesised offline with eSpeak NG when the browser asks for it
(never while the page that carries it is rendered) and cached by text."""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.http import HttpRequest
from django.urls import reverse
from django.utils.crypto import constant_time_compare, salted_hmac

from .models import User

SESSION_KEY = "greeting"
CACHE_SECONDS = 24 * 3600


def text_for(user: User, returning: bool) -> str:
    name = user.first_name
    return f"Welcome back, {name}." if returning else f"Welcome, {name}."


def _token(user: User, text: str) -> str:
    # Bound to the user: another user, even of the same name, gets a 404.
    return salted_hmac("accounts.greeting", f"{user.pk}:{text}").hexdigest()[:24]


def remember(request: HttpRequest, user: User, returning: bool) -> None:
    """Greet the user on the next page that shows greetings (once)."""
    request.session[SESSION_KEY] = text_for(user, returning)


def take(request: HttpRequest) -> dict | None:
    """The pending greeting for this page, if the user wants greetings."""
    text = request.session.pop(SESSION_KEY, None)
    if not text or not request.user.profile.greet_with_voice:
        return None
    token = _token(request.user, text)
    return {"text": text, "audio_url": reverse("greeting_audio", args=[token])}


def text_for_token(user: User, token: str) -> str | None:
    for returning in (True, False):
        text = text_for(user, returning)
        if constant_time_compare(_token(user, text), token):
            return text
    return None


def wav(text: str) -> bytes:
    key = "greeting-wav:" + hashlib.sha256(text.encode()).hexdigest()
    audio = cache.get(key)
    if audio is None:
        from speech import audio as speech_audio
        from speech import tts

        audio = speech_audio.to_wav(*tts.synthesise(text))
        cache.set(key, audio, CACHE_SECONDS)
    return audio
