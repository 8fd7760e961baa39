"""Wagtail's admin API, with a 403 for pages outside the user's own trees.

Wagtail already limits the admin API to the pages a user may explore, but answers a
page in another language's tree with 404, the same as a page that does not exist.
Editors' scripts (and our permission tests) need the honest answer: it exists, and it
is not yours.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from wagtail.admin.api.views import PagesAdminAPIViewSet
from wagtail.models import Page


class TeamPagesAdminAPIViewSet(PagesAdminAPIViewSet):
    def get_object(self):
        try:
            return super().get_object()
        except Http404:
            if Page.objects.filter(pk=self.kwargs.get("pk")).exclude(depth=1).exists():
                raise PermissionDenied from None
            raise
