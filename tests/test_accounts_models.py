import pytest
from django.db import IntegrityError, transaction

from accounts.models import Profile, User


@pytest.mark.django_db
def test_a_new_user_gets_a_profile_in_the_same_transaction():
    user = User.objects.create_user("carol@example.com", "pw-Long-enough-1")
    assert Profile.objects.filter(user=user).exists()


@pytest.mark.django_db
def test_the_profile_given_with_a_new_user_is_the_one_saved():
    user = User.objects.create_user(
        "carol@example.com", "pw", profile=Profile(fullname="Carol Ann", country="IE")
    )
    user.refresh_from_db()
    assert user.profile.fullname == "Carol Ann"
    assert user.profile.country.code == "IE"


@pytest.mark.django_db(transaction=True)
def test_a_failure_while_creating_the_profile_leaves_no_user(monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Profile, "save", fail)
    with pytest.raises(RuntimeError):
        User.objects.create_user("dave@example.com", "pw")
    assert not User.objects.filter(email="dave@example.com").exists()


@pytest.mark.django_db
def test_a_superuser_gets_a_profile_too():
    user = User.objects.create_superuser("root@example.com", "pw")
    assert user.is_staff and user.is_superuser
    assert user.profile.pk


@pytest.mark.django_db
def test_the_database_refuses_an_email_in_other_letter_case(owner):
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create_user("ALICE@Example.COM", "pw")


@pytest.mark.django_db
def test_saving_an_existing_user_keeps_its_profile(owner):
    owner.is_staff = True
    owner.save()
    assert Profile.objects.filter(user=owner).count() == 1


def test_first_name_comes_from_the_full_name(owner):
    assert owner.first_name == "Alice"
