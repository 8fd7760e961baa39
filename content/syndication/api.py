"""The read-only JSON API (Wagtail API v2) at /api/v2/: pages, images and documents.

Only live, public pages; only images and documents that such a page uses; only the
fields listed in each model's ``api_fields``. Filters: ``locale`` (zh-hans, bo, mn),
``type`` (content.ArticlePage, content.VideoPage), ``channel`` (a topic slug), and
Wagtail's own (``search``, ``order``, ``limit``, ``offset``, ``child_of`` …).
Anyone may read it from a browser on another site (CORS open for GET).
Every parameter is checked before Wagtail reads it (``CheckedParameters``): a value
Wagtail would pass on to the database or the search backend unchecked (NUL bytes,
integers beyond the database's, 150 search words, an unknown search operator) is a 400
with a message, like the ones Wagtail refuses itself.
See docs/api.md.
"""

from taggit.managers import TaggableManager

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db.models import Q

from wagtail.api.v2.filters import FieldsFilter
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents import get_document_model
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images import get_image_model
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Page, ReferenceIndex

from cms import languages, params
from content.models import ChannelPage
from content.restrictions import public

# Wagtail's PostgreSQL search nests one expression per word: 150 words overflow Python's
# recursion limit. Twenty words is more than any reader or script has needed.
MAX_SEARCH_WORDS = 20
PAGE_IDS = ("child_of", "descendant_of", "translation_of", "ancestor_of")


def check_parameters(query):
    """Raise BadParameter for any value in ``query`` that the endpoints cannot use."""
    params.check_all(query)
    search = params.text(query, "search")
    if "search" in query and not any(c.isalnum() for c in search):
        # Blank or only punctuation: SQLite's full-text MATCH fails on an empty phrase.
        raise params.BadParameter("search", "must have at least one word")
    if len(search.split()) > MAX_SEARCH_WORDS:
        raise params.BadParameter("search", f"must have at most {MAX_SEARCH_WORDS} words")
    params.choice(query, "search_operator", ("and", "or"))
    # Wagtail reads a parameter that is present, even empty: "?id=" is not "no id".
    params.integer(query, "offset", empty=False)
    params.integer(query, "limit", maximum=settings.WAGTAILAPI_LIMIT_MAX, empty=False)
    params.integer(query, "id", empty=False)
    for name in PAGE_IDS:
        # "root" is Wagtail's name for the site's root page (not for ancestor_of).
        if query.get(name) != "root" or name == "ancestor_of":
            params.integer(query, name, empty=False)
    # DRF's renderers: JSON, and the browsable HTML view of it.
    params.choice(query, "format", ("json", "api"))
    params.choice(query, "locale", languages.CODES)
    params.text(query, "channel", max_length=100)
    for name in ("type", "order", "site", "rich_text_format"):
        params.text(query, name, max_length=200)
    params.text(query, "fields", max_length=1000)
    params.text(query, "html_path", max_length=2000)


class CheckedParameters:
    """Check every query parameter before any handler (listing, detail, find) reads it,
    and before DRF's content negotiation reads ?format=; every error is JSON with a
    "message", like Wagtail's own."""

    def initial(self, request, *args, **kwargs):
        try:
            check_parameters(request.GET)
        except params.BadParameter as exc:
            raise BadRequestError(str(exc)) from None
        super().initial(request, *args, **kwargs)

    def handle_exception(self, exc):
        response = super().handle_exception(exc)
        data = response.data if isinstance(response.data, dict) else {}
        if "detail" in data and "message" not in data:  # DRF's own errors (406, 405)
            response.data = {"message": str(data.pop("detail"))}
        elif "message" in data and not data["message"]:  # a bare Http404
            response.data = {"message": "not found"}
        return response


class CheckedFieldsFilter(FieldsFilter):
    """Wagtail's field filters (?title=, ?first_published_at=, …), with each value
    converted by its model field first: a date that is not a date is a 400, not a
    ValidationError from the database layer."""

    def filter_queryset(self, request, queryset, view):
        names = set(view.get_available_fields(queryset.model, db_fields_only=True))
        for name, value in request.GET.items():
            if name not in names or name == "locale":
                continue
            try:
                field = queryset.model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            if isinstance(field, TaggableManager) or field.get_internal_type() == "BooleanField":
                continue  # Wagtail parses these itself
            target = field.target_field if field.many_to_one else field
            try:
                converted = target.to_python(value)
            except (ValidationError, ValueError, TypeError):
                raise BadRequestError(f"{name}: {value[:50]!r} is not a valid value") from None
            if isinstance(converted, int) and not -params.MAX_ID <= converted <= params.MAX_ID:
                raise BadRequestError(f"{name}: out of range")
        return super().filter_queryset(request, queryset, view)


def checked(backends):
    return [CheckedFieldsFilter if backend is FieldsFilter else backend for backend in backends]


class OpenForReading(CheckedParameters):
    """CORS: any site may GET; nothing here needs credentials."""

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
        return response


class KepuPagesAPIViewSet(OpenForReading, PagesAPIViewSet):
    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(["channel"])
    filter_backends = checked(PagesAPIViewSet.filter_backends)

    def get_base_queryset(self):
        # Wagtail's is live() and public(); public() again by the project's one rule
        # (content/restrictions.py: aliases of restricted pages too), as a plain pk
        # filter that the search backend behind ?search= can apply.
        return super().get_base_queryset().filter(pk__in=public(Page.objects.all()).values("pk"))

    def get_queryset(self):
        queryset = super().get_queryset()
        slug = self.request.GET.get("channel")
        if slug:
            channels = public(ChannelPage.objects.live()).filter(topic__slug=slug)
            if not channels.exists():
                raise BadRequestError("channel doesn't exist")
            inside = Q()
            for channel in channels:
                inside |= Q(path__startswith=channel.path, depth__gt=channel.depth)
            queryset = queryset.filter(inside)
        return queryset


def used_by_live_pages(model):
    """Primary keys of ``model`` objects that a live, public page refers to."""
    pages = public(Page.objects.live()).values_list("pk", flat=True)
    references = ReferenceIndex.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        to_content_type=ContentType.objects.get_for_model(model),
        object_id__in=[str(pk) for pk in pages],
    )
    return references.values_list("to_object_id", flat=True)


class KepuImagesAPIViewSet(OpenForReading, ImagesAPIViewSet):
    filter_backends = checked(ImagesAPIViewSet.filter_backends)

    def get_queryset(self):
        model = get_image_model()
        return model.objects.filter(pk__in=list(used_by_live_pages(model))).order_by("id")


class KepuDocumentsAPIViewSet(OpenForReading, DocumentsAPIViewSet):
    filter_backends = checked(DocumentsAPIViewSet.filter_backends)

    def get_queryset(self):
        model = get_document_model()
        return model.objects.filter(pk__in=list(used_by_live_pages(model))).order_by("id")


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", KepuPagesAPIViewSet)
api_router.register_endpoint("images", KepuImagesAPIViewSet)
api_router.register_endpoint("documents", KepuDocumentsAPIViewSet)
