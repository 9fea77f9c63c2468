"""The room's broadcasts, in one place: a message saved is appended in every
subscribed page, a message deleted (by its author, from the admin, or with
its author's account) is removed from them. Each goes out once the database
has it, so that nobody sees a message that was not kept."""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.template.loader import render_to_string

from .models import Message
from .streams import RoomStream


@receiver(post_save, sender=Message)
def append(sender: type, instance: Message, created: bool, **kwargs) -> None:
    if created:
        transaction.on_commit(lambda: _append(instance))


@receiver(post_delete, sender=Message)
def remove(sender: type, instance: Message, **kwargs) -> None:
    element = f"message-{instance.pk}"
    transaction.on_commit(lambda: RoomStream().remove(id=element))


def _append(message: Message) -> None:
    html = render_to_string("room/_message.html", {"message": message, "streamed": True})
    RoomStream().append(text=html, id="room-messages")
