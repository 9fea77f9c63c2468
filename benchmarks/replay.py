"""The dictation benchmark replayed: the engine's readings and scores of its
recordings kept once, then run through the kinds' rules as the code stands,
in seconds instead of minutes, so that a rule or a weight is measured on
every voice and set before it is written into a kind.

Run by hand, from the repository root:

    .venv/bin/python benchmarks/replay.py record DIR [--voices ...] [--fields ...]
    .venv/bin/python benchmarks/replay.py score DIR [--misses]

`record` dictates every case of the chosen sets (benchmarks/dictation.py's,
with its --fields names) through the real pipeline, each recording made a
WAV upload and decoded as the speech view does, and keeps what the engine
gave the kind: its readings, and the score of every phrase its ranking
scored, before the kind's head starts. `score` asks each kind, as the code
now stands, for the phrases it ranks and their head starts, orders the kept
scores with them, and asks it for its values: the benchmark's answers
exactly (record checks each) while a change leaves the phrases a kind ranks
and the readings it asks for as they were. A change that ranks phrases not
kept, or reads the audio again otherwise, needs a new record: a phrase
with no kept score is not ranked, as the search's beam had dropped it.
Moonshine only (its search gives the scores).
"""

from __future__ import annotations

import argparse
import copy
import pickle
import re
import sys
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.dictation import FIELDS, chosen_sets, print_rates  # noqa: E402  (sets Django up)

# isort: split
from django.conf import settings  # noqa: E402

from accounts.forms import RegisterForm  # noqa: E402
from benchmarks.common import heading  # noqa: E402
from harness.voices import VOICES, spoken, wav_bytes  # noqa: E402
from speech import audio, engines, recognition  # noqa: E402
from speech.dictation import Hints, Kind, kind_for, pipeline  # noqa: E402
from speech.engines.moonshine import search  # noqa: E402


@contextmanager
def _kept(kind: Kind, kept: dict):
    """What the engine gives `kind` while inside: its readings as the kind
    is asked for its values, the scores of the phrases ranked. (Wrapped
    here, not hooked in the product: only this tool wants them.)"""
    rank, values = search.rank, kind.values

    def ranked(model, samples, choices):
        scored = rank(model, samples, choices)
        kept["scores"] = dict(scored)
        return scored

    def asked(readings, hints):
        kept["readings"] = copy.deepcopy(readings)
        return values(readings, hints)

    search.rank, kind.values = ranked, asked
    try:
        yield
    finally:
        search.rank = rank
        del kind.values  # the class's again


def replayed(case: dict) -> list[str]:
    """The value and its alternatives the kind gives the kept readings now."""
    if case["readings"] is None:  # no speech heard: the view's 422
        return []
    kind, hints = _kind(case["field"]), Hints(name=case["hint"])
    readings = copy.deepcopy(case["readings"])
    readings.ranked = []
    phrases = kind.phrases_to_rank(readings, hints)
    scored = [(p, case["scores"][p] + head) for p, head in phrases.items() if p in case["scores"]]
    readings.ranked = [p for p, _ in sorted(scored, key=lambda pair: pair[1], reverse=True)]
    if not readings.heard and not readings.ranked:
        return []
    return kind.values(readings, hints)[: 1 + pipeline.MAX_ALTERNATIVES]


def _kind(field: str) -> Kind:
    """The kind of the sign-up form's field, the form the benchmark fills."""
    return kind_for(RegisterForm.base_fields[field])


def record(folder: Path, voices: list[str], chosen: list[str]) -> None:
    engine = engines.ENGINES["moonshine"]
    limits = audio.Limits(settings.SPEECH_MAX_AUDIO_SECONDS)
    folder.mkdir(parents=True, exist_ok=True)
    for voice in voices:
        cases = []
        for row, field, said_cases in chosen_sets(chosen, quick=False):
            kind = _kind(field)
            for said, expected, *name in said_cases:
                samples = audio.decode(wav_bytes(spoken(said, voice=voice)), limits)
                case = dict(voice=voice, row=row, field=field, expected=expected)
                case["hint"], kept = (name or [""])[0], {}
                with _kept(kind, kept):
                    try:
                        hints = Hints(name=case["hint"])
                        answer = pipeline.dictate_here(samples, engine, "en", kind, hints)
                        offered = [answer.value, *answer.alternatives]
                    except recognition.NoSpeech:
                        offered = []
                case |= dict(readings=kept.get("readings"), scores=kept.get("scores", {}))
                if replayed(case) != offered:
                    print(f"    {voice} {row}: the replay of {expected!r} differs")
                cases.append(case)
        (folder / f"{_file_name(voice)}.pickle").write_bytes(pickle.dumps(cases))
        print(f"  {voice}: {len(cases)} recordings kept", flush=True)


def score(folder: Path, misses: bool) -> None:
    results: dict[str, dict[str, tuple]] = {}
    for path in sorted(folder.glob("*.pickle")):
        for case in pickle.loads(path.read_bytes()):  # noqa: S301 (our own files)
            offered, voice, row = replayed(case), case["voice"], case["row"]
            right = bool(offered) and offered[0] == case["expected"]
            first, five, n = results.setdefault(voice, {}).get(row, (0, 0, 0))
            results[voice][row] = (first + right, five + (case["expected"] in offered), n + 1)
            if misses and not right:
                said = f"{case['expected']!r} -> {offered} ({case['readings'].heard!r})"
                print(f"    {voice} {row}: {said}")
    print_rates(list(results), results)


def _file_name(voice: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", voice.lower())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("action", choices=["record", "score"])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--voices", default=",".join(VOICES))
    parser.add_argument("--fields", default=FIELDS)
    parser.add_argument("--misses", action="store_true", help="print every miss")
    args = parser.parse_args()
    heading("Dictation replay", f", {args.action} {args.folder}")
    if args.action == "record":
        record(args.folder, args.voices.split(","), args.fields.split(","))
    else:
        score(args.folder, args.misses)


if __name__ == "__main__":
    main()
