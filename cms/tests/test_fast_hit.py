"""Cached pages answered before Django's handler (cms/fast_hit.py): a reader gets
exactly what Django would have sent, and everything that is not a fresh hit for an
anonymous reader is still Django's to answer."""

import gzip
import logging

import pytest

from django.contrib.auth import get_user_model
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from django.test import RequestFactory

from cms import fast_hit, page_cache

ID = "0123456789abcdef-fast-hit"


class Counting:
    """Django's handler, counting the requests that reach it."""

    def __init__(self):
        self.handler, self.calls = WSGIHandler(), 0

    def __call__(self, environ, start_response):
        self.calls += 1
        return self.handler(environ, start_response)


@pytest.fixture
def django_app():
    # As Django's test client does: the test's transaction must outlive each request.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield Counting()
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def app(django_app):
    application = fast_hit.FastHits(django_app)
    assert application.steps is not None  # on, with the project's middleware
    return application


@pytest.fixture
def article(site_tree, make_article):
    return make_article("bo", topic="health", slug="fast")


def environ(path, method="GET", **headers):
    headers.setdefault("HTTP_X_REQUEST_ID", ID)
    return RequestFactory().generic(method, path, **headers).environ


def call(application, env):
    """(status, headers as sent, body) of ``application`` for a copy of ``env``."""
    got = {}

    def start_response(status, headers, exc_info=None):
        got.update(status=status, headers=list(headers))

    body = application(dict(env), start_response)
    try:
        content = b"".join(body)
    finally:
        if hasattr(body, "close"):
            body.close()
    return got["status"], got["headers"], content


def answered_here(app, env):
    """What ``app`` sends for ``env``, asserting that Django's handler was not asked."""
    before = app.application.calls
    answer = call(app, env)
    assert app.application.calls == before, "went to Django"
    return answer


def answered_by_django(app, env):
    before = app.application.calls
    answer = call(app, env)
    assert app.application.calls == before + 1, "answered before Django"
    return answer


def header(answer, name):
    return dict(answer[1]).get(name)


