"""The page tree, one per language: Home → Channel → Article / Video.

Each language has its own tree (Wagtail's page localisation); a translation shares
its source's ``translation_key``. See docs/adr/0001-page-localisation.md.
"""

import functools

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import F, Window
from django.db.models.functions import RowNumber, Substr
from django.http import Http404
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.images.api.fields import ImageRenditionField
from wagtail.models import Page, PageViewRestriction, get_page_models
from wagtail.search import index

from cms import page_cache, scripts
from cms.security import plays_here
from content import reading_time
from content.blocks import ArticleBodyBlock
from content.compiled_sql import compiled
from content.page_forms import MediaReadyPageForm
from content.publish_gate import GatedPublishing
from content.readable import display_title
from content.restrictions import public, restricting, restrictions_for
from content.slug_forms import readable_slugs
from content.slugs import ReadableSlugPage
from media.models import KepuImage, Video

from .snippets import Topic

PAGE_SIZE = 10


class CachedServe:
    """Public pages are kept in the full-page cache (cms/page_cache.py), tagged with the
    page and its language; pages behind a password or login never are."""

    # What a page of this type shows from its foreign keys, loaded with it when it is
    # routed to (the channel's topic, the article's lead image and narration).
    route_related = ()

    def route(self, request, path_components):
        # Wagtail's route() walks down one level at a time, two queries a level (the
        # child, then its specific row). Here every page on the way is found at once,
        # by its url_path below this page (which Wagtail keeps equal to the slugs from
        # the home down), as its specific class, with whether a view restriction covers
        # it (content/restrictions.py). The rules stay Wagtail's: each component must be
        # a child of the page before it, live or not; only the page finally reached must
        # be live; a page type with a route() of its own gets the rest of the path.
        if not path_components:
            return super().route(request, path_components)
        paths, url_path = [], self.url_path
        for component in path_components:
            url_path += component + "/"
            paths.append(url_path)
        found = _pages_on_the_way(self, paths)
        parent = self
        for i, url_path in enumerate(paths):
            page = found.get(url_path)
            if page is None or page.depth != self.depth + i + 1:
                raise Http404
            page._cached_parent_obj = parent
            if type(page).route is not CachedServe.route:
                return page.route(request, path_components[i + 1 :])
            parent = page
        if isinstance(page, ContentPage) and isinstance(page.get_parent(), ChannelPage):
            page.__dict__["channel"] = page.get_parent()  # with its topic: no query of its own
        return Page.route(page, request, [])  # live or 404

    def get_url_parts(self, request=None):
        # A page's address is asked for many times while it renders (canonical link,
        # share card, JSON-LD, hreflang), each a reverse() under its language: worked out
        # once per page object, for its url_path as it is now.
        known = self.__dict__.get("_kepu_url_parts")
        if known is None or known[0] != self.url_path:
            known = (self.url_path, super().get_url_parts(request))
            self._kepu_url_parts = known
        return known[1]

    def get_view_restrictions(self):
        # Wagtail asks on every request: from the tree as it is now, never from a cached
        # list (a moved page would keep an old answer).
        if self.__dict__.get("kepu_restricted") is False:  # found public by route() just now
            restrictions = PageViewRestriction.objects.none()
        else:
            restrictions = restrictions_for(self)
        self._kepu_restrictions = restrictions  # evaluated by Wagtail's check, reused below
        return restrictions

    def get_admin_display_title(self):
        # Another team sees this page under its live title only (content/readable.py).
        return display_title(self)

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        restrictions = getattr(self, "_kepu_restrictions", None)
        if restrictions is None:
            restrictions = self.get_view_restrictions()
        if not restrictions:
            page_cache.tag(response, f"page:{self.pk}", f"lang:{translation.get_language()}")
        return response


@functools.cache
def _page_models():
    """Our page types that inherit straight from Page: reached from a Page row by one
    join each (the reverse of their parent link)."""
    return [m for m in get_page_models() if m._meta.get_parent_list() == [Page]]


