"""The speech view with real speech through the real default engine."""

import base64
import time

import numpy as np
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings

from harness.voices import (
    BECKETT_TEXT,
    PIPER,
    beckett_path,
    encoded,
    spoken,
    spoken_wav,
    wav_bytes,
)
from speech import engines, live, recognition
from speech.dictation import phones
from speech.dictation.addresses import has_real_ending, is_whole
from speech.engines.moonshine import search

URL = "/speech/transcribe/"
JSON = {"Accept": "application/json"}


def upload(data: bytes, name: str = "speech.wav") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="audio/wav")


def post(client, data: bytes | None = None, headers=JSON, **fields):
    if data is not None:
        fields["audio"] = upload(data)
    return client.post(URL, fields, headers=headers)


def words(text: str) -> list[str]:
    return "".join(c if c.isalnum() or c.isspace() else " " for c in text.lower()).split()


@pytest.mark.parametrize(
    ("field", "said", "value"),
    [
        ("email", "john dot smith at gmail dot com", "john.smith@gmail.com"),
        ("phone", "five five five one two three four", "5551234"),
        # Heard openly as "Ataate double for double two": read again with
        # number words only.
        ("phone", "eight eight eight double four double two", "8884422"),
        # Heard openly as "five five zero one two three" (no number is six
        # digits long): the constrained reading hears all ten.
        ("phone", "two one two five five five zero one two three", "2125550123"),
        # Heard with five zeros, openly and in the best reading: the first
        # reading that makes a possible number has four.
        ("phone", "six five zero two five three zero zero zero zero", "6502530000"),
        # The engine's best reading has no "at" ("Into that company not
        # come"); its second makes the address.
        ("email", "info at company dot com", "info@company.com"),
        # Heard as "John Dot Smith at University, not Andrew.": no address
        # ends in "andrew", so the engine chooses among real endings.
        ("email", "john dot smith at university dot edu", "john.smith@university.edu"),
        # Best heard as "I learned your ring": names have no "I" or "your".
        ("fullname", "Alan Turing", "Alan Turing"),
        # Spelled out, heard as "E. D. I. S. O. N.": one word, not six letters.
        ("fullname", "e d i s o n", "Edison"),
        ("email", "e d i s o n at example dot com", "edison@example.com"),
        # Heard "H-O-B-B-E-R.": B and P rhyme, and Hopper is the name.
        ("fullname", "h, o, p, p, e, r", "Hopper"),
        # Heard "J-O-H-N dot S-M-I-D-H": D and T rhyme too.
        ("email", "j, o, h, n, dot, s, m, i, t, h at gmail dot com", "john.smith@gmail.com"),
        # Heard "M-I-K-E-2-0": the digits belong to the spelled word.
        ("email", "m, i, k, e, two, zero at mail dot com", "mike20@mail.com"),
        # Heard openly as "Kilo India November 12.": read again with the
        # spelling alphabet's words only.
        ("fullname", "kilo india november golf", "King"),
        ("fullname", "alpha delta alpha space lima echo echo", "Ada Lee"),
        # Heard openly with "Dot Brown" in it: the alphabet's reading has "bravo romeo".
        (
            "email",
            "alpha lima india charlie echo dot bravo romeo oscar whiskey november"
            " at hotmail dot co dot uk",
            "alice.brown@hotmail.co.uk",
        ),
        ("country", "Nigeria", "NG"),
        ("country", "India", "IN"),
        # Ranked by total log-probability, the shorter "Switzerland" won.
        ("country", "Botswana", "BW"),
        ("country", "I live in Japan", "JP"),
        ("sex", "female", "female"),
        ("sex", "male", "male"),
        ("", "the quick brown fox jumps over the lazy dog", None),
    ],
)
def test_spoken_values_fill_their_fields(client, field, said, value):
    response = post(client, spoken_wav(said), field=field)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["provider"] == "moonshine"
    assert body["value"] == (value or body["text"])
    assert body["audio_seconds"] > 0.5
    assert body["elapsed_seconds"] > 0
    if value is None:
        assert words(body["text"])[:3] == ["the", "quick", "brown"]


