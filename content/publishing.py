"""One publishing pipeline: what a change readers can see makes stale, worked out once.

Every such change comes through here, and this module alone decides what it touches:
which tags of the full-page cache to purge (cms/page_cache.py; the views tag their
answers) and which pages to index again (handed to search.indexing.schedule). Both are
collected per transaction and acted on once it has committed: the next request then
reads the new content, a rolled-back change touches nothing, and an import of 50 pages
purges each tag once and enqueues one indexing task (docs/adr/0013).

The tags, and who carries them:
- ``page:<id>``: the page itself; ``lang:<code>``: every page of a language (its menu,
  language switcher and footer); ``feed:<code>``: that language's feeds, the channels'
  included; ``embed``: widgets and oEmbed answers (a widget may fall back to another
  language's items); ``sitemap``; ``site``: every cached answer.
- ``search:<code>``: search results. Only the indexing task purges them, for the
  languages it touched: purged here, they would be filled again from an index that has
  not changed yet.

What each change touches:
- Publishing, unpublishing or deleting a page (Wagtail unpublishes a live page before
  deleting it, so a deletion arrives as an unpublish): the page and its translations
  (their language switchers link to it), its channel and home (their listings), its
  language's feeds, the widgets, the sitemap, and the live pages whose text links to it.
  A home, channel or info page also purges every language: it is in every page's menu
  of its language, and the switchers and footers of the other languages fall back to
  it where they have no translation of their own. The page is indexed again.
- Moving a page, or changing a view restriction: the whole site. Addresses, or whether
  pages may be cached at all, change for a whole subtree (content/restrictions.py
  decides from the tree as it is), and both are rare. The subtree is indexed again.
- Saving or deleting an image, video, narration or document: only the live pages that
  use it, found in Wagtail's reference index (directly, or through a video whose poster
  it is). Where the page shows it on its card (lead image, poster, video, narration),
  the places that list the page too: its channel, its home, its language's feeds and
  the widgets.
- Topics (in every page's crumbs and menus) and the site identity (every footer): the
  whole site; a topic's pages are indexed again (their channel). Partners: the widgets
  and oEmbed answers (their frame-ancestors).
- Glossary terms: nothing. They are for translators and never shown publicly.

Wagtail keeps the reference index up to date with its own task after each save; a page
saved seconds before an asset it uses may be missed until the worker has run that task
(docs/adr/0013).
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete, post_save, pre_delete

from wagtail.documents import get_document_model
from wagtail.models import Page, PageViewRestriction, ReferenceIndex
from wagtail.signals import page_published, page_unpublished, post_page_move

from cms import after_commit, languages, page_cache
from content.models import ChannelPage, Partner, SiteIdentity, Topic
from content.tree import CHANNEL_DEPTH, HOME_DEPTH
from media.models import KepuImage, Narration, Video
from search import indexing

EVERYTHING = "site"
WIDGETS = "embed"
SITEMAP = "sitemap"
# Page fields whose asset shows wherever the page is listed (cards, feeds, widgets).
CARD_FIELDS = {"lead_image", "poster", "video", "narration"}


# -- what a change touches ------------------------------------------------------------


def page_tags(page):
    """The tags a publish, unpublish or deletion of ``page`` makes stale."""
    code = page.locale.language_code
    tags = {SITEMAP, *_listing_tags(page.path, code)}
    tags.update(
        _page(pk) for pk in page.get_translations(inclusive=True).values_list("pk", flat=True)
    )
    if page.depth <= CHANNEL_DEPTH:
        tags.update(f"lang:{each}" for each in languages.CODES)
    tags.update(_page(pk) for pk, _field in _live_pages_using(page))
    return tags


def asset_tags(asset):
    """The tags a change to an image, video, narration or document makes stale."""
    users = _live_pages_using(asset)
    tags = {_page(pk) for pk, _field in users}
    carded = {pk for pk, field in users if field in CARD_FIELDS}
    for path, code in Page.objects.filter(pk__in=carded).values_list(
        "path", "locale__language_code"
    ):
        tags.update(_listing_tags(path, code))
    return tags


def _page(pk):
    return f"page:{pk}"


def _listing_tags(path, code):
    """Where a page appears in lists: its home and channel, its language's feeds, the
    widgets. Found from its tree path: a home and channel's paths are prefixes of it."""
    step = Page.steplen
    ancestors = [path[: step * depth] for depth in (HOME_DEPTH, CHANNEL_DEPTH)]
    tags = {
        _page(pk) for pk in Page.objects.filter(path__in=ancestors).values_list("pk", flat=True)
    }
    return tags | {f"feed:{code}", WIDGETS}


def _live_pages_using(obj):
    """(page id, the page's field) for each live page that refers to ``obj``, according
    to Wagtail's reference index; through one more object that is no page (a video whose
    poster ``obj`` is), with the page's field that refers to that object."""
    page_type = ContentType.objects.get_for_model(Page)
    found, others = set(), set()
    for base, object_id, field in _references_to(obj):
        if base == page_type.pk:
            found.add((int(object_id), field))
        else:
            others.add((base, object_id))
    for base, object_id in others:
        model = ContentType.objects.get_for_id(base).model_class()
        through = model.objects.filter(pk=object_id).first() if model is not None else None
        if through is not None:
            found.update(
                (int(page_id), field)
                for type_id, page_id, field in _references_to(through)
                if type_id == page_type.pk
            )
    live = set(
        Page.objects.filter(pk__in={pk for pk, _ in found}, live=True).values_list("pk", flat=True)
    )
    return {(pk, field) for pk, field in found if pk in live}