def _pages_on_the_way(home, url_paths):
    """{url_path: page} of the pages below ``home`` with those url paths, each as its
    specific class (one query, joining every page type's table), with ``kepu_restricted``
    and its locale; a type we cannot join (deeper inheritance) costs a query of its own."""
    models = _page_models()
    # Its SQL is built once per number of pages (content/compiled_sql.py): compiling
    # every page type's columns took the ORM longer than the database takes to answer.
    # Tree paths are letters and digits: a LIKE pattern needs no escaping.
    query = compiled(("pages_on_the_way", len(url_paths)), lambda: _on_the_way(len(url_paths)))
    values = {f"url_path{i}": url_path for i, url_path in enumerate(url_paths)}
    rows = query.run(home_path=home.path, **values)
    found = {}
    for row in rows:
        page = row
        for model in models:
            if row.content_type_id == ContentType.objects.get_for_model(model).pk:
                page = getattr(row, model._meta.model_name)
                break
        else:
            page = row.specific  # copies the annotation and the locale
        page.kepu_restricted = row.kepu_restricted
        page.locale = row.locale
        found[page.url_path] = page
    return found


def _on_the_way(count):
    """The routing query for ``count`` url paths, with marks where the values go."""
    joins = ["locale"]
    for model in _page_models():
        joins += [model._meta.model_name] + [
            f"{model._meta.model_name}__{name}" for name in model.route_related
        ]
    # (no "_" or "%" in a mark: a LIKE pattern would escape them)
    marks = {"home_path": "<kepu:home>"}
    marks.update({f"url_path{i}": f"<kepu:url{i}>" for i in range(count)})
    url_paths = [marks[f"url_path{i}"] for i in range(count)]
    rows = (
        Page.objects.filter(path__startswith=marks["home_path"], url_path__in=url_paths)
        .annotate(kepu_restricted=restricting())
        .select_related(*joins)
    )
    return rows, marks


def prepare(items, channel=None):
    """Load what a card shows for ``items`` (their pictures with renditions, videos and
    channels) in a fixed number of queries, however many items there are. ``channel``:
    the channel they all belong to, when the caller knows it."""
    items = list(items)
    videos = Video.objects.in_bulk({i.video_id for i in items if getattr(i, "video_id", None)})
    for item in items:
        if getattr(item, "video_id", None) in videos:
            item.video = videos[item.video_id]
    fields = ("lead_image", "poster")
    owners = [*items, *videos.values()]
    wanted = {getattr(o, f + "_id", None) for o in owners for f in fields} - {None}
    images = KepuImage.objects.prefetch_related("renditions").in_bulk(wanted)
    for owner in owners:
        for field in fields:
            if getattr(owner, field + "_id", None) in images:
                setattr(owner, field, images[getattr(owner, field + "_id")])
    parents = {item.path[: -item.steplen] for item in items}
    if channel is not None:
        channels = {channel.path: channel}
    else:
        channels = ChannelPage.objects.filter(path__in=parents).select_related("topic")
        channels = {c.path: c for c in channels}
    for item in items:
        item.__dict__["channel"] = channels.get(item.path[: -item.steplen])
    return items


def public_items(parent, per_channel=None):
    """Live articles and videos below ``parent``, newest first, as their specific
    classes; with ``per_channel``, only that many newest of each channel (one query for
    a whole home page, by a window function)."""
    pages = public(Page.objects.live().descendant_of(parent).type(ArticlePage, VideoPage))
    order = [F("first_published_at").desc(nulls_last=True), F("pk").desc()]
    if per_channel:
        channel_path = Substr("path", 1, Page.steplen * 3)
        pages = pages.annotate(
            rank=Window(RowNumber(), partition_by=[channel_path], order_by=order)
        ).filter(rank__lte=per_channel)
    return pages.order_by(*order).specific()


class HomePage(GatedPublishing, CachedServe, Page):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["content.ChannelPage", "content.InfoPage"]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        channels = ChannelPage.objects.live().child_of(self).select_related("topic")
        newest = prepare(public_items(self, per_channel=3))
        context["sections"] = [
            (channel, [item for item in newest if item.path.startswith(channel.path)])
            for channel in channels
        ]
        return context


