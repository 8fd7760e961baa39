"""What the index holds for a page, and which pages may be indexed at all.

Only live, public, unexpired articles and videos are ever indexed: a draft, a page
behind a view restriction or an expired page never reaches any backend.
"""

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone
from django.utils.html import strip_tags

from wagtail.models import Page

from content.restrictions import public


@dataclass
class Document:
    page_id: int
    locale: str
    channel: str
    kind: str  # "article" | "video"
    title: str
    text: str  # summary and body (or transcript) as plain text
    url: str
    published_at: datetime | None


def indexable_pages(locale=None):
    """The pages that belong in the index, as their specific classes."""
    from content.models import ArticlePage, VideoPage

    pages = public(Page.objects.live()).type(ArticlePage, VideoPage).exclude(expired=True)
    if locale:
        pages = pages.filter(locale__language_code=locale)
    return pages.select_related("locale").specific()


def document_for(page):
    """The Document for ``page``, or None when it must not be in the index."""
    from content.models import ArticlePage, VideoPage

    page = page.specific
    if not isinstance(page, ArticlePage | VideoPage):
        return None
    if not page.live or page.expired or (page.expire_at and page.expire_at <= timezone.now()):
        return None
    if not public(Page.objects.filter(pk=page.pk)).exists():
        return None
    parent = page.get_parent().specific
    topic = getattr(parent, "topic", None)
    if topic is None:
        return None
    if isinstance(page, ArticlePage):
        body = page.body_text()
        kind = "article"
    else:
        body = page.transcript
        kind = "video"
    return Document(
        page_id=page.pk,
        locale=page.locale.language_code,
        channel=topic.slug,
        kind=kind,
        title=page.title,
        text="\n".join(part for part in (page.summary, strip_tags(body)) if part),
        url=page.get_url() or page.url_path,
        published_at=page.first_published_at,
    )
