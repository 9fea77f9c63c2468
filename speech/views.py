import logging
import time

from asgiref.sync import sync_to_async
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts import throttle

from . import audio, engines, fields, recognition
from .engines import EngineError
from .forms import TranscribeForm
from .models import Transcript
from .streams import LiveStream

logger = logging.getLogger(__name__)


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "") and not request.htmx


def _error(request: HttpRequest, status: int, message: str, field: str = "") -> HttpResponse:
    if _wants_json(request):
        return JsonResponse({"error": message}, status=status)
    context = {"message": message, "field": field}
    return render(request, "speech/_dictation_error.html", context, status=status)


def _read_audio(form: TranscribeForm) -> bytes:
    upload = form.cleaned_data.get("audio")
    if upload is not None:
        if upload.size > settings.SPEECH_MAX_UPLOAD_BYTES:
            raise OverflowError
        return upload.read()
    data = audio.decode_base64(form.cleaned_data["record"])
    if len(data) > settings.SPEECH_MAX_UPLOAD_BYTES:
        raise OverflowError
    return data


@require_POST
async def transcribe(request: HttpRequest) -> HttpResponse:
    """Audio in; the field's value out, as a partial for HTMX or as JSON."""
    if int(request.META.get("CONTENT_LENGTH") or 0) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
        return _error(request, 413, "The recording is too large.")
    client = throttle.client_address(request)
    count = await sync_to_async(throttle.hit)("speech", client, settings.SPEECH_RATE_WINDOW_SECONDS)
    if count > settings.SPEECH_RATE_LIMIT:
        return _error(request, 429, "Too many recordings in a short time: wait a minute.")

    form = TranscribeForm(request.POST, request.FILES)
    if not form.is_valid():
        message = " ".join(str(e) for errors in form.errors.values() for e in errors)
        return _error(request, 400, message, request.POST.get("field", "")[:64])
    field_name = form.cleaned_data["field"]
    try:
        samples = audio.decode(_read_audio(form), audio.Limits(settings.SPEECH_MAX_AUDIO_SECONDS))
    except OverflowError:
        return _error(request, 413, "The recording is too large.", field_name)
    except audio.AudioError as error:
        return _error(request, 400, str(error), field_name)

    kind = fields.kind_for(field_name)
    choices = list(kind.choices.phrases) if kind.choices else None
    engine, language = form.cleaned_data["provider"], form.cleaned_data["language"]
    try:
        result = await recognition.run(samples, engine, language, choices)
    except recognition.Busy:
        return _error(request, 503, "The speech service is busy: try again in a moment.")
    except recognition.NoSpeech:
        return _error(request, 422, "No speech heard: try again, closer to the microphone.")
    except EngineError as error:
        return _error(request, 503, str(error), field_name)
    await _look_again(kind, samples, engine, language, result)

    value = kind.value(result.transcript)
    logger.info(
        "transcribed field=%s provider=%s audio=%.2fs elapsed=%.2fs notes=%s",
        field_name or "-",
        engine.name,
        result.audio_seconds,
        result.elapsed_seconds,
        ",".join(result.notes) or "-",
    )
    return _answer(request, form, kind, result, value)


async def _look_again(kind, samples, engine, language, result) -> None:
    """A search constrained to what the field allows, where the open
    transcript gives it no good value: a phone number's words, an address's
    top-level domain. The open transcript stands where it cannot run."""
    started = time.perf_counter()
    try:
        if kind.lexicon and kind.needs_reading(result.text):
            readings = await recognition.read(samples, engine, language, kind.lexicon)
            if readings:
                result.transcript.alternatives = readings
                result.notes.append("constrained")
        phrases = kind.phrases_to_rank(result.transcript)
        if phrases:
            ranked = await recognition.choose(samples, engine, language, phrases)
            if ranked:
                result.transcript.alternatives.insert(0, ranked[0])
                result.notes.append("ranked")
    except (recognition.Busy, EngineError):
        pass
    result.elapsed_seconds += time.perf_counter() - started


def _answer(request, form, kind, result, value) -> HttpResponse:
    field_name, secret = form.cleaned_data["field"], form.is_secret
    text = "" if secret else result.text
    message = ""
    if not value and kind.choices:
        message = f"Heard “{text}”, which matches none of the choices: pick one from the list."
    elif not value:
        message = "No words made out: try again, or type instead."
    if _wants_json(request):
        body = {
            "text": text,
            "value": value,
            "provider": result.provider,
            "audio_seconds": round(result.audio_seconds, 3),
            "elapsed_seconds": round(result.elapsed_seconds, 3),
        }
        if message:
            body["error"] = message
        return JsonResponse(body, status=422 if message else 200)
    if message:
        return _error(request, 422, message, field_name)
    label = kind.choices.label_of(value) if kind.choices else value
    context = {"field": field_name, "value": value, "label": label, "secret": secret}
    return render(request, "speech/_dictation.html", context)


def _get_transcript_for_user(request: HttpRequest, pk: int) -> Transcript:
    return get_object_or_404(Transcript, pk=pk, user=request.user)


@login_required
def live_page(request: HttpRequest) -> HttpResponse:
    context = {
        "stream": LiveStream(request.user.pk),
        "engines": engines.allowed(),
        "default_engine": settings.SPEECH_DEFAULT_ENGINE,
        "default_language": settings.SPEECH_DEFAULT_LANGUAGE,
    }
    return render(request, "speech/live.html", context)


@login_required
def transcripts(request: HttpRequest) -> HttpResponse:
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
