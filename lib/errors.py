"""Errors answered in the form the client asked for: JSON for JSON clients,
a page for people."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render


def wants_json(request: HttpRequest) -> bool:
    accept = request.headers.get("Accept", "")
    return "application/json" in accept and "HX-Request" not in request.headers


def refused(request: HttpRequest, status: int, message: str) -> HttpResponse:
    if wants_json(request):
        return JsonResponse({"error": message}, status=status)
    return render(request, "refused.html", {"message": message, "status": status}, status=status)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """Django's CSRF_FAILURE_VIEW. The reason is for developers, not shown."""
    message = "This form has expired or came from another site: reload the page and try again."
    return refused(request, 403, message)
