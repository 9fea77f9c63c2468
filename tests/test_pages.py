"""Every page in the site's own look, the error pages too, and forms that
read as finished: real prompts on selects, one short password hint, a
dictation hint where it helps."""

import pytest
from django.test import Client, RequestFactory
from django.views.defaults import server_error

BRAND = 'class="brand"'
STYLES = "/static/css/site.css"


def looks_like_the_site(html: str) -> bool:
    return BRAND in html and STYLES in html and 'class="site-footer"' in html


@pytest.mark.django_db
def test_a_missing_page_is_in_the_sites_look(client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert looks_like_the_site(response.text)
    assert "Page not found" in response.text
    assert "Not Found</h1>" not in response.text  # Django's stock page


def test_the_500_page_renders_with_no_database_and_no_context():
    # No django_db mark: any query would fail the test.
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert looks_like_the_site(html)
    assert "Nothing you saved is lost" in html


@pytest.mark.django_db
def test_a_view_that_breaks_answers_with_the_500_page(client, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("accounts.views.render", broken)
    client.raise_request_exception = False
    response = client.get("/accounts/register/")
    assert response.status_code == 500
    assert "Sorry, something went wrong on our side" in response.text


@pytest.mark.django_db
def test_a_forged_form_gets_the_403_page_in_the_sites_look():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": "a@example.com", "password": "x"})
    assert response.status_code == 403
    assert looks_like_the_site(response.text)
    assert "This form has expired or came from another site" in response.text


@pytest.mark.django_db
def test_a_request_for_another_host_gets_the_400_page(client):
    response = client.get("/", HTTP_HOST="evil.example.com")
    assert response.status_code == 400
    assert looks_like_the_site(response.text)
    assert "could not be understood" in response.text


@pytest.mark.django_db
def test_selects_open_on_a_real_prompt(client):
    html = client.get("/accounts/register/").text
    assert '<option value="" selected>Choose your country</option>' in html
    assert '<option value="" selected>Choose one</option>' in html
    assert "---------" not in html


@pytest.mark.django_db
def test_password_rules_are_one_short_hint(owner_client):
    for html in [
        Client().get("/accounts/register/").text,
        owner_client.get("/accounts/password/change/").text,
    ]:
        assert "too similar" not in html  # Django's list of rules
        assert html.count("At least 8 characters, not only numbers") == 1


@pytest.mark.django_db
def test_fields_say_how_to_dictate_them(client):
    html = client.get("/accounts/register/").text
    assert "Say it as “jane dot doe at example dot com”." in html
    assert "Spell it: “kilo india november golf”." in html
