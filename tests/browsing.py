"""What the browser tests do the same way: fill in and send the real
registration form."""

from playwright.sync_api import expect

PASSWORD = "a-Long-and-unusual-pass"

LABELS = {"name": "Full name", "email": "Email address", "phone": "Phone (optional)"}
CHOICES = {"sex": "Sex", "country": "Country"}


def type_in(page, **fields: str) -> None:
    """Type the given fields of the registration form (name, email, phone,
    sex, country), and the password twice."""
    for key, value in fields.items():
        if key in CHOICES:
            page.get_by_label(CHOICES[key]).select_option(value)
        else:
            page.get_by_label(LABELS[key], exact=True).fill(value)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password confirmation").fill(PASSWORD)


def register(page, live_site: str, email: str, name: str = "Grace Hopper") -> None:
    page.goto(live_site + "/accounts/register/")
    type_in(page, email=email, name=name, sex="female", country="US")
    page.get_by_role("button", name="Create account").click()
    expect(page).to_have_url(live_site + "/accounts/me/")
