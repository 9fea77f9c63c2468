"""The live page and the history of transcripts: each user sees only their own."""

import pytest

from speech.models import Transcript
from speech.streams import LiveStream

pytestmark = pytest.mark.django_db


@pytest.fixture
def transcript(owner) -> Transcript:
    transcript = Transcript.objects.create(user=owner, engine="moonshine", language="en")
    transcript.add_segment(0, "Ever tried, ever failed.", 0.0, 2.5)
    transcript.add_segment(1, "No matter.", 2.5, 4.0)
    transcript.finish()
    return transcript


def test_the_live_page_requires_login(client):
    response = client.get("/speech/live/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_live_page_subscribes_to_the_users_own_stream(owner_client, owner):
    page = owner_client.get("/speech/live/").text
    assert LiveStream(owner.pk).signed_stream_name in page
    for element in [
        'id="live-partial"',
        'id="live-transcript"',
        'id="live-start"',
        'id="live-stop"',
    ]:
        assert element in page
    # Engines and languages are chosen, not typed: what the configured engines support.
    assert '<option value="moonshine" data-languages="en" selected>Moonshine (offline)' in page
    assert '<option value="en" selected>English</option>' in page
    assert '<option value="en-US">English (US)</option>' in page


def test_the_history_lists_only_the_users_transcripts(owner_client, transcript, stranger):
    theirs = Transcript.objects.create(user=stranger, engine="moonshine", language="en")
    page = owner_client.get("/speech/transcripts/").text
    assert f'href="/speech/transcripts/{transcript.pk}/"' in page
    assert f'href="/speech/transcripts/{theirs.pk}/"' not in page
    assert "Ever tried, ever failed." in page


def test_a_transcript_reads_in_order(owner_client, transcript):
    page = owner_client.get(f"/speech/transcripts/{transcript.pk}/").text
    assert page.index("Ever tried") < page.index("No matter")


def test_a_transcript_downloads_as_text(owner_client, transcript):
    response = owner_client.get(f"/speech/transcripts/{transcript.pk}.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response.content.decode() == "Ever tried, ever failed.\nNo matter.\n"


def test_a_transcript_is_deleted_with_a_post(owner_client, transcript):
    assert owner_client.get(f"/speech/transcripts/{transcript.pk}/delete/").status_code == 405
    response = owner_client.post(f"/speech/transcripts/{transcript.pk}/delete/")
    assert response.status_code == 302
    assert not Transcript.objects.exists()


@pytest.mark.parametrize("suffix", ["/", ".txt", "/delete/"])
def test_another_users_transcript_is_a_404(client, stranger, transcript, suffix):
    client.force_login(stranger)
    url = f"/speech/transcripts/{transcript.pk}{suffix}"
    response = client.post(url) if suffix == "/delete/" else client.get(url)
    assert response.status_code == 404
    assert Transcript.objects.filter(pk=transcript.pk).exists()
