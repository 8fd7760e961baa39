"""Translations start from a source in the target team's own tree, remember the source
revision, and show as outdated when the source is published again."""

import csv
import io

import pytest

from django.urls import reverse

from wagtail.models import Page

from content import publish_gate
from content.editorial import teams
from content.models import TranslationRecord
from content.tests.editorial_helpers import act, denied, member, submit
from content.tests.factories import TEXTS
from content.translations import status


@pytest.fixture
def source(make_article):
    return make_article("zh-hans", topic="health", slug="boil-milk", title="喝开水，防包虫病")


def translate(client, source, code, user=None):
    client.force_login(user or member("senior", code))
    response = client.post(reverse("kepu_translate", args=(source.pk, code)))
    return response, source.get_translations().filter(locale__language_code=code).first()


def publish(page):
    """Publish ``page``'s current state as reviewed content (as an operator would)."""
    with publish_gate.operator("test"):
        page.save_revision().publish()


def states(source):
    row = status.cells_for(source)
    return {code: cell.state for code, cell in row.cells.items()}


def test_a_senior_editor_creates_a_draft_translation_in_their_own_tree(client, source):
    response, bo = translate(client, source, "bo")
    assert response.status_code == 302 and bo is not None
    bo = bo.specific
    assert response["Location"] == f"/admin/pages/{bo.pk}/edit/"
    assert not bo.live and bo.get_parent().locale.language_code == "bo"
    record = TranslationRecord.objects.get(translation=bo)
    assert record.source_id == source.pk and record.source_revision == source.live_revision
    assert states(source) == {"bo": "draft", "mn": "missing"}


def test_only_the_target_languages_senior_editors_may_start_a_translation(client, source):
    for user in (
        member("editor", "bo"),
        member("senior", "mn"),
        member("senior", "zh-hans"),
        member("reviewer"),
    ):
        response, page = translate(client, source, "bo", user)
        assert denied(response), user
        assert page is None
    client.force_login(member("senior", "bo"))
    response = client.post(reverse("kepu_translate", args=(source.pk, "xx")), follow=True)
    assert "未知的语言代码" in response.content.decode()


def test_translation_goes_through_its_own_languages_workflow(client, source):
    _, bo = translate(client, source, "bo")
    bo = bo.specific
    # Translated (nothing is submitted while still in the source's script).
    bo.summary = bo.author = bo.reviewer = TEXTS["bo"]
    submit(client, bo, member("editor", "bo"), title="ཆུ་ཁོལ་མ་འཐུང་།")
    assert states(source)["bo"] == "in_review"
    act(client, bo, member("senior", "bo"), "approve")
    act(client, bo, member("reviewer"), "approve")
    assert states(source)["bo"] == "published"


def test_republishing_the_source_makes_the_translation_outdated_until_updated(client, source):
    _, bo = translate(client, source, "bo")
    publish(bo.specific)
    assert states(source)["bo"] == "published"

    source.summary = "新的摘要"
    publish(source)
    assert states(source)["bo"] == "outdated"

    # The translator sees it on the edit view, reads what changed in the source (not
    # the source's own history: that is the Chinese team's), fixes the text, says so.
    client.force_login(member("editor", "bo"))
    html = client.get(f"/admin/pages/{bo.pk}/edit/").content.decode()
    assert "已过时" in html and reverse("kepu_translation_updated", args=(bo.pk,)) in html
    changes = reverse("kepu_translation_source_changes", args=(bo.pk,))
    assert changes in html
    assert reverse("wagtailadmin_pages:revisions_index", args=(source.pk,)) not in html
    assert "新的摘要" in client.get(changes).content.decode()
    client.post(reverse("kepu_translation_updated", args=(bo.pk,)))
    assert states(source)["bo"] == "published"
    record = TranslationRecord.objects.get(translation=bo)
    source.refresh_from_db()
    assert record.source_revision == source.live_revision


def test_a_translation_whose_source_was_deleted_says_so(client, source):
    _, bo = translate(client, source, "bo")
    Page.objects.get(pk=source.pk).delete()
    rows = status.rows()
    orphan = [r for r in rows if r.source is None]
    assert len(orphan) == 1 and orphan[0].title == "喝开水，防包虫病"
    assert orphan[0].cells["bo"].state == "source_deleted"
    client.force_login(member("editor", "bo"))
    assert "原文已删除" in client.get(reverse("kepu_translation_report")).content.decode()
    html = client.get(f"/admin/pages/{bo.pk}/edit/").content.decode()
    assert "原文已被删除" in html
    response = client.post(reverse("kepu_translation_updated", args=(bo.pk,)), follow=True)
    assert "找不到这篇译文的原文" in response.content.decode()


def test_report_filters_and_exports(client, source, make_article):
    translate(client, source, "bo")
    make_article("zh-hans", topic="ecology", slug="grass", title="草原")
    client.force_login(member("editor", "mn"))
    url = reverse("kepu_translation_report")

    html = client.get(url, {"channel": "health"}).content.decode()
    assert "喝开水，防包虫病" in html and "草原" not in html
    html = client.get(url, {"language": "bo", "state": "draft"}).content.decode()
    assert "喝开水，防包虫病" in html and "草原" not in html
    html = client.get(url, {"language": "bo", "state": "published"}).content.decode()
    assert "喝开水，防包虫病" not in html

    data = client.get(url, {"format": "json"}).json()
    row = next(r for r in data["rows"] if r["title"] == "喝开水，防包虫病")
    assert row["channel"] == "health" and row["source_locale"] == "zh-hans"
    assert (
        row["languages"]["bo"]["state"] == "draft" and row["languages"]["mn"]["state"] == "missing"
    )
    assert client.get(url, {"format": "json", "state": "nonsense"}).status_code == 400

    response = client.get(url, {"format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    table = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert table[0][:4] == ["原文编号", "原文标题", "原文语言", "频道"]
    assert any(r[1] == "喝开水，防包虫病" and "草稿" in r and "缺少" in r for r in table[1:])
    # Names, as on the screen, not codes.
    row = next(r for r in table[1:] if r[1] == "喝开水，防包虫病")
    assert row[2] == teams.TEAM["zh-hans"] and row[3] not in ("", "health")


def test_the_report_offers_create_links_only_to_the_right_senior_editors(client, source):
    url = reverse("kepu_translation_report")
    link = reverse("kepu_translate", args=(source.pk, "mn"))
    client.force_login(member("senior", "mn"))
    assert link in client.get(url).content.decode()
    client.force_login(member("editor", "mn"))
    assert link not in client.get(url).content.decode()
    client.force_login(member("senior", "bo"))
    assert link not in client.get(url).content.decode()


def test_glossary_panel_shows_the_agreed_terms_found_in_the_source(client, make_article):
    zh = make_article("zh-hans", topic="health", slug="hydatid", title="包虫病与布鲁氏菌病")
    _, bo = translate(client, zh, "bo")
    _, mn = translate(client, zh, "mn")
    client.force_login(member("editor", "bo"))
    html = client.get(f"/admin/pages/{bo.pk}/edit/").content.decode()
    from content.models import GlossaryTerm

    hydatid = GlossaryTerm.objects.get(key="hydatid-disease")
    assert hydatid.term_zh_hans in html and hydatid.term_bo in html
    assert hydatid.term_mn not in html
    client.force_login(member("editor", "mn"))
    html = client.get(f"/admin/pages/{mn.pk}/edit/").content.decode()
    assert hydatid.term_mn in html
