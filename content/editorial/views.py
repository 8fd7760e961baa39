"""Admin views that extend Wagtail's editorial tools: the translation status report,
creating a translation in one's own language, marking a translation as updated, and the
emergency fast track. Each checks Wagtail page permissions for the *target* language,
so a team can act only on its own tree.
"""

import io

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.actions.copy_for_translation import ParentNotTranslatedError
from wagtail.log_actions import log
from wagtail.models import Locale, Page

from cms import languages, spreadsheets
from content import house_rules, text_checks
from content.editorial import teams
from content.exchange import menksoft
from content.models import ArticlePage, Topic, TranslationRecord, VideoPage
from content.translations import status
from content.translations.create import (
    AlreadyTranslated,
    TranslateFromLiveAction,
    TranslationRefused,
)

LANGUAGE_CHOICES = [("", gettext_lazy("All languages"))] + [
    (code, teams.TEAM[code]) for code in languages.CODES
]
STATE_CHOICES = [("", gettext_lazy("All states"))] + [(s, status.LABELS[s]) for s in status.STATES]


class StatusFilter(forms.Form):
    channel = forms.ChoiceField(label=gettext_lazy("Channel"), required=False)
    language = forms.ChoiceField(
        label=gettext_lazy("Language"), choices=LANGUAGE_CHOICES, required=False
    )
    state = forms.ChoiceField(label=gettext_lazy("State"), choices=STATE_CHOICES, required=False)
    format = forms.ChoiceField(
        choices=[("", "html"), ("csv", "csv"), ("json", "json")], required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channel"].choices = [("", _("All channels"))] + [
            (topic.slug, topic.name_zh_hans) for topic in Topic.objects.all()
        ]


