"""Moonshine's model files as the engine runs them: weights unpacked once at
load, answers as the files shipped give them."""

import logging

import numpy as np
import onnx
import onnxruntime
import pytest

from harness.voices import spoken
from speech.engines import ENGINES, EngineUnavailable, Lexicon, prepare_default
from speech.engines.moonshine import model_dir
from speech.engines.moonshine.model import TRIES_KEPT, session
from speech.engines.moonshine.tokenizer import BOS
from speech.engines.moonshine.unpacked import onnx_bytes


@pytest.fixture(scope="module")
def decoder_path():
    return model_dir() / "decoder_model_merged.ort"


def first_logits(session, hidden: np.ndarray) -> np.ndarray:
    past = [i.name for i in session.get_inputs() if i.name.startswith("past")]
    feeds = {
        "input_ids": np.array([[BOS]], dtype=np.int64),
        "encoder_hidden_states": hidden,
        "use_cache_branch": np.array([False]),
        **{name: np.zeros((1, 8, 0, 52), dtype=np.float32) for name in past},
    }
    return session.run(["logits"], feeds)[0]


def test_the_decoder_unpacks_its_weights_once_not_at_every_step(decoder_path):
    graph = onnx.load_from_string(onnx_bytes(decoder_path)).graph
    # All that is left in front of the two branches is the choice between them.
    assert [node.op_type for node in graph.node] == ["If"]
    assert not [w for w in graph.initializer if w.data_type == onnx.TensorProto.INT8]


def test_the_engines_model_hears_what_the_shipped_one_hears(decoder_path):
    engine = ENGINES["moonshine"].model()  # the sessions the engine runs, unpacked
    samples = spoken("Grace Hopper")[None]
    hidden = engine.encoder.run(None, {"input_values": samples})[0]
    shipped = onnxruntime.InferenceSession(str(decoder_path), providers=["CPUExecutionProvider"])
    expected = first_logits(shipped, hidden)
    found = first_logits(engine.decoder, hidden)
    assert np.abs(expected - found).max() < 1e-2
    assert np.argmax(expected[0, -1]) == np.argmax(found[0, -1])


def test_a_model_the_reader_does_not_understand_runs_as_shipped(decoder_path, monkeypatch, caplog):
    def unreadable(path):
        raise ValueError("attribute of a type not read here")

    monkeypatch.setattr("speech.engines.moonshine.unpacked.onnx_bytes", unreadable)
    with caplog.at_level(logging.WARNING):
        shipped = session(decoder_path)
    assert "runs as shipped" in caplog.text
    hidden = np.zeros((1, 20, 416), dtype=np.float32)
    assert first_logits(shipped, hidden).shape[-1] > 30000


def test_a_lexicons_trie_in_use_outlives_the_phrases_ranked_once():
    model = ENGINES["moonshine"].model()
    built = []

    def words():
        built.append(1)
        return ["alpha", "bravo"]

    lexicon = model.trie("a lexicon", words)
    for i in range(3 * TRIES_KEPT):
        model.trie(("ranked once", i), lambda i=i: [f"phrase {i}"])
        assert model.trie("a lexicon", words) is lexicon
    assert len(built) == 1
    rebuilt = []
    model.trie(("ranked once", 0), lambda: rebuilt.append(1) or ["phrase 0"])
    assert rebuilt  # the phrases ranked once were dropped long ago


def test_a_default_engine_that_cannot_prepare_its_lexicons_is_a_warning(monkeypatch, caplog):
    def unavailable(lexicon):
        raise EngineUnavailable("Moonshine is not installed")

    monkeypatch.setattr(ENGINES["moonshine"], "prepare", unavailable)
    with caplog.at_level(logging.WARNING):
        prepare_default([Lexicon("a lexicon", ("alpha",))])
    assert "could not prepare its lexicons: Moonshine is not installed" in caplog.text
