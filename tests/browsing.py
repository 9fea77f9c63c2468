"""What the browser tests do the same way: register a person through the
real form."""

from playwright.sync_api import expect

PASSWORD = "a-Long-and-unusual-pass"


def register(page, live_site: str, email: str, name: str = "Grace Hopper") -> None:
    page.goto(live_site + "/accounts/register/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password confirmation").fill(PASSWORD)
    page.get_by_label("Full name").fill(name)
    page.get_by_label("Sex").select_option("female")
    page.get_by_label("Country").select_option("US")
    page.get_by_role("button", name="Create account").click()
    expect(page).to_have_url(live_site + "/accounts/me/")
