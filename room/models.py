from django.conf import settings
from django.db import models
from django.utils import timezone


class Message(models.Model):
    """A message in the shared room, kept so that nothing said is lost."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="messages"
    )
    text = models.TextField()
    created = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        # Ids grow as messages are kept, whichever process keeps them.
        ordering = ["id"]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def author_name(self) -> str:
        profile = getattr(self.author, "profile", None)
        return (profile.fullname if profile else "") or self.author.email.split("@")[0]
