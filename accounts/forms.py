from django import forms
from django.contrib.auth import authenticate
from django.contrib.auth.forms import BaseUserCreationForm, PasswordChangeForm, SetPasswordForm
from django.core.validators import RegexValidator

from speech.voice import voice_form

from .models import Profile, User

phone_validator = RegexValidator(
    r"^\+?[0-9][0-9 ().-]{2,30}$",
    "Enter a phone number of digits, optionally starting with +.",
)


PROFILE_FIELDS = ["fullname", "sex", "phone", "country"]
# A select opens on what to do, not on "---------".
PROMPTS = {"sex": "Choose one", "country": "Choose your country"}
EMAIL_HINT = "Say it as “jane dot doe at example dot com”."
# Django's password rules, as one sentence instead of a list.
PASSWORD_HINT = "At least 8 characters, not only numbers, not common, not like your name or email."  # noqa: S105, E501
TOO_MANY_CHECKS = "Too many attempts from here in a short time: wait a while, then try again."
REQUIRED_PROFILE_FIELDS = ["fullname", "sex", "country"]


class ProfileForm(forms.ModelForm):
    class Meta:
        model = Profile
        fields = PROFILE_FIELDS
        # What each field holds, in HTML's own terms: browsers fill them in,
        # assistive technology reads them, and the mics take their kind.
        widgets = {
            "fullname": forms.TextInput(attrs={"autocomplete": "name"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
            "sex": forms.Select(attrs={"autocomplete": "sex"}),
            "country": forms.Select(attrs={"autocomplete": "country"}),
        }
        help_texts = {
            "fullname": "As you would like to be greeted. Misheard when you say it? Spell it: "
            "“kilo india november golf”.",
            "phone": "Digits, or + and the country code. Say each digit: “five five five…”.",
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Blank in the model (a superuser made on the command line has no
        # profile data yet), but required from people who register.
        for name in REQUIRED_PROFILE_FIELDS:
            self.fields[name].required = True
        self.fields["phone"].validators.append(phone_validator)
        for name, prompt in PROMPTS.items():
            field = self.fields[name]
            field.choices = [("", prompt), *(c for c in field.choices if c[0])]


@voice_form
class MeForm(ProfileForm):
    """The profile as its owner edits it on /accounts/me/."""

    class Meta(ProfileForm.Meta):
        fields = [*PROFILE_FIELDS, "greet_with_voice"]


@voice_form
class RegisterForm(BaseUserCreationForm):
    """Email and password for the user, and the profile fields, in one form."""

    # Declared here too, so that the admin's form factory knows them.
    fullname = ProfileForm.base_fields["fullname"]
    sex = ProfileForm.base_fields["sex"]
    phone = ProfileForm.base_fields["phone"]
    country = ProfileForm.base_fields["country"]

    class Meta:
        model = User
        fields = ["email"]

    def __init__(self, *args, checks_left: bool = True, **kwargs) -> None:
        """checks_left: whether this client may still learn if an address has
        an account (the views limit how often)."""
        super().__init__(*args, **kwargs)
        self.checks_left = checks_left
        self.profile_form = ProfileForm(self.data if self.is_bound else None, prefix=self.prefix)
        self.fields.update(self.profile_form.fields)
        # The name first: then it is there when the address is dictated, and
        # makes an address built from it likelier.
        self.order_fields(["fullname", "email", "password1", "password2"])
        self.fields["email"].widget.attrs.update(autocomplete="email")
        self.fields["email"].widget.attrs.pop("autofocus", None)  # Django's default
        self.fields["email"].help_text = EMAIL_HINT
        self.fields["fullname"].widget.attrs.update(autofocus=True)
        self.fields["password1"].help_text = PASSWORD_HINT
        self.fields["password2"].help_text = "The same password again."

    def clean_email(self) -> str:
        email = self.cleaned_data["email"]
        if not self.checks_left:
            raise forms.ValidationError(TOO_MANY_CHECKS, code="throttled")
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                "An account with this email address already exists.", code="duplicate_email"
            )
        return email

    def validate_unique(self) -> None:
        # clean_email already says it, beside the field; the case-insensitive
        # constraint would say it again at the top of the form.
        pass

    def _post_clean(self) -> None:
        super()._post_clean()
        self.profile_form.full_clean()

    def save(self, commit: bool = True) -> User:
        user = super().save(commit=False)
        profile = self.profile_form.save(commit=False)
        user.profile = profile
        if commit:
            user.save()
        return user


@voice_form
class LoginForm(forms.Form):
    """Django's log-in form, with the email named as such."""

    email = forms.EmailField(
        label="Email address",
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    password = forms.CharField(
        strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )

    error_messages = {
        "invalid_login": "That email and password do not match an account.",
        "inactive": "This account is inactive.",
    }

    def __init__(self, request=None, *args, **kwargs) -> None:
        self.request = request
        self.user_cache: User | None = None
        super().__init__(*args, **kwargs)

    def clean(self) -> dict:
        email = self.cleaned_data.get("email")
        password = self.cleaned_data.get("password")
        if email and password:
            self.user_cache = authenticate(self.request, email=email, password=password)
            if self.user_cache is None:
                raise forms.ValidationError(
                    self.error_messages["invalid_login"], code="invalid_login"
                )
            if not self.user_cache.is_active:
                raise forms.ValidationError(self.error_messages["inactive"], code="inactive")
        return self.cleaned_data

    def get_user(self) -> User | None:
        return self.user_cache


class ShortHintSetPasswordForm(SetPasswordForm):
    """Django's new-password form, its rules as one short hint."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].help_text = PASSWORD_HINT


class ShortHintPasswordChangeForm(PasswordChangeForm, ShortHintSetPasswordForm):
    """Django's password-change form, its rules as one short hint."""
