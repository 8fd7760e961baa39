"""Each role's path through the admin, in a browser (issue 15, items 9 and 10): what an
editor sees when a page's address is taken by an abandoned draft, what a senior editor
is told when a translation is another team's to make, and how a scientific reviewer
finds the page waiting for them from the Pages menu."""

import pytest

from django.urls import reverse

from content.slugs import slug_for
from content.tests import factories
from content.tests.editorial_helpers import act, member, submit
from tests.browser.test_admin_chinese import log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def admin_page(browser, live_server, settings):
    """A desktop browser; afterwards, every address it asked for was the site's own
    (the admin calls no third-party host: no avatars from gravatar.com, for one)."""
    settings.CSRF_TRUSTED_ORIGINS = [live_server.url]
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    asked = []
    page.on("request", lambda request: asked.append(request.url))
    yield page
    context.close()
    elsewhere = [url for url in asked if not url.startswith((live_server.url, "data:", "blob:"))]
    assert elsewhere == []


def test_an_abandoned_draft_is_offered_on_the_tab_the_editor_is_on(
    live_site, admin_page, live_server
):
    title = "牧区冬季防寒指南"
    draft = factories.article(
        "zh-hans", topic="emergency", slug=slug_for(title), title=title, live=False
    )
    log_in(admin_page, live_server, member("editor", "zh-hans"))
    channel = draft.get_parent()
    admin_page.goto(f"{live_server.url}/admin/pages/add/content/articlepage/{channel.pk}/")
    admin_page.locator("#id_title").press_sequentially(title)  # typed: the slug follows
    admin_page.locator("#id_title").blur()
    admin_page.get_by_role("button", name="保存草稿").first.click()
    admin_page.wait_for_load_state("networkidle")
    link = admin_page.get_by_role("link", name="打开已有的草稿").first
    link.wait_for(state="visible")
    assert link.is_visible()  # on the Content tab, not only on a hidden Promote tab
    link.click()
    admin_page.wait_for_url(f"**/admin/pages/{draft.pk}/edit/")
    assert admin_page.locator("#id_title").input_value() == title


def test_a_senior_editor_is_told_who_can_translate(live_site, admin_page, live_server):
    source = factories.article("zh-hans", topic="health", slug="who-translates")
    log_in(admin_page, live_server, member("senior", "zh-hans"))
    member("senior", "mn")  # somebody is in the group that can
    admin_page.goto(live_server.url + reverse("kepu_translate", args=(source.pk, "mn")))
    message = admin_page.locator(".messages").first
    message.wait_for(state="visible")
    text = message.inner_text()
    assert "蒙古文高级编辑" in text and "没有权限" not in text


def test_a_reviewer_finds_the_page_in_review_from_the_pages_menu(
    live_site, admin_page, live_server, client
):
    page = factories.article("bo", topic="health", slug="in-review-bo", live=False)
    submit(client, page, member("editor", "bo"))
    act(client, page, member("senior", "bo"), "approve")  # now with the scientists
    log_in(admin_page, live_server, member("reviewer"))
    admin_page.get_by_role("button", name="页面").first.click()
    # The explorer's drawer walks down the live pages above the page in review.
    home = page.get_parent().get_parent()
    admin_page.goto(f"{live_server.url}/admin/pages/{page.get_parent().pk}/")
    listing = admin_page.locator("main")
    assert page.title in listing.inner_text()
    assert admin_page.goto(f"{live_server.url}/admin/pages/{home.pk}/").status == 200
