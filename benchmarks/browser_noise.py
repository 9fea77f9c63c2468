"""Should the recorder ask for the browser's own noise suppression, echo
cancellation and gain control? Measured through Chromium's fake microphone.

Run by hand (not part of the test suite), from the repository root:

    .venv/bin/python benchmarks/browser_noise.py [--noises white:10,babble:10]

For each noise and each way of asking, Debian's Chromium plays a noisy
recording (Piper's voice, the noise under the whole file) through its fake
microphone into the register page; the field's mic records it with the
site's recorder and uploads it, and the value the field is filled with is
compared with what was said. The ways of asking:
- as shipped: recorder.js asks for none of the three but gain control;
- browser: noiseSuppression, echoCancellation and autoGainControl all on
  (an init script changes what getUserMedia is asked for).
The site's own suppression stays on (SPEECH_NOISE_SUPPRESSION), as it ships.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402
import soundfile  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from benchmarks import sets  # noqa: E402
from benchmarks.common import heading  # noqa: E402
from harness import noise  # noqa: E402
from harness.site import CHROMIUM, CHROMIUM_ARGS, served_site  # noqa: E402
from harness.voices import PIPER, spoken  # noqa: E402
from speech import audio  # noqa: E402

FIELDS = {"email": "Email address", "fullname": "Full name", "phone": "Phone (optional)"}
CASES = [
    *[("email", said, value) for said, value, _ in sets.HELD_OUT_EMAILS[:4]],
    *[("fullname", name, name) for name in sets.HELD_OUT_NAMES[:4]],
    *[("phone", said, value) for said, value in sets.HELD_OUT_PHONES[:4]],
]
BROWSER_PROCESSING = """
(() => {
  const ask = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
  navigator.mediaDevices.getUserMedia = (constraints) => ask({ audio: { channelCount: 1,
    noiseSuppression: true, echoCancellation: true, autoGainControl: true } });
})();
"""


def microphone_file(path: Path, said: str, condition: str) -> float:
    """The fake microphone's file: a second's lead, the speech, two seconds
    after, the noise under all of it. Returns its length in seconds."""
    speech = spoken(said, voice=PIPER)
    quiet = np.zeros(audio.RATE, dtype=np.float32)
    whole = np.concatenate([quiet, speech, quiet, quiet])
    kind, _, db = condition.partition(":")
    if kind != "clean":
        whole = noise.under(whole, float(db), kind)
    soundfile.write(path, np.clip(whole, -1, 1), audio.RATE, subtype="PCM_16")
    return audio.seconds(whole)


def dictated(playwright, site: str, path: Path, seconds: float, field: str, ask: bool) -> str:
    browser = playwright.chromium.launch(
        executable_path=CHROMIUM,
        args=[*CHROMIUM_ARGS, "--use-fake-ui-for-media-stream",
              "--use-fake-device-for-media-stream",
              f"--use-file-for-fake-audio-capture={path}%noloop"],
    )  # fmt: skip
    try:
        page = browser.new_page()
        page.set_default_timeout(30_000)
        if ask:
            page.add_init_script(BROWSER_PROCESSING)
        page.goto(site + "/accounts/register/")
        mic = page.get_by_role("button", name=f"Dictate {FIELDS[field].split(' (')[0]}")
        mic.click()
        page.wait_for_timeout(int((seconds - 1.0) * 1000))
        with page.expect_response("**/speech/transcribe/"):
            mic.click()
        page.wait_for_timeout(300)
        return page.get_by_label(FIELDS[field], exact=True).input_value()
    finally:
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--noises", default="clean,white:10,babble:10,white:5")
    args = parser.parse_args()
    heading("Browser processing in noise")
    generous = {"SPEECH_ANONYMOUS_AUDIO_SECONDS": "100000", "SPEECH_RATE_LIMIT": "10000",
                "REGISTER_CHECKS_PER_HOUR": "10000"}  # fmt: skip
    print("| noise | as shipped | browser's processing on |\n| --- | --- | --- |")
    with (
        tempfile.TemporaryDirectory() as var,
        served_site(Path(var), generous) as site,
        sync_playwright() as playwright,
    ):
        for condition in args.noises.split(","):
            right = {False: 0, True: 0}
            for field, said, value in CASES:
                path = Path(var) / "microphone.wav"
                seconds = microphone_file(path, said, condition)
                for ask in (False, True):
                    got = dictated(playwright, site, path, seconds, field, ask)
                    right[ask] += got == value
            n = len(CASES)
            print(f"| {condition} | {right[False]}/{n} | {right[True]}/{n} |", flush=True)


if __name__ == "__main__":
    main()
