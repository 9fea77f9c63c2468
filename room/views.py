from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from lib import counters

from .forms import MessageForm
from .models import Message
from .streams import RoomStream

PAGE = 50


def _page(before: int | None) -> tuple[list[Message], bool]:
    """Up to PAGE messages, oldest first: the latest, or those before the
    message `before`; and whether there are earlier ones still."""
    messages = Message.objects.select_related("author__profile").order_by("-id")
    if before is not None:
        messages = messages.filter(pk__lt=before)
    newest_first = list(messages[: PAGE + 1])
    return newest_first[:PAGE][::-1], len(newest_first) > PAGE


def _before(request: HttpRequest) -> int | None:
    value = request.GET.get("before", "")
    return int(value) if value.isdigit() and len(value) < 19 else None


@login_required
@require_http_methods(["GET", "POST"])
def room(request: HttpRequest) -> HttpResponse:
    """The room: the latest messages and the form; an HTMX "load earlier"
    gets the page before as a fragment; a post answers HTMX with a fresh
    form (the message itself arrives on the room's stream)."""
    if request.method == "POST":
        return _post(request)
    before = _before(request)
    messages, has_earlier = _page(before)
    context = {"messages": messages, "has_earlier": has_earlier, "before": before}
    if request.htmx and before is not None:
        return render(request, "room/_earlier.html", context)
    context.update(form=MessageForm(), stream=RoomStream())
    return render(request, "room/room.html", context)


def _post(request: HttpRequest) -> HttpResponse:
    form = MessageForm(request.POST)
    key = str(request.user.pk)
    status = 422
    if counters.is_over("room-posts", key, settings.ROOM_POSTS_PER_MINUTE):
        form.add_error(None, "You are posting too fast: wait a minute, then send it again.")
        status = 429
    elif form.is_valid():
        form.instance.author = request.user
        form.save()
        counters.hit("room-posts", key, 60)
        if request.htmx:
            return render(request, "room/_form.html", {"form": MessageForm()})
        return redirect("room")
    if request.htmx:
        return render(request, "room/_form.html", {"form": form}, status=status)
    messages, has_earlier = _page(None)
    context = {"messages": messages, "has_earlier": has_earlier, "form": form}
    return render(request, "room/room.html", context | {"stream": RoomStream()}, status=status)


@login_required
@require_POST
def delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Authors delete their own messages (anyone else's is a 404); the
    room's stream removes it from every page."""
    get_object_or_404(Message, pk=pk, author=request.user).delete()
    return HttpResponse(status=204) if request.htmx else redirect("room")
