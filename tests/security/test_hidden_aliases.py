"""An alias shows its source's content, and is private when its source (or one of the
source's ancestors) is (content/restrictions.py): a tree change that makes a page
private must take its aliases out of public search too, wherever in the tree they are."""

import pytest

from wagtail.models import PageViewRestriction

from content import publish_gate
from content.tests.factories import channel
from search import service

pytestmark = pytest.mark.django_db

TITLE = "鼠兔别名测试"


@pytest.fixture(autouse=True)
def commit_at_once(monkeypatch):
    monkeypatch.setattr("cms.after_commit.transaction.on_commit", lambda cb, **kw: cb())


def found(page):
    hits = service.search("鼠兔别名", "zh-hans").results.hits
    return page.pk in [hit.page_id for hit in hits]


def aliased(make_article, slug):
    source = make_article("zh-hans", slug=slug, title=TITLE)
    with publish_gate.operator("review"):
        alias = source.create_alias(
            parent=channel("zh-hans", "health"), update_slug=f"{slug}-alias"
        )
    assert alias.live and found(alias)
    return source, alias


def test_restricting_the_source_hides_its_alias(site_tree, make_article):
    source, alias = aliased(make_article, "src")
    PageViewRestriction.objects.create(page=source, restriction_type="login")
    assert not found(source)
    assert not found(alias)


def test_moving_the_source_under_a_private_page_hides_its_alias(site_tree, make_article):
    source, alias = aliased(make_article, "src2")
    holder = make_article("zh-hans", slug="holder", title="容器")
    PageViewRestriction.objects.create(page=holder, restriction_type="login")
    with publish_gate.operator("review"):
        source.move(holder, pos="last-child")
    assert not found(source)
    assert not found(alias)
