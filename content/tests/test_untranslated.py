"""Nothing goes live in the wrong script (issue 14, item 2): every text a reader sees on
a page is in its language's script before it is submitted, published or approved, in
the editor's form and in the importer; drafts stay saveable, and the translation panel
lists what is left to translate."""

import io

import pytest
from PIL import Image

from django.core.files.images import ImageFile

from wagtail.images import get_image_model
from wagtail.test.utils.form_data import inline_formset, rich_text, streamfield

from cms import scripts
from content import text_checks
from content.models import ArticlePage
from content.tests.editorial_helpers import member, sources_form, user_for
from content.tests.editorial_helpers import post_edit as post
from content.tests.factories import TEXTS

ZH = "生奶可能带有布鲁氏菌，一定要煮开再喝。"
BO = TEXTS["bo"]
MN = TEXTS["mn"]
CYRILLIC = "Түүхий сүүг буцалгаж уух хэрэгтэй."
ENGLISH = "Raw milk may carry brucella, always boil it."
# Text in each language's script, and text in every other script, for each language.
OWN = {"zh-hans": TEXTS["zh-hans"], "bo": BO, "mn": MN}
FOREIGN = {
    "zh-hans": {"Tibetan": BO, "Mongolian": MN, "English": ENGLISH},
    "bo": {"Chinese": ZH, "Mongolian": MN, "English": ENGLISH},
    "mn": {"Chinese": ZH, "Tibetan": BO, "English": ENGLISH, "Cyrillic": CYRILLIC},
}
CASES = [(code, name, text) for code, texts in FOREIGN.items() for name, text in texts.items()]


# -- the measure -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "code, text",
    [
        ("bo", "༢༠༢༤ 2024"),  # digits only
        ("bo", BO + " PM2.5 ཚད་ 35 µg/m³"),
        ("bo", "ས་ཁུལ་ 5 km"),  # a short heading with a unit
        ("bo", "ཕོལ་འབུ་ནད་（包虫病）ནི་ཁྱི་ལས་འགོ་བ་ཡིན།"),  # a Chinese term in parentheses
        ("bo", "ཨ་བྲ་ (Ochotona curzoniae)"),  # a species name in a short field
        ("mn", MN + " PM2.5"),
        ("mn", "ᠪᠣᠷᠣᠭᠠ (降水) ᠬᠡᠮᠵᠢᠶᠡ"),
        ("mn", "ᠬᠥᠬᠡ ᠨᠠᠭᠤᠷ\u202fᠤᠨ ᠰᠠᠷ\u180eᠠ"),  # suffixes and vowel separator are Mongolian
        ("zh-hans", "B超检查不疼，PM2.5是细颗粒物。"),
        ("zh-hans", TEXTS["zh-hans"] + "（藏语：ཕོལ་འབུ་ནད།）"),
    ],
)
def test_allowed_text_passes(code, text):
    assert scripts.in_other_script(text, code) is None


