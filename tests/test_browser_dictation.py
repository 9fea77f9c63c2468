"""A person presses the email field's mic button, speaks, and the field fills:
Chromium's fake microphone plays synthesised speech into the real page."""

import pytest
from playwright.sync_api import expect

from .browsing import PASSWORD, register, type_in

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
def test_a_microphone_that_cannot_be_used_gets_a_clear_message_and_typing_works(
    launch_chromium, live_site, flags, message
):
    email = f"typist-{len(flags)}@example.com"
    setup = launch_chromium().new_page()
    register(setup, live_site, email)
    setup.context.close()
    page = launch_chromium(*flags).new_page()
    page.goto(live_site + "/accounts/login/")
    mic = page.get_by_role("button", name="Dictate Email address")
    mic.click()
    expect(page.locator("#dictation-status-email")).to_contain_text(message)
    expect(mic).to_have_attribute("aria-pressed", "false")
    expect(page.locator("#dictation-announcer")).to_contain_text(message)
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Password").press("Enter")
    expect(page).to_have_url(live_site + "/accounts/me/")


def test_a_misheard_address_is_put_right_from_the_keyboard_and_submitted(speaking_page, live_site):
    # eSpeak's "dash" is heard as "Nash": the address said is the first of
    # the other possibilities.
    page, seconds = speaking_page("peter dash parker at outlook dot com")
    page.goto(live_site + "/accounts/register/")
    keyboard = page.keyboard
    email = page.get_by_label("Email address")
    email.focus()
    keyboard.press("Alt+M")
    page.wait_for_timeout(int((seconds + 1.0) * 1000))
    keyboard.press("Alt+M")
    expect(email).to_have_value("peternashparker@outlook.com")
    expect(email).to_be_focused()
    choices = page.locator("#dictation-status-email .alternative")
    expect(choices.first).to_contain_text("peter-parker@outlook.com")
    expect(page.locator("#dictation-announcer")).to_contain_text("other possibilit")
    page.wait_for_load_state("networkidle")  # the inline validation keeps them
    expect(choices.first).to_be_visible()

    keyboard.press("ArrowDown")
    expect(choices.first).to_be_focused()
    keyboard.press("Enter")
    expect(email).to_have_value("peter-parker@outlook.com")
    expect(email).to_be_focused()
    expect(page.locator("#dictation-announcer")).to_contain_text("peter-parker@outlook.com")
    # The value it replaced is now the one to go back to.
    expect(choices.first).to_contain_text("peternashparker@outlook.com")
    keyboard.press("Escape")
    expect(choices).to_have_count(0)

    type_in(page, name="Peter Parker", sex="male", country="US")
    page.get_by_label("Password confirmation").press("Enter")
    expect(page).to_have_url(live_site + "/accounts/me/")
    expect(page.locator(".summary-list")).to_contain_text("peter-parker@outlook.com")


def test_a_digit_key_puts_an_alternative_in_the_field_and_typing_dismisses_them(
    speaking_page, live_site
):
    # No ranking on the audio tells Sophia from Sofia: the other spelling
    # is always the first other possibility, whatever else the engine
    # heard (which shifts with where the browser's recording starts).
    page, seconds = speaking_page("Sophia Brown")
    page.goto(live_site + "/accounts/register/")
    name = page.get_by_label("Full name")
    expect(name).to_be_focused()  # the form starts with the name
    page.keyboard.press("Alt+M")
    page.wait_for_timeout(int((seconds + 1.0) * 1000))
    page.keyboard.press("Alt+M")
    expect(name).to_have_value("Sophia Brown")
    choices = page.locator("#dictation-status-fullname .alternative")
    expect(choices.first).to_have_attribute("data-value", "Sofia Brown")
    page.keyboard.press("1")
    expect(name).to_have_value("Sofia Brown")
    expect(choices.first).to_have_attribute("data-value", "Sophia Brown")  # one pick away
    expect(choices.first).to_be_visible()
    page.keyboard.press("End")
    page.keyboard.type(" Jr")
    expect(choices).to_have_count(0)
    expect(page.locator("#dictation-status-fullname .spell-tip")).to_be_visible()


def test_the_name_already_in_the_form_makes_the_address_built_from_it_likelier(
    speaking_page, live_site
):
    page, seconds = speaking_page("peter dash parker at outlook dot com")
    page.goto(live_site + "/accounts/register/")
    page.get_by_label("Full name").fill("Peter Parker")
    email = page.get_by_label("Email address")
    email.focus()
    page.keyboard.press("Alt+M")
    page.wait_for_timeout(int((seconds + 1.0) * 1000))
    page.keyboard.press("Alt+M")
    expect(email).to_have_value("peter-parker@outlook.com")
