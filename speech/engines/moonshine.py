"""Moonshine base English, shipped inside the moonshine-cpp wheel: offline, CPU.

The wheel's Python transcribe() wrapper is broken, so this calls the C
function moonshine_transcribe through ctypes with float32 16 kHz samples."""

from __future__ import annotations

import ctypes
import threading
from pathlib import Path

import numpy as np

from .base import Engine, EngineUnavailable, Transcript
from .moonshine_choices import ChoiceScorer

_MODEL_TYPE_BASE = 1


def _model_dir() -> Path:
    import moonshine_cpp

    return Path(moonshine_cpp.__file__).parent / "models" / "base-en"


class MoonshineEngine(Engine):
    name = "moonshine"
    label = "Moonshine (offline)"
    languages = ("en",)
    needs_network = False

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._lib: ctypes.CDLL | None = None
        self._handle: int | None = None
        self._scorer: ChoiceScorer | None = None

    def _load(self) -> tuple[ctypes.CDLL, int]:
        # Called under the lock: the model loads once per process.
        if self._handle is None:
            try:
                import moonshine_cpp
            except (ImportError, OSError) as error:
                raise EngineUnavailable(f"Moonshine is not installed: {error}") from None
            lib = moonshine_cpp.moonshine_lib
            lib.moonshine_transcribe.argtypes = (
                ctypes.c_int,
                ctypes.POINTER(ctypes.c_float),
                ctypes.c_size_t,
                ctypes.POINTER(ctypes.c_char_p),
            )
            lib.moonshine_transcribe.restype = ctypes.c_int
            model_dir = _model_dir()
            handle = lib.moonshine_load_model(
                str(model_dir / "encoder_model.ort").encode(),
                str(model_dir / "decoder_model_merged.ort").encode(),
                str(model_dir / "tokenizer.bin").encode(),
                _MODEL_TYPE_BASE,
            )
            if handle < 0:
                raise EngineUnavailable("The Moonshine model failed to load.")
            self._lib, self._handle = lib, handle
        return self._lib, self._handle

    def choose(self, samples: np.ndarray, language: str, phrases: list[str]) -> list[str]:
        with self._lock:
            if self._scorer is None:
                try:
                    self._scorer = ChoiceScorer(_model_dir())
                except ImportError as error:
                    raise EngineUnavailable(f"onnxruntime is not installed: {error}") from None
        return [phrase for phrase, _ in self._scorer.rank(samples, phrases)]

    def load(self) -> None:
        with self._lock:
            self._load()

    def recognise(self, samples: np.ndarray, language: str) -> Transcript:
        samples = np.ascontiguousarray(samples, dtype=np.float32)
        out = ctypes.c_char_p()
        # The C library keeps per-model decoding state: one call at a time.
        with self._lock:
            lib, handle = self._load()
            status = lib.moonshine_transcribe(
                handle,
                samples.ctypes.data_as(ctypes.POINTER(ctypes.c_float)),
                len(samples),
                ctypes.byref(out),
            )
            text = (out.value or b"").decode("utf-8", "replace").strip()
            if out.value is not None:
                lib.moonshine_free_text(out)
        return Transcript(text if status == 0 else "")
