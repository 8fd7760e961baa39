"""What a change to content makes stale in the full-page cache (cms/page_cache.py).

Publishing, unpublishing or deleting a page purges: the page and its translations
(their language switchers change), its parent channel and its language's home (their
listings), that language's feeds and search, and every widget and oEmbed answer.
Moving a page purges the whole site: the addresses of the page and all its descendants
change, and so may whether they are behind a view restriction (which is never cached
itself: content/restrictions.py decides it from the tree as it is), and moves are rare.
Adding, changing or removing a view restriction purges the whole site too. A home or
channel page also appears in every page's menu of its language, so it purges the whole
language. Changes to topics, glossary, partners or media purge the whole site: they are
rare and show on many pages.
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


def site_changed(sender, **kwargs):
    transaction.on_commit(lambda: page_cache.purge("site"))


def connect():
    from wagtail.models import Page, PageViewRestriction

    from content.models import GlossaryTerm, Partner, Topic
    from media.models import KepuImage, Narration, Video

    page_published.connect(page_changed, dispatch_uid="kepu_cache_published")
    page_unpublished.connect(page_changed, dispatch_uid="kepu_cache_unpublished")
    post_page_move.connect(site_changed, dispatch_uid="kepu_cache_moved")
    post_delete.connect(page_changed, sender=Page, dispatch_uid="kepu_cache_deleted")
    for signal in (post_save, post_delete):
        signal.connect(site_changed, sender=PageViewRestriction, dispatch_uid=f"kepu_pvr_{signal}")
    for model in (Topic, GlossaryTerm, Partner, KepuImage, Video, Narration):
        post_save.connect(site_changed, sender=model, dispatch_uid=f"kepu_cache_{model.__name__}")
        post_delete.connect(
            site_changed, sender=model, dispatch_uid=f"kepu_cache_d_{model.__name__}"
        )