class ChannelPage(GatedPublishing, ReadableSlugPage, CachedServe, Page):
    """The listing of one topic in one language, at /<lang>/<topic slug>/."""

    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="channel_pages")
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("topic"), FieldPanel("intro")]
    parent_page_types = ["content.HomePage"]
    subpage_types = ["content.ArticlePage", "content.VideoPage"]
    base_form_class = readable_slugs(WagtailAdminPageForm)
    copy_form_class = readable_slugs(GatedPublishing.copy_form_class)

    route_related = ("topic",)

    class Meta:
        verbose_name = _("channel page")

    def clean(self):
        super().clean()
        if not self.topic_id:
            return
        same = ChannelPage.objects.filter(topic_id=self.topic_id, locale_id=self.locale_id)
        if self.pk:
            same = same.exclude(pk=self.pk)
        if same.exists():
            raise ValidationError(
                {"topic": _("This language already has a channel for this topic.")}
            )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        paginator = Paginator(public_items(self), PAGE_SIZE)
        # get_page never raises: a bad or out-of-range ?page= gives the first or last page.
        context["items"] = paginator.get_page(request.GET.get("page"))
        context["items"].object_list = prepare(context["items"].object_list, channel=self)
        return context


class ContentPage(GatedPublishing, ReadableSlugPage, CachedServe, Page):
    """What articles and videos share: summary, topics, byline and reading time."""

    summary = models.TextField(_("summary"), max_length=500, blank=True)
    topics = ParentalManyToManyField(Topic, blank=True, related_name="+", verbose_name=_("topics"))
    author = models.CharField(_("author"), max_length=200, blank=True)
    reviewer = models.CharField(
        _("scientific reviewer"),
        max_length=200,
        blank=True,
        help_text=_("The expert who checked the science, with their title."),
    )

    # Pages are searched in the project's index only, by readers and by the admin
    # (search/wagtail_backend.py, docs/adr/0016-one-search-index.md): these fields
    # keep the models "indexed" for Wagtail, whose save hooks then feed that index.
    search_fields = Page.search_fields + [index.SearchField("summary")]
    # The public API's fields (docs/api.md): nothing else of a page is exposed.
    api_fields = [
        APIField("summary"),
        APIField("author"),
        APIField("reviewer"),
        APIField("channel_slug"),
    ]
    is_video = False
    copy_form_class = readable_slugs(GatedPublishing.copy_form_class)
    parent_page_types = ["content.ChannelPage"]
    subpage_types = []

    class Meta:
        abstract = True

    # Plain-text fields checked and normalised on save, with the StreamField body.
    text_fields = ("title", "summary", "author", "reviewer")

    def clean(self):
        super().clean()
        code = self.locale.language_code if self.locale_id else None
        errors = {}
        for name in self.text_fields:
            value = getattr(self, name)
            problem = scripts.admin_problem(value, code)
            if problem:
                errors[name] = problem
            else:
                setattr(self, name, scripts.normalise(value))
        body = getattr(self, "body", None)
        if body is not None:
            raw = list(body.raw_data)
            problem = scripts.admin_problem(" ".join(_strings(raw)), code)
            if problem:
                errors["body"] = problem
            else:
                normalised = _normalised(raw)
                if normalised != raw:
                    self.body = normalised
        if errors:
            raise ValidationError(errors)

    @cached_property
    def channel(self):
        # One query, topic included (the page's colour and crumbs need both).
        return ChannelPage.objects.select_related("topic").get(path=self.path[: -self.steplen])

    @property
    def channel_slug(self):
        return self.channel.topic.slug


