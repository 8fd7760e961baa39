from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.log_actions import LogFormatter, log
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from content import publish_gate
from content.editorial import (
    admin_fonts,  # noqa: F401 (registers the admin's script fonts and Mongolian preview)
    publish_gate_admin,
    readable_admin,
    say_why,
)
from content.editorial import views as editorial_views
from content.editorial.admin_api import TeamPagesAdminAPIViewSet
from content.models import GlossaryTerm, Partner, Topic
from content.models.editorial import AFTER_REVIEW_DECISION
from content.syndication import admin_views as syndication_admin
from content.translations import views as translation_views


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "folder-open-inverse"
    menu_label = gettext_lazy("Channel topics")
    list_display = ["name_zh_hans", "name_bo", "name_mn", "slug"]


class GlossaryViewSet(SnippetViewSet):
    model = GlossaryTerm
    icon = "doc-full"
    menu_label = gettext_lazy("Glossary")
    list_display = ["key", "term_zh_hans", "term_bo", "term_mn"]
    search_fields = ["key", "term_zh_hans", "term_bo", "term_mn"]
    # The listing's CSV export has the columns that `import_glossary` reads back
    # (synonyms one per line inside their cell, as the admin keeps them).
    list_export = [
        "key",
        "term_zh_hans",
        "term_bo",
        "term_mn",
        "note",
        "synonyms_zh_hans",
        "synonyms_bo",
        "synonyms_mn",
    ]
    export_headings = {
        "key": "key",
        "term_zh_hans": "zh",
        "term_bo": "bo",
        "term_mn": "mn",
        "note": "note",
        "synonyms_zh_hans": "synonyms_zh",
        "synonyms_bo": "synonyms_bo",
        "synonyms_mn": "synonyms_mn",
    }
    export_filename = "glossary"


class PartnerViewSet(SnippetViewSet):
    model = Partner
    icon = "site"
    menu_label = gettext_lazy("Embedding partners")
    list_display = ["name_zh_hans", "origins", "contact", "active"]


register_snippet(TopicViewSet)
register_snippet(GlossaryViewSet)
register_snippet(PartnerViewSet)


# Editorial extensions: see content/editorial/teams.py and content/editorial/views.py.


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
    return MenuItem(
        gettext_lazy("Translation status"),
        reverse("kepu_translation_report"),
        icon_name="site",
        order=50,
    )


@hooks.register("register_admin_menu_item")
def menksoft_menu_item():
    return MenuItem(
        gettext_lazy("Mongolian encoding converter"),
        reverse("kepu_menksoft"),
        icon_name="doc-full",
        order=900,
    )


class PartnerMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("content.view_partner")


@hooks.register("register_admin_menu_item")
def embed_code_menu_item():
    return PartnerMenuItem(
        gettext_lazy("Embed code"), reverse("kepu_embed_code"), icon_name="code", order=910
    )


@hooks.register("register_log_actions")
def editorial_log_actions(actions):
    @actions.register_action("kepu.fast_track")
    class FastTrack(LogFormatter):
        label = gettext_lazy("Emergency fast track")

        def format_message(self, log_entry):
            return _("Emergency fast track started. Reason: %(reason)s") % {
                "reason": log_entry.data.get("reason", "")
            }

    @actions.register_action("kepu.unpublish_reason")
    class UnpublishReason(LogFormatter):
        label = gettext_lazy("Unpublishing reason")

        def format_message(self, log_entry):
            return _("Unpublishing reason: %(reason)s") % {
                "reason": log_entry.data.get("reason", "")
            }

    @actions.register_action("kepu.translation_updated")
    class TranslationUpdated(LogFormatter):
        label = gettext_lazy("Translation brought up to date")

        def format_message(self, log_entry):
            return _(
                "The translation was brought up to date with the source's latest published version."
            )

    # The publish gate's records (content/publish_gate.py), each keyed by a revision.
    @actions.register_action(publish_gate.APPROVED)
    class PublishApproved(LogFormatter):
        label = gettext_lazy("Approved for publication")

        def format_message(self, log_entry):
            return _("“%(workflow)s” is complete: this revision may be published") % {
                "workflow": log_entry.data.get("workflow", "")
            }

    @actions.register_action(publish_gate.OVERRIDE)
    class PublishOverride(LogFormatter):
        label = gettext_lazy("Published without review")

        def format_message(self, log_entry):
            reason = {"reason": log_entry.data.get("reason", "")}
            if log_entry.data.get("by") == "superuser":
                return (
                    _("A superuser published this revision without review. Reason: %(reason)s")
                    % reason
                )
            return (
                _("An operator command published this revision without review. Reason: %(reason)s")
                % reason
            )

    @actions.register_action(publish_gate.REFUSED)
    class PublishRefused(LogFormatter):
        label = gettext_lazy("Scheduled publication refused")

        def format_message(self, log_entry):
            return _(
                "This revision was not approved by the review workflow: its scheduled publication was cancelled."
            )


hooks.register("before_publish_page", publish_gate_admin.require_override_reason)
hooks.register("before_bulk_action", publish_gate_admin.refuse_bulk_publish)


@hooks.register("before_unpublish_page")
def require_unpublish_reason(request, page):
    if request.method == "POST" and not request.POST.get("unpublish_reason", "").strip():
        messages.error(request, _("Give a reason for unpublishing: it is kept in the audit log."))
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


# After a reviewer approves or returns a page: say what the decision did.
hooks.register(AFTER_REVIEW_DECISION, say_why.confirm_review_action)
