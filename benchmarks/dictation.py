"""Dictation benchmark: values right first and right within five (the value
and its four alternatives), word error rate and server time, per voice.

Run by hand (not part of the test suite), from the repository root:

    .venv/bin/python benchmarks/dictation.py [--voices en,piper:joe,...] [--quick]
        [--fields email,name,...] [--noise [KIND:]DB] [--misses] [--engine moonshine]

Voices (harness/voices.py): eSpeak NG's `en`, Piper's neural `piper:joe`,
and Debian's `festival:cmu_us_slt_arctic_hts` and `flite:slt` (`apt-get
install festival festvox-us-slt-hts flite`). Each utterance is made afresh,
so runs repeat. Every request goes through the real speech view (decode,
dictate, answer) in this process; the time reported is the view's wall
time. Emails are measured twice: as said alone, and with the full name a
person would have put in the form before (the form's hint). Results go in
docs/performance.md.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
# One client sends every request here: lift the per-client limits.
for limit in ["SPEECH_RATE_LIMIT", "SPEECH_AUDIO_SECONDS", "SPEECH_ANONYMOUS_AUDIO_SECONDS"]:
    os.environ.setdefault(limit, "1000000")
os.environ.setdefault("SPEECH_ENGINES", "moonshine,sphinx")
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django  # noqa: E402

django.setup()

import numpy as np  # noqa: E402
import soundfile  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.test import Client  # noqa: E402
from django_countries.fields import CountryField  # noqa: E402

from benchmarks import sets  # noqa: E402
from benchmarks.common import heading  # noqa: E402
from harness import noise  # noqa: E402
from harness.voices import BECKETT_TEXT, VOICES, beckett_path, spoken, wav_bytes  # noqa: E402
from speech import audio  # noqa: E402
from speech.dictation import kind_for  # noqa: E402
from speech.dictation.addresses import COMMON_DOMAINS  # noqa: E402
from speech.dictation.spelling import SPELLING_ALPHABET  # noqa: E402

FIELDS = "email,name,spelled,alphabet,alphabet-email,letters-email,phone,country,sex,held-out,read"


def words(text: str) -> list[str]:
    return "".join(c if c.isalnum() or c in " '" else " " for c in text.lower()).split()


def word_errors(reference: str, hypothesis: str) -> tuple[int, int]:
    ref, hyp = words(reference), words(hypothesis)
    row = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        prev, row[0] = row[0], i
        for j, h in enumerate(hyp, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (r != h))
    return row[-1], len(ref)


Prepare = Callable[[np.ndarray], np.ndarray]


class Runner:
    def __init__(self, voice: str, engine: str, prepare: Prepare | None, show: bool) -> None:
        """`prepare` is done to every recording before it is sent (noise put
        under it, say)."""
        self.client = Client(HTTP_HOST="localhost")
        self.voice, self.engine, self.prepare, self.show = voice, engine, prepare, show
        self.timings: list[tuple[float, float]] = []  # (audio seconds, server seconds)
        self.unheard = 0  # answers of "No speech heard"

    def speak(self, text: str) -> np.ndarray:
        return self.noisy(spoken(text, voice=self.voice))

    def noisy(self, samples: np.ndarray) -> np.ndarray:
        return samples if self.prepare is None else self.prepare(samples)

    def post(self, samples: np.ndarray, field: str, **hints: str) -> dict:
        upload = SimpleUploadedFile("s.wav", wav_bytes(samples), content_type="audio/wav")
        started = time.perf_counter()
        response = self.client.post(
            "/speech/transcribe/",
            {"audio": upload, "field": field, "provider": self.engine, **hints},
            headers={"Accept": "application/json"},
        )
        elapsed = time.perf_counter() - started
        body = response.json()
        self.unheard += response.status_code == 422
        if "audio_seconds" in body:
            self.timings.append((body["audio_seconds"], elapsed))
        return body

    def rate(self, name: str, field: str, cases: list[tuple]) -> tuple[int, int, int]:
        """(right first, right within five, cases); a case is (said,
        expected) or (said, expected, the form's full name)."""
        first = five = 0
        for said, expected, *name_hint in cases:
            hints = {"hint_name": name_hint[0]} if name_hint else {}
            body = self.post(self.speak(said), field, **hints)
            offered = [body.get("value"), *body.get("alternatives", [])]
            first += offered[0] == expected
            five += expected in offered[:5]
            if self.show and offered[0] != expected:
                print(f"    {self.voice} {name}: {expected!r} -> {offered} ({body.get('text')!r})")
        return first, five, len(cases)

    def wer(self, passages: list[tuple[str, np.ndarray]]) -> tuple[int, int]:
        errors = total = 0
        for text, samples in passages:
            body = self.post(samples, "")
            e, n = word_errors(text, body.get("text", ""))
            errors, total = errors + e, total + n
            if self.show and e:
                print(f"    {self.voice} WER: {e} errors in {body.get('text')!r}")
        return errors, total


# Letter -> its word, the first listed where there are two ("alpha", not "alfa").
ALPHABET_WORDS = {letter: word for word, letter in reversed(SPELLING_ALPHABET.items())}


def alphabet_spelling(name: str) -> str:
    """ "Ada Lee" -> "alpha delta alpha space lima echo echo"."""
    return " ".join("space" if c == " " else ALPHABET_WORDS[c] for c in name.lower())


def alphabet_address(address: str, letters: bool = False) -> str:
    """An address at a mail provider, its user name spelled in the alphabet:
    "d77@gmail.com" -> "delta seven seven at gmail dot com"; or with
    `letters`, letter by letter: "d, seven, seven at gmail dot com"."""
    digits = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
    said = {".": "dot", "_": "underscore", "-": "dash", "+": "plus"}
    user, domain = address.split("@")
    spelled = [
        said.get(c) or (digits[int(c)] if c.isdigit() else c if letters else ALPHABET_WORDS[c])
        for c in user
    ]
    user = ", ".join(spelled) if letters else " ".join(spelled)
    return " ".join([user, "at", *" dot ".join(domain.split(".")).split()])


def spelled_out(names: list[str]) -> list[tuple[str, str]]:
    """Each name said letter by letter ("s, m, i, t, h"), and the name."""
    return [(", ".join(name.lower()), name) for name in names]


def field_sets(quick: bool) -> list[tuple[str, str, list[tuple]]]:
    """(row, form field, cases) for every field set the benchmark has."""
    countries = [
        (label, code) for code, label in kind_for(CountryField().formfield()).choices.options
    ]
    held_out_emails = [(said, address) for said, address, _ in sets.HELD_OUT_EMAILS]
    at_providers = [e for _, e in sets.EMAILS if e.partition("@")[2] in COMMON_DOMAINS]
    return [
        ("email", "email", sets.EMAILS),
        ("email, with the name", "email", [(s, e, sets.EMAIL_NAMES[e]) for s, e in sets.EMAILS]),
        ("name", "fullname", [(n, n) for n in sets.NAMES]),
        ("spelled", "fullname", spelled_out(sets.SPELLED)),
        ("alphabet", "fullname", [(alphabet_spelling(n), n) for n in sets.ALPHABET_SPELLED]),
        ("alphabet email", "email", [(alphabet_address(e), e) for e in at_providers]),
        ("letters email", "email", [(alphabet_address(e, True), e) for e in at_providers]),
        (
            "letters email, with the name",
            "email",
            [(alphabet_address(e, True), e, sets.EMAIL_NAMES[e]) for e in at_providers],
        ),
        ("phone", "phone", sets.PHONES),
        ("country", "country", countries[::6] if quick else countries),
        ("sex", "sex", sets.SEXES),
        ("held-out email", "email", held_out_emails),
        ("held-out email, with the name", "email", sets.HELD_OUT_EMAILS),
        ("held-out name", "fullname", [(n, n) for n in sets.HELD_OUT_NAMES]),
        ("held-out phone", "phone", sets.HELD_OUT_PHONES),
        ("held-out country", "country", sets.HELD_OUT_COUNTRIES),
        ("held-out spelled", "fullname", spelled_out(sets.HELD_OUT_SPELLED)),
    ]


def chosen_sets(chosen: list[str], quick: bool) -> list[tuple[str, str, list[tuple]]]:
    """The field sets --fields names: "email" is every set of addresses said
    ("email", "email, with the name"), "held-out" every held-out set."""
    return [
        (row, field, cases)
        for row, field, cases in field_sets(quick)
        if row.split(",")[0].replace(" ", "-") in chosen
        or (row.startswith("held-out") and "held-out" in chosen)
    ]


def run_voice(runner: Runner, chosen: list[str], quick: bool) -> dict[str, tuple]:
    runner.post(spoken("warm up"), "")  # model load is not per request
    runner.timings.clear()
    results: dict[str, tuple] = {}
    for row, field, cases in chosen_sets(chosen, quick):
        results[row] = runner.rate(row, field, cases)
    if "read" in chosen:
        beckett, rate = soundfile.read(beckett_path(), dtype="float32")
        passages = [(text, runner.speak(text)) for text in sets.READ_PASSAGES]
        passages.append((BECKETT_TEXT, runner.noisy(audio.to_rate(beckett, rate))))
        results["WER, read speech"] = runner.wer(passages)
        harvard = [(text, runner.speak(text)) for text in sets.HARVARD_PASSAGES]
        results["WER, Harvard sentences"] = runner.wer(harvard)
    results["time"] = runner.timings
    return results


def print_results(voices: list[str], results: dict[str, dict[str, tuple]]) -> None:
    print_rates(voices, results)
    print("\n| audio length | " + " | ".join(voices) + " |")
    print("| --- |" + " --- |" * len(voices))
    for low, high in [(0, 2), (2, 4), (4, 8), (8, 30)]:
        cells = []
        for voice in voices:
            times = sorted(t for a, t in results[voice]["time"] if low <= a < high)
            p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))] if times else 0
            median = statistics.median(times) if times else 0
            cells.append(f"{median:.2f} / {p95:.2f} s ({len(times)})" if times else "-")
        print(f"| {low}-{high} s | " + " | ".join(cells) + " |")
    print("\n(cells: p50 / p95 server time (requests))")


