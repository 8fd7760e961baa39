"""Guards: no pending migrations, system checks pass, production refuses to start
without its secrets, demo mode stays out of production."""

import os
import subprocess
import sys
from io import StringIO

import pytest

from django.conf import settings
from django.core.management import call_command


@pytest.mark.django_db
def test_no_missing_migrations():
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


def test_system_checks_pass():
    call_command("check", "--fail-level", "WARNING")


def _production(env):
    code = "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)"
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL")
    }
    return subprocess.run(
        [sys.executable, "-c", code],
        env={**clean, "DJANGO_SETTINGS_MODULE": "cms.settings.production", **env},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"])
def test_production_settings_fail_fast_without_a_secret(missing):
    env = {
        "SECRET_KEY": "s" * 50,
        "ALLOWED_HOSTS": "kepu.example.org",
        "DATABASE_URL": "sqlite:////tmp/x.db",
    }
    del env[missing]
    result = _production(env)
    assert result.returncode != 0
    assert f"Set the {missing} environment variable" in result.stderr


def test_production_settings_start_with_everything_set():
    result = _production(
        {
            "SECRET_KEY": "s" * 50,
            "ALLOWED_HOSTS": "kepu.example.org",
            "DATABASE_URL": "sqlite:////tmp/x.db",
        }
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_seed_demo_refuses_outside_demo_mode(settings, db):
    from django.core.management.base import CommandError

    settings.KEPU_DEMO = False
    with pytest.raises(CommandError, match="demo mode"):
        call_command("seed_demo")
