from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods

from lib import counters
from lib.clients import client_address

from . import greeting
from .forms import LoginForm, MeForm, RegisterForm


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "home.html")


def _field_partial(request: HttpRequest, form) -> HttpResponse | None:
    """Inline validation: an HTMX request naming one field gets that field back."""
    name = request.POST.get("_validate")
    if request.htmx and name in form.fields:
        form.is_valid()
        # htmx focuses swapped-in elements that carry autofocus: the user has
        # moved on to the next field, and focus must stay there.
        form.fields[name].widget.attrs.pop("autofocus", None)
        context = {"field": form[name], "validate": True, "dictate": True}
        return render(request, "_field.html", context)
    return None


@sensitive_post_parameters("password1", "password2")
@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("me")
    if request.method != "POST":
        return render(request, "accounts/register.html", {"form": RegisterForm()})
    # Each attempt may tell whether an address has an account: so many an hour.
    checks = counters.hit("account-checks", client_address(request), 3600)
    form = RegisterForm(request.POST, checks_left=checks <= settings.REGISTER_CHECKS_PER_HOUR)
    if partial := _field_partial(request, form):
        return partial
    if form.is_valid():
        user = form.save()
        auth_login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        greeting.remember(request, user, returning=False)
        return redirect("me")
    status = 200 if form.checks_left else 429
    return render(request, "accounts/register.html", {"form": form}, status=status)


class PasswordResetView(auth_views.PasswordResetView):
    """Django's, with its mail sent to one address PASSWORD_RESETS_PER_ADDRESS
    times an hour at most (the answer is the same either way, so that it
    tells nobody whether the address has an account), and requests from one
    client limited."""

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        client = client_address(request)
        if counters.hit("reset-requests", client, 3600) > settings.PASSWORD_RESET_REQUESTS:
            form = self.get_form()
            form.add_error(None, "Too many requests from here: wait an hour, then try again.")
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form) -> HttpResponse:
        address = form.cleaned_data["email"].strip().casefold()
        if counters.hit("reset-mails", address, 3600) > settings.PASSWORD_RESETS_PER_ADDRESS:
            return redirect(self.get_success_url())
        return super().form_valid(form)


class LoginView(auth_views.LoginView):
    """Django's log-in view; django-axes limits failed attempts (lockout.py)."""

    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        greeting.remember(self.request, form.get_user(), returning=True)
        return response


@login_required
@require_http_methods(["GET", "POST"])
def me(request: HttpRequest) -> HttpResponse:
    data = request.POST if request.method == "POST" else None
    form = MeForm(data, instance=request.user.profile)
    if request.method == "POST":
        if partial := _field_partial(request, form):
            return partial
        if form.is_valid():
            form.save()
            messages.success(request, "Your details are saved.")
            return redirect("me")
    context = {"form": form, "greeting": greeting.take(request)}
    return render(request, "accounts/me.html", context)


@require_GET
def greeting_audio(request: HttpRequest, token: str) -> HttpResponse:
    """The spoken welcome as WAV, for its own user only (404 for anyone else)."""
    text = greeting.text_for_token(request.user, token) if request.user.is_authenticated else None
    if text is None:
        raise Http404
    response = HttpResponse(greeting.wav(text), content_type="audio/wav")
    response["Cache-Control"] = "private, max-age=86400"
    return response
