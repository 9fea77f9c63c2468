from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .forms import RegisterForm
from .models import Profile, User


class AdminUserAddForm(RegisterForm):
    """The admin's add form: the register form, with the profile optional."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in self.profile_form.fields:
            self.fields[name].required = False


class ProfileInline(admin.StackedInline):
    model = Profile
    can_delete = False
    fields = ["fullname", "sex", "phone", "country"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    add_form = AdminUserAddForm
    add_fieldsets = [
        (None, {"fields": ["email", "password1", "password2"]}),
        ("Profile", {"fields": ["fullname", "sex", "phone", "country"]}),
    ]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (
            "Permissions",
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        ("Dates", {"fields": ["last_login", "created"]}),
    ]
    readonly_fields = ["created", "last_login"]
    list_display = ["email", "fullname", "sex", "phone", "country", "is_staff", "created"]
    list_filter = ["is_staff", "is_superuser", "is_active", "profile__sex"]
    list_select_related = ["profile"]
    search_fields = ["email", "profile__fullname", "profile__phone"]
    ordering = ["-created"]

    def get_inlines(self, request, obj):
        # On the add page the profile fields are part of the add form.
        return [ProfileInline] if obj else []

    @admin.display(ordering="profile__fullname")
    def fullname(self, user: User) -> str:
        return user.profile.fullname

    @admin.display(ordering="profile__sex")
    def sex(self, user: User) -> str:
        return user.profile.get_sex_display()

    @admin.display(ordering="profile__phone")
    def phone(self, user: User) -> str:
        return user.profile.phone

    @admin.display(ordering="profile__country")
    def country(self, user: User) -> str:
        return user.profile.country.name
