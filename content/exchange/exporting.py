"""Export of articles and videos as JSON Lines, the format ``importing`` reads."""

import json

from django.utils.html import escape

from wagtail.models import Page

from content.exchange.importing import canonical_body
from content.models import ArticlePage, VideoPage
from content.translations import status


def export_items(locale=None):
    """One dict per article or video: sources first, then translations, in tree order."""
    pages = (
        Page.objects.type(ArticlePage, VideoPage)
        .select_related("locale")
        .order_by("path")
        .specific()
    )
    if locale:
        pages = pages.filter(locale__language_code=locale)
    pages = list(pages)
    # A group whose source was deleted has none: each of its pages is its own original.
    found = status.group_sources({p.translation_key for p in pages})
    sources = {page.pk: found.get(page.translation_key) or page for page in pages}
    ordered = sorted(pages, key=lambda p: sources[p.pk].pk != p.pk)
    for page in ordered:
        yield _item(page, sources[page.pk])


def export_lines(locale=None):
    for item in export_items(locale):
        yield json.dumps(item, ensure_ascii=False, separators=(",", ":"))


def _item(page, source):
    # A live page exports what readers see; a draft exports its latest revision.
    content = page if page.live else page.get_latest_revision_as_object()
    item = {
        "locale": page.locale.language_code,
        "type": "video" if content.is_video else "article",
        "channel": page.get_parent().specific.topic.slug,
        "slug": page.slug,
        "title": content.title,
        "summary": content.summary,
        "author": content.author,
        "reviewer": content.reviewer,
        "live": page.live,
    }
    if source.pk != page.pk:
        item["translation_of"] = {"locale": source.locale.language_code, "slug": source.slug}
    if content.is_video:
        item.update(
            transcript=content.transcript, video_url=content.video_url, duration=content.duration
        )
    else:
        blocks = canonical_body(content.body.raw_data)
        item.update(body=body_html(blocks), blocks=blocks)
    return item


def body_html(blocks):
    """A plain HTML reading of the body, for systems that do not know Wagtail's blocks."""
    parts = []
    for block in blocks:
        kind, value = block["type"], block["value"]
        if kind == "heading":
            parts.append(f"<h2>{escape(value)}</h2>")
        elif kind == "paragraph":
            parts.append(value)
        elif kind == "fact_box":
            parts.append(f"<h3>{escape(value['title'])}</h3>{value['text']}")
        elif kind == "quote":
            parts.append(f"<p>{escape(value['text'])}</p>")
        elif kind == "rumour_fact":
            parts.append(f"<p>{escape(value['rumour'])}</p>{value['fact']}")
        elif kind == "sources":
            titles = "".join(
                f"<li>{escape(s['value']['title'] if 'value' in s else s['title'])}</li>"
                for s in value
            )
            parts.append(f"<ul>{titles}</ul>")
    return "".join(parts)
