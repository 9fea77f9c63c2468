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

    with served_site(tmp_path_factory.mktemp("site")) as url:
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
        silence = np.zeros(audio.RATE * 2, dtype=np.float32)
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
