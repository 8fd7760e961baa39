"""The routing query's SQL is built once per process (content/compiled_sql.py): each
address still finds its own pages, as the database has them at that moment."""

import pytest

from django.http import Http404

from content.tests import factories


def route(home, path, rf):
    components = [c for c in path.split("/") if c][1:]
    return home.route(rf.get(path), components).page


def test_each_address_finds_its_own_page_with_the_sql_built_once(site_tree, make_article, rf):
    first = make_article("bo", topic="health", slug="first")
    second = make_article("bo", topic="ecology", slug="second")
    other = make_article("mn", topic="health", slug="first")
    assert route(site_tree["bo"], "/bo/health/first/", rf).pk == first.pk
    assert route(site_tree["bo"], "/bo/ecology/second/", rf).pk == second.pk
    assert route(site_tree["mn"], "/mn/health/first/", rf).pk == other.pk
    channel = route(site_tree["bo"], "/bo/ecology/", rf)
    assert channel.pk == factories.channel("bo", "ecology").pk and channel.topic.slug == "ecology"
    make_article("mn", topic="health", slug="only-mn")
    with pytest.raises(Http404):  # a page of another language's tree: not below this home
        route(site_tree["bo"], "/bo/health/only-mn/", rf)


def test_a_page_unpublished_after_the_sql_was_built_is_not_found(site_tree, make_article, rf):
    article = make_article("bo", topic="health", slug="going")
    assert route(site_tree["bo"], "/bo/health/going/", rf).pk == article.pk
    article.live = False
    article.save(update_fields=["live"])
    with pytest.raises(Http404):
        route(site_tree["bo"], "/bo/health/going/", rf)


def test_the_routed_page_keeps_its_dates_and_body(site_tree, make_article, rf):
    # Rows are converted as the ORM converts them (dates, the StreamField body).
    article = make_article("bo", topic="health", slug="typed")
    page = route(site_tree["bo"], "/bo/health/typed/", rf)
    assert page.first_published_at == article.first_published_at
    assert [block.block_type for block in page.body] == [b.block_type for b in article.body]
    assert page.kepu_restricted is False and page.locale.language_code == "bo"


def test_addresses_of_every_length_are_answered_and_few_queries_are_kept(site_tree, client):
    # The number of steps in an address is the reader's to choose: each length is
    # answered (404 here), and what is kept per worker stays bounded.
    from content import compiled_sql

    for steps in range(1, 120, 3):
        response = client.get("/bo/" + "x/" * steps)
        assert response.status_code == 404
    assert len(compiled_sql._local.compiled) <= compiled_sql.MAX_KEPT
