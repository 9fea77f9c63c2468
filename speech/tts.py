"""Offline speech synthesis with eSpeak NG, the library espeakng-loader ships.

Used for the spoken welcome and, in the tests, to make real speech audio
(eSpeak's own voice, and the IPA phonemes a neural voice speaks from)."""

from __future__ import annotations

import ctypes
import threading

import numpy as np

_AUDIO_OUTPUT_SYNCHRONOUS = 2
_POS_CHARACTER = 1
_ESPEAK_CHARS_UTF8 = 1
_IPA = 0x02  # espeak_TextToPhonemes: phonemes as IPA, not eSpeak's ASCII names
_RATE = 175  # words per minute, eSpeak's default
_SYNTH_CALLBACK = ctypes.CFUNCTYPE(
    ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p
)

# eSpeak keeps global state: one synthesis at a time per process.
_lock = threading.Lock()
_lib: ctypes.CDLL | None = None
_sample_rate = 0
_chunks: list[np.ndarray] = []


@_SYNTH_CALLBACK
def _collect(wav, numsamples, events):
    if numsamples > 0:
        _chunks.append(np.ctypeslib.as_array(wav, shape=(numsamples,)).copy())
    return 0


def _load() -> ctypes.CDLL:
    global _lib, _sample_rate
    if _lib is None:
        import espeakng_loader

        lib = ctypes.CDLL(espeakng_loader.get_library_path())
        lib.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
        lib.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
        lib.espeak_SetParameter.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int]
        lib.espeak_TextToPhonemes.argtypes = [
            ctypes.POINTER(ctypes.c_char_p),
            ctypes.c_int,
            ctypes.c_int,
        ]
        lib.espeak_TextToPhonemes.restype = ctypes.c_char_p
        lib.espeak_Synth.argtypes = [
            ctypes.c_void_p,
            ctypes.c_size_t,
            ctypes.c_uint,
            ctypes.c_int,
            ctypes.c_uint,
            ctypes.c_uint,
            ctypes.c_void_p,
            ctypes.c_void_p,
        ]
        data_path = espeakng_loader.get_data_path().encode()
        _sample_rate = lib.espeak_Initialize(_AUDIO_OUTPUT_SYNCHRONOUS, 0, data_path, 0)
        if _sample_rate <= 0:
            raise RuntimeError("eSpeak NG failed to initialise")
        lib.espeak_SetSynthCallback(_collect)
        _lib = lib
    return _lib


def synthesise(text: str, voice: str = "en-us", rate: int = _RATE) -> tuple[np.ndarray, int]:
    """Speak text; return int16 mono samples and their sample rate."""
    encoded = text.encode("utf-8") + b"\0"
    with _lock:
        lib = _load()
        if lib.espeak_SetVoiceByName(voice.encode()) != 0:
            raise ValueError(f"eSpeak NG has no voice {voice!r}")
        lib.espeak_SetParameter(1, rate, 0)  # espeakRATE
        _chunks.clear()
        buffer = ctypes.create_string_buffer(encoded)
        lib.espeak_Synth(buffer, len(encoded), 0, _POS_CHARACTER, 0, _ESPEAK_CHARS_UTF8, None, None)
        lib.espeak_Synchronize()
        samples = np.concatenate(_chunks) if _chunks else np.zeros(0, dtype=np.int16)
        _chunks.clear()
    return samples.astype(np.int16), _sample_rate


def ipa(text: str, voice: str = "en-us") -> list[str]:
    """eSpeak NG's phonemes of text in IPA, one string per clause (eSpeak
    drops the punctuation between clauses)."""
    with _lock:
        lib = _load()
        if lib.espeak_SetVoiceByName(voice.encode()) != 0:
            raise ValueError(f"eSpeak NG has no voice {voice!r}")
        remaining = ctypes.c_char_p(text.encode("utf-8"))
        clauses = []
        while remaining.value:
            phonemes = lib.espeak_TextToPhonemes(ctypes.byref(remaining), _ESPEAK_CHARS_UTF8, _IPA)
            clauses.append((phonemes or b"").decode("utf-8"))
    return clauses


if __name__ == "__main__":
    # `python -m speech.tts TEXT [VOICE [RATE]]` writes a WAV to stdout. eSpeak
    # carries state from one utterance into the next (the same text comes out
    # a sample or two different), so a fresh process gives repeatable audio.
    import sys

    text, voice, rate = (sys.argv[1:] + ["en-us", str(_RATE)][len(sys.argv) - 2 :])[:3]
    from .audio import to_wav

    sys.stdout.buffer.write(to_wav(*synthesise(text, voice=voice, rate=int(rate))))
