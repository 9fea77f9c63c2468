"""Live captions as a person meets them: Chromium's fake microphone reads the
shipped recording into /speech/live/, and the words appear as it speaks."""

import pytest
import soundfile
from playwright.sync_api import expect

from harness.voices import beckett_path
from speech import audio

from .browsing import register

pytestmark = pytest.mark.browser


def test_spoken_words_appear_live_and_are_kept(speaking_page, live_site):
    speech, rate = soundfile.read(beckett_path(), dtype="float32")
    page, _ = speaking_page(audio.to_rate(speech, rate))
    register(page, live_site, "live@example.com")

    page.goto(live_site + "/speech/live/")
    page.get_by_role("button", name="Start").click()
    expect(page.locator("#live-status")).to_contain_text("Listening")
    expect(page.locator("#live-partial")).to_contain_text("tried", ignore_case=True, timeout=20_000)
    expect(page.locator("#live-transcript")).to_contain_text(
        "failed", ignore_case=True, timeout=20_000
    )
    expect(page.locator("#live-transcript")).to_contain_text(
        "better", ignore_case=True, timeout=30_000
    )
    page.get_by_role("button", name="Stop").click()
    expect(page.locator("#live-status")).to_contain_text("saved", timeout=30_000)

    page.get_by_role("navigation", name="Main").get_by_role("link", name="History").click()
    page.locator(".transcript-list a").first.click()
    expect(page.locator(".transcript-text")).to_contain_text(
        "better", ignore_case=True, timeout=30_000
    )