def print_rates(voices: list[str], results: dict[str, dict[str, tuple]]) -> None:
    """The table of right first and within five (and word error rates), a
    column for each voice and one for all."""
    rows = [row for row in results[voices[0]] if row != "time"]
    print("\n| set | " + " | ".join(voices) + " | all voices |")
    print("| --- |" + " --- |" * (len(voices) + 1))
    for row in rows:
        cells = [results[voice][row] for voice in voices]
        if row.startswith("WER"):
            shown = [f"{100 * e / n:.1f}%" for e, n in cells]
            total = [sum(c[i] for c in cells) for i in range(2)]
            shown.append(f"{100 * total[0] / total[1]:.1f}%")
        else:
            shown = [f"{a}/{n}, {b}/{n}" for a, b, n in cells]
            a, b, n = (sum(c[i] for c in cells) for i in range(3))
            shown.append(f"{100 * a / n:.0f}%, {100 * b / n:.0f}%")
        print(f"| {row} | " + " | ".join(shown) + " |")
    print("\n(cells: right first, right within five — the value and its four alternatives)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--engine", default="moonshine")
    parser.add_argument("--voices", default=",".join(VOICES))
    parser.add_argument("--quick", action="store_true", help="42 countries instead of all")
    parser.add_argument("--misses", action="store_true", help="print every miss")
    parser.add_argument("--fields", default=FIELDS)
    parser.add_argument("--noise", help="KIND:DB, noise (white, pink, babble) DB under the speech")
    args = parser.parse_args()
    voices = args.voices.split(",")
    prepare = noise.named(args.noise or "")
    said = f", noise {args.noise} dB under the speech" if prepare else ""
    heading("Dictation benchmark", f", engine {args.engine}{said}")
    chosen = args.fields.split(",")
    results = {}
    for voice in voices:
        runner = Runner(voice, args.engine, prepare, args.misses)
        results[voice] = run_voice(runner, chosen, args.quick)
        print(f"  {voice}: done", flush=True)
    print_results(voices, results)


if __name__ == "__main__":
    main()
