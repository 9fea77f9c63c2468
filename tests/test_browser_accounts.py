"""A person registers, sees their page, logs out and logs in again, in Chromium."""

import pytest
from playwright.sync_api import expect

from .browsing import type_in

pytestmark = pytest.mark.browser


def test_a_person_registers_logs_out_and_logs_in_again(page, live_site):
    page.goto(live_site + "/")
    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Create an account"
    ).click()

    type_in(page, email="grace@example.com", name="Grace Hopper", sex="female",
            phone="+1 202 555 0143", country="US")  # fmt: skip
    page.get_by_role("button", name="Create account").click()

    expect(page).to_have_url(live_site + "/accounts/me/")
    expect(page.get_by_text("grace@example.com")).to_be_visible()
    expect(page.get_by_label("Full name")).to_have_value("Grace Hopper")

    page.get_by_role("button", name="Log out").click()
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link", name="Log in")).to_be_visible()

    page.goto(live_site + "/accounts/login/")
    page.get_by_label("Email address").fill("GRACE@example.com")
    page.get_by_label("Password").fill("a-Long-and-unusual-pass")
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(live_site + "/accounts/me/")


def test_inline_validation_marks_a_taken_email_before_submitting(page, live_site):
    page.goto(live_site + "/accounts/register/")
    page.get_by_label("Email address").fill("someone-else@example")
    page.get_by_label("Full name").focus()  # leaving the field sends it for validation
    expect(page.locator("#field-email .error-message")).to_contain_text("valid email")
    expect(page.get_by_label("Email address")).to_have_attribute("aria-invalid", "true")


def test_a_failed_submit_focuses_the_error_summary(page, live_site):
    page.goto(live_site + "/accounts/login/")
    page.get_by_role("button", name="Log in").click()
    expect(page.locator(".error-summary")).to_be_focused()
    page.get_by_role("link", name="Email address: This field is required.").click()
    expect(page.get_by_label("Email address")).to_be_focused()


def test_a_late_validation_answer_does_not_undo_what_was_typed_since(page, live_site):
    page.goto(live_site + "/accounts/register/")
    email = page.get_by_label("Email address")
    held = send_and_hold_validation(page, email, "first@example.com")

    email.fill("second@example.com")  # typed on while the answer is on its way
    page.evaluate(
        "() => { window.answered = new Promise((done) => document.addEventListener("
        "'htmx:afterRequest', () => done(true), { once: true })); }"
    )
    held.continue_()
    assert page.evaluate("() => window.answered")
    expect(email).to_have_value("second@example.com")


def test_a_validation_answer_keeps_the_selection_the_person_is_typing_over(page, live_site):
    page.goto(live_site + "/accounts/register/")
    email = page.get_by_label("Email address")
    held = send_and_hold_validation(page, email, "first@example.com")

    email.focus()
    email.press("Control+A")  # selected, about to type over it...
    page.evaluate(
        "() => { window.answered = new Promise((done) => document.addEventListener("
        "'htmx:afterSwap', () => done(true), { once: true })); }"
    )
    held.continue_()  # ...when the answer swaps the field in again
    assert page.evaluate("() => window.answered")
    page.keyboard.type("second@example.com")
    expect(email).to_have_value("second@example.com")


def send_and_hold_validation(page, field, value: str):
    """Fill the field and send it for inline validation; the answer is held
    back (its route returned) until the test lets it go."""
    held = []

    def hold_validation(route):
        if "_validate" in (route.request.post_data or ""):
            held.append(route)
        else:
            route.continue_()

    page.route("**/accounts/register/", hold_validation)
    field.fill(value)
    field.dispatch_event("change")
    for _ in range(100):
        if held:
            return held[0]
        page.wait_for_timeout(50)
    raise AssertionError("the field was never sent for validation")
