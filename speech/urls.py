from django.urls import path

from . import views

urlpatterns = [
    path("transcribe/", views.transcribe, name="transcribe"),
    path("live/", views.live_page, name="live"),
    path("transcripts/", views.transcripts, name="transcripts"),
    path("transcripts/<int:pk>/", views.transcript, name="transcript"),
    path("transcripts/<int:pk>.txt", views.transcript_text, name="transcript_text"),
    path("transcripts/<int:pk>/delete/", views.delete_transcript, name="delete_transcript"),
]
