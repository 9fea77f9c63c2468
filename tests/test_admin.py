import pytest

from accounts.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    admin = User.objects.create_superuser("admin@example.com", "pw")
    client.force_login(admin)
    return client


def test_the_user_list_shows_profile_data(admin_client, owner):
    response = admin_client.get("/admin/accounts/user/")
    assert response.status_code == 200
    assert "Alice Liddell" in response.text
    assert "United Kingdom" in response.text


def test_the_add_form_takes_the_profile_fields(admin_client):
    response = admin_client.get("/admin/accounts/user/add/")
    for name in ["email", "password1", "password2", "fullname", "sex", "phone", "country"]:
        assert f'name="{name}"' in response.text


def test_adding_a_user_in_the_admin_saves_the_profile(admin_client):
    response = admin_client.post(
        "/admin/accounts/user/add/",
        {
            "email": "eve@example.com",
            "password1": "a-Long-and-unusual-pass",
            "password2": "a-Long-and-unusual-pass",
            "fullname": "Eve Adams",
            "sex": "female",
            "phone": "5551234",
            "country": "NZ",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="eve@example.com")
    assert user.profile.fullname == "Eve Adams"
    assert user.profile.country.code == "NZ"


def test_the_change_page_edits_the_profile_inline(admin_client, owner):
    response = admin_client.get(f"/admin/accounts/user/{owner.pk}/change/")
    assert response.status_code == 200
    assert 'name="profile-0-fullname"' in response.text


def test_the_admin_refuses_a_duplicate_email_in_other_case(admin_client, owner):
    response = admin_client.post(
        "/admin/accounts/user/add/",
        {
            "email": "ALICE@example.com",
            "password1": "a-Long-pass-99",
            "password2": "a-Long-pass-99",
        },
    )
    assert response.status_code == 200
    assert User.objects.filter(email__iexact="alice@example.com").count() == 1
