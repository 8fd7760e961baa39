"""Each team works only in its own language: the role × action × language matrix.

Every action is tried through the admin URLs (and the admin API) against a page of each
other language; each must be refused and leave the page as it was.
"""

import pytest

from django.urls import reverse

from wagtail.models import Page

from content.tests.editorial_helpers import (
    SECRET,
    article_form,
    denied,
    draft_with_secret,
    member,
)

LANGUAGES = ("zh-hans", "bo", "mn")


@pytest.fixture
def pages(make_article):
    return {code: make_article(code, topic="health", slug=f"perm-{code}") for code in LANGUAGES}


def attempts(page, own_page):
    """(name, method, url, data) for every action a team must not take on ``page``."""
    channel = page.get_parent()
    return [
        ("edit", "get", f"/admin/pages/{page.pk}/edit/", None),
        ("save", "post", f"/admin/pages/{page.pk}/edit/", article_form(page, title="改")),
        (
            "publish",
            "post",
            f"/admin/pages/{page.pk}/edit/",
            article_form(page, "publish", title="改"),
        ),
        (
            "submit",
            "post",
            f"/admin/pages/{page.pk}/edit/",
            article_form(page, "submit", title="改"),
        ),
        ("preview", "get", f"/admin/pages/{page.pk}/edit/preview/", None),
        ("view draft", "get", f"/admin/pages/{page.pk}/view_draft/", None),
        ("history", "get", f"/admin/pages/{page.pk}/history/", None),
        ("revisions", "get", f"/admin/pages/{page.pk}/revisions/compare/earliest...latest/", None),
        ("move", "get", f"/admin/pages/{page.pk}/move/", None),
        ("move to", "post", f"/admin/pages/{page.pk}/move/{own_page.get_parent().pk}/confirm/", {}),
        ("copy", "get", f"/admin/pages/{page.pk}/copy/", None),
        ("delete", "get", f"/admin/pages/{page.pk}/delete/", None),
        ("delete it", "post", f"/admin/pages/{page.pk}/delete/", {}),
        ("unpublish", "post", f"/admin/pages/{page.pk}/unpublish/", {"unpublish_reason": "x"}),
        ("lock", "post", f"/admin/pages/{page.pk}/lock/", {}),
        ("add child", "get", f"/admin/pages/add/content/articlepage/{channel.pk}/", None),
        (
            "translate into",
            "post",
            reverse("kepu_translate", args=(own_page.pk, page.locale.language_code)),
            {},
        ),
        ("mark updated", "post", reverse("kepu_translation_updated", args=(page.pk,)), {}),
        ("fast track", "post", reverse("kepu_fast_track", args=(page.pk,)), {"reason": "x"}),
        ("api", "get", f"/admin/api/main/pages/{page.pk}/", None),
    ]


def assert_all_refused(client, page, own_page):
    before = (page.title, page.live, page.get_parent().pk, page.locked)
    revisions = page.revisions.count()
    translations = Page.objects.filter(translation_key=own_page.translation_key).count()
    allowed = []
    for name, method, url, data in attempts(page, own_page):
        response = getattr(client, method)(url, data) if data is not None else client.get(url)
        if not denied(response):
            allowed.append((name, response.status_code))
    page.refresh_from_db()
    assert allowed == []
    assert (page.title, page.live, page.get_parent().pk, page.locked) == before
    assert page.revisions.count() == revisions
    assert Page.objects.filter(translation_key=own_page.translation_key).count() == translations


@pytest.mark.parametrize("role", ["editor", "senior"])
@pytest.mark.parametrize(
    "own, other", [(own, other) for own in LANGUAGES for other in LANGUAGES if own != other]
)
def test_a_team_cannot_touch_another_languages_pages(client, pages, role, own, other):
    client.force_login(member(role, own))
    assert_all_refused(client, pages[other], pages[own])


@pytest.mark.parametrize("language", LANGUAGES)
def test_scientific_reviewers_cannot_edit_or_publish_in_any_language(client, pages, language):
    client.force_login(member("reviewer"))
    other = pages["zh-hans" if language != "zh-hans" else "bo"]
    assert_all_refused(client, pages[language], other)


def test_scientific_reviewers_do_not_read_drafts_they_do_not_review(client, make_article):
    """Their Pages menu (a permission on the root: content/editorial/teams.py) opens the
    explorer, page search, admin API and site history, which Wagtail fills with every
    page under a permission: only what they review, and the way down to it, is there."""
    draft = make_article("mn", topic="health", slug="perm-mn-draft", live=False)
    live = make_article("zh-hans", topic="health", slug="perm-zh-live")
    draft_with_secret(draft)
    draft_with_secret(live)
    client.force_login(member("reviewer"))
    assert client.get(f"/admin/api/main/pages/{draft.pk}/").status_code == 403
    assert denied(client.get(f"/admin/pages/{draft.pk}/edit/preview/"))
    for url in (
        f"/admin/pages/{draft.get_parent().pk}/",
        f"/admin/pages/search/?q={SECRET}",
        "/admin/reports/site-history/",
        "/admin/api/main/pages/?search=" + SECRET,
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert f"/admin/pages/{draft.pk}/" not in html and f"{SECRET}标题" not in html, url


@pytest.mark.parametrize("language", LANGUAGES)
def test_editors_write_in_their_language_but_only_submit(client, pages, language):
    page = pages[language]
    client.force_login(member("editor", language))
    for url in (
        f"/admin/pages/{page.pk}/edit/",
        f"/admin/pages/{page.pk}/history/",
        f"/admin/pages/add/content/articlepage/{page.get_parent().pk}/",
    ):
        assert client.get(url).status_code == 200, url
    client.post(
        f"/admin/pages/{page.pk}/edit/", article_form(page, "publish", title="编辑改的标题")
    )
    page.refresh_from_db()
    # The change is kept as a draft; publishing is not an editor's right.
    assert page.title != "编辑改的标题" and page.has_unpublished_changes
    assert page.get_latest_revision_as_object().title == "编辑改的标题"
    assert not page.permissions_for_user(member("editor", language)).can_publish()


@pytest.mark.parametrize("language", LANGUAGES)
def test_senior_editors_review_and_unpublish_but_do_not_publish_directly(client, pages, language):
    """A senior editor's "publish" permission no longer publishes by itself: pages go
    live through review (content/publish_gate.py, content/tests/test_publish_gate.py)."""
    page = pages[language]
    senior = member("senior", language)
    perms = page.permissions_for_user(senior)
    assert (
        not perms.can_publish()
        and not page.get_parent().permissions_for_user(senior).can_publish_subpage()
    )
    assert perms.can_unpublish() and perms.can_unschedule() and perms.has_publish_permission()
    client.force_login(senior)
    assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200


def test_admin_api_lists_only_the_users_own_tree(client, pages):
    client.force_login(member("editor", "bo"))
    ids = {item["id"] for item in client.get("/admin/api/main/pages/").json()["items"]}
    assert pages["bo"].pk in ids
    assert pages["mn"].pk not in ids and pages["zh-hans"].pk not in ids
    assert client.get(f"/admin/api/main/pages/{pages['mn'].pk}/").status_code == 403
    assert client.get("/admin/api/main/pages/999999/").status_code in (404, 302)


def test_site_admins_reach_every_language(client, pages):
    admin = member("admin")
    client.force_login(admin)
    for page in pages.values():
        assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200
        # Site administrators are not superusers: review applies to them too.
        assert not page.permissions_for_user(admin).can_publish()
        assert page.permissions_for_user(admin).can_unpublish()