@pytest.mark.parametrize("code, name, text", CASES)
def test_text_in_another_script_is_caught(code, name, text):
    assert scripts.in_other_script(text, code) is not None
    # Half translated is still untranslated.
    half = OWN[code][: len(OWN[code]) // 3] + " " + text
    assert scripts.in_other_script(half, code) is not None


# -- the editor's form -----------------------------------------------------------------


def body_with(code, block=None):
    """A valid article body in ``code``, with ``block`` (type, value) inserted."""
    own = OWN[code]
    blocks = [("paragraph", rich_text(f"<p>{own}</p>"))]
    if block:
        blocks.append(block)
    blocks.append(("sources", sources_form([own[:10]])))
    return streamfield(blocks)


def fact_box(title, text):
    return ("fact_box", {"title": title, "text": rich_text(f"<p>{text}</p>")})


# Where the foreign text goes: a form field, or a block of the body.
PLACES = {
    "title": lambda code, text: {"title": text[:60]},
    "summary": lambda code, text: {"summary": text},
    "author": lambda code, text: {"author": text[:30]},
    "reviewer": lambda code, text: {"reviewer": text[:30]},
    "paragraph": lambda code, text: {
        "body": body_with(code, ("paragraph", rich_text(f"<p>{text}</p>")))
    },
    "heading": lambda code, text: {"body": body_with(code, ("heading", text[:40]))},
    "fact box title": lambda code, text: {"body": body_with(code, fact_box(text[:40], OWN[code]))},
    "fact box text": lambda code, text: {"body": body_with(code, fact_box(OWN[code][:8], text))},
    "quote": lambda code, text: {
        "body": body_with(code, ("quote", {"text": text, "attribution": OWN[code][:8]}))
    },
    "rumour": lambda code, text: {
        "body": body_with(
            code, ("rumour_fact", {"rumour": text, "fact": rich_text(f"<p>{OWN[code]}</p>")})
        )
    },
    "sources": lambda code, text: {
        "body": streamfield(
            [
                ("paragraph", rich_text(f"<p>{OWN[code]}</p>")),
                ("sources", sources_form([text[:40]])),
            ]
        )
    },  # fmt: skip
}
LABELS = {
    "title": "标题", "summary": "摘要", "author": "作者", "reviewer": "科学审核专家",
    "paragraph": "正文第2块（段落）", "heading": "正文第2块（小标题）",
    "fact box title": "正文第2块（知识框）的标题", "fact box text": "正文第2块（知识框）的内容",
    "quote": "正文第2块（引语）的引文", "rumour": "正文第2块（谣言与事实）的谣言",
    "sources": "正文第2块（参考资料）",
}  # fmt: skip


def errors_of(response):
    form = response.context["form"]
    return [str(m) for messages in form.errors.values() for m in messages]


@pytest.mark.parametrize("place", list(PLACES))
@pytest.mark.parametrize("code, name, text", CASES)
def test_submitting_with_untranslated_text_is_refused(
    client, make_article, place, code, name, text
):
    if place == "quote" and code == "zh-hans":
        pytest.skip("a Chinese page may quote Tibetan or Mongolian: tested below")
    page = make_article(code, slug="draft", live=False)
    revisions = page.revisions.count()
    response = post(client, page, member("editor", code), "submit", **PLACES[place](code, text))
    assert response.status_code == 200
    messages = errors_of(response)
    if name == "Cyrillic" and place != "sources":
        # Refused on every save already, with its own message (text_checks.admin_problem).
        assert any("西里尔" in m for m in messages), messages
    else:
        assert any(m.startswith(LABELS[place]) and "尚未翻译" in m for m in messages), messages
    page.refresh_from_db()
    assert page.revisions.count() == revisions and page.current_workflow_state is None


PATHS = [("editor", "submit"), ("superuser", "publish")]


@pytest.mark.parametrize("role, action", PATHS)
@pytest.mark.parametrize("code", ["bo", "mn"])
def test_every_publishing_action_checks_and_a_draft_still_saves(
    client, make_article, role, action, code
):
    page = make_article(code, slug="half-done", live=False)
    user = user_for(role, code)
    response = post(client, page, user, action, title=ZH, summary=ZH)
    assert response.status_code == 200
    assert "标题仍是中文，尚未翻译" in response.content.decode()
    page.refresh_from_db()
    assert not page.live and page.current_workflow_state is None
    # The translator's half-done draft is kept.
    response = post(client, page, user, None, title=ZH, summary=ZH)
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.get_latest_revision_as_object().title == ZH
    # Translated, it goes.
    response = post(
        client, page, user, action, title=OWN[code][:20], summary=OWN[code], body=body_with(code)
    )
    assert response.status_code == 302, errors_of(response)
    page.refresh_from_db()
    assert page.live if action == "publish" else page.current_workflow_state is not None


@pytest.mark.parametrize("code", ["bo", "mn"])
def test_approving_and_resubmitting_from_the_editor_check_requesting_changes_does_not(
    client, make_article, code
):
    page = make_article(code, slug="in-review", live=False)
    editor = member("editor", code)
    response = post(client, page, editor, "submit")
    assert response.status_code == 302, errors_of(response)
    page.refresh_from_db()
    senior = member("senior", code)
    first_task = page.current_workflow_task_state.pk
    approve = {"action-workflow-action": "1", "workflow-action-name": "approve", "title": ZH}
    response = post(client, page, senior, None, **approve)
    assert response.status_code == 200 and "标题仍是中文" in response.content.decode()
    page.refresh_from_db()
    assert page.current_workflow_task_state.pk == first_task  # still waiting for approval
    reject = {**approve, "workflow-action-name": "reject"}
    response = post(client, page, senior, None, **reject)
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.current_workflow_state.status == "needs_changes"
    # Sending it back to review is checked like the first submission.
    response = post(client, page, editor, "restart-workflow", title=ZH)
    assert response.status_code == 200 and "标题仍是中文" in response.content.decode()
    page.refresh_from_db()
    assert page.current_workflow_state.status == "needs_changes"
    response = post(client, page, editor, "restart-workflow", title=OWN[code][:20])
    assert response.status_code == 302, errors_of(response)


def test_a_chinese_page_may_quote_tibetan_but_must_be_mostly_chinese(client, make_article):
    page = make_article("zh-hans", slug="quote", live=False)
    quote = ("quote", {"text": BO, "attribution": "ཚེ་རིང"})
    response = post(
        client, page, member("editor", "zh-hans"), "submit", body=body_with("zh-hans", quote)
    )
    assert response.status_code == 302, errors_of(response)
    page = make_article("zh-hans", slug="all-tibetan", live=False)
    quotes = streamfield([("quote", {"text": BO * 3, "attribution": ""})] * 3
                         + [("sources", sources_form(["资料"]))])  # fmt: skip
    response = post(client, page, member("editor", "zh-hans"), "submit", body=quotes, summary="")
    assert response.status_code == 200
    assert any("全文大部分是藏文" in m for m in errors_of(response))


def test_a_video_transcript_is_checked(client, make_video):
    page = make_video("bo", slug="clip", live=False, video_url="")
    client.force_login(member("editor", "bo"))
    data = {
        "title": page.title, "slug": page.slug, "summary": page.summary, "video": "",
        "video_url": "", "poster": "", "duration": "", "transcript": ZH * 3,
        "author": page.author, "reviewer": page.reviewer, "comments": inline_formset([]),
        "action-submit": "1",
    }  # fmt: skip
    from wagtail.test.utils.form_data import nested_form_data

    response = client.post(f"/admin/pages/{page.pk}/edit/", nested_form_data(data))
    assert response.status_code == 200
    assert any(m.startswith("文字稿仍是中文") for m in errors_of(response))


# -- images: what a reader of this language gets ---------------------------------------


def picture(settings, tmp_path, **fields):
    settings.MEDIA_ROOT = tmp_path
    out = io.BytesIO()
    Image.new("RGB", (80, 45), (40, 110, 70)).save(out, "PNG")
    return get_image_model().objects.create(
        title="草原", file=ImageFile(out, name="grass.png"), **fields
    )


def test_image_alt_text_falls_back_to_chinese_and_is_caught(make_article, settings, tmp_path):
    image = picture(settings, tmp_path, alt_text_zh_hans="草原上的牦牛", caption_zh_hans="牦牛")
    body = [("paragraph", f"<p>{BO}</p>"), ("image", {"image": image, "caption": "ཁ་ཡིག"})]
    page = make_article("bo", slug="images", lead_image=image, body=body, live=False)
    found = {p.place.label for p in text_checks.untranslated_fields(page)}
    assert found == {"题图的替代文字", "题图的图片说明", "正文第2块（图片）的替代文字"}
    image.alt_text_bo, image.caption_bo = "གཡག", "གཡག"
    image.save()
    page = ArticlePage.objects.get(pk=page.pk)
    assert text_checks.untranslated_fields(page) == []


# -- the panel -------------------------------------------------------------------------


def test_the_translation_panel_lists_what_is_left_to_translate(client, make_article):
    zh = make_article("zh-hans", slug="source")
    draft = make_article(
        "bo", slug="source", translation_of=zh, live=False, title=ZH, author="王建国"
    )
    client.force_login(member("editor", "bo"))
    html = client.get(f"/admin/pages/{draft.pk}/edit/").content.decode()
    assert "标题仍是中文，尚未翻译成藏文" in html
    assert "作者仍是中文，尚未翻译成藏文" in html
    assert "摘要仍是" not in html  # translated already


# -- the demo content passes -----------------------------------------------------------


def test_the_demo_content_passes_the_script_check(site_tree):
    import json
    from pathlib import Path

    from content.exchange import importing

    data = b"\n".join(p.read_bytes() for p in sorted(Path("content/demo").glob("*.jsonl")))
    report = importing.validate(data)
    messages = [str(p) for p in report.problems if "still in" in p.message]
    assert messages == [] and report.items
    assert json  # the file is JSON Lines
