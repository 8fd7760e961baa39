from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.log_actions import LogFormatter, log
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from content import (
    admin_fonts,  # noqa: F401 (registers the admin's script fonts and Mongolian preview)
    editorial_views,
    publish_gate,
    publish_gate_admin,
    readable_admin,
    translation_views,
)
from content.admin_api import TeamPagesAdminAPIViewSet
from content.models import GlossaryTerm, Partner, Topic
from content.syndication import admin_views as syndication_admin


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "folder-open-inverse"
    menu_label = "频道主题"
    list_display = ["name_zh_hans", "name_bo", "name_mn", "slug"]


class GlossaryViewSet(SnippetViewSet):
    model = GlossaryTerm
    icon = "doc-full"
    menu_label = "术语表"
    list_display = ["key", "term_zh_hans", "term_bo", "term_mn"]
    search_fields = ["key", "term_zh_hans", "term_bo", "term_mn"]
    # The listing's CSV export has the columns that `import_glossary` reads back.
    list_export = ["key", "term_zh_hans", "term_bo", "term_mn", "note"]
    export_headings = {
        "key": "key",
        "term_zh_hans": "zh",
        "term_bo": "bo",
        "term_mn": "mn",
        "note": "note",
    }
    export_filename = "glossary"


class PartnerViewSet(SnippetViewSet):
    model = Partner
    icon = "site"
    menu_label = "嵌入合作方"
    list_display = ["name_zh_hans", "origins", "contact", "active"]


register_snippet(TopicViewSet)
register_snippet(GlossaryViewSet)
register_snippet(PartnerViewSet)


# Editorial extensions: see content/editorial.py and content/editorial_views.py.


@hooks.register("register_admin_urls")
def editorial_urls():
    return [
        path("translations/", editorial_views.translation_report, name="kepu_translation_report"),
        path(
            "translations/<int:page_id>/into/<str:code>/",
            editorial_views.create_translation,
            name="kepu_translate",
        ),
        path(
            "translations/<int:page_id>/updated/",
            editorial_views.mark_translation_updated,
            name="kepu_translation_updated",
        ),
        path(
            "translations/<int:translation_id>/source/",
            translation_views.source_text,
            name="kepu_translation_source",
        ),
        path(
            "translations/<int:translation_id>/source-changes/",
            translation_views.source_changes,
            name="kepu_translation_source_changes",
        ),
        path("fast-track/<int:page_id>/", editorial_views.fast_track, name="kepu_fast_track"),
        path("menksoft/", editorial_views.menksoft_converter, name="kepu_menksoft"),
        path("embed-code/", syndication_admin.embed_code, name="kepu_embed_code"),
    ]


@hooks.register("register_reports_menu_item")
def translation_report_menu_item():
    return MenuItem("翻译状态", reverse("kepu_translation_report"), icon_name="site", order=50)


@hooks.register("register_admin_menu_item")
def menksoft_menu_item():
    return MenuItem("蒙古文编码转换", reverse("kepu_menksoft"), icon_name="doc-full", order=900)


class PartnerMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("content.view_partner")


@hooks.register("register_admin_menu_item")
def embed_code_menu_item():
    return PartnerMenuItem("嵌入代码", reverse("kepu_embed_code"), icon_name="code", order=910)


@hooks.register("register_log_actions")
def editorial_log_actions(actions):
    @actions.register_action("kepu.fast_track")
    class FastTrack(LogFormatter):
        label = "应急快速通道"

        def format_message(self, log_entry):
            return f"启用应急快速通道，原因：{log_entry.data.get('reason', '')}"

    @actions.register_action("kepu.unpublish_reason")
    class UnpublishReason(LogFormatter):
        label = "下线原因"

        def format_message(self, log_entry):
            return f"下线原因：{log_entry.data.get('reason', '')}"

    @actions.register_action("kepu.translation_updated")
    class TranslationUpdated(LogFormatter):
        label = "译文已按原文更新"

        def format_message(self, log_entry):
            return "译文已按原文的最新发布版本更新"

    # The publish gate's records (content/publish_gate.py), each keyed by a revision.
    @actions.register_action(publish_gate.APPROVED)
    class PublishApproved(LogFormatter):
        label = "审核通过，准予发布"

        def format_message(self, log_entry):
            return f"「{log_entry.data.get('workflow', '')}」已完成，准予发布这一版本"

    @actions.register_action(publish_gate.OVERRIDE)
    class PublishOverride(LogFormatter):
        label = "越权发布"

        def format_message(self, log_entry):
            who = "超级用户" if log_entry.data.get("by") == "superuser" else "运维命令"
            return f"{who}未经审核发布这一版本，原因：{log_entry.data.get('reason', '')}"

    @actions.register_action(publish_gate.REFUSED)
    class PublishRefused(LogFormatter):
        label = "拒绝定时发布"

        def format_message(self, log_entry):
            return "这一版本没有经过审核流程批准，定时发布已取消"


hooks.register("before_publish_page", publish_gate_admin.require_override_reason)
hooks.register("before_bulk_action", publish_gate_admin.refuse_bulk_publish)


@hooks.register("before_unpublish_page")
def require_unpublish_reason(request, page):
    if request.method == "POST" and not request.POST.get("unpublish_reason", "").strip():
        messages.error(request, "请填写下线原因：它会记入审计日志。")
        return redirect(request.get_full_path())


@hooks.register("after_unpublish_page")
def record_unpublish_reason(request, page):
    reason = request.POST.get("unpublish_reason", "").strip()[:1000]
    log(instance=page, action="kepu.unpublish_reason", user=request.user, data={"reason": reason})


@hooks.register("construct_admin_api")
def team_pages_admin_api(router):
    router.register_endpoint("pages", TeamPagesAdminAPIViewSet)


# A team sees its own tree, other teams' live pages and nothing of their drafts
# (content/readable.py), wherever the admin lists pages.
hooks.register("construct_page_chooser_queryset", readable_admin.chooser_queryset)
hooks.register("construct_explorer_page_queryset", readable_admin.explorer_queryset)
for _action in readable_admin.BULK_ACTIONS:
    # After Wagtail's own (order): the registry keeps the last class per action type.
    hooks.register("register_bulk_action", _action, order=100)
