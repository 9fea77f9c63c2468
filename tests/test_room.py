"""The room: signed-in people post, everyone subscribed sees it live, authors
delete their own; anonymous visitors get nothing."""

import re

import pytest
from channels.db import database_sync_to_async
from django.test import Client

from room.models import Message
from room.streams import RoomStream

from .conftest import make_user
from .sockets import connect, error_from, subscribe

ROOM = "/room/"
HTMX = {"HX-Request": "true"}


def post(client, text: str, **headers):
    return client.post(ROOM, {"text": text}, headers=headers)


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def make_staff() -> object:
    staff = make_user("staff@example.com", "Sam Staff")
    staff.is_staff = staff.is_superuser = True
    staff.save()
    return staff


# --- the page and the form, over HTTP ---


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(ROOM)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert post(client, "hello").status_code == 302
    assert not Message.objects.exists()


@pytest.mark.django_db
def test_a_post_without_javascript_is_kept_and_shown_after_a_redirect(owner_client, owner):
    response = post(owner_client, "Good morning, everyone.")
    assert response.status_code == 302
    assert response["Location"] == ROOM
    page = owner_client.get(ROOM).text
    assert "Good morning, everyone." in page
    assert "Alice Liddell" in page  # the author's full name
    assert Message.objects.get().author == owner


@pytest.mark.django_db
def test_an_htmx_post_answers_a_fresh_form_with_focus(owner_client):
    response = post(owner_client, "Hello from HTMX.", **HTMX)
    assert response.status_code == 200
    assert 'id="room-form"' in response.text
    assert "autofocus" in response.text
    assert "Hello from HTMX." not in response.text  # cleared: the stream brings the message
    assert Message.objects.filter(text="Hello from HTMX.").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("text", "error"), [("", "Write a message first."), ("   \n ", "Write a message first.")]
)
def test_an_empty_message_is_refused_beside_the_field(owner_client, text, error):
    response = post(owner_client, text, **HTMX)
    assert response.status_code == 422
    assert error in response.text
    assert not Message.objects.exists()


@pytest.mark.django_db
def test_a_message_over_the_length_limit_is_refused(owner_client, settings):
    settings.ROOM_MAX_MESSAGE_CHARS = 20
    response = post(owner_client, "x" * 21, **HTMX)
    assert response.status_code == 422
    assert "at most 20 characters" in response.text
    assert post(owner_client, "x" * 20, **HTMX).status_code == 200
    assert Message.objects.count() == 1


@pytest.mark.django_db
def test_the_default_length_limit_is_2000_characters(owner_client):
    assert post(owner_client, "y" * 2001, **HTMX).status_code == 422
    assert post(owner_client, "y" * 2000, **HTMX).status_code == 200


@pytest.mark.django_db
def test_posts_per_minute_are_limited_with_a_clear_message(owner_client, stranger, settings):
    settings.ROOM_POSTS_PER_MINUTE = 2
    assert post(owner_client, "one", **HTMX).status_code == 200
    assert post(owner_client, "two", **HTMX).status_code == 200
    response = post(owner_client, "three", **HTMX)
    assert response.status_code == 429
    assert "posting too fast" in response.text
    assert Message.objects.count() == 2
    assert post(logged_in(stranger), "mine", **HTMX).status_code == 200  # per user


@pytest.mark.django_db
def test_markup_is_shown_as_text_on_the_page_and_in_the_admin(owner_client, owner):
    post(owner_client, '<script>alert("x")</script><b>bold</b>')
    admin_client = logged_in(make_staff())
    page = owner_client.get(ROOM).text
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;b&gt;bold&lt;/b&gt;" in page
    listing = admin_client.get("/admin/room/message/").text
    assert "<b>bold</b>" not in listing
    assert "&lt;b&gt;bold&lt;/b&gt;" in listing


@pytest.mark.django_db
def test_the_page_shows_the_last_50_oldest_first_and_loads_earlier(owner_client, owner):
    Message.objects.bulk_create(Message(author=owner, text=f"message {n}") for n in range(120))
    page = owner_client.get(ROOM).text
    shown = re.findall(r'class="message-text">message (\d+)<', page)
    assert shown == [str(n) for n in range(70, 120)]
    first_shown = Message.objects.get(text="message 70").pk
    assert f'href="/room/?before={first_shown}"' in page  # works without JavaScript

    earlier = owner_client.get(ROOM, {"before": first_shown}, headers=HTMX).text
    assert re.findall(r"message (\d+)<", earlier) == [str(n) for n in range(20, 70)]
    assert 'hx-swap-oob="afterbegin:#room-messages"' in earlier
    before_20 = Message.objects.get(text="message 20").pk
    last = owner_client.get(ROOM, {"before": before_20}, headers=HTMX).text
    assert re.findall(r"message (\d+)<", last) == [str(n) for n in range(20)]
    assert "Load earlier" not in last  # nothing before message 0

    plain = owner_client.get(ROOM, {"before": first_shown}).text  # the link, without JavaScript
    assert re.findall(r'class="message-text">message (\d+)<', plain) == [
        str(n) for n in range(20, 70)
    ]
    assert "Back to the newest messages" in plain


