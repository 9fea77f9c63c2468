"""Personas shared by every test: an owner of things, and a stranger to them."""

from collections.abc import Iterator

import pytest

from accounts.models import Profile, User

PASSWORD = "correct-horse-battery"


def make_user(email: str, fullname: str, **profile_fields) -> User:
    return User.objects.create_user(
        email, PASSWORD, profile=Profile(fullname=fullname, **profile_fields)
    )


@pytest.fixture
def owner(db) -> User:
    return make_user("alice@example.com", "Alice Liddell", sex="female", country="GB")


@pytest.fixture
def stranger(db) -> User:
    return make_user("bob@example.com", "Bob Stranger", sex="male", country="US")


@pytest.fixture
def owner_client(client, owner):
    client.force_login(owner)
    return client


@pytest.fixture(scope="session")
def live_site(tmp_path_factory) -> Iterator[str]:
    from harness.site import served_site

    # Every browser test comes from 127.0.0.1: the per-client limits that
    # guard a real site would count the whole run as one busy person (the
    # limits have tests of their own).
    generous = {
        "REGISTER_CHECKS_PER_HOUR": "10000",
        "SPEECH_ANONYMOUS_AUDIO_SECONDS": "100000",
        "SPEECH_AUDIO_SECONDS": "100000",
        "SPEECH_RATE_LIMIT": "10000",
    }
    with served_site(tmp_path_factory.mktemp("site"), generous) as url:
        yield url


@pytest.fixture(scope="session")
def playwright_session():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture
def launch_chromium(playwright_session):
    """Start Debian's Chromium with the given extra flags; closed after the test."""
    from harness.site import CHROMIUM, CHROMIUM_ARGS

    browsers = []

    def launch(*extra_args: str):
        browser = playwright_session.chromium.launch(
            executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, *extra_args]
        )
        browsers.append(browser)
        return browser

    yield launch
    for browser in browsers:
        browser.close()


@pytest.fixture
def speaking_page(launch_chromium, tmp_path):
    """A page in a Chromium whose fake microphone says `speech` once (text for
    eSpeak, or 16 kHz samples) and then stays silent; returns the page and the
    speech's length in seconds."""
    import numpy as np
    import soundfile

    from harness.voices import spoken
    from speech import audio

    def open_page(speech):
        speech = spoken(speech) if isinstance(speech, str) else speech
        path = tmp_path / "microphone.wav"
        # The file starts when the capture opens, a moment before the recorder
        # listens (longer on a loaded machine): a second of silence first
        # keeps the start of the speech out of that gap.
        lead = np.zeros(audio.RATE, dtype=np.float32)
        silence = np.zeros(audio.RATE * 2, dtype=np.float32)
        speech = np.concatenate([lead, speech])
        soundfile.write(path, np.concatenate([speech, silence]), audio.RATE, subtype="PCM_16")
        browser = launch_chromium(
            "--use-fake-ui-for-media-stream",
            "--use-fake-device-for-media-stream",
            f"--use-file-for-fake-audio-capture={path}%noloop",
        )
        page = browser.new_page()
        page.set_default_timeout(30_000)
        return page, audio.seconds(speech)

    return open_page


@pytest.fixture
def page(launch_chromium):
    context = launch_chromium().new_context()
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture(autouse=True)
def fresh_cache():
    """Rate-limit counters live in the cache: every test starts at zero."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def pytest_collection_modifyitems(items):
    # Playwright's sync API keeps an event loop in the main thread once it
    # starts, and Django's test client cannot call async views beside it:
    # browser tests run last.
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


# Chromium's file-backed fake microphone replays its file from the start at
# every capture, so a page that dictates several fields gets its speech from
# this stand-in for getUserMedia instead: each capture plays the next
# utterance the test queued (then silence), through the page's own recorder.
MICROPHONE = """
(() => {
  const real = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
  navigator.mediaDevices.getUserMedia = async (constraints) => {
    const response = await fetch("/__microphone__/next");
    if (response.status !== 200) return real(constraints);
    const context = new AudioContext();
    const speech = await context.decodeAudioData(await response.arrayBuffer());
    const source = context.createBufferSource();
    source.buffer = speech;
    const line = context.createMediaStreamDestination();
    source.connect(line);
    source.start();
    return line.stream;
  };
})();
"""


@pytest.fixture
def dictating_page(launch_chromium):
    """A page, and say(text[, voice]): what its microphone says at the next
    capture (speech synthesised for the test), for pages that dictate more
    than one thing. Returns the page, say, and the seconds of each utterance."""
    from harness.voices import VOICE, spoken, wav_bytes
    from speech import audio

    context = launch_chromium(
        "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream"
    ).new_context()
    page = context.new_page()
    page.set_default_timeout(30_000)
    queue = []

    def next_utterance(route):
        if queue:
            route.fulfill(status=200, body=queue.pop(0), content_type="audio/wav")
        else:
            route.fulfill(status=404, body=b"")

    page.route("**/__microphone__/next", next_utterance)
    page.add_init_script(MICROPHONE)

    def say(text: str, voice: str = VOICE) -> float:
        speech = spoken(text, voice=voice)
        queue.append(wav_bytes(speech))
        return audio.seconds(speech)

    yield page, say
    context.close()