def _references_to(obj):
    """(source's base content type, source id, the source's field) for each reference."""
    return {
        (base, object_id, model_path.split(".")[0])
        for base, object_id, model_path in ReferenceIndex.get_references_to(obj).values_list(
            "base_content_type_id", "object_id", "model_path"
        )
    }


def _subtree(page):
    """``page``, the pages below it, and the aliases of any of them (and their aliases):
    whether an alias is public follows its source's restrictions (content/restrictions.py),
    wherever in the tree the alias is."""
    found = set(Page.objects.descendant_of(page, inclusive=True).values_list("pk", flat=True))
    new = found
    while new:
        new = set(Page.objects.filter(alias_of__in=new).values_list("pk", flat=True)) - found
        found |= new
    return found


# -- once per transaction, after the commit -------------------------------------------


def touch(tags=(), page_ids=()):
    """Purge ``tags`` and index ``page_ids`` once the current transaction has committed
    (at once when there is none), together with everything else it touched."""
    after_commit.gather(_purge, tags)
    after_commit.gather(_index, page_ids)


def _purge(tags):
    page_cache.purge(*sorted(tags))


def _index(page_ids):
    indexing.schedule(sorted(page_ids))


# -- the events -----------------------------------------------------------------------


def page_changed(sender, instance, **kwargs):
    """Published or unpublished (a live page being deleted is unpublished first)."""
    touch(page_tags(instance), [instance.pk])


def page_saved(sender, instance, created=False, raw=False, **kwargs):
    """A page that is not live, saved: the index holds every page for the admin's search
    (docs/adr/0016-one-search-index.md), a draft's title and text included. A live page
    is indexed as readers see it, so saving a draft of it changes nothing there: its
    publishing and unpublishing are the events. A live alias is born without
    ``page_published``: its listings are purged and it is indexed here."""
    if raw or not isinstance(instance, Page):
        return
    if created and instance.alias_of_id and instance.live:
        touch(page_tags(instance), [instance.pk])
    elif not instance.live:
        touch((), [instance.pk])


def page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        touch((), [instance.pk])  # the indexing task removes it


def page_moved(sender, instance, **kwargs):
    touch({EVERYTHING}, _subtree(instance))


def restriction_changed(sender, instance, **kwargs):
    page = Page.objects.filter(pk=instance.page_id).first()
    touch({EVERYTHING}, _subtree(page) if page is not None else ())


# Wagtail records these lazily, often while a page is being rendered; readers see no
# difference (and a purge then would keep that page out of the cache).
BOOKKEEPING = {"file_size", "file_hash"}


def asset_changed(sender, instance, created=False, raw=False, update_fields=None, **kwargs):
    if created or raw:  # nothing can use it yet; fixtures load what pages already show
        return
    if update_fields and set(update_fields) <= BOOKKEEPING:
        return
    touch(asset_tags(instance))


def topic_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    pages = set()
    for channel in ChannelPage.objects.filter(topic_id=instance.pk):
        pages.update(_subtree(channel))  # their search documents name the topic
    touch({EVERYTHING}, pages)


def partner_changed(sender, raw=False, **kwargs):
    if not raw:
        touch({WIDGETS})


def identity_changed(sender, raw=False, **kwargs):
    if not raw:
        touch({EVERYTHING})


def connect():
    # Pages are saved and deleted through their own classes: every sender, filtered.
    post_save.connect(page_saved, dispatch_uid="kepu_publishing_page_saved", weak=False)
    post_delete.connect(page_deleted, dispatch_uid="kepu_publishing_page_deleted", weak=False)
    page_published.connect(page_changed, dispatch_uid="kepu_publishing_published")
    page_unpublished.connect(page_changed, dispatch_uid="kepu_publishing_unpublished")
    post_page_move.connect(page_moved, dispatch_uid="kepu_publishing_moved")
    for signal in (post_save, post_delete):
        name = "saved" if signal is post_save else "deleted"
        signal.connect(
            restriction_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"kepu_publishing_pvr_{name}",
        )
        signal.connect(topic_changed, sender=Topic, dispatch_uid=f"kepu_publishing_topic_{name}")
        signal.connect(
            partner_changed, sender=Partner, dispatch_uid=f"kepu_publishing_partner_{name}"
        )
        signal.connect(
            identity_changed, sender=SiteIdentity, dispatch_uid=f"kepu_publishing_identity_{name}"
        )
    for model in (KepuImage, Video, Narration, get_document_model()):
        label = model._meta.label_lower
        post_save.connect(
            asset_changed, sender=model, dispatch_uid=f"kepu_publishing_{label}_saved"
        )
        # Before the deletion: Wagtail removes the references to it after (and the pages'
        # links to it are set to null without a signal of their own).
        pre_delete.connect(
            asset_changed, sender=model, dispatch_uid=f"kepu_publishing_{label}_deleted"
        )
