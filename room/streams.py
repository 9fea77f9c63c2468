"""The room's Turbo Stream: every signed-in user's sockets, anonymous none.
Found by turbo-django's autodiscovery of `streams` modules."""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser
from turbo import Stream


class RoomStream(Stream):
    def user_passes_test(self, user: AbstractBaseUser | None) -> bool:
        return bool(user and user.is_authenticated)
