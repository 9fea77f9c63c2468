"""PostgreSQL through DATABASE_URL: a real server, started for the test, runs
the migrations and the accounts tests (case-insensitive unique emails, the
user and profile written in one transaction)."""

import os
import subprocess
import sys

import pytest

from harness.site import ROOT, postgres

pytestmark = pytest.mark.servers


@pytest.fixture
def postgres_url():
    with postgres() as url:
        yield url


def test_the_accounts_work_on_postgresql(postgres_url):
    env = {**os.environ, "DATABASE_URL": postgres_url}
    env.pop("PYTEST_CURRENT_TEST", None)
    vendor = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from django.db import connection as c; print(c.vendor)",
        ],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "tests.settings"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert vendor.stdout.split()[-1] == "postgresql", vendor.stderr
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "tests/test_accounts_models.py",
            "tests/test_register.py",
            "tests/test_login.py",
            "tests/test_admin.py",
            "tests/test_project.py::test_no_migrations_are_missing",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert " passed" in result.stdout and " failed" not in result.stdout
