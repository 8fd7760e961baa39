"""The language, channel and type a search is narrowed to are not words a page can
write: a Chinese page whose text holds "LMN cecology karticle" (what the filter tokens
would spell) is not found by a Mongolian search, nor outside its channel."""

import pytest

from search import service

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def commit_at_once(monkeypatch):
    monkeypatch.setattr("cms.after_commit.transaction.on_commit", lambda cb, **kw: cb())


def test_a_pages_words_do_not_pass_another_languages_filter(site_tree, make_article):
    page = make_article(
        "zh-hans",
        topic="health",
        slug="facet-words",
        title="鼠兔碰撞测试",
        summary="鼠兔碰撞测试 LMN LBO cecology cdefence kvideo kepuxyz",
    )
    assert [hit.page_id for hit in service.search("kepuxyz", "zh-hans").results.hits] == [page.pk]
    for language in ("mn", "bo"):
        assert service.search("kepuxyz", language).results.count == 0
    for channel in ("ecology", "defence"):
        assert service.search("kepuxyz", "zh-hans", channel=channel).results.count == 0
    assert service.search("kepuxyz", "zh-hans", kind="video").results.count == 0