class ArticlePage(ContentPage):
    lead_image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("lead image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(ArticleBodyBlock(), verbose_name=_("body"))
    narration = models.ForeignKey(
        "kepu_media.Narration",
        verbose_name=_("narration"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A recording of this article read aloud, for readers who find reading hard."),
    )
    reading_minutes = models.PositiveSmallIntegerField(
        _("reading time (minutes)"), default=1, editable=False
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("lead_image"),
        FieldPanel("narration"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("topics"), FieldPanel("author"), FieldPanel("reviewer")],
            heading=_("About this article"),
        ),
    ]
    search_fields = ContentPage.search_fields + [index.SearchField("body")]
    base_form_class = readable_slugs(MediaReadyPageForm)
    api_fields = ContentPage.api_fields + [
        APIField("reading_minutes"),
        APIField("lead_image", serializer=ImageRenditionField("width-720|format-webp")),
        APIField("narration_file"),
        APIField("body"),
    ]

    # (A video page's video and poster are left to a query each: joined, they slowed
    # the routing of every page more than they saved on video pages.)
    route_related = ("lead_image", "narration")

    class Meta:
        verbose_name = _("article")

    @property
    def narration_file(self):
        """The published narration for the API: URL, bytes, seconds (or None)."""
        narration = self.narration if self.narration_id else None
        if narration is None or not narration.is_ready:
            return None
        return {
            "url": narration.file.url,
            "size": narration.file_size,
            "duration": narration.duration,
        }

    def full_clean(self, *args, **kwargs):
        self.reading_minutes = reading_time.minutes(self.body_text())
        super().full_clean(*args, **kwargs)

    def body_text(self):
        """Every text in the body as one plain string (rich text stripped of its tags)."""
        return " ".join(strip_tags(text) for text in _strings(list(self.body.raw_data)))


def _strings(value):
    """All strings inside a StreamField's raw JSON data, skipping block ids, types and URLs."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in ("id", "type", "url"):
                yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def _normalised(value):
    """The StreamField raw data with every text normalised (ids and types untouched)."""
    if isinstance(value, str):
        return scripts.normalise(value)
    if isinstance(value, dict):
        return {
            key: item if key in ("id", "type", "url") else _normalised(item)
            for key, item in value.items()
        }
    if isinstance(value, list | tuple):
        return [_normalised(item) for item in value]
    return value


class VideoPage(ContentPage):
    video = models.ForeignKey(
        "kepu_media.Video",
        verbose_name=_("video"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # A clip hosted elsewhere, from imported content (docs/import-export.md): used only
    # when no video of ours is chosen.
    video_url = models.URLField(
        _("video address"),
        blank=True,
        help_text=_("Only for external videos from imports; an uploaded video takes precedence."),
    )
    poster = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("poster"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    transcript = models.TextField(_("transcript"), blank=True)
    # The length of an external clip; an uploaded video knows its own.
    duration = models.PositiveIntegerField(_("duration (seconds)"), null=True, blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("video"),
                FieldPanel("video_url"),
                FieldPanel("poster"),
                FieldPanel("duration"),
            ],
            heading=_("Video"),
        ),
        FieldPanel("transcript"),
        MultiFieldPanel(
            [FieldPanel("topics"), FieldPanel("author"), FieldPanel("reviewer")],
            heading=_("About this video"),
        ),
    ]
    search_fields = ContentPage.search_fields + [index.SearchField("transcript")]
    base_form_class = readable_slugs(MediaReadyPageForm)
    api_fields = ContentPage.api_fields + [
        APIField("poster", serializer=ImageRenditionField("width-720|format-webp")),
        APIField("video_files"),
        APIField("transcript"),
    ]

    is_video = True

    class Meta:
        verbose_name = _("video")

    @property
    def lead_image(self):
        return self.poster or (self.video.poster if self.video_id else None)

    @property
    def video_files(self):
        """The published renditions for the API (or None while processing)."""
        video = self.video if self.video_id else None
        if video is None or not video.is_ready:
            return {"external_url": self.video_url} if self.video_url else None
        files = [{"quality": "360p", "url": video.small.url, "size": video.small_size}]
        if video.large:
            files.append({"quality": "720p", "url": video.large.url, "size": video.large_size})
        return {
            "duration": video.duration,
            "width": video.width,
            "height": video.height,
            "files": files,
        }

    @property
    def length(self):
        """Seconds: the uploaded video's, else the external clip's."""
        if self.video_id and self.video.duration:
            return round(self.video.duration)
        return self.duration

    @property
    def duration_display(self):
        """Length as m:ss, the way video players show it in every language."""
        seconds = self.length
        if not seconds:
            return ""
        return f"{seconds // 60}:{seconds % 60:02d}"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        video = self.video if self.video_id else None
        # The small file plays by default; the larger only when the reader asks for it.
        large = bool(video and video.large and request.GET.get("quality") == "720")
        context.update(
            video=video,
            playing=(video.large if large else video.small) if video and video.is_ready else None,
            large=large,
            # An address elsewhere would be blocked by media-src: no player, only a link.
            external=self.video_url if self.video_url and plays_here(self.video_url) else "",
        )
        return context

    def transcript_paragraphs(self):
        return [p.strip() for p in self.transcript.split("\n\n") if p.strip()]
