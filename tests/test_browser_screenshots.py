"""Pictures of the main pages, in the states people see them, taken from the
real site with real speech. Written to var/screenshots/; to refresh the set
committed under docs/screenshots/ (and the home page's picture):

    SCREENSHOTS_DIR=docs/screenshots bin/test tests/test_browser_screenshots.py
    cp docs/screenshots/demo-dictation.png static/img/
"""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from harness.site import ROOT

from .browsing import type_in

pytestmark = pytest.mark.browser

SHOTS = Path(os.environ.get("SCREENSHOTS_DIR", ROOT / "var" / "screenshots"))


def dictate(page, say, label: str, said: str) -> None:
    seconds = say(said)
    page.get_by_label(label, exact=True).focus()
    page.keyboard.press("Alt+M")
    page.wait_for_timeout(int((seconds + 0.5) * 1000))
    page.keyboard.press("Alt+M")


def shoot(page, name: str, **options) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}.png", **options)


def test_the_main_pages_are_pictured(dictating_page, live_site):
    page, say = dictating_page
    page.set_viewport_size({"width": 1024, "height": 768})
    page.goto(live_site + "/")
    expect(page.get_by_role("heading", name="Speak instead of type")).to_be_visible()
    shoot(page, "home", full_page=True)

    page.goto(live_site + "/accounts/register/")
    dictate(page, say, "Email address", "peter dash parker at outlook dot com")
    choices = page.locator("#dictation-status-email .alternative")
    expect(choices.first).to_contain_text("peter-parker@outlook.com")
    page.wait_for_load_state("networkidle")
    shoot(page, "register-alternatives", full_page=True)
    page.set_viewport_size({"width": 560, "height": 768})  # the field whole, at a glance
    box = page.locator("#field-email").bounding_box()
    margin = 16
    clip = {"x": box["x"] - margin, "y": box["y"] - margin}
    shoot(page, "demo-dictation", clip=clip | {"width": box["width"] + 2 * margin,
                                                "height": box["height"] + 2 * margin})  # fmt: skip
    page.set_viewport_size({"width": 1024, "height": 768})
    page.emulate_media(color_scheme="dark")
    shoot(page, "register-alternatives-dark", full_page=True)
    page.emulate_media(color_scheme="light")

    choices.first.click()
    email = page.get_by_label("Email address")
    expect(email).to_have_value("peter-parker@outlook.com")
    # The dictation tests sign up peter-parker@ on the same site.
    type_in(page, email="peter.parker@outlook.com", name="Peter Parker", sex="male", country="US")
    page.get_by_role("button", name="Create account").click()
    expect(page.locator("#greeting-text[data-announced]")).to_have_text("Welcome, Peter.")
    shoot(page, "me", full_page=True)

    page.goto(live_site + "/room/")
    for text in ["Good morning, everyone.", "Is the meeting still at ten?"]:
        page.get_by_label("Message", exact=True).fill(text)
        page.get_by_label("Message", exact=True).press("Enter")
        expect(page.locator(".message-text", has_text=text)).to_be_visible()
    shoot(page, "room", full_page=True)
    page.emulate_media(color_scheme="dark")
    shoot(page, "room-dark", full_page=True)
    page.emulate_media(color_scheme="light")

    page.goto(live_site + "/speech/live/")
    seconds = say("The library opens at nine in the morning. It closes at six in the evening.")
    page.get_by_role("button", name="Start").click()
    expect(page.locator("#live-status")).to_contain_text("Listening")
    page.wait_for_timeout(int(seconds * 1000) + 2500)
    expect(page.locator("#live-transcript .segment").first).to_be_visible()
    shoot(page, "live", full_page=True)
    page.get_by_role("button", name="Stop").click()
    expect(page.locator("#live-status")).to_contain_text("saved", timeout=30_000)