@pytest.mark.parametrize(
    ("field", "said", "value"),
    [
        ("email", "john dot smith at gmail dot com", "john.smith@gmail.com"),
        # Heard "at Progundotme": ranked against the common providers.
        ("email", "nina dash patel at proton dot me", "nina-patel@proton.me"),
        # Heard "Support at mazilla.org." (and "mozilla" in another reading):
        # the domain commoner on the web, ranked on the audio.
        ("email", "support at mozilla dot org", "support@mozilla.org"),
        # Heard "Mary Enders scored Jones": the underscore in it, ranked on the audio.
        ("email", "mary underscore jones at yahoo dot com", "mary_jones@yahoo.com"),
        # Heard "AlistottBrom at hotmail.co.uk.": read again in names, ranked on the audio.
        ("email", "alice dot brown at hotmail dot co dot uk", "alice.brown@hotmail.co.uk"),
        ("phone", "five five five one two three four", "5551234"),
        ("fullname", "Grace Hopper", "Grace Hopper"),
        ("fullname", "Thomas Edison", "Thomas Edison"),  # eSpeak's is heard "Thomas Anderson"
        # Heard first as "Mina Patel": ranked on the audio, the commoner name wins.
        ("fullname", "Nina Patel", "Nina Patel"),
        # Heard "S-n-i-t-h.": M and N rhyme, and Smith is far commoner than Snith.
        ("fullname", "s, m, i, t, h", "Smith"),
        ("country", "Nigeria", "NG"),
        ("country", "Brazil", "BR"),
        ("sex", "female", "female"),
    ],
)
def test_values_spoken_in_a_voice_close_to_a_persons_fill_their_fields(client, field, said, value):
    body = post(client, wav_bytes(spoken(said, voice=PIPER)), field=field).json()
    assert body["value"] == value, body


def test_free_text_in_a_voice_close_to_a_persons(client):
    said = "The library opens at nine in the morning and closes at six in the evening."
    body = post(client, wav_bytes(spoken(said, voice=PIPER))).json()
    assert words(body["text"]) == words(said)


def test_an_answer_offers_the_next_likeliest_values(client):
    # eSpeak's "peter dash parker" is heard "Peter Nash Parker": the address
    # said is one pick away.
    body = post(client, spoken_wav("peter dash parker at outlook dot com"), field="email").json()
    assert body["value"] == "peternashparker@outlook.com"
    alternatives = body["alternatives"]
    assert alternatives[0] == "peter-parker@outlook.com"
    assert 1 <= len(alternatives) <= 4
    assert body["value"] not in alternatives
    assert len(set(alternatives)) == len(alternatives)
    assert all(is_whole(a) and has_real_ending(a) for a in alternatives)


def test_a_name_heard_as_words_is_read_again_in_names(client):
    # eSpeak's "Lucas Rossi" is heard "Luke and Rossi."; read in names only,
    # it is one pick away.
    body = post(client, spoken_wav("Lucas Rossi"), field="fullname").json()
    assert "Lucas Rossi" in [body["value"], *body["alternatives"]]


def test_the_htmx_answer_offers_the_alternatives_as_buttons(client):
    # Heard "Thomas Anderson"; "Thomas Edison" is the first other possibility.
    wav = spoken_wav("Thomas Edison")
    alternatives = post(client, wav, field="fullname").json()["alternatives"]
    response = post(client, wav, headers={"HX-Request": "true"}, field="fullname")
    assert f"Filled in: Thomas Anderson. {len(alternatives)} other possibilities" in response.text
    assert response.text.count('class="alternative"') == len(alternatives)
    assert 'data-value="Thomas Edison"' in response.text
    assert 'class="spell-tip" hidden' in response.text


def test_a_choice_offers_other_choices_by_their_labels(client):
    wav = spoken_wav("Nigeria")
    codes = post(client, wav, field="country").json()["alternatives"]
    assert codes and all(len(code) == 2 and code.isupper() for code in codes)
    response = post(client, wav, headers={"HX-Request": "true"}, field="country")
    assert f'data-value="{codes[0]}"' in response.text
    assert "Niger" in response.text  # a label, not only its code


