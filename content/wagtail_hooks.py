from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.log_actions import LogFormatter, log
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from content import editorial_views
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
