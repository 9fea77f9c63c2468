"""A paragraph's second reading shared out among its sentences
(speech.paragraphs), on texts; the whole path, with real speech, is in
test_live.py."""

import re

from hypothesis import given
from hypothesis import strategies as st

from speech.paragraphs import revise

SHOWN = [
    "The quick brown fox jumps over the lazy dog.",
    "Pack my box with five dozen liquor jugs.",
    "Police call me tomorrow morning about the meeting.",
]


def words(texts: list[str]) -> list[str]:
    return re.sub(r"[^\w\s']", " ", " ".join(texts).lower()).split()


def test_only_the_sentence_heard_otherwise_is_rewritten():
    reading = (
        "The quick brown fox jumps over the lazy dog, pack my box with five dozen liquor"
        " jugs. Please call me tomorrow morning about the meeting."
    )
    assert revise(SHOWN, reading) == [
        *SHOWN[:2],
        "Please call me tomorrow morning about the meeting.",
    ]


def test_a_sentence_rewritten_begins_and_ends_as_it_was_shown():
    shown = ["Ever tried.", "Ever failed at it."]
    assert revise(shown, "Ever tried, ever fail to dig.") == ["Ever tried.", "Ever fail to dig."]
    shown = ["The fox jumped over the dog?", "Pack my box."]
    revised = revise(shown, "The fox jumps over the dog, pack my box.")
    assert revised == ["The fox jumps over the dog?", "Pack my box."]


def test_words_only_the_reading_has_at_a_cut_go_to_the_next_sentence():
    shown = ["The library opens at nine.", "It closes at six."]
    revised = revise(shown, "The library opens at nine. And it closes at six.")
    assert revised == ["The library opens at nine.", "And it closes at six."]


def test_a_reading_not_to_be_trusted_changes_nothing():
    shown = ["Ever tried.", "Ever failed.", "No matter."]
    assert revise(shown, "") == shown
    assert revise(shown, "Ever tried.") == shown  # it lost two sentences
    assert revise(shown, "Ever tried, ever tried, ever tried, ever tried.") == shown  # a loop


sentence = st.lists(
    st.sampled_from(["call", "me", "Police", "please", "now.", "at", "nine,"]),
    min_size=1,
    max_size=6,
)


@given(
    st.lists(sentence, min_size=1, max_size=4),
    st.lists(sentence.map(" ".join), min_size=1, max_size=4),
)
def test_the_sentences_say_what_the_reading_says_or_what_they_said(shown_words, heard):
    shown = [" ".join(ws) for ws in shown_words]
    reading = " ".join(heard)
    revised = revise(shown, reading)
    assert len(revised) == len(shown)
    assert revised == shown or words(revised) == words([reading])
    assert all(revised)


@given(st.lists(sentence.map(" ".join), min_size=1, max_size=4))
def test_a_reading_that_hears_the_same_words_changes_nothing(shown):
    assert revise(shown, " ".join(shown).upper()) == shown
