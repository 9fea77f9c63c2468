"""Google Web Speech through SpeechRecognition, the engine of the original
tutorial. It sends the audio to Google: allowed only where the operator turns
on SPEECH_ALLOW_NETWORK and lists it in SPEECH_ENGINES."""

from __future__ import annotations

import numpy as np

from .. import audio
from .base import Engine, EngineError, EngineUnavailable, Heard


class GoogleEngine(Engine):
    name = "google"
    label = "Google Web Speech (online)"
    languages = ("en", "es", "fr", "de", "it", "pt", "nl", "pl", "ru", "ja", "ko", "zh", "ar", "hi")
    needs_network = True

    def recognise(
        self, samples: np.ndarray, language: str, draft: bool = False, wide: bool = False
    ) -> Heard:
        import speech_recognition as sr

        data = sr.AudioData(audio.to_pcm16(samples), audio.RATE, 2)
        try:
            result = sr.Recognizer().recognize_google(data, language=language, show_all=True)
        except sr.RequestError as error:
            raise EngineUnavailable(f"Google Web Speech could not be reached: {error}") from None
        except sr.UnknownValueError:
            return Heard("")
        if not isinstance(result, dict) or not result.get("alternative"):
            return Heard("")
        texts = [alt.get("transcript", "") for alt in result["alternative"]]
        if not texts[0]:
            raise EngineError("Google Web Speech answered with nothing.")
        return Heard(texts[0], texts[1:])
