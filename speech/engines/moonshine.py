"""Moonshine base English, shipped inside the moonshine-cpp wheel: offline, CPU.

The wheel's Python transcribe() wrapper is broken, so this calls the C
function moonshine_transcribe through ctypes with float32 16 kHz samples."""

from __future__ import annotations

import ctypes
import queue
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
from django.conf import settings

from .base import Engine, EngineUnavailable, Lexicon, Reading, Transcript
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
        # Loaded models, each used by one call at a time (the C library keeps
        # decoding state per model). A live sentence's final need not wait
        # for the partial of the next one when there are two.
        self._idle: queue.LifoQueue[int] = queue.LifoQueue()
        self._loaded = 0
        self._scorer: ChoiceScorer | None = None

    def _load_one(self) -> int:
        # Called under the lock.
        if self._lib is None:
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
            self._lib = lib
        model_dir = _model_dir()
        handle = self._lib.moonshine_load_model(
            str(model_dir / "encoder_model.ort").encode(),
            str(model_dir / "decoder_model_merged.ort").encode(),
            str(model_dir / "tokenizer.bin").encode(),
            _MODEL_TYPE_BASE,
        )
        if handle < 0:
            raise EngineUnavailable("The Moonshine model failed to load.")
        self._loaded += 1
        return handle

    @contextmanager
    def _model(self) -> Iterator[int]:
        try:
            handle = self._idle.get_nowait()
        except queue.Empty:
            with self._lock:
                fresh = (
                    self._load_one() if self._loaded < settings.SPEECH_MOONSHINE_MODELS else None
                )
            handle = fresh if fresh is not None else self._idle.get()
        try:
            yield handle
        finally:
            self._idle.put(handle)

    def _choice_scorer(self) -> ChoiceScorer:
        with self._lock:
            if self._scorer is None:
                try:
                    self._scorer = ChoiceScorer(_model_dir())
                except ImportError as error:
                    raise EngineUnavailable(f"onnxruntime is not installed: {error}") from None
        return self._scorer

    def choose(self, samples: np.ndarray, language: str, phrases: list[str]) -> list[str]:
        return [phrase for phrase, _ in self._choice_scorer().rank(samples, phrases)]

    def read(self, samples: np.ndarray, language: str, lexicon: Lexicon) -> list[Reading]:
        return self._choice_scorer().read(samples, lexicon)

    def load(self) -> None:
        with self._model():
            pass

    def recognise(self, samples: np.ndarray, language: str) -> Transcript:
        samples = np.ascontiguousarray(samples, dtype=np.float32)
        out = ctypes.c_char_p()
        with self._model() as handle:
            lib = self._lib
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
