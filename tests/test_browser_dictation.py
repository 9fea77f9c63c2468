"""A person presses the email field's mic button, speaks, and the field fills:
Chromium's fake microphone plays synthesised speech into the real page."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

EMAIL_SPOKEN = "john dot smith at gmail dot com"
EMAIL_VALUE = "john.smith@gmail.com"


def test_the_email_mic_button_fills_the_field_with_the_spoken_address(speaking_page, live_site):
    page, seconds = speaking_page(EMAIL_SPOKEN)
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