@pytest.mark.parametrize(
    ("said", "name", "heard", "meant"),
    [
        # Heard "Robert not queuing", "Robert not killing" as ranked on the audio.
        ("robert dot king at example dot com", "Robert King", "robert.killing@example.com",
         "robert.king@example.com"),
        # Heard "Olivia dot marty" in every reading: the name's user names,
        # ranked on the audio against it, find "Martin".
        ("olivia dot martin at gmail dot com", "Olivia Martin", "olivia.marty@gmail.com",
         "olivia.martin@gmail.com"),
        # Heard "The underscore new yen": the initial and the surname, by an
        # underscore, is a user name the name makes too.
        ("t underscore nguyen at outlook dot com", "Tuan Nguyen", "the_newyen@outlook.com",
         "t_nguyen@outlook.com"),
    ],
)  # fmt: skip
def test_the_name_in_the_form_lifts_the_address_made_of_it(client, said, name, heard, meant):
    wav = spoken_wav(said)
    assert post(client, wav, field="email").json()["value"] == heard
    hinted = post(client, wav, field="email", hint_name=name).json()
    assert hinted["value"] == meant
    assert heard in hinted["alternatives"]


def test_the_name_in_the_form_does_not_override_other_speech(client):
    wav = spoken_wav("info at company dot com")
    body = post(client, wav, field="email", hint_name="Maria Lopez").json()
    assert body["value"] == "info@company.com"


def test_the_country_in_the_form_sets_the_phone_region(client, settings):
    # A British mobile number, heard with a zero too many.
    settings.PHONE_REGION = "US"
    wav = spoken_wav("zero seven seven zero zero nine zero zero one two three")
    assert post(client, wav, field="phone").json()["value"] != "07700900123"
    assert post(client, wav, field="phone", hint_region="GB").json()["value"] == "07700900123"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"hint_region": "GBR"}, "Enter a valid value"),
        ({"hint_name": "x" * 151}, "at most 150"),
    ],
)
def test_bad_hints_get_a_clear_4xx(client, fields, message):
    response = client.post(URL, {"record": "aGVsbG8=", **fields}, headers=JSON)
    assert response.status_code == 400
    assert message in response.json()["error"]


def test_the_shipped_recording_is_transcribed_word_for_word(client):
    response = post(client, beckett_path().read_bytes())
    assert response.status_code == 200
    heard = words(response.json()["text"])
    expected = words(BECKETT_TEXT)
    matched = sum(a == b for a, b in zip(heard, expected, strict=False))
    assert matched >= len(expected) - 1, heard


def test_two_sentences_read_in_one_piece_are_both_transcribed(client):
    # A second of quiet between them, too short to cut at: the decoder must
    # not end the text after the first sentence.
    first = "The library opens at nine in the morning and closes at six in the evening."
    second = "We walked along the river until the sun went down."
    quiet = np.zeros(16000, dtype=np.float32)
    response = post(client, wav_bytes(np.concatenate([spoken(first), quiet, spoken(second)])))
    assert response.status_code == 200
    heard = words(response.json()["text"])
    assert heard[:3] == ["the", "library", "opens"], heard
    assert heard[-3:] == ["sun", "went", "down"], heard


@pytest.mark.parametrize("length", [0, 10, 400])
def test_a_few_samples_get_an_answer_not_an_error(length):
    # Trimmed audio (a live partial's) can be this short; the encoder's
    # convolutions fail under about a thousand samples.
    engine = engines.ENGINES["moonshine"]
    samples = np.full(length, 0.05, dtype=np.float32)
    assert engine.recognise(samples, "en").text == ""
    assert engine.recognise(samples, "en", draft=True).text == ""
    assert engine.choose(samples, "en", ["male", "female"])
    assert isinstance(engine.read(samples, "en", phones.LEXICON), list)


def test_base64_records_as_older_clients_send_them(client):
    record = base64.b64encode(spoken_wav("five five five one two three four")).decode()
    response = client.post(URL, {"record": record, "field": "phone"}, headers=JSON)
    assert response.json()["value"] == "5551234"
    prefixed = "data:audio/wav;base64," + record
    response = client.post(URL, {"record": prefixed, "field": "phone"}, headers=JSON)
    assert response.json()["value"] == "5551234"


