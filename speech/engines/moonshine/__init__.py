"""Moonshine base English, shipped inside the moonshine-cpp wheel: offline, CPU.

The wheel's model files are run through onnxruntime by our own searches
(search.py): a beam search for open transcription, and searches constrained
to a field's choices or words. The wheel's C library decodes greedily: on
the same model, the beam reads more words right at about the same speed
(docs/performance.md)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from ..base import Engine, EngineError, EngineUnavailable, Heard, Lexicon, Reading
from . import search
from .model import Model

logger = logging.getLogger(__name__)


@contextmanager
def _failures_as_engine_errors() -> Iterator[None]:
    # onnxruntime's errors share no base class but Exception; unconverted, one
    # would be a 500 on the speech view and a live sentence that never ends.
    try:
        yield
    except EngineError:
        raise
    except Exception as error:
        logger.exception("Moonshine failed on a recording")
        raise EngineError("The speech engine failed on this recording: try again.") from error


def model_dir() -> Path:
    try:
        import moonshine_cpp
    except (ImportError, OSError) as error:
        raise EngineUnavailable(f"Moonshine is not installed: {error}") from None
    return Path(moonshine_cpp.__file__).parent / "models" / "base-en"


class MoonshineEngine(Engine):
    name = "moonshine"
    label = "Moonshine (offline)"
    languages = ("en",)
    needs_network = False

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._loaded: Model | None = None

    def model(self) -> Model:
        # One per process: onnxruntime sessions take calls from many threads.
        with self._lock:
            if self._loaded is None:
                try:
                    self._loaded = Model(model_dir())
                except ImportError as error:
                    raise EngineUnavailable(f"onnxruntime is not installed: {error}") from None
        return self._loaded

    def load(self) -> None:
        self.model()

    def prepare(self, lexicon: Lexicon) -> None:
        with _failures_as_engine_errors():
            search.lexicon_trie(self.model(), lexicon)

    def recognise(
        self, samples: np.ndarray, language: str, draft: bool = False, wide: bool = False
    ) -> Heard:
        samples = np.ascontiguousarray(samples, dtype=np.float32)
        width = 1 if draft else search.WIDE_BEAM if wide else search.OPEN_BEAM
        with _failures_as_engine_errors():
            texts = search.transcribe(self.model(), samples, width=width, best=10 if wide else 5)
        return Heard(texts[0], texts[1:]) if texts else Heard("")

    def choose(
        self,
        samples: np.ndarray,
        language: str,
        phrases: list[str],
        priors: Mapping[str, float] | None = None,
    ) -> list[str]:
        with _failures_as_engine_errors():
            scored = search.rank(self.model(), samples, phrases)
        priors = priors or {}
        scored.sort(key=lambda pair: pair[1] + priors.get(pair[0], 0.0), reverse=True)
        return [phrase for phrase, _ in scored]

    def read(self, samples: np.ndarray, language: str, lexicon: Lexicon) -> list[Reading]:
        with _failures_as_engine_errors():
            return search.read(self.model(), samples, lexicon)
