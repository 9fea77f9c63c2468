"""Every journey a person takes, in Chromium against the served site, speech
synthesised for each: registering with every field dictated and logging in
by voice, the same from the keyboard alone, with JavaScript off, and at
phone width and 200% zoom."""

import pytest
from playwright.sync_api import expect

from .browsing import PASSWORD, type_in

pytestmark = pytest.mark.browser

# Values eSpeak's voice is heard saying right (benchmarks/dictation.py).
MICHAEL = [
    ("Full name", "Michael Jordan", "Michael Jordan"),
    ("Email address", "mike twenty at mail dot com", "mike20@mail.com"),
    ("Phone (optional)", "five five five one two three four", "5551234"),
    ("Country", "France", "FR"),
    ("Sex", "male", "male"),
]


def dictate(page, say, label: str, said: str) -> None:
    """Into the field: Alt+M, speak, Alt+M; wait for the answer."""
    seconds = say(said)
    field = page.get_by_label(label, exact=True)
    field.focus()
    page.keyboard.press("Alt+M")
    page.wait_for_timeout(int((seconds + 0.5) * 1000))
    page.keyboard.press("Alt+M")
    expect(
        page.locator(f"#dictation-status-{field.get_attribute('name')} .dictation-result")
    ).to_be_attached()


def test_a_person_registers_by_voice_and_logs_in_by_voice(dictating_page, live_site):
    page, say = dictating_page
    page.goto(live_site + "/accounts/register/")
    for label, said, value in MICHAEL:
        dictate(page, say, label, said)
        expect(page.get_by_label(label, exact=True)).to_have_value(value)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password confirmation").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()

    expect(page).to_have_url(live_site + "/accounts/me/")
    expect(page.locator("#greeting-text[data-announced]")).to_have_text("Welcome, Michael.")
    expect(page.locator(".summary-list")).to_contain_text("mike20@mail.com")
    for label, _, value in MICHAEL[2:]:
        expect(page.get_by_label(label, exact=True)).to_have_value(value)
    page.get_by_role("button", name="Log out").click()

    page.goto(live_site + "/accounts/login/")
    dictate(page, say, "Email address", "mike twenty at mail dot com")
    expect(page.get_by_label("Email address")).to_have_value("mike20@mail.com")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Password").press("Enter")
    expect(page.locator("#greeting-text[data-announced]")).to_have_text("Welcome back, Michael.")


def test_a_person_registers_from_the_keyboard_alone(dictating_page, live_site):
    """Tab, Alt+M and typing only: each field is dictated (or typed), its
    other possibilities dismissed with Escape, then Tab past its mic."""
    page, say = dictating_page
    page.goto(live_site + "/accounts/register/")
    keyboard = page.keyboard
    steps = [
        ("Full name", "James Brown", "James Brown"),
        ("Email address", "james dot wilson at icloud dot com", "james.wilson@icloud.com"),
        ("Password", None, None),
        ("Password confirmation", None, None),
        ("Sex", "male", "male"),
        ("Phone (optional)", "nine one seven five five five zero one nine nine", "9175550199"),
        ("Country", "Germany", "DE"),
    ]
    expect(page.get_by_label("Full name")).to_be_focused()
    for label, said, value in steps:
        field = page.get_by_label(label, exact=True)
        expect(field).to_be_focused()
        if said is None:
            keyboard.type(PASSWORD)
            keyboard.press("Tab")
            continue
        seconds = say(said)
        keyboard.press("Alt+M")
        page.wait_for_timeout(int((seconds + 0.5) * 1000))
        keyboard.press("Alt+M")
        expect(field).to_have_value(value)
        expect(field).to_be_focused()
        page.wait_for_load_state("networkidle")  # the field's inline validation
        keyboard.press("Escape")
        keyboard.press("Tab")
        mic = f"Dictate {label.removesuffix(' (optional)')}"
        expect(page.get_by_role("button", name=mic)).to_be_focused()
        keyboard.press("Tab")
    expect(page.get_by_role("button", name="Create account")).to_be_focused()
    keyboard.press("Enter")
    expect(page).to_have_url(live_site + "/accounts/me/")
    expect(page.locator(".summary-list")).to_contain_text("james.wilson@icloud.com")


def test_with_javascript_off_every_form_works_and_no_mic_shows(launch_chromium, live_site):
    page = launch_chromium().new_context(java_script_enabled=False).new_page()
    page.goto(live_site + "/accounts/register/")
    expect(page.locator("button.mic").first).to_be_hidden()
    type_in(page, name="Nora Script", email="nora@nojs.example", sex="female", country="IE")
    page.get_by_role("button", name="Create account").click()
    expect(page).to_have_url(live_site + "/accounts/me/")

    page.get_by_label("Phone").fill("+353 1 555 0199")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".message-banner")).to_contain_text("saved")
    expect(page.get_by_label("Phone")).to_have_value("+353 1 555 0199")

    page.goto(live_site + "/room/")
    expect(page.locator("button.mic").first).to_be_hidden()
    page.get_by_label("Message", exact=True).fill("Hello without JavaScript.")
    page.get_by_role("button", name="Send").click()
    expect(page).to_have_url(live_site + "/room/")
    expect(page.locator(".message", has_text="Hello without JavaScript.")).to_be_visible()

    page.get_by_role("button", name="Log out").click()
    page.goto(live_site + "/accounts/login/")
    page.get_by_label("Email address").fill("nora@nojs.example")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(live_site + "/accounts/me/")
    page.context.close()


ANONYMOUS = ["/", "/accounts/register/", "/accounts/login/", "/accounts/password/reset/",
             "/no-such-page/"]  # fmt: skip
SIGNED_IN = ["/", "/accounts/me/", "/accounts/password/change/", "/speech/live/",
             "/speech/transcripts/", "/room/"]  # fmt: skip


@pytest.mark.parametrize("width", [320, 640], ids=["phone", "zoom-200"])
def test_no_page_scrolls_sideways_on_a_phone_or_at_200_percent(launch_chromium, live_site, width):
    """320 CSS pixels is a phone; 640 is a 1280-pixel window at 200% zoom."""
    from .browsing import register

    context = launch_chromium().new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    wide = []
    for path in ANONYMOUS:
        page.goto(live_site + path)
        if page.evaluate("document.documentElement.scrollWidth > window.innerWidth"):
            wide.append(path)
    register(page, live_site, f"narrow{width}@example.com", "Maximiliana Wolfeschlegelsteinhausen")
    for path in SIGNED_IN:
        page.goto(live_site + path)
        if page.evaluate("document.documentElement.scrollWidth > window.innerWidth"):
            wide.append(path)
    context.close()
    assert wide == []
