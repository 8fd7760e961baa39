"""The admin's page listings narrowed to what the user may read (content/readable.py),
through Wagtail's extension points: the page chooser (browse and search), the explorer
and admin search, and the bulk action confirmation pages. Titles everywhere else
(reports, usage views, dashboards) go through ``get_admin_display_title()`` of our page
classes, which shows another team's page under its live title only.
"""

from wagtail.admin.views.pages.bulk_actions.delete import DeleteBulkAction
from wagtail.admin.views.pages.bulk_actions.move import MoveBulkAction
from wagtail.admin.views.pages.bulk_actions.publish import PublishBulkAction
from wagtail.admin.views.pages.bulk_actions.unpublish import UnpublishBulkAction

from content.readable import readable_pages, reader_for


def chooser_queryset(pages, request):
    """``construct_page_chooser_queryset``: browse and search in the page chooser."""
    return readable_pages(request.user, pages)


def explorer_queryset(parent_page, pages, request):
    """``construct_explorer_page_queryset``: the explorer listing and the admin API."""
    return readable_pages(request.user, pages)


class ReadableOnly:
    """A page bulk action that neither lists nor acts on pages the user may not read
    (``?id=`` can name any page; Wagtail lists the ones it refuses by title)."""

    def get_actionable_objects(self):
        objects, extra = super().get_actionable_objects()
        reader = reader_for(self.request.user)
        readable = set(
            reader.filter(self.model.objects.filter(pk__in=[p.pk for p in objects])).values_list(
                "pk", flat=True
            )
        )
        refused = extra.get("items_with_no_access", [])
        readable |= set(
            reader.filter(self.model.objects.filter(pk__in=[p.pk for p in refused])).values_list(
                "pk", flat=True
            )
        )
        objects = [page for page in objects if page.pk in readable]
        # Listed as specific pages, so that their titles follow the same rule.
        extra["items_with_no_access"] = [p.specific_deferred for p in refused if p.pk in readable]
        return objects, extra


class ReadableDeleteBulkAction(ReadableOnly, DeleteBulkAction):
    pass


class ReadableMoveBulkAction(ReadableOnly, MoveBulkAction):
    pass


class ReadablePublishBulkAction(ReadableOnly, PublishBulkAction):
    pass


class ReadableUnpublishBulkAction(ReadableOnly, UnpublishBulkAction):
    pass


BULK_ACTIONS = [
    ReadableDeleteBulkAction,
    ReadableMoveBulkAction,
    ReadablePublishBulkAction,
    ReadableUnpublishBulkAction,
]
