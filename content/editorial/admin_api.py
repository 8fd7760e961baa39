"""Wagtail's admin API, with a 403 for pages outside the user's own trees.

Wagtail already limits the admin API to the pages a user may explore, but answers a
page in another language's tree with 404, the same as a page that does not exist.
Editors' scripts (and our permission tests) need the honest answer: it exists, and it
is not yours. Its ``copy_for_translation`` action makes translations by the same rules as
the "创建译文" view.
"""

from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from wagtail.admin.api.actions.copy_for_translation import CopyForTranslationAPIAction
from wagtail.admin.api.views import PagesAdminAPIViewSet
from wagtail.api.v2.utils import BadRequestError
from wagtail.models import Locale, Page

from content.editorial.publish_gate_admin import GatedPublishPageAPIAction
from content.translations.create import TranslateFromLiveAction, TranslationRefused
from content.tree import ROOT_DEPTH


class TeamCopyForTranslationAPIAction(CopyForTranslationAPIAction):
    """``copy_for_translation`` by our rules (content/translations/create.py): the target
    language's senior editors, from the source's published revision, one page at a time."""

    def execute(self, instance, data):
        if data["alias"] or data["recursive"] or data["copy_parents"]:
            raise BadRequestError(
                _(
                    "Translations are created one page at a time from the source's published version: alias, recursive and copy_parents are not supported."
                )
            )
        locale = get_object_or_404(Locale, language_code=data["locale"])
        try:
            translated = TranslateFromLiveAction(instance, locale, self.request.user).execute()
        except TranslationRefused as refused:
            raise BadRequestError(str(refused)) from refused
        except DjangoValidationError as e:
            raise ValidationError(e.message_dict) from e
        serializer = self.view.get_serializer(translated)
        return Response(serializer.data, status=status.HTTP_201_CREATED)


class TeamPagesAdminAPIViewSet(PagesAdminAPIViewSet):
    actions = {
        **PagesAdminAPIViewSet.actions,
        "copy_for_translation": TeamCopyForTranslationAPIAction,
        # 403 for a revision no review workflow approved (content/publish_gate.py).
        "publish": GatedPublishPageAPIAction,
    }

    def get_object(self):
        try:
            return super().get_object()
        except Http404:
            if Page.objects.filter(pk=self.kwargs.get("pk")).exclude(depth=ROOT_DEPTH).exists():
                raise PermissionDenied from None
            raise
