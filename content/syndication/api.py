"""The read-only JSON API (Wagtail API v2) at /api/v2/: pages, images and documents.

Only live, public pages; only images and documents that such a page uses; only the
fields listed in each model's ``api_fields``. Filters: ``locale`` (zh-hans, bo, mn),
``type`` (content.ArticlePage, content.VideoPage), ``channel`` (a topic slug), and
Wagtail's own (``search``, ``order``, ``limit``, ``offset``, ``child_of`` …).
Anyone may read it from a browser on another site (CORS open for GET).
See docs/api.md.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents import get_document_model
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images import get_image_model
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Page, ReferenceIndex

from content.models import ChannelPage


class OpenForReading:
    """CORS: any site may GET; nothing here needs credentials."""

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
        return response


class KepuPagesAPIViewSet(OpenForReading, PagesAPIViewSet):
    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(["channel"])

    def get_queryset(self):
        queryset = super().get_queryset()
        slug = self.request.GET.get("channel")
        if slug:
            channels = ChannelPage.objects.live().public().filter(topic__slug=slug)
            if not channels.exists():
                raise BadRequestError("channel doesn't exist")
            inside = Q()
            for channel in channels:
                inside |= Q(path__startswith=channel.path, depth__gt=channel.depth)
            queryset = queryset.filter(inside)
        return queryset


def used_by_live_pages(model):
    """Primary keys of ``model`` objects that a live, public page refers to."""
    pages = Page.objects.live().public().values_list("pk", flat=True)
    references = ReferenceIndex.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        to_content_type=ContentType.objects.get_for_model(model),
        object_id__in=[str(pk) for pk in pages],
    )
    return references.values_list("to_object_id", flat=True)


class KepuImagesAPIViewSet(OpenForReading, ImagesAPIViewSet):
    def get_queryset(self):
        model = get_image_model()
        return model.objects.filter(pk__in=list(used_by_live_pages(model))).order_by("id")


class KepuDocumentsAPIViewSet(OpenForReading, DocumentsAPIViewSet):
    def get_queryset(self):
        model = get_document_model()
        return model.objects.filter(pk__in=list(used_by_live_pages(model))).order_by("id")


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", KepuPagesAPIViewSet)
api_router.register_endpoint("images", KepuImagesAPIViewSet)
api_router.register_endpoint("documents", KepuDocumentsAPIViewSet)
