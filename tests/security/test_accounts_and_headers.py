"""Accounts and headers: password rules, no escalation out of a language team, and the
security headers every answer carries (login throttling: test_login_throttle.py)."""

import pytest

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from cms.security import parse
from content.tests.editorial_helpers import member


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
