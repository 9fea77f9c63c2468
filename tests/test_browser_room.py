"""Two people in the room, each in a browser of their own: what one types
or says appears in the other's page without a reload, and what one deletes
vanishes there."""

import pytest
from playwright.sync_api import expect

from .browsing import register

pytestmark = pytest.mark.browser

SAID = "see you at the meeting tomorrow"


def test_two_people_talk_in_the_room_by_typing_and_by_voice(speaking_page, live_site):
    ada, seconds = speaking_page(SAID)
    bob = ada.context.browser.new_context().new_page()
    register(ada, live_site, "ada@room.example", "Ada Byron")
    register(bob, live_site, "bob@room.example", "Bob Dylan")
    for page in (ada, bob):
        page.goto(live_site + "/room/")
        expect(page.locator("turbo-channels-stream-source")).to_have_count(1)
    ada.wait_for_timeout(1000)  # both sockets subscribed

    message = ada.get_by_label("Message", exact=True)
    expect(message).to_be_focused()
    message.fill("Hello <b>Bob</b>, are you there?")
    message.press("Enter")
    mine = ada.locator(".message", has_text="Hello <b>Bob</b>, are you there?")
    theirs = bob.locator(".message", has_text="Hello <b>Bob</b>, are you there?")
    expect(theirs).to_be_visible()  # no reload: the room's stream brought it
    expect(theirs).to_contain_text("Ada Byron")
    expect(bob.locator(".message-text b")).to_have_count(0)  # markup shown as text
    expect(mine).to_be_visible()
    expect(ada.get_by_label("Message", exact=True)).to_have_value("")
    expect(ada.get_by_label("Message", exact=True)).to_be_focused()

    ada.keyboard.press("Alt+M")
    ada.wait_for_timeout(int((seconds + 1.0) * 1000))
    ada.keyboard.press("Alt+M")
    message = ada.get_by_label("Message", exact=True)
    expect(message).to_have_value("See you at the meeting tomorrow.")
    message.press("Enter")
    expect(bob.locator(".message", has_text="See you at the meeting tomorrow.")).to_be_visible()

    expect(theirs.get_by_role("button", name="Delete")).to_have_count(0)
    expect(theirs.locator(".message-delete")).to_be_hidden()
    mine.get_by_role("button", name="Delete").click()
    expect(theirs).to_have_count(0)
    expect(mine).to_have_count(0)
    bob.context.close()
