"""Every page passes an automated accessibility audit (axe-core), the site is
usable from the keyboard alone, and the spoken welcome plays or offers itself."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from .browsing import PASSWORD, register
from .test_browser_dictation import EMAIL_SPOKEN, EMAIL_VALUE

pytestmark = pytest.mark.browser

ANONYMOUS_PAGES = [
    "/",
    "/accounts/register/",
    "/accounts/login/",
    "/accounts/password/reset/",
    "/accounts/password/reset/sent/",
    "/accounts/password/reset/done/",
    "/accounts/password/reset/MQ/bad-token/",
    "/admin/login/",
]
SIGNED_IN_PAGES = [
    "/",
    "/accounts/me/",
    "/accounts/password/change/",
    "/accounts/password/change/done/",
    "/speech/live/",
    "/speech/transcripts/",
    "/room/",
]


def serious_violations(page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.fixture(params=["light", "dark"])
def scheme_page(request, launch_chromium):
    """A page in each colour scheme people ask their system for."""
    context = launch_chromium().new_context(color_scheme=request.param)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def test_anonymous_pages_have_no_serious_accessibility_violations(scheme_page, live_site):
    for path in [*ANONYMOUS_PAGES, "/no-such-page/"]:
        scheme_page.goto(live_site + path)
        assert serious_violations(scheme_page) == [], path


def test_pages_with_errors_have_no_serious_accessibility_violations(scheme_page, live_site):
    page = scheme_page
    for path, button in [("/accounts/register/", "Create account"), ("/accounts/login/", "Log in")]:
        page.goto(live_site + path)
        page.get_by_role("button", name=button).click()
        expect(page.locator(".error-summary")).to_be_visible()
        assert serious_violations(page) == [], path


def test_signed_in_pages_with_data_have_no_serious_accessibility_violations(scheme_page, live_site):
    page = scheme_page
    register(page, live_site, f"axe-{id(page)}@example.com")
    page.goto(live_site + "/room/")
    page.get_by_label("Message", exact=True).fill("A message, so that the room has one.")
    page.get_by_label("Message", exact=True).press("Enter")
    expect(page.locator(".message-text").last).to_contain_text("so that the room has one")
    for path in SIGNED_IN_PAGES:
        page.goto(live_site + path)
        assert serious_violations(page) == [], path
    page.goto(live_site + "/room/")
    page.get_by_label("Message", exact=True).press("Enter")  # empty: an error
    expect(page.locator(".error-message")).to_be_visible()
    assert serious_violations(page) == [], "/room/ with an error"


def test_a_field_with_alternatives_shown_has_no_serious_accessibility_violations(
    dictating_page, live_site
):
    page, say = dictating_page
    page.goto(live_site + "/accounts/register/")
    seconds = say("peter dash parker at outlook dot com")
    page.get_by_label("Email address").focus()
    page.keyboard.press("Alt+M")
    page.wait_for_timeout(int((seconds + 0.5) * 1000))
    page.keyboard.press("Alt+M")
    expect(page.locator("#dictation-status-email .alternative").first).to_be_visible()
    assert serious_violations(page) == []
    page.emulate_media(color_scheme="dark")
    assert serious_violations(page) == []


def test_a_keyboard_user_logs_in_with_the_email_dictated(launch_chromium, speaking_page, live_site):
    setup = launch_chromium().new_page()
    register(setup, live_site, EMAIL_VALUE, name="John Smith")
    setup.context.close()

    page, seconds = speaking_page(EMAIL_SPOKEN)
    page.goto(live_site + "/accounts/login/")

    keyboard = page.keyboard
    expect(page.get_by_label("Email address")).to_be_focused()  # autofocus
    keyboard.press("Alt+M")
    mic = page.get_by_role("button", name="Dictate Email address")
    expect(mic).to_have_attribute("aria-pressed", "true")
    page.wait_for_timeout(int((seconds + 1.0) * 1000))
    keyboard.press("Alt+M")
    email = page.get_by_label("Email address")
    expect(email).to_have_value(EMAIL_VALUE)
    expect(email).to_be_focused()

    keyboard.press("Tab")
    expect(mic).to_be_focused()
    # The other possibilities are one stop in the tab order, then the password.
    keyboard.press("Tab")
    expect(page.locator("#dictation-status-email .alternative").first).to_be_focused()
    keyboard.press("Tab")
    expect(page.get_by_label("Password")).to_be_focused()
    keyboard.type(PASSWORD)
    keyboard.press("Enter")
    expect(page).to_have_url(live_site + "/accounts/me/")
    expect(page.locator("#greeting-text[data-announced]")).to_have_text("Welcome back, John.")


def test_the_skip_link_comes_first_and_skips_to_the_content(page, live_site):
    page.goto(live_site + "/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()


@pytest.mark.parametrize(
    ("policy", "shows_button"),
    [("no-user-gesture-required", False), ("user-gesture-required", True)],
)
def test_the_greeting_plays_or_offers_a_play_button(
    launch_chromium, live_site, policy, shows_button
):
    page = launch_chromium(f"--autoplay-policy={policy}").new_page()
    register(page, live_site, f"{policy}@example.com")
    expect(page.locator("#greeting-text[data-announced]")).to_have_text("Welcome, Grace.")
    play = page.get_by_role("button", name="Play greeting")
    if shows_button:
        expect(play).to_be_visible()
        play.click()
        page.wait_for_function(
            "() => { const a = document.getElementById('greeting-audio');"
            " return !a.paused || a.currentTime > 0; }"
        )
    else:
        expect(page.locator("#greeting-audio")).to_have_attribute("data-played", "auto")
        expect(play).to_be_hidden()


def test_no_page_breaks_its_content_security_policy(page, live_site):
    """Chromium reports every script, style or socket the policy refuses."""
    refused = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security" in m.text else None)
    for path in ANONYMOUS_PAGES:
        page.goto(live_site + path)
        page.wait_for_load_state("networkidle")
    register(page, live_site, "csp@example.com")
    for path in SIGNED_IN_PAGES:
        page.goto(live_site + path)
        page.wait_for_load_state("networkidle")
    expect(page.locator("turbo-channels-stream-source")).to_have_count(1)  # /room/: socket open
    assert refused == []
