"""`make prod-smoke`: the production stack (tests/smoke/stack.py) started once, and
the smoke suite run against it over HTTPS through nginx."""

import json
import subprocess
import sys

import pytest
import requests

from tests.smoke.stack import ADMIN_PASSWORD, ROOT, Stack, requirements


@pytest.fixture(scope="session")
def stack():
    missing = requirements()
    if missing:
        pytest.fail(f"the production smoke test needs: {', '.join(missing)} (apt-get install)")
    with Stack() as running:
        yield running


def client(stack):
    """An HTTPS client that trusts the stack's throwaway certificate (and not the
    environment's CA bundle, which requests would otherwise prefer)."""
    session = requests.Session()
    session.trust_env = False
    session.verify = str(stack.work / "tls.crt")
    session.headers["Accept-Encoding"] = "gzip, br"
    return session


@pytest.fixture
def http(stack):
    return client(stack)


@pytest.fixture(scope="session")
def demo_articles(stack):
    """{language: URL path} of one demo article per language (translations of one text)."""
    out = subprocess.run(
        [sys.executable, "manage.py", "export_content"], cwd=ROOT, env=stack.env,
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    urls = {}
    for item in map(json.loads, out.splitlines()):
        if item["type"] == "article" and item["live"] and "translation_of" in item:
            source = item["translation_of"]
            urls.setdefault(item["locale"], f"/{item['locale']}/{item['channel']}/{item['slug']}/")
            urls.setdefault("zh-hans", f"/zh-hans/{item['channel']}/{source['slug']}/")
    return urls


@pytest.fixture(scope="session")
def admin_password():
    return ADMIN_PASSWORD
