"""A translation copies what the source's team published, never its drafts: every way of
copying a page into another language's tree, for every kind of user, against a source
that was never published, one published with a newer draft, and one taken offline.
"""

import json

import pytest

from django.contrib.auth import get_user_model
from django.urls import reverse

from wagtail.models import Page, Revision

from content.models import HomePage, TranslationRecord
from content.tests.editorial_helpers import SECRET, denied, draft_with_secret, member, republish
from content.tests.factories import channel
from content.translations import status

PUBLISHED = "已经发布的摘要文字"


@pytest.fixture
def sources(make_article):
    """Three Chinese sources: never published, published with a newer draft, and
    published then taken offline (with a draft)."""
    never = make_article(
        "zh-hans",
        topic="health",
        slug="never-published",
        title=f"{SECRET}标题",
        summary=f"{SECRET}摘要",
        body=[("paragraph", f"<p>{SECRET}正文</p>")],
        live=False,
    )
    drafted = make_article("zh-hans", topic="health", slug="drafted", summary=PUBLISHED)
    draft_with_secret(drafted)
    offline = make_article("zh-hans", topic="health", slug="offline", summary=PUBLISHED)
    Page.objects.get(pk=offline.pk).specific.unpublish()
    offline.refresh_from_db()
    draft_with_secret(offline)
    return {"never published": never, "published, newer draft": drafted, "offline": offline}


def superuser():
    return get_user_model().objects.create_superuser("root", "root@example.org", "pw")


def post_json(client, url, data):
    return client.post(url, json.dumps(data), content_type="application/json")


def api_action(name):
    def attempt(client, source, target):
        url = f"/admin/api/main/pages/{source.pk}/action/{name}/"
        if name == "copy_for_translation":
            return post_json(client, url, {"locale": "bo"})
        return post_json(client, url, {"destination_page_id": target.pk})

    return attempt


def copy_view(alias):
    def attempt(client, source, target):
        return client.post(
            f"/admin/pages/{source.pk}/copy/",
            {
                "new_title": "复制",
                "new_slug": "copied-into-bo",
                "new_parent_page": target.pk,
                "alias": "on" if alias else "",
            },
        )

    return attempt


PATHS = {
    "创建译文 view": lambda client, source, target: client.post(
        reverse("kepu_translate", args=(source.pk, "bo"))
    ),
    "admin API copy_for_translation": api_action("copy_for_translation"),
    "admin API copy": api_action("copy"),
    "admin API create_alias": api_action("create_alias"),
    "page copy view": copy_view(alias=False),
    "page copy view, alias": copy_view(alias=True),
}
# Who may make a translation by each path (of a published source, from its published
# revision). The other paths copy a page, which only someone who may edit the source can
# do (Wagtail's own rule); a Tibetan team member may not. The admin API shows a team
# only its own tree (docs/adr/0005), so it never reaches another language's source.
TRANSLATING = {
    "创建译文 view": {"bo senior", "site admin", "superuser"},
    "admin API copy_for_translation": {"site admin", "superuser"},
}
USERS = {
    "bo senior": lambda: member("senior", "bo"),
    "bo editor": lambda: member("editor", "bo"),
    "site admin": lambda: member("admin"),
    "superuser": superuser,
}


def bo_tree_texts():
    """Every text stored for the Tibetan tree's pages: their rows and all revisions."""
    home = HomePage.objects.get(locale__language_code="bo")
    pages = Page.objects.descendant_of(home).specific()
    revisions = Revision.page_revisions.filter(object_id__in=[str(p.pk) for p in pages])
    texts = [json.dumps(r.content, ensure_ascii=False) for r in revisions]
    for page in pages:
        texts.append(" ".join(str(v) for v in page.__dict__.values()))
    return "\n".join(texts)


@pytest.mark.parametrize("user_name", USERS)
@pytest.mark.parametrize("path_name", PATHS)
@pytest.mark.parametrize("state", ["never published", "published, newer draft", "offline"])
def test_no_path_copies_a_sources_unpublished_text_into_another_language(
    client, sources, state, path_name, user_name
):
    source = sources[state]
    user = USERS[user_name]()
    if user_name in ("site admin", "superuser") and path_name not in TRANSLATING:
        pytest.skip("administrators may copy pages they can edit; that is not a translation")
    target = channel("bo", "health")
    before = set(Page.objects.descendant_of(target).values_list("pk", flat=True))
    client.force_login(user)

    response = PATHS[path_name](client, source, target)

    created = Page.objects.descendant_of(target).exclude(pk__in=before)
    assert SECRET not in bo_tree_texts(), (response.status_code, response.content[:300])
    allowed = state == "published, newer draft" and user_name in TRANSLATING.get(path_name, ())
    if not allowed:
        assert not created.exists(), response.status_code
        assert response.status_code != 500
        return
    assert response.status_code in (201, 302), response.content[:300]
    (page,) = created.specific()
    assert page.summary == PUBLISHED and page.locale.language_code == "bo"
    assert not page.live
    record = TranslationRecord.objects.get(translation=page)
    source.refresh_from_db()
    assert record.source_revision == source.live_revision
    assert record.source_revision != source.latest_revision


@pytest.mark.parametrize("state", ["never published", "offline"])
def test_the_view_explains_why_an_unpublished_source_cannot_be_translated(client, sources, state):
    client.force_login(member("senior", "bo"))
    url = reverse("kepu_translate", args=(sources[state].pk, "bo"))
    for method in ("get", "post"):
        response = getattr(client, method)(url, follow=True)
        assert response.status_code == 200
        assert "原文还没有发布" in response.content.decode()
    assert not sources[state].get_translations().exists()


