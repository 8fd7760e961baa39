"""Builders for test pages, made through Wagtail's own API (revisions, publishing)."""

from django.conf import settings

from wagtail.models import Locale

from content import publish_gate
from content.models import ArticlePage, ChannelPage, VideoPage
from content.site_setup import load_glossary, term

# Real sentences in each script, from the glossary (the ecology channel's description).
_GLOSSARY = load_glossary()
TEXTS = {code: term(_GLOSSARY, "ecology-description", code) for code in ("zh-hans", "bo", "mn")}


def channel(language, topic="ecology"):
    return ChannelPage.objects.get(locale__language_code=language, topic__slug=topic)


def _body(language):
    text = TEXTS[language]
    return [
        ("heading", text[:8]),
        ("paragraph", f"<p>{text}</p>"),
        ("fact_box", {"title": text[:6], "text": f"<p>{text}</p>"}),
        ("rumour_fact", {"rumour": text, "fact": f"<p>{text}</p>"}),
        ("sources", [{"title": text[:10], "publisher": text[:5], "url": ""}]),
    ]


def article(language="zh-hans", topic="ecology", slug="test-article", **fields):
    fields.setdefault("body", _body(language))
    return _page(ArticlePage, language, topic, slug, **fields)


def video(language="zh-hans", topic="health", slug="test-video", **fields):
    text = TEXTS[language]
    defaults = {
        "transcript": f"{text}\n\n{text}",
        # A clip on the media storage's own address: readers' browsers may play it (an
        # address anywhere else gets a link, never a player: cms/security.py).
        "video_url": f"{settings.WAGTAILADMIN_BASE_URL}/media/kepu/test.mp4",
        "duration": 125,
    }
    return _page(VideoPage, language, topic, slug, **{**defaults, **fields})


def _page(model, language, topic, slug, title=None, translation_of=None, live=True, **fields):
    """A page of ``model`` in ``language``'s ``topic`` channel, saved with a revision
    and published unless ``live`` is False."""
    text = TEXTS[language]
    defaults = {"summary": text, "author": text[:4], "reviewer": text[:6]}
    page = model(
        title=title or text[:12].strip(),
        slug=slug,
        locale=Locale.objects.get(language_code=language),
        live=False,
        **{**defaults, **fields},
    )
    return _add(page, channel(language, topic), translation_of, live)


def _add(page, parent, translation_of, live):
    if translation_of is not None:
        page.translation_key = translation_of.translation_key
    parent.add_child(instance=page)
    revision = page.save_revision()
    if live:
        # Test content stands for reviewed content: published as an operator would.
        with publish_gate.operator("test fixture"):
            revision.publish()
        page.refresh_from_db()
    return page
