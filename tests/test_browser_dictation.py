"""A person presses the email field's mic button, speaks, and the field fills:
Chromium's fake microphone plays synthesised speech into the real page."""

import numpy as np
import pytest
import soundfile
from playwright.sync_api import expect

from speech import audio

from .speech_audio import spoken

pytestmark = pytest.mark.browser

EMAIL_SPOKEN = "john dot smith at gmail dot com"
EMAIL_VALUE = "john.smith@gmail.com"


@pytest.fixture
def microphone(tmp_path):
    """A WAV for the fake microphone: silence, the address, a longer silence."""

    def make(text: str):
        speech = spoken(text)
        tail = np.zeros(audio.RATE * 2, dtype=np.float32)
        path = tmp_path / "mic.wav"
        soundfile.write(path, np.concatenate([speech, tail]), audio.RATE, subtype="PCM_16")
        return path, audio.seconds(speech)

    return make


def test_the_email_mic_button_fills_the_field_with_the_spoken_address(
    launch_chromium, live_site, microphone
):
    wav, seconds = microphone(EMAIL_SPOKEN)
    browser = launch_chromium(
        "--use-fake-ui-for-media-stream",
        "--use-fake-device-for-media-stream",
        f"--use-file-for-fake-audio-capture={wav}%noloop",
    )
    page = browser.new_page()
    page.set_default_timeout(30_000)
    page.goto(live_site + "/accounts/register/")

    mic = page.get_by_role("button", name="Dictate Email address")
    mic.click()
    expect(mic).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#dictation-status-email")).to_contain_text("Recording")
    page.wait_for_timeout(int((seconds + 1.0) * 1000))
    mic.click()
    expect(mic).to_have_attribute("aria-pressed", "false")

    email = page.get_by_label("Email address")
    expect(email).to_have_value(EMAIL_VALUE)
    expect(email).to_be_focused()
    expect(page.locator("#dictation-announcer")).to_contain_text(EMAIL_VALUE)
    page.wait_for_load_state("networkidle")  # the inline validation that follows
    expect(email).to_have_value(EMAIL_VALUE)
    expect(page.get_by_role("button", name="Dictate Email address")).to_be_visible()


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (["--use-fake-device-for-media-stream", "--deny-permission-prompts"], "refused"),
        (["--deny-permission-prompts"], "No microphone was found"),
    ],
    ids=["permission-refused", "no-microphone"],
)
def test_a_microphone_that_cannot_be_used_gets_a_clear_message(
    launch_chromium, live_site, flags, message
):
    page = launch_chromium(*flags).new_page()
    page.goto(live_site + "/accounts/login/")
    mic = page.get_by_role("button", name="Dictate Email address")
    mic.click()
    expect(page.locator("#dictation-status-email")).to_contain_text(message)
    expect(mic).to_have_attribute("aria-pressed", "false")
    expect(page.locator("#dictation-announcer")).to_contain_text(message)
