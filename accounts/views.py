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
    form = RegisterForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if partial := _field_partial(request, form):
            return partial
        if form.is_valid():
            user = form.save()
            auth_login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            greeting.remember(request, user, returning=False)
            return redirect("me")
    return render(request, "accounts/register.html", {"form": form})


class LoginView(auth_views.LoginView):
    """Django's log-in view, with failed attempts limited per client and email."""

    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        greeting.remember(self.request, form.get_user(), returning=True)
        return response

    def post(self, request, *args, **kwargs):
        ident = client_address(request) + "|" + request.POST.get("email", "").lower()
        if counters.is_over("login", ident, settings.LOGIN_ATTEMPTS):
            form = self.get_form()
            form.add_error(None, "Too many failed attempts. Wait a few minutes and try again.")
            return self.render_to_response(self.get_context_data(form=form), status=429)
        response = super().post(request, *args, **kwargs)
        if request.user.is_authenticated:
            counters.reset("login", ident)
        else:
            counters.hit("login", ident, settings.LOGIN_WINDOW_SECONDS)
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