@pytest.mark.django_db
def test_a_nonsense_page_reference_shows_the_newest(owner_client, owner):
    Message.objects.create(author=owner, text="the only one")
    for before in ["x", "-1", "9" * 30]:
        assert "the only one" in owner_client.get(ROOM, {"before": before}).text


@pytest.mark.django_db
def test_nobody_deletes_anothers_message(owner, stranger):
    message = Message.objects.create(author=owner, text="mine")
    response = logged_in(stranger).post(f"/room/{message.pk}/delete/")
    assert response.status_code == 404
    assert Message.objects.filter(pk=message.pk).exists()
    assert Client().post(f"/room/{message.pk}/delete/").status_code == 302  # to log in
    assert logged_in(owner).get(f"/room/{message.pk}/delete/").status_code == 405


@pytest.mark.django_db
def test_only_the_author_sees_a_delete_button_on_the_page(owner, stranger):
    Message.objects.create(author=owner, text="mine")
    assert "message-delete" in logged_in(owner).get(ROOM).text
    assert "message-delete" not in logged_in(stranger).get(ROOM).text


@pytest.mark.django_db
def test_the_time_is_shown_as_people_read_it(owner_client, owner):
    from datetime import timedelta

    from django.utils import timezone

    now = timezone.localtime()
    Message.objects.create(author=owner, text="today", created=now)
    Message.objects.create(author=owner, text="before", created=now - timedelta(days=1))
    page = owner_client.get(ROOM).text
    assert f">{now:%H:%M}</time>" in page
    assert ">yesterday, " in page


# --- live, over /ws/ ---


@database_sync_to_async
def post_as(user, text: str, **headers):
    return post(logged_in(user), text, **headers)


@database_sync_to_async
def delete_as(user, message: Message):
    return logged_in(user).post(f"/room/{message.pk}/delete/", headers=HTMX)


async def receive_stream(communicator) -> str:
    message = await communicator.receive_json_from(timeout=5)
    assert message.get("signed_channel_name"), message
    return message["data"]


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_a_post_reaches_every_subscribed_socket_the_authors_other_tabs_too(owner, stranger):
    others_tab, authors_other_tab = await connect(stranger), await connect(owner)
    for socket in (others_tab, authors_other_tab):
        await subscribe(socket, RoomStream())
    assert await others_tab.receive_nothing(timeout=0.3)
    response = await post_as(owner, "<i>Hi</i> all", **HTMX)
    assert response.status_code == 200
    for socket in (others_tab, authors_other_tab):
        html = await receive_stream(socket)
        assert 'action="append"' in html and 'target="room-messages"' in html
        assert "&lt;i&gt;Hi&lt;/i&gt; all" in html  # markup as text in the stream too
        assert "<i>Hi</i>" not in html
        assert "Alice Liddell" in html
        await socket.disconnect()


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_an_anonymous_socket_can_neither_subscribe_nor_receive(owner):
    anonymous = await connect()
    await subscribe(anonymous, RoomStream())
    assert "may not subscribe" in await error_from(anonymous)
    await post_as(owner, "not for strangers")
    assert await anonymous.receive_nothing(timeout=0.5)
    await anonymous.disconnect()


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_a_deleted_message_is_removed_everywhere(owner, stranger):
    message = await database_sync_to_async(Message.objects.create)(author=owner, text="oops")
    watcher = await connect(stranger)
    await subscribe(watcher, RoomStream())
    assert await watcher.receive_nothing(timeout=0.3)
    deleted = await delete_as(owner, message)
    assert deleted.status_code == 204
    html = await receive_stream(watcher)
    assert 'action="remove"' in html and f'target="message-{message.pk}"' in html
    await watcher.disconnect()


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_a_message_deleted_from_the_admin_is_removed_live(owner):
    staff = await database_sync_to_async(make_staff)()
    message = await database_sync_to_async(Message.objects.create)(author=owner, text="spam")
    watcher = await connect(owner)
    await subscribe(watcher, RoomStream())
    assert await watcher.receive_nothing(timeout=0.3)
    admin = await database_sync_to_async(logged_in)(staff)
    url = f"/admin/room/message/{message.pk}/delete/"
    response = await database_sync_to_async(admin.post)(url, {"post": "yes"})
    assert response.status_code == 302
    html = await receive_stream(watcher)
    assert 'action="remove"' in html and f'target="message-{message.pk}"' in html
    await watcher.disconnect()


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_a_refused_post_broadcasts_nothing(owner):
    watcher = await connect(owner)
    await subscribe(watcher, RoomStream())
    assert await watcher.receive_nothing(timeout=0.3)
    response = await post_as(owner, "   ", **HTMX)
    assert response.status_code == 422
    assert await watcher.receive_nothing(timeout=0.5)
    await watcher.disconnect()


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_a_closed_socket_leaves_the_room_stream(owner):
    from channels.layers import get_channel_layer

    group = RoomStream().broadcastable_stream_name
    layer = get_channel_layer()
    before = len(layer.groups.get(group, {}))
    watcher = await connect(owner)
    await subscribe(watcher, RoomStream())
    assert await watcher.receive_nothing(timeout=0.3)
    assert len(layer.groups.get(group, {})) == before + 1
    await watcher.disconnect()
    # Broadcasts no longer queue up for a socket that is gone.
    assert len(layer.groups.get(group, {})) == before
