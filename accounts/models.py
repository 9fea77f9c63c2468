from django.contrib.auth.models import AbstractBaseUser, PermissionsMixin
from django.db import models, router, transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django_countries.fields import CountryField

from .managers import UserManager


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField("email address", max_length=254, unique=True)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    created = models.DateTimeField(default=timezone.now, editable=False)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                name="user_email_ci_unique",
                violation_error_message="An account with this email address already exists.",
            )
        ]

    def __str__(self) -> str:
        return self.email

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            return super().save(*args, **kwargs)
        # A user never exists without a profile: both rows are written in one
        # transaction, with the profile given beforehand or a blank one.
        profile = getattr(self, "profile", None) or Profile()
        using = kwargs.get("using") or router.db_for_write(User, instance=self)
        with transaction.atomic(using=using):
            super().save(*args, **kwargs)
            profile.user = self
            profile.save(using=using)

    @property
    def first_name(self) -> str:
        fullname = self.profile.fullname.strip()
        return fullname.split()[0] if fullname else self.email.split("@")[0]


class Profile(models.Model):
    class Sex(models.TextChoices):
        FEMALE = "female", "Female"
        MALE = "male", "Male"
        OTHER = "other", "Other"

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="profile")
    fullname = models.CharField("full name", max_length=150, blank=True)
    sex = models.CharField(max_length=10, choices=Sex.choices, blank=True)
    phone = models.CharField(max_length=32, blank=True)
    country = CountryField(blank=True)
    greet_with_voice = models.BooleanField(
        "greet me by voice", default=True, help_text="A spoken welcome after you log in."
    )
    created = models.DateTimeField(default=timezone.now, editable=False)

    def __str__(self) -> str:
        return self.fullname or str(self.user)
