"""Dictation benchmark: field exact-match, word error rate and server time.

Run by hand (not part of the test suite), from the repository root:

    .venv/bin/python benchmarks/dictation.py [--engines moonshine,sphinx] [--quick]
        [--voice en | flite:slt | festival:cmu_us_slt_arctic_hts] [--fields ...]

Speech is eSpeak NG (each utterance made in a fresh process, so runs repeat)
or, with --voice flite:NAME or festival:NAME, Debian's Flite or Festival
(`apt-get install flite festival festvox-us-slt-hts`), and the read
recording shipped in moonshine-cpp. Every request goes through
the real speech view (decode, recognise, field value) in this process; the
time reported is the view's wall time. Results go in docs/performance.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
os.environ.setdefault("SPEECH_RATE_LIMIT", "1000000")
os.environ.setdefault("SPEECH_ENGINES", "moonshine,sphinx")
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django  # noqa: E402
import numpy as np  # noqa: E402

django.setup()

from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.test import Client  # noqa: E402
from django_countries.fields import CountryField  # noqa: E402

from harness import voices  # noqa: E402
from harness.voices import (  # noqa: E402
    BECKETT_TEXT,
    beckett_path,
    debian_spoken,
    spoken,
    wav_bytes,
    with_noise,
)
from speech import audio  # noqa: E402
from speech.dictation import kind_for  # noqa: E402
from speech.dictation.emails import COMMON_DOMAINS  # noqa: E402
from speech.dictation.spelling import SPELLING_ALPHABET  # noqa: E402

EMAILS = [
    ("john dot smith at gmail dot com", "john.smith@gmail.com"),
    ("john dot smith at example dot com", "john.smith@example.com"),
    ("mary underscore jones at yahoo dot com", "mary_jones@yahoo.com"),
    ("peter dash parker at outlook dot com", "peter-parker@outlook.com"),
    ("sam at example dot org", "sam@example.org"),
    ("alice dot brown at hotmail dot co dot uk", "alice.brown@hotmail.co.uk"),
    ("david seventy seven at gmail dot com", "david77@gmail.com"),
    ("info at company dot com", "info@company.com"),
    ("t underscore nguyen at outlook dot com", "t_nguyen@outlook.com"),
    ("bob plus news at example dot org", "bob+news@example.org"),
    ("anna smith at gmail dot com", "annasmith@gmail.com"),
    ("james dot wilson at icloud dot com", "james.wilson@icloud.com"),
    ("linda dot green at proton dot me", "linda.green@proton.me"),
    ("support at mozilla dot org", "support@mozilla.org"),
    ("kevin dot lee at university dot edu", "kevin.lee@university.edu"),
    ("sarah dot connor at skynet dot com", "sarah.connor@skynet.com"),
    ("mike twenty at mail dot com", "mike20@mail.com"),
    ("hello at world dot net", "hello@world.net"),
    ("robert dot king at example dot com", "robert.king@example.com"),
    ("emma dot watson at gmail dot com", "emma.watson@gmail.com"),
]
PHONES = [
    ("five five five one two three four", "5551234"),
    ("five five five one two three four five six seven", "5551234567"),
    ("plus four four seven seven double zero nine double zero one two three", "+447700900123"),
    ("triple five one two three four", "5551234"),
    ("two zero two five five five zero one four three", "2025550143"),
    ("nine one seven five five five zero one nine nine", "9175550199"),
    ("zero seven nine four six zero one two three four", "0794601234"),
    ("one eight hundred five five five zero one nine nine", "18005550199"),
    ("plus one four one five five five five two six seven one", "+14155552671"),
    ("six five zero two five three zero zero zero zero", "6502530000"),
    ("three one two eight nine four seven six five", "312894765"),
    ("eight eight eight double four double two", "8884422"),
    ("four one five five five five one two one two", "4155551212"),
    ("seven seven seven eight eight eight nine", "7778889"),
    ("plus three three one two three four five six seven eight nine", "+33123456789"),
    ("six one two three four five six seven eight", "612345678"),
    ("nine eight seven six five four three two one", "987654321"),
    ("one two three four five six seven", "1234567"),
    ("five zero five five five five zero one zero zero", "5055550100"),
    ("two one two five five five zero one two three", "2125550123"),
]
NAMES = [
    "John Smith", "Mary Johnson", "Peter Parker", "Maria Garcia", "Alan Turing",
    "Grace Hopper", "Ada Lovelace", "James Brown", "Linda Green", "Robert King",
    "Emma Watson", "David Miller", "Sarah Connor", "Michael Jordan", "Susan Clark",
    "Thomas Edison", "Anna Lee", "Kevin White", "Laura Hall", "Daniel Young",
]  # fmt: skip
# Names spelled letter by letter, as people spell one the engine mishears.
SPELLED = [
    "Nguyen", "Lovelace", "Turing", "Hopper", "King",
    "Smith", "Edison", "Garcia", "Connor", "Young",
]  # fmt: skip
# The same names in the spelling alphabet, and two the engine mishears
# spoken, spelled whole with "space" between the words.
ALPHABET_SPELLED = [*SPELLED, "Ada Lovelace", "Anna Lee"]
SEXES = [("female", "female"), ("male", "male"), ("other", "other"),
         ("woman", "female"), ("man", "male")]  # fmt: skip
READ_PASSAGES = [
    "The quick brown fox jumps over the lazy dog. Pack my box with five dozen liquor jugs.",
    "Please call me tomorrow morning about the meeting. I will bring the documents with me.",
    "The library opens at nine in the morning and closes at six in the evening on weekdays.",
    "We walked along the river until the sun went down, then we found a small restaurant.",
]
# Harvard sentences, lists 1 and 2 (IEEE 1969), two to a passage: phonetically
# balanced and hard to guess from context, so every eSpeak sound counts.
HARVARD_PASSAGES = [
    "The birch canoe slid on the smooth planks. Glue the sheet to the dark blue background.",
    "It's easy to tell the depth of a well. These days a chicken leg is a rare dish.",
    "Rice is often served in round bowls. The juice of lemons makes fine punch.",
    "The box was thrown beside the parked truck. The hogs were fed chopped corn and garbage.",
    "Four hours of steady work faced us. A large size in stockings is hard to sell.",
    "The boy was there when the sun rose. A rod is used to catch pink salmon.",
    "The source of the huge river is the clear spring. Kick the ball straight and follow through.",
    "Help the woman get back to her feet. A pot of tea helps to pass the evening.",
    "Smoky fires lack flame and heat. The soft cushion broke the man's fall.",
    "The salt breeze came across from the sea. The girl at the booth sold fifty bonds.",
]


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


class Runner:
    def __init__(self, voice: str, noise_db: float | None = None) -> None:
        self.client = Client(HTTP_HOST="localhost")
        self.voice = voice
        self.noise_db = noise_db
        self.timings: list[tuple[float, float]] = []  # (audio seconds, server seconds)

    def speak(self, text: str) -> np.ndarray:
        synthesiser, _, voice = self.voice.rpartition(":")
        if synthesiser:
            samples = debian_spoken(text, synthesiser, voice)
        else:
            samples = spoken(text, voice=self.voice)
        return self.noisy(samples)

    def noisy(self, samples: np.ndarray) -> np.ndarray:
        return samples if self.noise_db is None else with_noise(samples, self.noise_db)

    def post(self, wav: bytes, field: str, engine: str) -> dict:
        upload = SimpleUploadedFile("s.wav", wav, content_type="audio/wav")
        started = time.perf_counter()
        response = self.client.post(
            "/speech/transcribe/",
            {"audio": upload, "field": field, "provider": engine},
            headers={"Accept": "application/json"},
        )
        elapsed = time.perf_counter() - started
        body = response.json()
        if "audio_seconds" in body:
            self.timings.append((body["audio_seconds"], elapsed))
        return body


# Letter -> its word, the first listed where there are two ("alpha", not "alfa").
ALPHABET_WORDS = {letter: word for word, letter in reversed(SPELLING_ALPHABET.items())}


def alphabet_spelling(name: str) -> str:
    """ "Ada Lee" -> "alpha delta alpha space lima echo echo"."""
    return " ".join("space" if c == " " else ALPHABET_WORDS[c] for c in name.lower())


def alphabet_address(address: str) -> str:
    """An address at a mail provider, its user name spelled in the alphabet:
    "d77@gmail.com" -> "delta seven seven at gmail dot com"."""
    digits = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
    said = {".": "dot", "_": "underscore", "-": "dash", "+": "plus"}
    user, domain = address.split("@")
    spelled = [ALPHABET_WORDS.get(c) or said.get(c) or digits[int(c)] for c in user]
    return " ".join([*spelled, "at", *" dot ".join(domain.split(".")).split()])


def field_rate(runner, engine, field, cases, show) -> tuple[int, int]:
    hits = 0
    form_field = {"spelled": "fullname", "alphabet": "fullname", "alphabet email": "email"}.get(
        field, field
    )
    for said, expected in cases:
        body = runner.post(wav_bytes(runner.speak(said)), form_field, engine)
        ok = body.get("value") == expected
        hits += ok
        if show and not ok:
            print(
                f"    miss {field}: {said!r} -> {body.get('value')!r} (heard {body.get('text')!r})"
            )
    return hits, len(cases)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--engines", default="moonshine,sphinx")
    parser.add_argument("--quick", action="store_true", help="40 countries instead of all")
    parser.add_argument("--misses", action="store_true", help="print every miss")
    parser.add_argument(
        "--fields",
        default="email,phone,fullname,spelled,alphabet,alphabet-email,country,sex,read",
    )
    parser.add_argument(
        "--voice",
        default=voices.VOICE,
        help="an eSpeak NG voice, or flite:VOICE or festival:VOICE (Debian's)",
    )
    parser.add_argument("--noise", type=float, help="white noise this many dB under the speech")
    args = parser.parse_args()

    country = kind_for(CountryField().formfield()).choices
    countries = [(label, code) for code, label in country.options]
    if args.quick:
        countries = countries[::6]

    noise = f", white noise {args.noise:g} dB under the speech" if args.noise is not None else ""
    print(f"# Dictation benchmark, {time.strftime('%Y-%m-%d')}, voice {args.voice}{noise}")
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    for engine in args.engines.split(","):
        runner = Runner(args.voice, args.noise)
        runner.post(wav_bytes(spoken("warm up")), "", engine)  # model load is not per request
        runner.timings.clear()
        print(f"\n## {engine}")
        print("| field | exact match |")
        print("| --- | --- |")
        sets = [
            ("email", EMAILS),
            ("phone", PHONES),
            ("fullname", [(n, n) for n in NAMES]),
            ("spelled", [(", ".join(n.lower()), n) for n in SPELLED]),
            ("alphabet", [(alphabet_spelling(n), n) for n in ALPHABET_SPELLED]),
            (
                "alphabet email",
                [
                    (alphabet_address(e), e)
                    for _, e in EMAILS
                    if e.partition("@")[2] in COMMON_DOMAINS
                ],
            ),
            ("country", countries),
            ("sex", SEXES),
        ]
        chosen = [name.replace("-", " ") for name in args.fields.split(",")]
        for field, cases in [(f, c) for f, c in sets if f in chosen]:
            hits, total = field_rate(runner, engine, field, cases, args.misses)
            print(f"| {field} | {hits}/{total} = {100 * hits / total:.1f}% |")
        if "read" not in chosen:
            print_timings(runner.timings)
            continue
        import soundfile

        beckett, rate = soundfile.read(beckett_path(), dtype="float32")
        passages = [(text, runner.speak(text)) for text in READ_PASSAGES]
        passages.append((BECKETT_TEXT, runner.noisy(audio.to_rate(beckett, rate))))
        print_wer(runner, engine, "read speech", passages, args.misses)
        harvard = [(text, runner.speak(text)) for text in HARVARD_PASSAGES]
        print_wer(runner, engine, "Harvard sentences", harvard, args.misses)
        print_timings(runner.timings)


def print_wer(runner, engine, name, passages, show) -> None:
    errors = total_words = 0
    for text, samples in passages:
        body = runner.post(wav_bytes(samples), "", engine)
        e, n = word_errors(text, body.get("text", ""))
        errors, total_words = errors + e, total_words + n
        if show and e:
            print(f"    {name}: {e} errors: {body.get('text')!r}")
    print(f"\nWER on {name} ({len(passages)} passages, {total_words} words): "
          f"{100 * errors / total_words:.1f}%")  # fmt: skip


def print_timings(timings: list[tuple[float, float]]) -> None:
    buckets = [(0, 2), (2, 4), (4, 8), (8, 30)]
    print("\n| audio length | requests | p50 server time | p95 server time |")
    print("| --- | --- | --- | --- |")
    for low, high in buckets:
        times = sorted(t for a, t in timings if low <= a < high)
        if not times:
            continue
        p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
        print(f"| {low}-{high} s | {len(times)} | {statistics.median(times):.2f} s | {p95:.2f} s |")


if __name__ == "__main__":
    main()
