"""Which page events touch the index: publish, unpublish (and expiry), delete, move,
and view restrictions (a private page must leave the public index)."""

from django.db.models.signals import post_delete, post_save

from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from search.indexing import schedule, subtree


def on_publish_or_unpublish(sender, instance, **kwargs):
    schedule([instance.pk])


def on_delete(sender, instance, **kwargs):
    if isinstance(instance, Page):
        schedule([instance.pk])


def on_move(sender, instance, **kwargs):
    schedule(subtree(instance))


def on_restriction(sender, instance, **kwargs):
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        schedule(subtree(page))


def register():
    page_published.connect(on_publish_or_unpublish, dispatch_uid="kepu_search_publish")
    page_unpublished.connect(on_publish_or_unpublish, dispatch_uid="kepu_search_unpublish")
    post_page_move.connect(on_move, dispatch_uid="kepu_search_move")
    post_save.connect(
        on_restriction, sender=PageViewRestriction, dispatch_uid="kepu_search_restrict"
    )
    post_delete.connect(
        on_restriction, sender=PageViewRestriction, dispatch_uid="kepu_search_unrestrict"
    )
    # Subclasses of Page are deleted through their own model: listen for every sender.
    post_delete.connect(on_delete, dispatch_uid="kepu_search_delete", weak=False)