@pytest.mark.parametrize(
    "make",
    [
        lambda s: wav_bytes(s, 44100, "PCM_24", 2),
        lambda s: wav_bytes(s, 22050, "PCM_U8"),
        lambda s: wav_bytes(s, 48000, "FLOAT"),
        lambda s: encoded(s, "FLAC"),
        lambda s: encoded(s, "AIFF"),
    ],
    ids=["wav-44k-24bit-stereo", "wav-22k-8bit", "wav-48k-float", "flac", "aiff"],
)
def test_other_formats_give_the_same_value(client, make):
    response = post(client, make(spoken("five five five one two three four")), field="phone")
    assert response.status_code == 200
    assert response.json()["value"] == "5551234"


def test_an_htmx_request_gets_the_partial_that_fills_the_field(client):
    response = post(
        client,
        spoken_wav("john dot smith at gmail dot com"),
        headers={"HX-Request": "true"},
        field="email",
    )
    assert response.status_code == 200
    assert 'data-status="ok"' in response.text
    assert 'data-field="email"' in response.text
    assert 'data-value="john.smith@gmail.com"' in response.text
    assert "<html" not in response.text


def test_a_choice_shows_its_label_and_carries_its_value(client):
    response = post(client, spoken_wav("Nigeria"), headers={"HX-Request": "true"}, field="country")
    assert 'data-value="NG"' in response.text
    assert "Nigeria" in response.text


def test_silence_answers_no_speech_heard(client):
    response = post(client, wav_bytes(np.zeros(16000 * 2, dtype=np.float32)), field="email")
    assert response.status_code == 422
    assert "No speech heard" in response.json()["error"]


def test_silence_answers_a_message_partial_for_htmx(client):
    silence = wav_bytes(np.zeros(16000 * 2, dtype=np.float32))
    response = post(client, silence, headers={"HX-Request": "true"}, field="email")
    assert response.status_code == 422
    assert 'data-status="error"' in response.text
    assert "No speech heard" in response.text


@pytest.mark.parametrize(
    ("fields", "status", "message"),
    [
        ({"audio": upload(b"just some text, not a recording")}, 400, "not audio"),
        ({"audio": upload(b"RIFF\x24\x00\x00\x00WAVEfmt ")}, 400, "not audio"),
        ({"audio": upload(b"")}, 400, "Send the recording"),
        ({"record": "%%% not base64 %%%"}, 400, "base64"),
        ({"record": ""}, 400, "Send the recording"),
        ({}, 400, "Send the recording"),
        ({"record": "aGVsbG8=", "provider": "whisper"}, 400, "Unknown speech engine"),
        ({"record": "aGVsbG8=", "language": "xx-YY"}, 400, "does not understand"),
        ({"record": "aGVsbG8=", "language": "not a language"}, 400, "Enter a valid value"),
        ({"record": "aGVsbG8=", "field": "password1"}, 400, "Passwords cannot be dictated"),
        ({"record": "aGVsbG8=", "field": "x" * 200}, 400, "Enter a valid value"),
    ],
)
def test_bad_input_gets_a_clear_4xx(client, fields, status, message):
    response = client.post(URL, fields, headers=JSON)
    assert response.status_code == status
    assert message in response.json()["error"]


def test_a_truncated_wav_is_refused(client):
    whole = spoken_wav("hello there")
    response = post(client, whole[:30])
    assert response.status_code == 400


@override_settings(SPEECH_MAX_UPLOAD_BYTES=50_000)
def test_an_upload_over_the_size_limit_gets_413(client):
    response = post(client, spoken_wav("this recording is a little too large for the limit"))
    assert response.status_code == 413
    assert "too large" in response.json()["error"]


@override_settings(SPEECH_MAX_UPLOAD_BYTES=50_000, DATA_UPLOAD_MAX_MEMORY_SIZE=60_000)
def test_a_body_over_the_size_limit_is_refused_before_it_is_read(client):
    record = base64.b64encode(b"\0" * 100_000).decode()
    response = client.post(URL, {"record": record}, headers=JSON)
    assert response.status_code == 413


