"""Fixtures for the whole suite: the site tree in three languages, and content builders."""

import os

import pytest

from content.editorial.teams import setup_editorial
from content.site_setup import setup_site
from content.tests import factories

# The production smoke suite starts its own stack: only `make prod-smoke` runs it.
collect_ignore = [] if os.environ.get("KEPU_PROD_SMOKE") == "1" else ["tests/smoke"]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    # The fixed site structure is built once; each test runs in a transaction around it.
    with django_db_blocker.unblock():
        setup_site()
        setup_editorial()


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: database ids are reused after a rollback,
    and Wagtail caches renditions by image id."""
    from django.core.cache import caches

    for cache in caches.all(initialized_only=False):
        cache.clear()


@pytest.fixture
def site_tree(db):
    """{language code: HomePage}; the channels are the homes' children."""
    return setup_site()


@pytest.fixture
def live_site(transactional_db):
    """The site tree for tests that need real commits (browser, live server)."""
    homes = setup_site()
    setup_editorial()
    return homes


@pytest.fixture
def make_article(db):
    return factories.article


@pytest.fixture
def make_video(db):
    return factories.video
