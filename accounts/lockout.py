"""django-axes' view of a log-in: which account an attempt is for, and what
a locked-out client is told."""

from __future__ import annotations

import ipaddress

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from lib.clients import client_address

from .forms import LoginForm

LOCKED_OUT = "Too many failed attempts. Wait a few minutes and try again."


def username(request: HttpRequest, credentials: dict | None) -> str:
    """The account an attempt is for, however its address is typed (spaces
    around it, capitals): the site's form sends `email`, the admin's
    `username`."""
    credentials = credentials or {}
    typed = (
        credentials.get("email")
        or credentials.get("username")
        or request.POST.get("email")
        or request.POST.get("username")
        or ""
    )
    return str(typed).strip().casefold()


def ip_address(request: HttpRequest) -> str | None:
    """The client address as every limit counts it, where it is one (a
    request made in code has none)."""
    address = client_address(request)
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials=None
) -> HttpResponse:
    """The log-in page again, with the reason, and 429: the site's and the
    admin's log-in alike."""
    form = LoginForm(request, data={"email": username(request, credentials)})
    form.is_valid()
    form._errors = {}
    form.add_error(None, LOCKED_OUT)
    return render(request, "accounts/login.html", {"form": form}, status=429)