@override_settings(SPEECH_MAX_AUDIO_SECONDS=2)
def test_audio_over_the_length_limit_is_refused(client):
    response = post(client, beckett_path().read_bytes())
    assert response.status_code == 400
    assert "longer than 2 seconds" in response.json()["error"]


@override_settings(SPEECH_ENGINES=["moonshine", "sphinx", "google"], SPEECH_ALLOW_NETWORK=False)
def test_an_engine_that_needs_the_network_is_refused_while_offline(client):
    response = post(client, spoken_wav("hello"), provider="google")
    assert response.status_code == 400
    assert "needs the internet" in response.json()["error"]


def test_an_engine_outside_the_allow_list_is_refused(client):
    response = post(client, spoken_wav("hello"), provider="google")
    assert response.status_code == 400
    assert "Unknown speech engine" in response.json()["error"]


def test_another_allowed_engine_can_be_chosen(client):
    response = post(client, beckett_path().read_bytes(), provider="sphinx", language="en-US")
    assert response.status_code == 200
    body = response.json()
    assert body["provider"] == "sphinx"
    assert "ever tried" in body["text"]


@override_settings(SPEECH_RATE_LIMIT=2)
def test_requests_per_client_are_limited(client):
    silence = wav_bytes(np.zeros(1600, dtype=np.float32))
    assert post(client, silence).status_code == 422
    assert post(client, silence).status_code == 422
    response = post(client, silence)
    assert response.status_code == 429
    assert "Too many" in response.json()["error"]


def test_the_time_reported_counts_the_second_look(client, monkeypatch):
    # A phone number heard with other words is read again with number words.
    read = search.read

    def slow_read(*args, **kwargs):
        time.sleep(1.0)
        return read(*args, **kwargs)

    monkeypatch.setattr(search, "read", slow_read)
    response = post(client, spoken_wav("eight eight eight double four double two"), field="phone")
    assert response.json()["value"] == "8884422"
    assert response.json()["elapsed_seconds"] >= 1.0


def test_a_busy_service_answers_503_before_reading_the_recording(client, monkeypatch):
    monkeypatch.setattr(recognition, "_pool_and_slots", lambda: (None, recognition.Slots(0)))
    response = post(client, spoken_wav("hello there"))
    assert response.status_code == 503
    assert "busy" in response.json()["error"]
    # Refused before the upload is decoded: a broken one gets the same answer.
    assert post(client, b"RIFF not a wav").status_code == 503


def test_recognition_slots_are_taken_without_waiting_and_given_back():
    slots = recognition.Slots(1)
    assert slots.any_free() and slots.take()
    assert not slots.any_free() and not slots.take()
    slots.give_back()
    assert slots.take()


def test_an_engine_failure_answers_503_and_ends_a_live_sentence(client, monkeypatch):
    from onnxruntime.capi.onnxruntime_pybind11_state import InvalidArgument

    def fail(*args, **kwargs):
        raise InvalidArgument("Invalid input shape")

    monkeypatch.setattr(search, "transcribe", fail)
    response = post(client, spoken_wav("hello there"))
    assert response.status_code == 503
    assert "failed on this recording" in response.json()["error"]
    assert live.recognise_job("final", engines.ENGINES["moonshine"], "en", spoken("hello")) == ""


def test_only_post_is_allowed(client):
    assert client.get(URL).status_code == 405


def test_it_needs_the_csrf_token():
    response = Client(enforce_csrf_checks=True).post(URL, {"record": "aGVsbG8="})
    assert response.status_code == 403


@override_settings(SPEECH_DICTATE_PASSWORDS=True)
def test_a_dictated_password_is_never_echoed(client, caplog):
    response = post(client, spoken_wav("correct horse battery staple"), field="password1")
    assert response.status_code == 200
    body = response.json()
    assert body["text"] == ""
    assert body["alternatives"] == []
    assert "horse" in body["value"].lower()
    assert "horse" not in caplog.text.lower()
    partial = post(
        client,
        spoken_wav("correct horse battery staple"),
        headers={"HX-Request": "true"},
        field="password1",
    )
    assert "not shown" in partial.text
