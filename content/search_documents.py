"""What a page is to search: its Document, which pages are indexed, which channels exist.

The pages layer owns this knowledge (what an article's text is, what makes a page
public); search stands below and only calls it. ``PAGES`` is registered with search in
ContentConfig.ready() (search.documents.register), so search never imports content.

Every page has a Document, for the admin's page search, which finds drafts and private
pages too (docs/adr/0016-one-search-index.md). Only a live, public, unexpired article
or video is ``public``: readers never find anything else, whatever the backend.
"""

from django.utils import timezone
from django.utils.html import strip_tags

from wagtail.models import Page

from content import channel_menu, serve
from content.models import ArticlePage, Topic, VideoPage
from content.restrictions import public
from content.tree import ROOT_DEPTH
from search.documents import Channel, Document


class PageSource:
    def indexable_pages(self, locale=None):
        # Every page but the tree's root, which is no page of any language.
        pages = Page.objects.filter(depth__gt=ROOT_DEPTH)
        if locale:
            pages = pages.filter(locale__language_code=locale)
        return pages.select_related("locale").specific()

    def document_for(self, page):
        page = page.specific
        if page.depth <= ROOT_DEPTH:
            return None
        if isinstance(page, ArticlePage | VideoPage):
            return self._content_document(page)
        topic = getattr(page, "topic", None)  # a channel page's own topic
        return Document(
            page_id=page.pk,
            locale=page.locale.language_code,
            channel=topic.slug if topic else "",
            kind="page",
            title=page.title,
            text="",
            url=page.url_path,
            published_at=page.first_published_at,
            public=False,  # readers search articles and videos only
        )

    def _content_document(self, page):
        parent = page.get_parent().specific
        topic = getattr(parent, "topic", None)
        if isinstance(page, ArticlePage):
            body, kind = page.body_text(), "article"
        else:
            body, kind = page.transcript, "video"
        expired = page.expired or (page.expire_at and page.expire_at <= timezone.now())
        readable = (
            page.live
            and not expired
            and topic is not None
            and public(Page.objects.filter(pk=page.pk)).exists()
        )
        return Document(
            page_id=page.pk,
            locale=page.locale.language_code,
            channel=topic.slug if topic else "",
            kind=kind,
            title=page.title,
            text="\n".join(part for part in (page.summary, strip_tags(body)) if part),
            # A page that is not live has no public address: the admin needs none.
            url=(page.get_url() or page.url_path) if readable else page.url_path,
            published_at=page.first_published_at,
            public=bool(readable),
        )

    def channels(self, language, request=None):
        if request is not None:
            serve.site_and_home(request)  # the Site for the links, in one query
        return [
            # With the request, the sites' root paths are read once per request (the
            # header's links read them too), not once per channel from the cache.
            Channel(topic_slug, page.title, page.get_url(request))
            for page, topic_slug in channel_menu.channels(language)
        ]

    def channel_exists(self, slug):
        return Topic.objects.filter(slug=slug).exists()


PAGES = PageSource()
