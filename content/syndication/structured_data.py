"""Share cards (Open Graph) and schema.org JSON-LD for articles (Article), videos
(VideoObject) and rumour-versus-fact blocks (ClaimReview), in the page's language."""

import json

from django.utils.html import format_html_join, strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from cms import languages
from cms.public_url import absolute

from . import items as data

# Open Graph wants language_TERRITORY.
OG_LOCALES = {"zh-hans": "zh_CN", "bo": "bo_CN", "mn": "mn_CN"}


def iso_duration(seconds):
    seconds = round(seconds or 0)
    return f"PT{seconds // 60}M{seconds % 60}S"


def share_card(page):
    """Open Graph properties as (property, content) pairs."""
    picture = data.picture(page)
    pairs = [
        ("og:site_name", _("Qinghai Kepu")),
        ("og:type", "video.other" if page.is_video else "article"),
        ("og:title", data.clean(page.title)),
        ("og:description", data.clean(page.summary)),
        ("og:url", page.full_url),
        ("og:locale", OG_LOCALES.get(page.locale.language_code, "zh_CN")),
    ]
    if picture is not None:
        pairs += [
            ("og:image", absolute(picture.url)),
            ("og:image:width", str(picture.width)),
            ("og:image:height", str(picture.height)),
        ]
    if page.is_video and page.video_id and page.video.is_ready:
        pairs += [("og:video", absolute(page.video.small.url)), ("og:video:type", "video/mp4")]
    if not page.is_video and page.first_published_at:
        pairs.append(("article:published_time", page.first_published_at.isoformat()))
    return [(key, value) for key, value in pairs if value]


def share_card_html(page):
    """The share card as <meta> tags, one a line (escaped as the template would: a dozen
    tags cost the template engine more than the rest of the card)."""
    return format_html_join("", '<meta property="{}" content="{}">\n', share_card(page))


def graph(page):
    """The JSON-LD objects describing ``page``."""
    lang = languages.get(page.locale.language_code).html_lang
    publisher = {"@type": "Organization", "name": _("Qinghai Kepu")}
    picture = data.picture(page)
    common = {
        "@context": "https://schema.org",
        "inLanguage": lang,
        "url": page.full_url,
        "description": data.clean(page.summary),
        "publisher": publisher,
    }
    if page.is_video:
        video = page.video if page.video_id and page.video.is_ready else None
        item = {
            **common,
            "@type": "VideoObject",
            "name": data.clean(page.title),
            "thumbnailUrl": absolute(picture.url) if picture else None,
            "uploadDate": page.first_published_at.isoformat() if page.first_published_at else None,
            "duration": iso_duration(page.length) if page.length else None,
            "contentUrl": absolute(video.small.url) if video else None,
            "transcript": data.clean(page.transcript) or None,
        }
        return [_compact(item)]
    item = {
        **common,
        "@type": "Article",
        "headline": data.clean(page.title)[:110],
        "image": absolute(picture.url) if picture else None,
        "datePublished": page.first_published_at.isoformat() if page.first_published_at else None,
        "dateModified": page.last_published_at.isoformat() if page.last_published_at else None,
        "author": {"@type": "Person", "name": data.clean(page.author)}
        if page.author
        else publisher,
    }
    out = [_compact(item)]
    for block in page.body:
        if block.block_type != "rumour_fact":
            continue
        out.append(
            _compact(
                {
                    "@context": "https://schema.org",
                    "@type": "ClaimReview",
                    "url": page.full_url,
                    "inLanguage": lang,
                    "claimReviewed": data.clean(block.value["rumour"]),
                    "author": publisher,
                    "datePublished": item["datePublished"],
                    "reviewRating": {
                        "@type": "Rating",
                        "ratingValue": 1,
                        "bestRating": 5,
                        "worstRating": 1,
                        "alternateName": _("Rumour"),
                    },
                    "reviewBody": data.clean(strip_tags(str(block.value["fact"])))[:500],
                }
            )
        )
    return out


def _compact(item):
    return {key: value for key, value in item.items() if value not in (None, "")}


def json_ld(page):
    """<script type="application/ld+json"> blocks; '<' and '>' are escaped, so no text
    of the page can close the script."""
    scripts = []
    for item in graph(page):
        text = json.dumps(item, ensure_ascii=False)
        text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        scripts.append(f'<script type="application/ld+json">{text}</script>')
    return mark_safe("\n".join(scripts))
