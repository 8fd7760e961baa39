"""A team's unpublished work is its own: no admin page that lists pages (the page
chooser, the explorer and admin search, bulk action pages, reports, the translation
report in HTML, JSON and CSV, usage views, the dashboard, the admin API) shows another
team the title of its drafts, or the unpublished title of its live pages. Other teams'
live pages are listed under their live titles (translators need them)."""

import io
import json

import pytest
from PIL import Image

from django.core.files.images import ImageFile
from django.utils import timezone

from content.tests.editorial_helpers import act, colleague, member, submit, superuser
from content.tests.factories import channel
from media.models import KepuImage

DRAFT = "藏文草稿秘密标题甲"  # never published
NEW_TITLE = "藏文改稿秘密标题乙"  # the unpublished title of a live page
LIVE = "藏文已发布标题丙"  # that page's live title: readable by everyone


@pytest.fixture
def bo_work(make_article, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    out = io.BytesIO()
    Image.new("RGB", (64, 36), (40, 110, 70)).save(out, "PNG")
    image = KepuImage.objects.create(title="p", file=ImageFile(out, name="p.png"))
    draft = make_article("bo", slug="secret-draft", title=DRAFT, live=False, lead_image=image)
    live = make_article("bo", slug="live-page", title=LIVE, lead_image=image)
    live.title = NEW_TITLE
    live.save_revision()  # a newer draft: the row keeps the live title, draft_title changes
    senior = member("senior", "bo")
    type(draft).objects.filter(pk__in=[draft.pk, live.pk]).update(
        locked=True, locked_by=senior, locked_at=timezone.now()
    )
    return {"draft": draft, "live": live, "image": image, "channel": channel("bo")}


def admin_answers(client, work):
    draft, live, bo_channel = work["draft"], work["live"], work["channel"]
    ids = f"id={draft.pk}&id={live.pk}"
    urls = [
        "/admin/",
        "/admin/choose-page/",
        f"/admin/choose-page/{bo_channel.pk}/",
        f"/admin/choose-page/{bo_channel.pk}/?page_type=content.articlepage",
        "/admin/choose-page/search/?q=藏文",
        "/admin/choose-page/search/?q=秘密",
        f"/admin/pages/{bo_channel.pk}/",
        "/admin/pages/search/?q=藏文",
        "/admin/pages/search/?q=秘密",
        f"/admin/bulk/wagtailcore/page/delete/?{ids}",
        f"/admin/bulk/wagtailcore/page/publish/?{ids}",
        f"/admin/bulk/wagtailcore/page/unpublish/?{ids}",
        f"/admin/bulk/wagtailcore/page/move/?{ids}",
        f"/admin/bulk/wagtailcore/page/delete/?id=all&childOf={bo_channel.pk}",
        "/admin/reports/locked/",
        "/admin/reports/workflow/",
        "/admin/reports/workflow_tasks/",
        "/admin/reports/aging-pages/",
        "/admin/reports/site-history/",
        "/admin/reports/page-types-usage/",
        "/admin/translations/",
        "/admin/translations/?format=json",
        "/admin/translations/?format=csv",
        "/admin/translations/?language=bo&format=csv",
        f"/admin/images/usage/{work['image'].pk}/",
        "/admin/api/main/pages/?limit=20",
        "/admin/api/main/pages/?search=藏文&limit=20",
        f"/admin/api/main/pages/?child_of={bo_channel.pk}&limit=20",
    ]
    return {url: client.get(url) for url in urls}


def body(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    text = content.decode("utf-8", "replace")
    if "json" in response.get("Content-Type", ""):  # un-escape \\uXXXX
        text = json.dumps(json.loads(text), ensure_ascii=False)
    return text


@pytest.mark.parametrize(
    "role", [("editor", "zh-hans"), ("senior", "zh-hans"), ("senior", "mn"), ("reviewer", None)]
)
def test_another_teams_drafts_are_not_listed_anywhere_in_the_admin(client, bo_work, role):
    client.force_login(member(*role))
    for url, response in admin_answers(client, bo_work).items():
        # (400: the admin API's child_of a page outside the user's trees)
        assert response.status_code in (200, 302, 400, 403, 404), (url, response.status_code)
        text = body(response)
        assert DRAFT not in text, f"{role} sees another team's draft title at {url}"
        assert NEW_TITLE not in text, f"{role} sees an unpublished title at {url}"


@pytest.mark.parametrize("who", ["bo senior", "site admin", "superuser"])
def test_the_team_and_the_administrators_still_see_the_drafts(client, bo_work, who):
    user = {
        "bo senior": lambda: member("senior", "bo"),
        "site admin": lambda: member("admin"),
        "superuser": superuser,
    }[who]()
    client.force_login(user)
    answers = admin_answers(client, bo_work)
    for url in (
        f"/admin/choose-page/{bo_work['channel'].pk}/",
        "/admin/pages/search/?q=藏文",
        "/admin/translations/?format=csv",
        f"/admin/bulk/wagtailcore/page/delete/?id={bo_work['draft'].pk}&id={bo_work['live'].pk}",
    ):
        assert DRAFT in body(answers[url]), (who, url)
    assert NEW_TITLE in body(answers[f"/admin/pages/{bo_work['channel'].pk}/"]), who


def test_other_teams_live_pages_stay_choosable_under_their_live_titles(client, bo_work):
    client.force_login(member("senior", "zh-hans"))
    chooser = body(client.get(f"/admin/choose-page/{bo_work['channel'].pk}/"))
    assert LIVE in chooser and DRAFT not in chooser and NEW_TITLE not in chooser
    report = client.get("/admin/translations/?format=json").json()
    titles = {row["title"] for row in report["rows"]}
    assert LIVE in titles and DRAFT not in titles


def test_scientific_reviewers_read_what_is_in_review_for_them(client, make_article):
    # (Tibetan titles: a Tibetan page's title must be Tibetan to be submitted.)
    in_review, not_submitted = "ཞིབ་བཤེར་འོག་གི་ཡིག་ཆ་ཀ", "སྒྲིག་བཞིན་པའི་ཡིག་ཆ་ཁ"
    draft = make_article("bo", slug="in-review", title=in_review, live=False)
    make_article("bo", slug="not-submitted", title=not_submitted, live=False)
    submit(client, draft, member("editor", "bo"))
    act(client, draft, colleague("bo"), "approve")  # editorial review done: science next
    client.force_login(member("reviewer"))
    chooser = body(client.get(f"/admin/choose-page/{channel('bo').pk}/"))
    assert in_review in chooser and not_submitted not in chooser
