"""Finding the page for an address (content/models/pages.py, CachedServe.route): every
page on the way is found in one query, with Wagtail's rules kept."""

import pytest

from django.core.cache import caches
from django.db import connection
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext

from wagtail import hooks
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, PageViewRestriction, Site

from content import publish_gate
from content.models import HomePage
from content.tests import factories


@pytest.fixture
def article(site_tree, make_article):
    return make_article("bo", topic="health", slug="route-me", title="ལམ་སྟོན།")


def test_an_article_is_found_with_its_channel(client, article):
    response = client.get("/bo/health/route-me/")
    assert response.status_code == 200
    html = response.content.decode()
    assert article.title in html
    channel = factories.channel("bo", "health")
    assert f'href="{channel.url}">{channel.title}</a>' in html  # the crumbs


def test_routing_reads_the_pages_on_the_way_in_one_query(site_tree, article, rf):
    request = rf.get("/bo/health/route-me/")
    with CaptureQueriesContext(connection) as captured:
        page = site_tree["bo"].route(request, ["health", "route-me"]).page
        # what the page shows of its channel, its language and its restrictions
        assert page.channel.topic.slug == "health" and page.locale.language_code == "bo"
        assert not page.get_view_restrictions()
    assert len(captured.captured_queries) == 1
    assert isinstance(page, type(article)) and page.pk == article.pk


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner")
def test_the_routing_query_is_never_jit_compiled(site_tree, article, rf):
    # Tables without statistics (just loaded, as here, or just restored) make the
    # planner cost this one-row look-up in millions, past PostgreSQL's JIT threshold:
    # compiling it took a second a page (cms/settings/base.py turns JIT off).
    with CaptureQueriesContext(connection) as captured:
        site_tree["bo"].route(rf.get("/bo/health/route-me/"), ["health", "route-me"])
    (query,) = captured.captured_queries
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + query["sql"])
        (plan,) = cursor.fetchone()[0]
    assert plan["Plan"]["Actual Rows"] == 2  # the channel and the article
    assert "JIT" not in plan


def test_a_missing_or_unpublished_page_is_not_found(client, article, make_article):
    make_article("bo", topic="health", slug="draft", live=False)
    assert client.get("/bo/health/draft/").status_code == 404
    assert client.get("/bo/health/no-such-article/").status_code == 404
    assert client.get("/bo/no-such-channel/route-me/").status_code == 404
    assert client.get("/bo/health/route-me/deeper/").status_code == 404


def test_a_page_under_another_channel_or_language_is_not_found(client, article):
    assert client.get("/bo/ecology/route-me/").status_code == 404  # a sibling channel
    assert client.get("/mn/health/route-me/").status_code == 404  # another language's tree
    assert client.get("/zh-hans/health/route-me/").status_code == 404


def test_a_live_page_below_an_unpublished_channel_is_still_served(client, article):
    # As Wagtail routes: only the page reached must be live (unpublishing a channel
    # in the admin unpublishes the pages below it).
    channel = factories.channel("bo", "health")
    channel.live = False
    channel.save(update_fields=["live"])
    assert client.get("/bo/health/").status_code == 404
    assert client.get("/bo/health/route-me/").status_code == 200


def test_a_restricted_page_asks_for_its_password(client, article):
    PageViewRestriction.objects.create(page=article, restriction_type="password", password="x")
    response = client.get("/bo/health/route-me/")
    assert article.title.encode() not in response.content.split(b"<h1")[-1]
    assert b'name="password"' in response.content


def test_a_page_below_a_restricted_channel_asks_for_the_password(client, article):
    channel = factories.channel("bo", "health")
    PageViewRestriction.objects.create(page=channel, restriction_type="password", password="x")
    response = client.get("/bo/health/route-me/")
    assert b'name="password"' in response.content
    assert "X-Kepu-Cache" not in response


def test_an_alias_is_served_at_its_own_address_with_its_sources_restrictions(
    client, article, django_capture_on_commit_callbacks
):
    with publish_gate.operator("test fixture"):
        alias = article.create_alias(parent=factories.channel("bo", "ecology"))
    response = client.get("/bo/ecology/route-me/")
    assert response.status_code == 200 and article.title in response.content.decode()
    assert alias.url == "/bo/ecology/route-me/"
    with django_capture_on_commit_callbacks(execute=True):  # the purge, after the commit
        PageViewRestriction.objects.create(page=article, restriction_type="password", password="x")
    assert b'name="password"' in client.get("/bo/ecology/route-me/").content


