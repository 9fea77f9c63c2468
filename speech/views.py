import logging

from asgiref.sync import sync_to_async
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from lib.errors import wants_json

from . import audio, budget, engines, live, recognition, remote
from .dictation import Dictation, dictate
from .engines import EngineError
from .forms import TooLarge, TranscribeForm
from .models import Transcript
from .streams import LiveStream

logger = logging.getLogger(__name__)
BUSY = "The speech service is busy: try again in a moment."


def _error(request: HttpRequest, status: int, message: str, field: str = "") -> HttpResponse:
    if wants_json(request):
        return JsonResponse({"error": message}, status=status)
    context = {"message": message, "field": field}
    return render(request, "speech/_dictation_error.html", context, status=status)


@require_POST
async def transcribe(request: HttpRequest) -> HttpResponse:
    """Audio in; the field's value out, as a partial for HTMX or as JSON.
    (A body over the size limit never gets here: lib/asgi.py refuses it.)"""
    client = await sync_to_async(budget.Client.of)(request)
    if refusal := await sync_to_async(budget.count_request)(client):
        return _error(request, 429, refusal)
    if recognition.busy():  # before the upload is read and decoded
        return _error(request, 503, BUSY)
    form = TranscribeForm(request.POST, request.FILES)
    if not form.is_valid():
        return _error(request, 400, form.message, request.POST.get("field", "")[:64])
    field = form.cleaned_data["field"]
    try:
        samples = audio.decode(form.recording(), audio.Limits(settings.SPEECH_MAX_AUDIO_SECONDS))
    except TooLarge:
        return _error(request, 413, "The recording is too large.", field)
    except audio.AudioError as error:
        return _error(request, 400, str(error), field)
    if refusal := await sync_to_async(budget.take)(client, audio.seconds(samples)):
        return _error(request, 429, refusal, field)
    try:
        return await _dictate(request, form, samples)
    finally:
        await sync_to_async(budget.give_back)(client)


async def _dictate(request: HttpRequest, form: TranscribeForm, samples) -> HttpResponse:
    data = form.cleaned_data
    engine, language, kind = data["engine"], data["language"], data["voice"].kind
    try:
        if settings.SPEECH_USE_WORKERS:
            field, key = data["field"], data["form"]
            dictation = await remote.dictate(samples, engine, language, field, key, form.hints)
        else:
            dictation = await dictate(samples, engine, language, kind, form.hints)
    except recognition.Busy:
        return _error(request, 503, BUSY)
    except recognition.NoSpeech:
        return _error(request, 422, "No speech heard: try again, closer to the microphone.")
    except EngineError as error:
        return _error(request, 503, str(error), data["field"])
    _log(data["field"], dictation)
    return _answer(request, data, dictation)


def _log(field: str, dictation: Dictation) -> None:
    logger.info(
        "transcribed field=%s engine=%s audio=%.2fs elapsed=%.2fs notes=%s",
        field or "-",
        dictation.engine,
        dictation.audio_seconds,
        dictation.elapsed_seconds,
        ",".join(dictation.notes) or "-",
    )


def _answer(request: HttpRequest, data: dict, dictation: Dictation) -> HttpResponse:
    field, voice = data["field"], data["voice"]
    text = "" if voice.secret else dictation.text
    alternatives = [] if voice.secret else dictation.alternatives
    message = ""
    if not dictation.value and voice.kind.has_choices:
        message = f"Heard “{text}”, which matches none of the choices: pick one from the list."
    elif not dictation.value:
        message = "No words made out: try again, or type instead."
    if wants_json(request):
        body = {
            "text": text,
            "value": dictation.value,
            "alternatives": alternatives,
            "provider": dictation.engine,
            "audio_seconds": round(dictation.audio_seconds, 3),
            "elapsed_seconds": round(dictation.elapsed_seconds, 3),
        }
        return JsonResponse(
            body | ({"error": message} if message else {}), status=422 if message else 200
        )
    if message:
        return _error(request, 422, message, field)
    context = {
        "field": field,
        "value": dictation.value,
        "label": voice.kind.label(dictation.value),
        "alternatives": [(value, voice.kind.label(value)) for value in alternatives],
        "secret": voice.secret,
        "spellable": voice.kind.spellable,
    }
    return render(request, "speech/_dictation.html", context)


def _get_transcript_for_user(request: HttpRequest, pk: int) -> Transcript:
    return get_object_or_404(Transcript, pk=pk, user=request.user)


@login_required
def live_page(request: HttpRequest) -> HttpResponse:
    context = {
        "stream": LiveStream(request.user.pk),
        "engines": engines.allowed(),
        "languages": engines.languages(),
        "default_engine": settings.SPEECH_DEFAULT_ENGINE,
        "default_language": settings.SPEECH_DEFAULT_LANGUAGE,
    }
    return render(request, "speech/live.html", context)


@login_required
def transcripts(request: HttpRequest) -> HttpResponse:
    live.sweep_abandoned()  # sessions that died with their process
    mine = request.user.transcripts.prefetch_related("segments")
    return render(request, "speech/transcripts.html", {"transcripts": mine})


@login_required
def transcript(request: HttpRequest, pk: int) -> HttpResponse:
    context = {"transcript": _get_transcript_for_user(request, pk)}
    return render(request, "speech/transcript.html", context)


@login_required
def transcript_text(request: HttpRequest, pk: int) -> HttpResponse:
    found = _get_transcript_for_user(request, pk)
    response = HttpResponse(found.text + "\n", content_type="text/plain; charset=utf-8")
    name = f"transcript-{found.created:%Y%m%d-%H%M%S}.txt"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_POST
def delete_transcript(request: HttpRequest, pk: int) -> HttpResponse:
    _get_transcript_for_user(request, pk).delete()
    messages.success(request, "The transcript is deleted.")
    return redirect("transcripts")
