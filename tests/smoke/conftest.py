"""`make prod-smoke`: the production stack (tests/smoke/stack.py) started once, and
the smoke suite run against it over HTTPS through nginx."""

import pytest
import requests

from tests.smoke.stack import ADMIN_PASSWORD, Stack, requirements


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
    return stack.demo_articles()


@pytest.fixture(scope="session")
def admin_password():
    return ADMIN_PASSWORD