def test_an_address_without_its_trailing_slash_is_redirected(client, article):
    response = client.get("/bo/health/route-me")
    assert response.status_code == 301 and response["Location"].endswith("/bo/health/route-me/")


def test_the_home_and_channels_are_found(client, article):
    assert client.get("/bo/").status_code == 200
    assert client.get("/bo/health/").status_code == 200


# Wagtail's page view runs with the home found in one query (content/serve.py): what
# Wagtail's own lookups did must still hold.


def test_the_site_and_its_home_are_read_once(client, article):
    # Wagtail's view reads the Site, the Locale, the translated home and then its
    # record: here one query reads them all.
    client.get("/bo/health/route-me/")  # what is kept in the cache (the sites' root paths)
    caches["pages"].clear()
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/bo/health/route-me/").status_code == 200
    sql = [q["sql"] for q in captured.captured_queries]
    assert sum('"wagtailcore_site"' in s for s in sql) == 1
    assert not any(s.startswith('SELECT "wagtailcore_locale"') for s in sql)


@pytest.fixture
def other_site(site_tree, settings):
    """A second Site, for another host, rooted at a Chinese home of its own."""
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "other.example"]
    root = Page.get_first_root_node()
    with publish_gate.operator("test fixture"):
        home = root.add_child(
            instance=HomePage(title="另一个站", slug="other", locale=site_tree["zh-hans"].locale)
        )
        home.save_revision().publish()
    Site.objects.create(hostname="other.example", port=80, root_page=home, site_name="other")
    return home


def test_each_host_is_served_from_its_own_sites_home(client, article, other_site):
    assert "另一个站" in client.get("/zh-hans/", HTTP_HOST="other.example").content.decode()
    assert "另一个站" not in client.get("/zh-hans/").content.decode()
    assert client.get("/bo/health/route-me/").status_code == 200
    # Not a page of that Site's tree.
    assert client.get("/bo/health/route-me/", HTTP_HOST="other.example").status_code == 404


def test_a_site_on_another_port_of_the_default_host_is_served_there(client, other_site):
    Site.objects.create(hostname="localhost", port=8080, root_page=other_site, site_name="port")
    response = client.get("/zh-hans/", HTTP_HOST="localhost:8080", SERVER_PORT="8080")
    assert "另一个站" in response.content.decode()
    caches["pages"].clear()  # it keeps one page per address, whatever the Site
    assert "另一个站" not in client.get("/zh-hans/", HTTP_HOST="localhost").content.decode()


def test_a_sites_home_without_the_language_serves_its_own_home(client, other_site):
    # As Wagtail's Page.localized: no live translation, the Site's root page itself.
    response = client.get("/bo/", HTTP_HOST="other.example")
    assert response.status_code == 200 and "另一个站" in response.content.decode()


def test_an_unknown_host_is_served_by_the_default_site(client, article, other_site, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "unknown.example"]
    response = client.get("/bo/health/route-me/", HTTP_HOST="unknown.example")
    assert response.status_code == 200 and article.title in response.content.decode()


def test_a_missing_page_is_the_readers_languages_not_found_page(client, article):
    response = client.get("/bo/health/no-such-article/")
    assert response.status_code == 404
    assert '<html lang="bo"' in response.content.decode()


def test_a_redirect_from_wagtails_redirects_app_still_applies(client, article):
    Redirect.objects.create(
        old_path=Redirect.normalise_path("/bo/health/old-name/"), redirect_page=article
    )
    response = client.get("/bo/health/old-name/")
    assert response.status_code == 301 and response["Location"].endswith("/bo/health/route-me/")


def test_before_serve_page_hooks_still_run(client, article):
    def answer(page, request, args, kwargs):
        return HttpResponse(f"hooked {page.pk}")

    with hooks.register_temporarily("before_serve_page", answer):
        response = client.get("/bo/health/route-me/")
    assert response.content.decode() == f"hooked {article.pk}"


def test_the_request_knows_its_site(client, article):
    seen = []

    def look(page, request, args, kwargs):
        seen.append(Site.find_for_request(request))

    with hooks.register_temporarily("before_serve_page", look):
        client.get("/bo/health/route-me/")
    assert seen == [Site.objects.get(is_default_site=True)]
