"""The environment is read by the settings alone, through one typed reader: a value it
cannot read stops the start naming the variable, and the modules below read settings."""

import ast
import os
import pathlib
import subprocess
import sys

from django.conf import settings

ROOT = pathlib.Path(settings.BASE_DIR)


def _settings(module, env):
    code = (
        "from django.conf import settings; "
        "print(settings.DATABASES['default']['NAME'], settings.KEPU_S3['bucket'], "
        "settings.STORAGES['default']['BACKEND'], settings.EMAIL_PORT, settings.DEBUG, "
        "settings.DATABASES['default']['CONN_MAX_AGE'])"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("KEPU_", "DATABASE_"))}
    return subprocess.run(
        [sys.executable, "-c", code],
        env={**clean, "DJANGO_SETTINGS_MODULE": module, **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_values_are_typed_and_reach_the_modules_through_settings():
    result = _settings(
        "cms.settings.dev",
        {
            "DATABASE_URL": "sqlite:////tmp/kepu-env.sqlite3",
            "KEPU_S3_BUCKET": "kepu-media",
            "EMAIL_PORT": "587",
            "KEPU_DEBUG": "0",
        },
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "/tmp/kepu-env.sqlite3", "kepu-media", "media.storage.S3Storage", "587", "False", "0"
    ]  # fmt: skip


def test_production_keeps_database_connections_unless_told_otherwise():
    # Each gunicorn worker keeps its connection: opening one per request was 1.6 of the
    # 3.9 ms a search API answer cost on SQLite (docs/adr/0017).
    production = {
        "SECRET_KEY": "s" * 50,
        "ALLOWED_HOSTS": "kepu.example.org",
        "DATABASE_URL": "sqlite:////tmp/kepu-env.sqlite3",
    }
    for env, kept in [({}, "60"), ({"DATABASE_CONN_MAX_AGE": "0"}, "0")]:
        result = _settings("cms.settings.production", {**production, **env})
        assert result.returncode == 0, result.stderr
        assert result.stdout.split()[-1] == kept


def test_a_value_that_cannot_be_read_stops_the_start_with_its_name():
    for name, value in [("KEPU_DEBUG", "perhaps"), ("EMAIL_PORT", "smtp"), ("DATABASE_URL", "x")]:
        result = _settings("cms.settings.dev", {name: value})
        assert result.returncode != 0
        assert f'Environment variable "{name}" invalid' in result.stderr


def test_a_secret_that_starts_with_a_dollar_is_taken_as_it_is():
    # django-environ would read "$abc…" as the name of another variable (see base.py).
    code = "from django.conf import settings; print(settings.SECRET_KEY)"
    secret = "$HOME-" + "s" * 44
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "cms.settings.production",
            "SECRET_KEY": secret,
            "ALLOWED_HOSTS": "kepu.example.org",
            "DATABASE_URL": "sqlite:////tmp/x.db",
        },
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == secret


def test_only_settings_modules_read_the_environment():
    readers = []
    for package in ("cms", "content", "media", "search"):
        for path in (ROOT / package).rglob("*.py"):
            relative = path.relative_to(ROOT).as_posix()
            if "/tests/" in relative or relative.startswith("cms/settings/"):
                continue
            if relative == "cms/wsgi.py":  # DJANGO_SETTINGS_MODULE, as Django's own does
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Attribute) and node.attr in ("environ", "getenv"):
                    if isinstance(node.value, ast.Name) and node.value.id == "os":
                        readers.append(f"{relative}:{node.lineno}")
    assert readers == []
