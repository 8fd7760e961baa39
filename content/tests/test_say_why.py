"""Say why (issue items 9a–c): a refusal names who can do it instead, a review decision
is confirmed, and scientific reviewers find the Pages menu without gaining any right."""

import pytest

from django.contrib.auth.models import Group, Permission
from django.contrib.messages import get_messages
from django.urls import reverse

from wagtail.models import Page
from wagtail.users.models import UserProfile

from content.editorial import teams
from content.tests.editorial_helpers import act, article_form, member, submit

WAGTAIL_REFUSAL = "对不起， 你没有权限访问。"


def refusal(client, response):
    """The redirect to the dashboard, and the message the dashboard then shows."""
    assert response.status_code == 302 and response["Location"] in ("/admin/", "/admin")
    return [str(m).strip() for m in get_messages(response.wsgi_request)]


@pytest.fixture(autouse=True)
def staff(db):
    """Somebody in every group: refusals name the groups people are in."""
    for code in teams.TEAM:
        member("editor", code), member("senior", code)
    member("reviewer"), member("admin")


@pytest.fixture
def zh_source(make_article):
    return make_article("zh-hans", topic="health", slug="say-why-source")


def test_a_missing_translation_names_the_team_that_can_create_it(client, zh_source):
    """The Chinese senior editor opens "create the Mongolian translation": refused, and
    told that the Mongolian senior editors can."""
    client.force_login(member("senior", "zh-hans"))
    url = reverse("kepu_translate", args=(zh_source.pk, "mn"))
    said = refusal(client, client.get(url))
    assert said == [f"只有蒙古文高级编辑、站点管理员可以创建《{zh_source.title}》的蒙古文译文。"]
    assert WAGTAIL_REFUSAL not in said
    assert not Page.objects.filter(
        translation_key=zh_source.translation_key, locale__language_code="mn"
    ).exists()


def test_the_translation_panel_says_who_can_create_each_missing_language(client, zh_source):
    client.force_login(member("senior", "zh-hans"))
    html = client.get(f"/admin/pages/{zh_source.pk}/edit/").content.decode()
    assert "只有藏文高级编辑、站点管理员可以创建藏文译文" in html
    assert "只有蒙古文高级编辑、站点管理员可以创建蒙古文译文" in html
    # The Mongolian senior editor sees the link instead, on the same (live) source's
    # translation report; a site administrator also sees who the people are.
    admin = member("admin")
    mn_senior = member("senior", "mn")
    client.force_login(admin)
    html = client.get(f"/admin/pages/{zh_source.pk}/edit/").content.decode()
    assert reverse("kepu_translate", args=(zh_source.pk, "mn")) in html
    assert mn_senior.username not in html  # admins may create it themselves: a link, no names


def test_a_site_administrator_is_told_the_people_too(rf, zh_source):
    from content.editorial import say_why

    mn_senior = member("senior", "mn")
    admin = member("admin")
    assert mn_senior.username in say_why.translators("mn", admin)
    assert mn_senior.username not in say_why.translators("mn", member("senior", "zh-hans"))


def test_another_teams_page_names_its_team(client, make_article):
    page = make_article("bo", topic="health", slug="say-why-bo")
    client.force_login(member("editor", "zh-hans"))
    said = refusal(client, client.get(f"/admin/pages/{page.pk}/edit/"))
    assert said == [
        f"《{page.title}》属于藏文页面，只有藏文编辑、藏文高级编辑、站点管理员可以打开或修改。"
    ]


def test_another_teams_draft_is_not_named(client, make_article):
    """A refusal must not leak another team's unpublished title (content/readable.py)."""
    page = make_article("bo", topic="health", slug="say-why-bo-draft", live=False)
    client.force_login(member("editor", "zh-hans"))
    said = refusal(client, client.get(f"/admin/pages/{page.pk}/history/"))
    assert said == ["这个页面属于藏文页面，只有藏文编辑、藏文高级编辑、站点管理员可以打开或修改。"]