READERS = {
    "plain": {},
    "gzip": {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"},
    "save-data": {"HTTP_SAVE_DATA": "on", "HTTP_ACCEPT_ENCODING": "gzip"},
    "large": {"HTTP_COOKIE": "kepu_large=1"},
    "port dropped": {"HTTP_HOST": "testserver:1234"},
}


@pytest.mark.parametrize("reader", READERS)
def test_a_hit_is_sent_exactly_as_django_sends_it(app, article, reader):
    env = environ(article.url, **READERS[reader])
    first = answered_by_django(app, env)  # the miss renders and stores the page
    assert header(first, "X-Kepu-Cache") == "miss"
    hit = answered_here(app, env)
    assert hit == call(app.application.handler, env)  # status, every header in order, bytes
    assert header(hit, "X-Kepu-Cache") == "hit" and header(hit, "X-Request-ID") == ID
    for name in ("Content-Security-Policy", "Vary", "ETag", "Cache-Control", "X-Frame-Options"):
        assert header(hit, name), name
    if "gzip" in env.get("HTTP_ACCEPT_ENCODING", ""):
        assert header(hit, "Content-Encoding") == "gzip" and gzip.decompress(hit[2])
    else:
        assert header(hit, "Content-Encoding") is None and b"<html" in hit[2]


def test_a_matching_etag_gets_a_304_and_head_no_body(app, article):
    plain, zipped = environ(article.url), environ(article.url, HTTP_ACCEPT_ENCODING="gzip")
    call(app, plain)
    for env in (plain, zipped):
        etag = header(answered_here(app, env), "ETag")
        revalidate = dict(env, HTTP_IF_NONE_MATCH=etag)
        not_modified = answered_here(app, revalidate)
        assert not_modified[0] == "304 Not Modified" and not_modified[2] == b""
        assert not_modified == call(app.application.handler, revalidate)
        assert answered_here(app, dict(env, HTTP_IF_NONE_MATCH='"other"'))[0] == "200 OK"
    head = answered_here(app, environ(article.url, method="HEAD"))
    django_head = call(app.application.handler, environ(article.url, method="HEAD"))
    assert head[0] == "200 OK" and head[2] == b""  # (gunicorn drops Django's body too)
    assert head[1] == django_head[1]


def test_a_hit_carries_its_request_id_and_logs_one_line(app, article, caplog):
    call(app, environ(article.url))
    caplog.set_level(logging.INFO, logger="kepu.request")
    given = answered_here(app, environ(article.url))
    made = answered_here(app, environ(article.url, HTTP_X_REQUEST_ID="no good"))
    assert header(given, "X-Request-ID") == ID
    assert header(made, "X-Request-ID") not in (ID, "no good")
    lines = [r for r in caplog.records if r.name == "kepu.request"]
    assert [(r.method, r.path, r.status) for r in lines] == [("GET", article.url, 200)] * 2


def test_editors_posts_and_the_admin_are_left_to_django(app, article, client):
    call(app, environ(article.url))
    editor = get_user_model().objects.create_superuser("ed", "ed@example.org", "pw")
    client.force_login(editor)
    session = f"sessionid={client.cookies['sessionid'].value}"
    answer = answered_by_django(app, environ(article.url, HTTP_COOKIE=session))
    assert header(answer, "X-Kepu-Cache") is None
    answered_by_django(app, environ(article.url, method="POST"))
    answered_by_django(app, environ("/admin/"))


def test_refusals_and_health_checks_are_djangos(app, article):
    call(app, environ(article.url))
    for url in (article.url + "%00", article.url + "?q=%00", article.url + "?q=\x00"):
        assert answered_by_django(app, environ(url))[0].startswith("400"), url
    assert answered_by_django(app, environ(article.url, HTTP_HOST="evil.example"))[0].startswith(
        "400"
    )
    assert answered_by_django(app, environ("/healthz", HTTP_HOST="10.0.0.7"))[0] == "200 OK"


def test_the_https_redirect_is_djangos(app, article, settings):
    call(app, environ(article.url))
    settings.SECURE_SSL_REDIRECT = True  # (read when the middleware are made)
    redirected = answered_by_django(fast_hit.FastHits(Counting()), environ(article.url))
    assert redirected[0].startswith("301") and header(redirected, "Location").startswith("https:")


def test_query_strings_are_hits_only_once_their_path_is_known(app, article):
    first = answered_by_django(app, environ(article.url + "?utm_source=x"))
    assert first[0] == "200 OK"
    call(app, environ(article.url))
    junk = answered_here(app, environ(article.url + "?utm_source=y"))
    clean = answered_here(app, environ(article.url))
    assert junk[2] == clean[2] and b"utm_source" not in junk[2]
    # nginx must not keep the address as sent
    assert header(junk, "X-Accel-Expires") == "0" and header(clean, "X-Accel-Expires") == "1"


def test_a_purge_is_seen_at_once(app, article):
    call(app, environ(article.url))
    answered_here(app, environ(article.url))
    page_cache.purge(f"page:{article.pk}")
    assert header(answered_by_django(app, environ(article.url)), "X-Kepu-Cache") == "miss"


def test_a_miss_is_looked_up_once_and_still_rewrites_its_query(app, article, monkeypatch):
    call(app, environ(article.url))  # the path's parameters are known from here on
    page_cache.purge(f"page:{article.pk}")
    looked_up = []
    real = page_cache._lookup
    monkeypatch.setattr(page_cache, "_lookup", lambda *a: looked_up.append(a) or real(*a))
    miss = answered_by_django(app, environ(article.url + "?utm_source=z"))
    assert header(miss, "X-Kepu-Cache") == "miss" and len(looked_up) == 1
    # rendered and kept as its canonical address, not as sent
    assert b"utm_source" not in miss[2] and header(miss, "X-Accel-Expires") == "0"
    assert header(answered_here(app, environ(article.url)), "X-Kepu-Cache") == "hit"


def test_an_error_of_the_cache_is_left_to_django_never_a_500(app, article, monkeypatch):
    call(app, environ(article.url))
    real, failures = page_cache._lookup, []

    def failing_once(key, kind_key):
        if not failures:
            failures.append(key)
            raise ConnectionError("cache down")
        return real(key, kind_key)

    monkeypatch.setattr(page_cache, "_lookup", failing_once)
    answer = answered_by_django(app, environ(article.url))
    assert answer[0] == "200 OK" and failures


def test_unknown_middleware_above_the_page_cache_turns_it_off(settings):
    production = list(settings.MIDDLEWARE)
    production.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")
    settings.MIDDLEWARE = production
    assert fast_hit.steps() is not None
    at = production.index(fast_hit.PAGE_CACHE)
    settings.MIDDLEWARE = [*production[:at], "example.Unknown", *production[at:]]
    assert fast_hit.steps() is None
