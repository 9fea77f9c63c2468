"""A request body Django cannot take, answered with a 4xx where it is first
read, not with the SuspiciousOperation (and a traceback in the log) that
Django raises from wherever something first reads the body."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpRequest, HttpResponse, UnreadablePostError
from django.http.multipartparser import MultiPartParserError

from .errors import refused


class BadRequestBodies:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method == "POST":
            try:
                request.POST, request.FILES  # noqa: B018 (parsed here, once)
            except RequestDataTooBig:
                return refused(request, 413, "The request is too large.")
            except (TooManyFieldsSent, TooManyFilesSent):
                return refused(request, 400, "The form sent too many fields.")
            except (MultiPartParserError, UnreadablePostError):
                return refused(request, 400, "The form's data could not be read.")
        return self.get_response(request)