def test_an_editor_is_told_who_may_unpublish(client, make_article):
    page = make_article("zh-hans", topic="health", slug="say-why-unpublish")
    client.force_login(member("editor", "zh-hans"))
    said = refusal(client, client.get(f"/admin/pages/{page.pk}/unpublish/"))
    assert said == [f"只有中文高级编辑、站点管理员可以下线《{page.title}》（中文页面）。"]
    page.refresh_from_db()
    assert page.live


def test_the_reason_follows_the_users_admin_language(client, make_article):
    page = make_article("bo", topic="health", slug="say-why-en")
    editor = member("editor", "zh-hans")
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(editor)
    said = refusal(client, client.get(f"/admin/pages/{page.pk}/edit/"))
    assert said == [
        f"“{page.title}” is in the Tibetan pages: only 藏文编辑, 藏文高级编辑, 站点管理员 "
        "can open or edit it."
    ]


def test_refusals_we_cannot_explain_keep_wagtails_message(client):
    client.force_login(member("editor", "bo"))
    said = refusal(client, client.get("/admin/users/"))
    assert said == [WAGTAIL_REFUSAL]


# (b) A review decision is confirmed, whichever way it was taken.


@pytest.fixture
def draft(make_article):
    return make_article("bo", topic="health", slug="say-why-review", live=False)


def messages_after(response):
    return [str(m).strip() for m in get_messages(response.wsgi_request)]


def test_approving_from_the_dashboard_says_where_the_page_went(client, draft):
    submit(client, draft, member("editor", "bo"))
    said = messages_after(act(client, draft, member("senior", "bo"), "approve"))
    assert f"已批准《{draft.title}》，已转交“科学审核”（科学审核员）。" in said
    said = messages_after(act(client, draft, member("reviewer"), "approve", comment="无误"))
    draft.refresh_from_db()
    assert draft.live
    assert f"已批准《{draft.title}》，已发布。" in said


def test_rejecting_says_it_went_back_to_the_author(client, draft):
    submit(client, draft, member("editor", "bo"))
    said = messages_after(act(client, draft, member("senior", "bo"), "reject", comment="请改"))
    assert f"已退回《{draft.title}》，请作者editor-bo修改。" in said


def test_deciding_in_the_edit_view_is_confirmed_too(client, draft):
    submit(client, draft, member("editor", "bo"))
    senior = member("senior", "bo")
    client.force_login(senior)
    data = article_form(draft, **{"action-workflow-action": "1"})
    data["workflow-action-name"] = "reject"
    data["workflow-action-extra-data"] = '{"comment": "数据要核对"}'
    response = client.post(f"/admin/pages/{draft.pk}/edit/", data)
    assert response.status_code == 302
    assert f"已退回《{draft.title}》，请作者editor-bo修改。" in messages_after(response)


def test_a_scheduled_approval_says_when(client, draft):
    import datetime

    from django.utils import timezone

    when = timezone.now() + datetime.timedelta(days=2)
    draft.go_live_at = when
    draft.save_revision()
    submit(
        client,
        draft,
        member("editor", "bo"),
        go_live_at=timezone.localtime(when).strftime("%Y-%m-%d %H:%M"),
    )
    act(client, draft, member("senior", "bo"), "approve")
    said = messages_after(act(client, draft, member("reviewer"), "approve"))
    draft.refresh_from_db()
    assert not draft.live
    expected = timezone.localtime(when).strftime("%Y-%m-%d %H:%M")
    assert f"已批准《{draft.title}》，将于 {expected} 发布。" in said


# (c) Scientific reviewers get the Pages menu, and nothing more.


