"""Accounts and headers: login throttling, password rules, no escalation out of a
language team, and the security headers every answer carries."""

import pytest

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from cms.security import parse
from content.tests.editorial_helpers import member


def failed_login(client, username, ip="203.0.113.7"):
    return client.post(
        "/admin/login/", {"username": username, "password": "not-the-password"}, REMOTE_ADDR=ip
    )


def test_five_failures_on_one_account_lock_it_for_everyone(client, site_tree):
    editor = member("editor", "bo")
    editor.set_password("grassland-2026")
    editor.save()
    statuses = [
        failed_login(client, editor.username, ip=f"198.51.100.{n}").status_code for n in range(5)
    ]
    assert statuses == [200] * 5  # the form again, with its error
    # The sixth try is refused before the password is checked, even the right one.
    response = client.post(
        "/admin/login/", {"username": editor.username, "password": "grassland-2026"},
        REMOTE_ADDR="198.51.100.99",
    )  # fmt: skip
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    assert "15" in response.content.decode()


def test_twenty_failures_from_one_address_block_that_address(client, site_tree):
    for n in range(20):
        assert failed_login(client, f"guess-{n}").status_code == 200
    assert failed_login(client, "guess-21").status_code == 429
    assert failed_login(client, "guess-22", ip="203.0.113.8").status_code == 200


def test_a_successful_login_clears_the_accounts_count(client, site_tree):
    editor = member("editor", "mn")
    editor.set_password("grassland-2026")
    editor.save()
    for _ in range(4):
        failed_login(client, editor.username)
    assert client.post(
        "/admin/login/", {"username": editor.username, "password": "grassland-2026"}
    ).status_code == 302  # fmt: skip
    client.logout()
    for _ in range(4):
        assert failed_login(client, editor.username, ip="203.0.113.9").status_code == 200


@pytest.mark.parametrize("password", ["12345678901", "password123", "qinghai", "kepu-editor"])
def test_weak_passwords_are_refused(site_tree, password):
    user = member("editor", "zh-hans")
    user.username = "kepu-editor"
    with pytest.raises(ValidationError):
        validate_password(password, user)


@pytest.mark.parametrize(
    "url",
    ["/admin/users/", "/admin/groups/", "/admin/sites/", "/admin/workflows/list/",
     "/admin/locales/", "/admin/settings/", "/django-admin/"],
)  # fmt: skip
def test_a_team_editor_cannot_reach_site_administration(client, site_tree, url):
    client.force_login(member("senior", "bo"))
    response = client.get(url)
    assert response.status_code in (302, 403, 404), url
    if response.status_code == 302:
        assert "/admin/users/" not in response["Location"]


def test_public_pages_carry_a_strict_content_security_policy(client, make_article):
    page = make_article("bo", slug="csp")
    response = client.get(page.url)
    policy = parse(response["Content-Security-Policy"])
    assert policy["object-src"] == "'none'" and policy["base-uri"] == "'self'"
    assert policy["frame-ancestors"] == "'self'"
    scripts = policy["script-src"].split()
    assert scripts[0] == "'self'" and all(s.startswith("'sha256-") for s in scripts[1:])
    assert (
        "'unsafe-inline'" not in policy["script-src"]
        and "'unsafe-eval'" not in policy["script-src"]
    )
    # The hash is that of the inline script the page carries, and of nothing else.
    import base64
    import hashlib
    import re

    html = response.content.decode()
    inline = re.findall(r"<script>(.*?)</script>", html, re.S)
    assert len(inline) == len(scripts) - 1
    for source in inline:
        digest = base64.b64encode(hashlib.sha256(source.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in scripts
    assert "camera=()" in response["Permissions-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_production_settings_pass_djangos_deploy_checks(monkeypatch):
    import subprocess
    import sys

    env = {
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": "x" * 20 + "y" * 20 + "z" * 20 + "0123456789",
        "ALLOWED_HOSTS": "kepu.example.gov.cn",
        "DATABASE_URL": "sqlite:////tmp/kepu-check.sqlite3",
        "PATH": "/usr/bin:/bin",
    }
    out = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert out.returncode == 0, out.stdout + out.stderr
    shown = subprocess.run(
        [sys.executable, "manage.py", "diffsettings", "--all"],
        env=env,
        capture_output=True,
        text=True,
    ).stdout
    for line in (
        "SECURE_HSTS_SECONDS = 31536000",
        "SESSION_COOKIE_SECURE = True",
        "CSRF_COOKIE_SECURE = True",
        "SECURE_SSL_REDIRECT = True",
        "X_FRAME_OPTIONS = 'DENY'",
    ):
        assert line in shown, line  # fmt: skip
