"""A person registers, sees their page, logs out and logs in again, in Chromium."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_a_person_registers_logs_out_and_logs_in_again(page, live_site):
    page.goto(live_site + "/")
    page.get_by_role("link", name="Create an account").click()

    page.get_by_label("Email address").fill("grace@example.com")
    page.get_by_label("Password", exact=True).fill("a-Long-and-unusual-pass")
    page.get_by_label("Password confirmation").fill("a-Long-and-unusual-pass")
    page.get_by_label("Full name").fill("Grace Hopper")
    page.get_by_label("Sex").select_option("female")
    page.get_by_label("Phone").fill("+1 202 555 0143")
    page.get_by_label("Country").select_option("US")
    page.get_by_role("button", name="Create account").click()

    expect(page).to_have_url(live_site + "/accounts/me/")
    expect(page.get_by_text("grace@example.com")).to_be_visible()
    expect(page.get_by_label("Full name")).to_have_value("Grace Hopper")

    page.get_by_role("button", name="Log out").click()
    nav = page.get_by_role("navigation", name="Account")
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