@pytest.mark.parametrize("state", ["never published", "offline"])
def test_the_admin_api_explains_why_an_unpublished_source_cannot_be_translated(
    client, sources, state
):
    client.force_login(superuser())
    url = f"/admin/api/main/pages/{sources[state].pk}/action/copy_for_translation/"
    response = post_json(client, url, {"locale": "bo"})
    assert response.status_code == 400
    assert "原文还没有发布" in response.json()["message"]


@pytest.mark.parametrize("option", ["alias", "recursive", "copy_parents"])
def test_the_admin_api_makes_one_plain_translation_only(client, sources, option):
    client.force_login(superuser())
    source = sources["published, newer draft"]
    url = f"/admin/api/main/pages/{source.pk}/action/copy_for_translation/"
    response = post_json(client, url, {"locale": "bo", option: True})
    assert response.status_code == 400
    assert not source.get_translations().exists()


def test_the_admin_api_refuses_a_second_translation_and_a_non_article(client, sources):
    client.force_login(superuser())
    source = sources["published, newer draft"]
    url = f"/admin/api/main/pages/{source.pk}/action/copy_for_translation/"
    assert post_json(client, url, {"locale": "bo"}).status_code == 201
    response = post_json(client, url, {"locale": "bo"})
    assert response.status_code == 400 and "已经存在" in response.json()["message"]
    assert source.get_translations().filter(locale__language_code="bo").count() == 1
    zh_channel = channel("zh-hans", "ecology")
    url = f"/admin/api/main/pages/{zh_channel.pk}/action/copy_for_translation/"
    assert post_json(client, url, {"locale": "bo"}).status_code == 400


@pytest.mark.parametrize("state", ["never published", "offline"])
def test_no_create_link_for_an_unpublished_source(client, sources, state):
    source = sources[state]
    published = sources["published, newer draft"]
    link = reverse("kepu_translate", args=(source.pk, "bo"))
    client.force_login(member("senior", "bo"))
    html = client.get(reverse("kepu_translation_report")).content.decode()
    assert link not in html
    assert reverse("kepu_translate", args=(published.pk, "bo")) in html
    # The panel on the source's edit view (site administrators can open it).
    client.force_login(member("admin"))
    html = client.get(f"/admin/pages/{source.pk}/edit/").content.decode()
    assert link not in html
    html = client.get(f"/admin/pages/{published.pk}/edit/").content.decode()
    assert reverse("kepu_translate", args=(published.pk, "bo")) in html


def test_marking_updated_records_the_live_revision_not_the_draft(client, sources):
    source = sources["published, newer draft"]
    client.force_login(member("senior", "bo"))
    client.post(reverse("kepu_translate", args=(source.pk, "bo")))
    bo = source.get_translations().get(locale__language_code="bo")
    republish(source, summary="又一次发布的摘要")
    draft_with_secret(source)
    source.refresh_from_db()
    assert status.cells_for(source).cells["bo"].state == "outdated"

    client.force_login(member("editor", "bo"))
    html = client.get(reverse("kepu_translation_updated", args=(bo.pk,))).content.decode()
    assert f'value="{source.live_revision_id}"' in html
    client.post(
        reverse("kepu_translation_updated", args=(bo.pk,)),
        {"source_revision": source.live_revision_id},
    )
    record = TranslationRecord.objects.get(translation=bo)
    assert record.source_revision_id == source.live_revision_id
    assert record.source_revision_id != source.latest_revision_id
    assert status.cells_for(source).cells["bo"].state == "draft"


def test_marking_updated_against_a_revision_no_longer_live_changes_nothing(client, sources):
    source = sources["published, newer draft"]
    client.force_login(member("senior", "bo"))
    client.post(reverse("kepu_translate", args=(source.pk, "bo")))
    bo = source.get_translations().get(locale__language_code="bo")
    seen = source.live_revision_id
    republish(source, summary="又一次发布的摘要")
    response = client.post(
        reverse("kepu_translation_updated", args=(bo.pk,)), {"source_revision": seen}, follow=True
    )
    assert "原文刚刚又发布了新版本" in response.content.decode()
    assert TranslationRecord.objects.get(translation=bo).source_revision_id == seen


def test_marking_updated_refuses_a_source_taken_offline(client, sources):
    source = sources["published, newer draft"]
    client.force_login(member("senior", "bo"))
    client.post(reverse("kepu_translate", args=(source.pk, "bo")))
    bo = source.get_translations().get(locale__language_code="bo")
    recorded = TranslationRecord.objects.get(translation=bo).source_revision_id
    Page.objects.get(pk=source.pk).specific.unpublish()
    response = client.post(reverse("kepu_translation_updated", args=(bo.pk,)), follow=True)
    assert response.status_code == 200
    assert "原文目前没有发布的版本" in response.content.decode()
    assert TranslationRecord.objects.get(translation=bo).source_revision_id == recorded


def test_bo_team_members_are_still_refused_on_the_sources_own_views(client, sources):
    source = sources["published, newer draft"]
    for role in ("editor", "senior"):
        client.force_login(member(role, "bo"))
        for url in (
            f"/admin/pages/{source.pk}/copy/",
            f"/admin/api/main/pages/{source.pk}/",
        ):
            assert denied(client.get(url)), (role, url)


def test_a_video_translation_copies_the_published_transcript(client, make_video):
    video = make_video("zh-hans", topic="health", slug="video-source", transcript=PUBLISHED)
    draft = video.get_latest_revision_as_object()
    draft.title = f"{SECRET}标题"
    draft.transcript = f"{SECRET}文字稿"
    draft.save_revision()
    client.force_login(member("senior", "bo"))
    response = client.post(reverse("kepu_translate", args=(video.pk, "bo")))
    assert response.status_code == 302
    bo = video.get_translations().get(locale__language_code="bo").specific
    assert bo.transcript == PUBLISHED and SECRET not in bo_tree_texts()
