"""What a translator may read of their translation's source: its published text, and what
changed in it between the published revision the translation was made from and the one
published now.

Translators of one language cannot edit another language's pages, so Wagtail's own
views of the source (editor, history, preview, revision comparison) refuse them, and
must go on refusing them: they show drafts. Access here comes from the *translation*
(whoever may edit it may read its source), and what is shown is only ever a published
revision: the source's live one and the one recorded in its TranslationRecord. The text
is laid out by Wagtail's revision comparison (``wagtail.admin.compare``) over the
page's content and promote panels, the same as Wagtail's own "compare" view.
"""

import functools

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from wagtail.admin.panels import ObjectList
from wagtail.models import Page, PageLogEntry

from content.editorial import teams
from content.models import TranslationRecord
from content.translations import status

NOT_A_TRANSLATION = gettext_lazy(
    "This page is not a translation: there is no source to compare it with."
)
SOURCE_DELETED = gettext_lazy(
    "The source of this translation has been deleted: there is no source to compare it with."
)
SOURCE_NOT_PUBLISHED = gettext_lazy(
    "The source has no published version at the moment (it may have been unpublished): there is no source to compare it with."
)


@require_safe
def source_text(request, translation_id):
    """The source's live revision, field by field."""
    translation = _translation(request, translation_id)
    source, problem = _published_source(translation)
    if problem:
        return _back(request, translation, problem)
    live = source.live_revision
    page = live.as_object()
    return TemplateResponse(
        request,
        "content/admin/translation_source.html",
        {
            "header_title": _("Source (published version)"),
            "translation": translation,
            "source": page,
            "live": live,
            # Each field compared with itself is laid out as its text; empty ones
            # (no picture, no SEO title) are left out.
            "fields": [
                (c.field_label(), c.htmldiff())
                for c in _comparisons(request, source, page, page)
                if c.val_a
            ],
        },
    )


@require_safe
def source_changes(request, translation_id):
    """What changed in the source between the recorded revision and the live one."""
    translation = _translation(request, translation_id)
    source, problem = _published_source(translation)
    if problem:
        return _back(request, translation, problem)
    record = TranslationRecord.objects.filter(translation=translation).first()
    recorded = record and record.source_revision
    if recorded is None or not _was_published(recorded, source):
        messages.warning(
            request,
            _(
                "There is no record of which published version of the source this translation"
                " was made from (it was not made with “Create a translation”, or the source was"
                " not published then), so the changes cannot be listed: compare it with the"
                " whole source."
            ),
        )
        return redirect("kepu_translation_source", translation.pk)
    live = source.live_revision
    published = live.as_object()
    comparison = [
        c for c in _comparisons(request, source, recorded.as_object(), published) if c.has_changed()
    ]
    return TemplateResponse(
        request,
        "content/admin/translation_source_changes.html",
        {
            "header_title": _("Changes to the source since translation"),
            "translation": translation,
            "source": published,
            "recorded": recorded,
            "live": live,
            "unchanged": recorded.pk == live.pk,
            "comparison": comparison,
        },
    )


def _translation(request, translation_id):
    translation = get_object_or_404(Page, pk=translation_id).specific
    if not translation.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return translation


def _published_source(translation):
    """(source page, None), or (None, why there is nothing to show)."""
    source = status.source_of(translation)
    if source is None:
        deleted = TranslationRecord.objects.filter(translation=translation, source=None).exists()
        return None, SOURCE_DELETED if deleted else NOT_A_TRANSLATION
    if not teams.is_published(source):
        return None, SOURCE_NOT_PUBLISHED
    return source, None


def _was_published(revision, source):
    """Whether ``revision`` is one of ``source``'s and went live once (records made
    before translations were taken from live revisions may name a draft)."""
    return (
        revision.object_id == str(source.pk)
        and PageLogEntry.objects.filter(
            page_id=source.pk, revision_id=revision.pk, action="wagtail.publish"
        ).exists()
    )


def _back(request, translation, problem):
    messages.error(request, problem)
    return redirect("wagtailadmin_pages:edit", translation.pk)


def _comparisons(request, source, a, b):
    panel = _text_panels(source.specific_class).get_bound_panel(
        instance=source, request=request, form=None
    )
    return [comparison(a, b) for comparison in panel.get_comparison()]


@functools.cache
def _text_panels(model):
    """The model's content and promote panels: what a translator translates (the
    settings tab holds scheduling and privacy, not text)."""
    return ObjectList(model.content_panels + model.promote_panels).bind_to_model(model)
