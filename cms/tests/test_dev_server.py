"""`make run` for a newcomer: the address the links carry (also from a phone on the
LAN), the hosts the development settings accept, the site's own 404 page while
developing, a quiet console and the demo accounts printed last."""

import json
import logging
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from django.core.management import call_command

from cms import dev_server

ROOT = Path(__file__).resolve().parents[2]


def dev_settings(**env):
    """ALLOWED_HOSTS and KEPU_SITE_URL of cms.settings.dev under ``env``."""
    code = (
        "import json; from cms.settings import dev; "
        "print(json.dumps([dev.ALLOWED_HOSTS, dev.KEPU_SITE_URL, dev.WAGTAILADMIN_BASE_URL]))"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith("KEPU_")}
    clean.pop("ALLOWED_HOSTS", None)
    answer = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(answer.stdout)


def test_every_interface_means_the_lan_address_in_links():
    lan = dev_server.lan_address()
    assert dev_server.base_url("0.0.0.0", "8108") == f"http://{lan}:8108"
    assert "0.0.0.0" not in lan
    assert dev_server.base_url("127.0.0.1", "8000") == "http://127.0.0.1:8000"
    assert dev_server.base_url("::1", "8000") == "http://[::1]:8000"
    # What the Makefile runs, with the system's Python (no Django needed).
    printed = subprocess.run(
        [sys.executable, "-S", "cms/dev_server.py", "0.0.0.0", "8108"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert printed.stdout.strip() == f"http://{lan}:8108"


def test_on_every_interface_the_machine_s_own_addresses_are_allowed_never_any_host():
    lan = dev_server.lan_address()
    hosts, site_url, admin_url = dev_settings(
        KEPU_LISTEN_HOST="0.0.0.0", KEPU_BASE_URL=f"http://{lan}:8108"
    )
    assert lan in hosts and socket.gethostname() in hosts and "localhost" in hosts
    assert "*" not in hosts and not any(h.startswith(".") for h in hosts)  # DNS rebinding
    assert site_url == admin_url == f"http://{lan}:8108"


def test_on_loopback_only_loopback_and_the_configured_host():
    hosts, _, _ = dev_settings(KEPU_LISTEN_HOST="127.0.0.1", KEPU_BASE_URL="http://kepu.test:8108")
    assert set(hosts) == {"127.0.0.1", "localhost", "[::1]", "kepu.test"}
    hosts, site_url, admin_url = dev_settings()
    assert set(hosts) == {"127.0.0.1", "localhost", "[::1]"}
    assert (site_url, admin_url) == ("", "http://127.0.0.1:8000")


def test_without_debug_every_interface_adds_nothing():
    hosts, _, _ = dev_settings(KEPU_LISTEN_HOST="0.0.0.0", KEPU_DEBUG="0")
    assert set(hosts) == {"127.0.0.1", "localhost", "[::1]"}


@pytest.fixture
def debug(settings):
    settings.DEBUG = True
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, "cms.middleware.DevNotFoundMiddleware"]


@pytest.mark.parametrize(
    ("code", "html_lang", "title"),
    [("zh-hans", "zh-Hans", "页面未找到"), ("bo", "bo", None), ("mn", "mn-Mong", None)],
)
def test_with_debug_a_missing_page_is_the_site_s_404_in_the_reader_s_language(
    client, site_tree, debug, code, html_lang, title
):
    from django.utils import translation

    response = client.get(f"/{code}/no-such-channel/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert f'<html lang="{html_lang}"' in html
    with translation.override(code):
        expected = translation.gettext("Page not found")
    assert expected in html and (title is None or title == expected)
    assert f'href="/{code}/"' in html  # back to this language's home
    assert "Django" not in html and "URLconf" not in html


def test_with_debug_other_addresses_keep_django_s_page(client, site_tree, debug):
    response = client.get("/feeds/xx/rss.xml")
    assert response.status_code == 404
    assert "Page not found at" in response.content.decode()  # Django's technical 404


def test_demo_accounts_come_last_with_the_address(settings, tmp_path, site_tree):
    settings.VAR_DIR = tmp_path
    (tmp_path / "demo-accounts.txt").write_text(
        "admin\tpw-admin\t站点管理员 · site administrator\n"
        "editor-bo\tpw-bo\t藏文编辑 · Tibetan editor\n",
        encoding="utf-8",
    )
    with socket.socket() as listening:  # the server `make run` waits for
        listening.bind(("127.0.0.1", 0))
        listening.listen()
        port = listening.getsockname()[1]
        from io import StringIO

        out = StringIO()
        call_command("demo_accounts", wait=f"0.0.0.0:{port}", timeout=5, stdout=out)
    text = out.getvalue()
    assert "http://localhost/admin/" in text  # the Site record's address
    assert "editor-bo  pw-bo  藏文编辑" in text and "admin      pw-admin" in text
    assert "Ctrl-C" in text and text.strip().endswith("=" * 72)


def test_quiet_workers_still_report_failures():
    from django_tasks_db.management.commands import db_worker as upstream

    from cms.management.commands.run_worker import Command

    loggers = [logging.getLogger(name) for name in (upstream.TASKS_LOGGER, upstream.logger.name)]
    levels = [logger.level for logger in loggers]
    try:
        Command().configure_logging(0)
        for logger in loggers:
            assert not logger.isEnabledFor(logging.INFO) and logger.isEnabledFor(logging.ERROR)
        Command().configure_logging(1)  # a worker started by hand still tells everything
        assert all(logger.isEnabledFor(logging.INFO) for logger in loggers)
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)
