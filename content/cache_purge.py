"""What a change to content makes stale in the full-page cache (cms/page_cache.py).

Publishing, unpublishing, moving or deleting a page purges: the page and its
translations (their language switchers change), its parent channel and its language's
home (their listings), that language's feeds and search, and every widget and oEmbed
answer. A home or channel page also appears in every page's menu of its language, so
it purges the whole language. Changes to topics, glossary, partners or media purge the
whole site: they are rare and show on many pages.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from wagtail.signals import page_published, page_unpublished, post_page_move

from cms import page_cache


def tags_for(page):
    tags = {"embed", "sitemap", f"page:{page.pk}"}
    translations = page.get_translations(inclusive=True).select_related("locale")
    for each in translations:
        code = each.locale.language_code
        tags.update({f"page:{each.pk}", f"feed:{code}", f"search:{code}"})
        if each.depth <= 3:  # home (2) or channel (3): in every page's menu
            tags.add(f"lang:{code}")
    tags.update(f"page:{pk}" for pk in page.get_ancestors().values_list("pk", flat=True))
    return tags


def purge_page(page):
    tags = tags_for(page)
    # After the commit, so that the next request reads the new content, not the old.
    transaction.on_commit(lambda: page_cache.purge(*tags))


def page_changed(sender, instance, **kwargs):
    purge_page(instance)


def page_moved(sender, instance, parent_page_before, parent_page_after, **kwargs):
    purge_page(instance)
    tags = {f"page:{parent_page_before.pk}", f"page:{parent_page_after.pk}"}
    transaction.on_commit(lambda: page_cache.purge(*tags))


def site_changed(sender, **kwargs):
    transaction.on_commit(lambda: page_cache.purge("site"))


def restrictions_changed(sender, **kwargs):
    from django.core.cache import cache

    from content.models.pages import RESTRICTED_KEY

    cache.delete(RESTRICTED_KEY)
    site_changed(sender)


def connect():
    from wagtail.models import Page, PageViewRestriction

    from content.models import GlossaryTerm, Partner, Topic
    from media.models import KepuImage, Narration, Video

    page_published.connect(page_changed, dispatch_uid="kepu_cache_published")
    page_unpublished.connect(page_changed, dispatch_uid="kepu_cache_unpublished")
    post_page_move.connect(page_moved, dispatch_uid="kepu_cache_moved")
    post_delete.connect(page_changed, sender=Page, dispatch_uid="kepu_cache_deleted")
    for signal in (post_save, post_delete):
        signal.connect(
            restrictions_changed, sender=PageViewRestriction, dispatch_uid=f"kepu_pvr_{signal}"
        )
    for model in (Topic, GlossaryTerm, Partner, KepuImage, Video, Narration):
        post_save.connect(site_changed, sender=model, dispatch_uid=f"kepu_cache_{model.__name__}")
        post_delete.connect(
            site_changed, sender=model, dispatch_uid=f"kepu_cache_d_{model.__name__}"
        )