def translation_report(request):
    form = StatusFilter(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    if request.GET and not form.is_valid():
        if request.GET.get("format") == "json":
            return JsonResponse({"errors": form.errors}, status=400)
        messages.error(request, _("Invalid filters: showing everything."))
    rows = status.rows(
        channel=filters.get("channel") or None,
        language=filters.get("language") or None,
        state=filters.get("state") or None,
        user=request.user,
    )
    output = filters.get("format")
    if output == "json":
        return JsonResponse(
            {
                "generated_at": timezone.now().isoformat(),
                "rows": [_row_json(r, request) for r in rows],
            },
            json_dumps_params={"ensure_ascii": False},
        )
    if output == "csv":
        return _csv(rows, *_names())
    columns = [
        code
        for code in languages.CODES
        if not filters.get("language") or code == filters["language"]
    ]
    language_name, channel_name = _names()
    views = []
    for row in rows:
        view = _row_view(row, columns, request.user)
        view["language"] = language_name.get(row.locale, row.locale)
        view["channel"] = channel_name.get(row.channel, row.channel)
        views.append(view)
    return TemplateResponse(
        request,
        "content/admin/translation_report.html",
        {
            "header_title": _("Translation status"),
            "form": form,
            "rows": views,
            "columns": [(code, language_name[code]) for code in columns],
            "query": request.GET.urlencode(),
        },
    )


def _row_view(row, columns, user):
    cells = []
    for code in columns:
        cell = row.cells.get(code)
        create_url = None
        if cell and cell.state == status.MISSING and teams.can_translate(row.source, code, user):
            create_url = reverse("kepu_translate", args=(row.source.pk, code))
        cells.append((code, cell, create_url))
    return {"row": row, "cells": cells}


def _row_json(row, request):
    def page_json(page):
        return {
            "id": page.pk,
            "title": page.title,
            "edit_url": request.build_absolute_uri(
                reverse("wagtailadmin_pages:edit", args=(page.pk,))
            ),
            "live": page.live,
        }

    return {
        "source": page_json(row.source) if row.source else None,
        "title": row.title,
        "source_locale": row.locale,
        "channel": row.channel,
        "languages": {
            code: {"state": cell.state, "page": page_json(cell.page) if cell.page else None}
            for code, cell in row.cells.items()
        },
    }


def _names():
    """Language and channel names by code, for the report and its CSV.

    Editors read names, not codes, in the language of their admin: Chinese team names
    (teams.TEAM) in the Chinese admin, English names in the English one; channels
    by their topic's name in that language (Chinese where it has none)."""
    chinese = translation.get_language().startswith("zh")
    language_name = {
        code: teams.TEAM[code] if chinese else languages.BY_CODE[code].name_en
        for code in languages.CODES
    }
    channel_name = {topic.slug: topic.name for topic in Topic.objects.all()}
    return language_name, channel_name


def _csv(rows, language_name, channel_name):
    buffer = io.StringIO()
    buffer.write("\ufeff")  # so that spreadsheet programs read the UTF-8 as UTF-8
    writer = spreadsheets.writer(buffer)  # no cell a spreadsheet would run as a formula
    writer.writerow(
        [
            _("Source ID"),
            _("Source title"),
            _("Source language"),
            _("Channel"),
        ]
        + [teams.TEAM[c] for c in languages.CODES]
    )
    for row in rows:
        writer.writerow(
            [
                row.source.pk if row.source else "",
                row.title,
                language_name.get(row.locale, row.locale),
                channel_name.get(row.channel, row.channel),
            ]
            + [row.cells[c].label if c in row.cells else "" for c in languages.CODES]
        )
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="translation-status.csv"'
    return response


def create_translation(request, page_id, code):
    source = get_object_or_404(Page, pk=page_id).specific
    if code not in languages.CODES:
        messages.error(request, _("Unknown language code: %(code)s") % {"code": code})
        return redirect("kepu_translation_report")
    if not isinstance(source, ArticlePage | VideoPage) or not teams.may_translate_into(
        source, code, request.user
    ):
        raise PermissionDenied
    # Checked against the target language above; the action refuses an existing
    # translation and a source that is not published, and copies the live revision.
    action = TranslateFromLiveAction(source, Locale.objects.get(language_code=code), request.user)
    try:
        action.check(skip_permission_checks=True)
        if request.method != "POST":
            return TemplateResponse(
                request,
                "content/admin/confirm_translation.html",
                {
                    "header_title": _("Create a translation"),
                    "source": source,
                    "language": teams.TEAM[code],
                    "published_at": source.live_revision.created_at,
                },
            )
        translated = action.execute(skip_permission_checks=True)
    except AlreadyTranslated as refused:
        messages.warning(request, str(refused))
        return redirect("wagtailadmin_pages:edit", refused.existing.pk)
    except TranslationRefused as refused:
        messages.error(request, str(refused))
        return redirect("kepu_translation_report")
    except ParentNotTranslatedError:
        messages.error(
            request,
            _(
                "The target language does not have this channel yet: ask an administrator to run setup_site."
            ),
        )
        return redirect("kepu_translation_report")
    messages.success(
        request,
        _("Created a %(language)s translation draft: translate it, then submit it for review.")
        % {"language": teams.TEAM[code]},
    )
    return redirect("wagtailadmin_pages:edit", translated.pk)


def mark_translation_updated(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    source = status.source_of(page)
    if source is None:
        messages.error(
            request, _("The source of this translation cannot be found (it may have been deleted).")
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    if not teams.is_published(source):
        messages.error(
            request,
            _(
                "The source has no published version at the moment (it may have been unpublished), so the translation cannot be marked as up to date."
            ),
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    live = source.live_revision
    if request.method != "POST":
        return TemplateResponse(
            request,
            "content/admin/confirm_updated.html",
            {
                "header_title": _("Translation brought up to date"),
                "page": page,
                "source": source,
                "live": live,
            },
        )
    # The form names the published revision the translator compared against; if the
    # source was published again meanwhile, the translation does not match it yet.
    seen = request.POST.get("source_revision")
    if seen and seen != str(live.pk):
        messages.warning(
            request,
            _(
                "The source has just been published again: compare against the new version and update the translation before marking it."
            ),
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    TranslationRecord.record(page, source, request.user, revision=live)
    log(
        instance=page,
        action="kepu.translation_updated",
        user=request.user,
        data={"source_id": source.pk, "source_revision_id": live.pk},
    )
    messages.success(
        request,
        _("Recorded: the translation matches the source's latest published version."),
    )
    return redirect("wagtailadmin_pages:edit", page.pk)


class FastTrackForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why the fast track is needed"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text=gettext_lazy(
            "For example: after an earthquake, safety advice must be published at once. The reason is kept in the audit log."
        ),
    )


def fast_track(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    if not teams.is_emergency(page):
        messages.error(request, _("Only articles in the emergency channel can use the fast track."))
        return redirect("wagtailadmin_pages:edit", page.pk)
    if page.workflow_in_progress:
        messages.error(
            request,
            _(
                "This article is already in review: cancel the current review before starting the fast track."
            ),
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    # Nothing goes live in the wrong script, in an emergency too: say so before the
    # fast track starts (its approval would be refused: ReviewTask.get_actions).
    untranslated = text_checks.untranslated_fields(page.get_latest_revision_as_object())
    if untranslated:
        messages.error(
            request,
            _("The fast track cannot start yet: %(problems)s.")
            % {"problems": _("; ").join(item.message for item in untranslated[:5])},
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    form = FastTrackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        workflow = teams.fast_track_workflow(page.locale.language_code)
        if page.get_latest_revision() is None:
            page.save_revision(user=request.user)
        workflow.start(page, request.user)
        log(
            instance=page,
            action="kepu.fast_track",
            user=request.user,
            data={
                "reason": form.cleaned_data["reason"],
                "workflow": workflow.name,
                # The house rules it skips (sources, reviewer): to be made good afterwards.
                "missing": house_rules.page_gaps(page.get_latest_revision_as_object()),
            },
        )
        messages.success(
            request,
            _("Submitted to the emergency fast track: it awaits approval by one senior editor."),
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    return TemplateResponse(
        request,
        "content/admin/fast_track.html",
        {"header_title": _("Emergency fast track"), "page": page, "form": form},
    )


class MenksoftForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Mongolian text in the Menksoft encoding"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=200_000,
    )


def menksoft_converter(request):
    """Paste legacy Menksoft text, get standard Unicode Mongolian to paste into a page."""
    form = MenksoftForm(request.POST or None)
    converted = unknown = None
    if request.method == "POST" and form.is_valid():
        text = form.cleaned_data["text"]
        converted = menksoft.to_unicode(text)
        unknown = sorted({f"U+{ord(c):04X}" for c in menksoft.unconvertible(text)})
    return TemplateResponse(
        request,
        "content/admin/menksoft.html",
        {
            "header_title": _("Mongolian encoding converter"),
            "form": form,
            "converted": converted,
            "unknown": unknown,
        },
    )
