from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from . import throttle
from .forms import LoginForm, ProfileForm, RegisterForm


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "home.html")


def _field_partial(request: HttpRequest, form) -> HttpResponse | None:
    """Inline validation: an HTMX request naming one field gets that field back."""
    name = request.POST.get("_validate")
    if request.htmx and name in form.fields:
        form.is_valid()
        return render(request, "_field.html", {"field": form[name]})
    return None


@sensitive_post_parameters("password1", "password2")
@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("me")
    form = RegisterForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if partial := _field_partial(request, form):
            return partial
        if form.is_valid():
            user = form.save()
            auth_login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            return redirect("me")
    return render(request, "accounts/register.html", {"form": form})


class LoginView(auth_views.LoginView):
    """Django's log-in view, with failed attempts limited per client and email."""

    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        ident = throttle.client_address(request) + "|" + request.POST.get("email", "").lower()
        if throttle.is_over("login", ident, settings.LOGIN_ATTEMPTS):
            form = self.get_form()
            form.add_error(None, "Too many failed attempts. Wait a few minutes and try again.")
            return self.render_to_response(self.get_context_data(form=form), status=429)
        response = super().post(request, *args, **kwargs)
        if request.user.is_authenticated:
            throttle.reset("login", ident)
        else:
            throttle.hit("login", ident, settings.LOGIN_WINDOW_SECONDS)
        return response


@login_required
@require_http_methods(["GET", "POST"])
def me(request: HttpRequest) -> HttpResponse:
    data = request.POST if request.method == "POST" else None
    form = ProfileForm(data, instance=request.user.profile)
    if request.method == "POST":
        if partial := _field_partial(request, form):
            return partial
        if form.is_valid():
            form.save()
            messages.success(request, "Your details are saved.")
            return redirect("me")
    return render(request, "accounts/me.html", {"form": form})
