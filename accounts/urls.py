from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from . import views
from .forms import ShortHintPasswordChangeForm, ShortHintSetPasswordForm

FORM_PAGE = "registration/form_page.html"

urlpatterns = [
    path("register/", views.register, name="register"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("me/", views.me, name="me"),
    path("me/greeting/<str:token>.wav", views.greeting_audio, name="greeting_audio"),
    path(
        "password/change/",
        auth_views.PasswordChangeView.as_view(
            form_class=ShortHintPasswordChangeForm,
            template_name=FORM_PAGE,
            extra_context={"page_title": "Change your password"},
            success_url=reverse_lazy("password_change_done"),
        ),
        name="password_change",
    ),
    path(
        "password/change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path(
        "password/reset/",
        views.PasswordResetView.as_view(
            template_name=FORM_PAGE, extra_context={"page_title": "Reset your password"}
        ),
        name="password_reset",
    ),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            form_class=ShortHintSetPasswordForm,
            template_name=FORM_PAGE,
            extra_context={"page_title": "Choose a new password"},
        ),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
