"""The house rules of docs/editors.md are enforced (issue 14, item 5): an article names
its sources and its scientific reviewer before review or publication (the emergency fast
track excepted, its gap logged), and required blocks that look filled but are empty are
refused whenever they are saved. External videos never get a player that cannot play
(item 13)."""

import pytest

from django.urls import reverse

from wagtail.models import PageLogEntry
from wagtail.test.utils.form_data import rich_text, streamfield

from content.tests.editorial_helpers import member, sources_form, user_for
from content.tests.editorial_helpers import post_edit as post
from content.tests.factories import TEXTS

NO_SOURCES = streamfield([("paragraph", rich_text(f"<p>{TEXTS['bo']}</p>"))])
EMPTY_SOURCES = streamfield(
    [("paragraph", rich_text(f"<p>{TEXTS['bo']}</p>")), ("sources", sources_form([]))]
)


def messages_in(error):
    """Every message in a form error, block errors (shown by the body editor) included."""
    nested = getattr(error, "block_errors", None)
    if nested:
        items = nested.values() if isinstance(nested, dict) else nested
        return [m for item in items if item for m in messages_in(item)]
    if hasattr(error, "error_list") and error.error_list != [error]:
        return [m for e in error.error_list for m in messages_in(e)]
    return list(getattr(error, "messages", [str(error)]))


def errors(response):
    return {
        name: " ".join(m for e in errs for m in messages_in(e))
        for name, errs in response.context["form"].errors.as_data().items()
    }


@pytest.mark.parametrize("role, action", [("editor", "submit"), ("superuser", "publish")])
@pytest.mark.parametrize(
    "fields, field, message",
    [
        ({"body": NO_SOURCES}, "body", "参考资料"),
        ({"body": EMPTY_SOURCES}, "body", "参考资料"),
        ({"reviewer": ""}, "reviewer", "科学审核专家"),
        ({"reviewer": "\u200b\u00a0"}, "reviewer", "科学审核专家"),
    ],
)
def test_sources_and_reviewer_are_required_to_go_further_not_to_save(
    client, make_article, role, action, fields, field, message
):
    page = make_article("bo", slug="rules", live=False)
    user = user_for(role, "bo")
    response = post(client, page, user, action, **fields)
    assert response.status_code == 200 and message in errors(response).get(field, "")
    page.refresh_from_db()
    assert not page.live and page.current_workflow_state is None
    assert post(client, page, user, None, **fields).status_code == 302  # a draft saves


def test_the_fast_track_skips_the_rules_and_logs_the_gap(client, make_article):
    page = make_article("bo", topic="emergency", slug="quake", live=False, reviewer="")
    client.force_login(member("editor", "bo"))
    response = client.post(reverse("kepu_fast_track", args=(page.pk,)), {"reason": "地震"})
    assert response.status_code == 302
    entry = PageLogEntry.objects.get(page=page, action="kepu.fast_track")
    assert set(entry.data["missing"]) == {"reviewer"}
    page.refresh_from_db()
    assert page.current_workflow_state is not None


# Values that look filled in the editor and show nothing to the reader.
LOOKS_EMPTY = ["<p></p>", "<p><br/></p>", "<p> \u00a0 </p>", "<p>\u200b\u200d\ufeff</p>"]
PLAIN_LOOKS_EMPTY = ["   ", "\u00a0", "\u200b", "\u3000\u200b", "\u180e"]


def body(*blocks):
    return streamfield([*blocks, ("sources", sources_form([TEXTS["bo"][:10]]))])


@pytest.mark.parametrize("action", [None, "submit"])
@pytest.mark.parametrize(
    "block",
    [("paragraph", rich_text(v)) for v in LOOKS_EMPTY]
    + [("heading", v) for v in PLAIN_LOOKS_EMPTY]
    + [("fact_box", {"title": "ཁ་བྱང", "text": rich_text(v)}) for v in LOOKS_EMPTY]
    + [("fact_box", {"title": v, "text": rich_text("<p>ཁ་བྱང</p>")}) for v in PLAIN_LOOKS_EMPTY]
    + [("quote", {"text": v, "attribution": ""}) for v in PLAIN_LOOKS_EMPTY]
    + [("rumour_fact", {"rumour": "ཁ་བྱང", "fact": rich_text(v)}) for v in LOOKS_EMPTY],
)
def test_required_blocks_that_look_filled_but_are_empty_are_refused_on_save(
    client, make_article, action, block
):
    page = make_article("bo", slug="empty", live=False)
    revisions = page.revisions.count()
    response = post(client, page, member("editor", "bo"), action, body=body(block))
    assert response.status_code == 200
    assert "只有空白" in errors(response).get("body", "")
    assert page.revisions.count() == revisions


def test_an_empty_source_title_is_refused_on_save(client, make_article):
    page = make_article("bo", slug="empty-source", live=False)
    blocks = streamfield(
        [("paragraph", rich_text("<p>ཁ་བྱང</p>")), ("sources", sources_form(["\u200b "]))]
    )
    response = post(client, page, member("editor", "bo"), None, body=blocks)
    assert response.status_code == 200
    assert "只有空白" in errors(response).get("body", "")


def test_optional_texts_that_look_filled_are_stored_empty(make_article):
    from content.blocks import ArticleBodyBlock

    block = ArticleBodyBlock()
    value = block.clean(
        block.to_python([{"type": "quote", "value": {"text": "ཁ་བྱང", "attribution": "\u200b"}}])
    )
    assert value[0].value["attribution"] == ""


# -- external videos -------------------------------------------------------------------


def test_a_video_elsewhere_gets_no_player_and_ours_does(client, make_video, settings):
    settings.KEPU_MEDIA_PUBLIC_ORIGIN = "https://media.kepu.example"
    elsewhere = make_video("bo", slug="elsewhere", video_url="https://video.example.org/a.mp4")
    html = client.get(elsewhere.url).content.decode()
    assert "<video" not in html and 'href="https://video.example.org/a.mp4"' in html
    ours = make_video("bo", slug="ours", video_url="https://media.kepu.example/v/a.mp4")
    html = client.get(ours.url).content.decode()
    assert '<video controls preload="none"' in html
    policy = client.get(ours.url)["Content-Security-Policy"]
    assert "media-src 'self' data: https://media.kepu.example" in policy


def test_the_editor_cannot_enter_a_video_address_that_cannot_play(client, make_video):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data

    page = make_video("bo", slug="clip", live=False, video_url="")
    client.force_login(member("editor", "bo"))
    data = {
        "title": page.title, "slug": page.slug, "summary": page.summary, "video": "",
        "video_url": "https://video.example.org/a.mp4", "poster": "", "duration": "",
        "transcript": page.transcript, "author": page.author, "reviewer": page.reviewer,
        "comments": inline_formset([]),
    }  # fmt: skip
    response = client.post(f"/admin/pages/{page.pk}/edit/", nested_form_data(data))
    assert response.status_code == 200 and "video_url" in response.context["form"].errors
