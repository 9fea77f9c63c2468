from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone


class Transcript(models.Model):
    """One live session's words, kept in the user's history."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="transcripts"
    )
    engine = models.CharField(max_length=32)
    language = models.CharField(max_length=16)
    created = models.DateTimeField(default=timezone.now)
    finished = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"Transcript of {self.created:%Y-%m-%d %H:%M}"

    def get_absolute_url(self) -> str:
        return reverse("transcript", args=[self.pk])

    @property
    def text(self) -> str:
        return "\n".join(segment.text for segment in self.segments.all())

    def add_segment(self, index: int, text: str, start: float, end: float) -> "Segment":
        return self.segments.create(index=index, text=text, start_seconds=start, end_seconds=end)

    def finish(self) -> None:
        self.finished = timezone.now()
        self.save(update_fields=["finished"])


class Segment(models.Model):
    transcript = models.ForeignKey(Transcript, on_delete=models.CASCADE, related_name="segments")
    index = models.PositiveIntegerField()
    text = models.TextField()
    start_seconds = models.FloatField()
    end_seconds = models.FloatField()

    class Meta:
        ordering = ["index"]
        constraints = [
            models.UniqueConstraint(fields=["transcript", "index"], name="segment_index_unique")
        ]

    def __str__(self) -> str:
        return self.text
