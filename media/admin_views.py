"""Admin for videos and narrations: Wagtail snippet views, with collection permissions
(each language team changes only what is in its own collection, everyone may choose
any file), upload checks before anything is stored, and the processing state with a
retry button on the edit page.

Choosing is open to all teams on purpose: one video can carry subtitles in all three
languages and be shown on each language's page.
"""

import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from wagtail.admin import messages
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, InlinePanel, ObjectList, Panel
from wagtail.admin.ui.tables import Column
from wagtail.permission_policies.collections import CollectionPermissionPolicy
from wagtail.snippets.views.snippets import DeleteView, EditView, SnippetViewSet

from media import ffmpeg, processing, uploads
from media.models import Narration, Video

logger = logging.getLogger(__name__)
POLICIES = {model: CollectionPermissionPolicy(model) for model in (Video, Narration)}


class AssetForm(WagtailAdminModelForm):
    """Checks the upload's content (not its name) and the store before saving, and
    offers only the collections the editor may add to."""

    check = None  # uploads.check_video or uploads.check_audio

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if "collection" in self.fields and for_user is not None:
            policy = POLICIES[self._meta.model]
            allowed = policy.collections_user_has_permission_for(for_user, "add")
            self.fields["collection"].queryset = allowed
            if not self.instance.pk and allowed.count() == 1:
                self.fields["collection"].initial = allowed.first()

    def clean_title(self):
        return uploads.clean_text(self.cleaned_data.get("title") or "")

    def clean_original(self):
        uploaded = self.cleaned_data.get("original")
        if uploaded and "original" in self.changed_data:
            probe = ffmpeg.probe if ffmpeg.available() else None
            type(self).check(uploaded, probe)
            self.instance.original_size = uploaded.size
        return uploaded

    def clean(self):
        cleaned = super().clean()
        if self.errors or "original" not in self.changed_data:
            return cleaned
        storage = self.instance.original.storage
        try:
            storage.exists("health-check")
        except Exception as exc:  # botocore and network errors have no common base
            logger.warning("private media storage unavailable: %s", exc)
            raise ValidationError(
                _(
                    "The file storage cannot be reached at the moment, so the file was not saved. Please try again later."
                )
            ) from exc
        return cleaned


class VideoForm(AssetForm):
    check = staticmethod(uploads.check_video)


class NarrationForm(AssetForm):
    check = staticmethod(uploads.check_audio)


class ProcessingPanel(Panel):
    """The processing state, sizes and error of an asset, with a retry button."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "media/admin/processing_panel.html"

        def is_shown(self):
            return bool(self.instance and self.instance.pk)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            asset = self.instance
            context["asset"] = asset
            context["retry_url"] = reverse(
                "kepu_media_retry", args=[asset._meta.model_name, asset.pk]
            )
            return context


class TeamScoped:
    """A view of one asset that needs ``team_permission`` on that asset's collection."""

    team_permission = "change"

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        policy = POLICIES[type(obj)]
        if not policy.user_has_permission_for_instance(
            self.request.user, self.team_permission, obj
        ):
            raise PermissionDenied
        return obj


class TeamScopedEditView(TeamScoped, EditView):
    team_permission = "change"


class TeamScopedDeleteView(TeamScoped, DeleteView):
    team_permission = "delete"


class AssetViewSet(SnippetViewSet):
    edit_view_class = TeamScopedEditView
    delete_view_class = TeamScopedDeleteView
    list_filter = ["state", "collection"]
    search_fields = ["title"]
    add_to_admin_menu = True

    def get_queryset(self, request):
        collections = POLICIES[self.model].collections_user_has_any_permission_for(
            request.user, ["change", "choose"]
        )
        return self.model.objects.filter(collection__in=collections).order_by("-created_at")


def listing(size_attribute):
    """The listing's columns: title, state, length, published size, collection."""
    return [
        "title",
        Column("state", accessor="get_state_display", label=gettext_lazy("processing status")),
        Column("duration_display", label=gettext_lazy("length")),
        Column(size_attribute, label=gettext_lazy("file size")),
        "collection",
    ]


def asset_panels():
    return [
        FieldPanel("title"),
        FieldPanel("collection"),
        FieldPanel("original"),
        ProcessingPanel(heading=gettext_lazy("Processing status")),
    ]


class VideoViewSet(AssetViewSet):
    model = Video
    icon = "media"
    menu_label = gettext_lazy("Videos")
    menu_order = 310
    list_display = listing("small_megabytes")
    edit_handler = ObjectList(
        [
            *asset_panels(),
            FieldPanel("poster"),
            InlinePanel(
                "subtitles",
                heading=gettext_lazy("Subtitles (WebVTT, one per language)"),
                label=gettext_lazy("Subtitles"),
            ),
        ],
        base_form_class=VideoForm,
    )


class NarrationViewSet(AssetViewSet):
    model = Narration
    icon = "microphone"
    menu_label = gettext_lazy("Narrations")
    menu_order = 320
    list_display = listing("megabytes")
    edit_handler = ObjectList(asset_panels(), base_form_class=NarrationForm)


@require_POST
def retry(request, model_name, pk):
    """Process an asset again (after a failure, or a worker that died)."""
    model = {"video": Video, "narration": Narration}.get(model_name)
    if model is None:
        raise PermissionDenied
    asset = get_object_or_404(model, pk=pk)
    if not POLICIES[model].user_has_permission_for_instance(request.user, "change", asset):
        raise PermissionDenied
    processing.schedule(asset)
    messages.success(
        request, _("“%(title)s” is queued to be processed again.") % {"title": asset.title}
    )
    return redirect(reverse(f"wagtailsnippets_kepu_media_{model_name}:edit", args=[pk]))
