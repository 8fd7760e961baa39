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

from wagtail.actions.copy_for_translation import ParentNotTranslatedError
from wagtail.log_actions import log
from wagtail.models import Locale, Page

from cms import languages, spreadsheets
from content import editorial, house_rules, text_checks, translation_status
from content.models import ArticlePage, Topic, TranslationRecord, VideoPage
from content.translation_copy import AlreadyTranslated, TranslateFromLiveAction, TranslationRefused

LANGUAGE_CHOICES = [("", "全部语言")] + [(code, editorial.TEAM[code]) for code in languages.CODES]
STATE_CHOICES = [("", "全部状态")] + [
    (s, translation_status.LABELS[s]) for s in translation_status.STATES
]


class StatusFilter(forms.Form):
    channel = forms.ChoiceField(label="频道", required=False)
    language = forms.ChoiceField(label="语言", choices=LANGUAGE_CHOICES, required=False)
    state = forms.ChoiceField(label="状态", choices=STATE_CHOICES, required=False)
    format = forms.ChoiceField(
        choices=[("", "html"), ("csv", "csv"), ("json", "json")], required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channel"].choices = [("", "全部频道")] + [
            (topic.slug, topic.name_zh_hans) for topic in Topic.objects.all()
        ]


def translation_report(request):
    form = StatusFilter(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    if request.GET and not form.is_valid():
        if request.GET.get("format") == "json":
            return JsonResponse({"errors": form.errors}, status=400)
        messages.error(request, "筛选条件无效，已显示全部。")
    rows = translation_status.rows(
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
            "header_title": "翻译状态",
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
        if (
            cell
            and cell.state == translation_status.MISSING
            and editorial.can_translate(row.source, code, user)
        ):
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
    (editorial.TEAM) in the Chinese admin, English names in the English one; channels
    by their topic's name in that language (Chinese where it has none)."""
    chinese = translation.get_language().startswith("zh")
    language_name = {
        code: editorial.TEAM[code] if chinese else languages.BY_CODE[code].name_en
        for code in languages.CODES
    }
    channel_name = {topic.slug: topic.name for topic in Topic.objects.all()}
    return language_name, channel_name


def _csv(rows, language_name, channel_name):
    buffer = io.StringIO()
    buffer.write("\ufeff")  # so that spreadsheet programs read the UTF-8 as UTF-8
    writer = spreadsheets.writer(buffer)  # no cell a spreadsheet would run as a formula
    writer.writerow(
        ["原文编号", "原文标题", "原文语言", "频道"] + [editorial.TEAM[c] for c in languages.CODES]
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
        messages.error(request, f"未知的语言代码：{code}")
        return redirect("kepu_translation_report")
    if not isinstance(source, ArticlePage | VideoPage) or not editorial.may_translate_into(
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
                    "header_title": "创建译文",
                    "source": source,
                    "language": editorial.TEAM[code],
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
        messages.error(request, "目标语言还没有这个频道，请先请管理员运行 setup_site。")
        return redirect("kepu_translation_report")
    messages.success(request, f"已创建{editorial.TEAM[code]}译文草稿，请翻译后提交审核。")
    return redirect("wagtailadmin_pages:edit", translated.pk)


def mark_translation_updated(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    source = translation_status.source_of(page)
    if source is None:
        messages.error(request, "找不到这篇译文的原文（可能已被删除）。")
        return redirect("wagtailadmin_pages:edit", page.pk)
    if not editorial.is_published(source):
        messages.error(request, "原文目前没有发布的版本（可能已下线），无法标记为已按原文更新。")
        return redirect("wagtailadmin_pages:edit", page.pk)
    live = source.live_revision
    if request.method != "POST":
        return TemplateResponse(
            request,
            "content/admin/confirm_updated.html",
            {"header_title": "译文已按原文更新", "page": page, "source": source, "live": live},
        )
    # The form names the published revision the translator compared against; if the
    # source was published again meanwhile, the translation does not match it yet.
    seen = request.POST.get("source_revision")
    if seen and seen != str(live.pk):
        messages.warning(request, "原文刚刚又发布了新版本，请对照新版本修改后再标记。")
        return redirect("wagtailadmin_pages:edit", page.pk)
    TranslationRecord.record(page, source, request.user, revision=live)
    log(
        instance=page,
        action="kepu.translation_updated",
        user=request.user,
        data={"source_id": source.pk, "source_revision_id": live.pk},
    )
    messages.success(request, "已记录：译文与原文的最新发布版本一致。")
    return redirect("wagtailadmin_pages:edit", page.pk)


class FastTrackForm(forms.Form):
    reason = forms.CharField(
        label="启用快速通道的原因",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text="例如：地震发生后需要立即发布避险知识。原因会记入审计日志。",
    )


def fast_track(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    if not editorial.is_emergency(page):
        messages.error(request, "只有应急频道的文章可以走快速通道。")
        return redirect("wagtailadmin_pages:edit", page.pk)
    if page.workflow_in_progress:
        messages.error(request, "这篇文章已经在审核中，请先取消当前审核再启用快速通道。")
        return redirect("wagtailadmin_pages:edit", page.pk)
    # Nothing goes live in the wrong script, in an emergency too: say so before the
    # fast track starts (its approval would be refused: ReviewTask.get_actions).
    untranslated = text_checks.untranslated_fields(page.get_latest_revision_as_object())
    if untranslated:
        messages.error(
            request,
            "还不能走快速通道：" + "；".join(item.message for item in untranslated[:5]) + "。",
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    form = FastTrackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        workflow = editorial.fast_track_workflow(page.locale.language_code)
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
        messages.success(request, "已提交应急快速通道，等待一位高级编辑批准。")
        return redirect("wagtailadmin_pages:edit", page.pk)
    return TemplateResponse(
        request,
        "content/admin/fast_track.html",
        {"header_title": "应急快速通道", "page": page, "form": form},
    )


class MenksoftForm(forms.Form):
    text = forms.CharField(
        label="蒙科立（Menksoft）编码的蒙古文",
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=200_000,
    )


def menksoft_converter(request):
    """Paste legacy Menksoft text, get standard Unicode Mongolian to paste into a page."""
    from content import menksoft

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
            "header_title": "蒙古文编码转换",
            "form": form,
            "converted": converted,
            "unknown": unknown,
        },
    )