def test_reviewers_see_the_pages_menu_and_browse_what_they_review(client, draft, make_article):
    reviewer = member("reviewer")
    client.force_login(reviewer)
    dashboard = client.get("/admin/").content.decode()
    assert '"name": "explorer"' in dashboard  # the sidebar's Pages item

    other_draft = make_article("zh-hans", topic="health", slug="say-why-other", live=False)
    submit(client, draft, member("editor", "bo"))
    act(client, draft, member("senior", "bo"), "approve")
    client.force_login(reviewer)
    channel = draft.get_parent()
    listing = client.get(f"/admin/pages/{channel.pk}/")
    assert listing.status_code == 200
    html = listing.content.decode()
    assert f"/admin/pages/{draft.pk}/" in html  # in review for them
    zh_listing = client.get(f"/admin/pages/{other_draft.get_parent().pk}/").content.decode()
    assert f"/admin/pages/{other_draft.pk}/" not in zh_listing  # another team's plain draft


def test_the_pages_permission_gives_reviewers_no_right(draft):
    reviewer = member("reviewer")
    for page in (draft, draft.get_parent(), Page.objects.get(depth=1)):
        perms = page.specific.permissions_for_user(reviewer)
        assert not any(
            (
                perms.can_edit(),
                perms.can_add_subpage(),
                perms.can_publish(),
                perms.can_unpublish(),
                perms.can_delete(),
                perms.can_move(),
                perms.can_lock(),
                perms.can_unlock(),
                perms.can_copy(),
                perms.can_set_view_restrictions(),
            )
        ), page


def test_setup_editorial_grants_the_reviewers_no_page_permission(db):
    from wagtail.models import GroupPagePermission

    reviewers = Group.objects.get(name=teams.REVIEWERS)
    # A permission left by an earlier version is taken away again.
    GroupPagePermission.objects.create(
        group=reviewers,
        page=Page.objects.get(depth=1),
        permission=Permission.objects.get(codename="bulk_delete_page"),
    )
    teams.setup_editorial()
    assert not GroupPagePermission.objects.filter(group=reviewers).exists()


@pytest.mark.parametrize("role", ["editor", "senior"])
@pytest.mark.parametrize("code", list(teams.TEAM))
def test_being_a_reviewer_too_adds_no_right_to_a_team_member(role, code, draft, make_article):
    """Permissions add up over a user's groups: the reviewers' Pages menu must not."""
    user = member(role, code)
    live = make_article(code, topic="health", slug=f"also-reviewer-{role}")
    pages = [live, live.get_parent(), live.get_parent().get_parent(), Page.objects.get(depth=1)]
    actions = (
        "can_edit can_add_subpage can_publish can_unpublish can_delete can_move can_lock "
        "can_unlock can_copy can_set_view_restrictions"
    ).split()

    def rights():
        return [
            [getattr(page.specific.permissions_for_user(user), a)() for a in actions]
            for page in pages
        ]

    before = rights()
    user.groups.add(Group.objects.get(name=teams.REVIEWERS))
    for page in pages:
        page.specific.permissions_for_user(user)  # fresh testers: no cached answers
    assert rights() == before


def test_site_history_keeps_a_never_published_channel_from_its_reviewer(client, make_article):
    """The way down to a page in review is its live ancestors: a channel another team
    has never published, and its draft title, are not the reviewer's to see."""
    from content.models import ChannelPage, Topic
    from content.tests.editorial_helpers import SECRET

    home = Page.objects.get(depth=2, locale__language_code="mn").specific
    topic = Topic.objects.create(name="新频道", slug="say-why-new-topic")
    channel = ChannelPage(
        title=f"{SECRET}频道", slug="say-why-hidden-channel", topic=topic, live=False
    )
    home.add_child(instance=channel)
    channel.save_revision(user=member("senior", "mn"), log_action=True)
    article = make_article("mn", topic=topic.slug, slug="say-why-under-hidden", live=False)
    submit(client, article, member("editor", "mn"))
    act(client, article, member("senior", "mn"), "approve")
    client.force_login(member("reviewer"))
    for url in ("/admin/reports/site-history/", f"/admin/pages/search/?q={SECRET}"):
        html = client.get(url).content.decode()
        assert f"{SECRET}频道" not in html, url
