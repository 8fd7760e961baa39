"""Where each article stands in each language: missing, draft, in review, published,
outdated — or, for a translation whose source was deleted, "source deleted".

A translation group is the set of pages sharing a ``translation_key``. Its source is the
page that is not a translation (it has no TranslationRecord); when several qualify, the
default language's page, else the oldest. "Outdated" wins over the other states because
it is the one that asks for work: the source was published again after the translation
was made, whatever the translation's own state.
"""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page, WorkflowState

from cms import languages
from content.models import ArticlePage, ChannelPage, TranslationRecord, VideoPage
from content.readable import may_read

MISSING, DRAFT, IN_REVIEW, PUBLISHED, OUTDATED, SOURCE_DELETED = (
    "missing",
    "draft",
    "in_review",
    "published",
    "outdated",
    "source_deleted",
)
STATES = (MISSING, DRAFT, IN_REVIEW, PUBLISHED, OUTDATED, SOURCE_DELETED)
LABELS = {
    MISSING: _("missing"),
    DRAFT: _("draft"),
    IN_REVIEW: _("in review"),
    PUBLISHED: _("published"),
    OUTDATED: _("outdated"),
    SOURCE_DELETED: _("source deleted"),
}


@dataclass
class Cell:
    code: str
    state: str
    page: Page | None = None

    @property
    def label(self):
        return LABELS[self.state]


@dataclass
class Row:
    source: Page | None  # None: the source was deleted
    title: str
    locale: str
    channel: str
    cells: dict = field(default_factory=dict)  # language code -> Cell (other languages)


def rows(channel=None, language=None, state=None, user=None):
    """Status rows, newest source first, filtered by channel slug, language and state.

    With ``user``, only what that user may read (content/readable.py): no row whose
    source is another team's draft, and another team's draft translation shows as its
    state alone (no title, no link)."""
    pages = list(
        Page.objects.type(ArticlePage, VideoPage)
        .select_related(
            "locale",
            "translation_record__source__live_revision",
            "translation_record__source_revision",
        )
        .order_by("-latest_revision_created_at", "-pk")
    )
    in_review = _pages_in_review(pages)
    channels = {c.path: c.topic.slug for c in ChannelPage.objects.select_related("topic")}
    groups = {}
    for page in pages:
        groups.setdefault(page.translation_key, []).append(page)

    result = []
    for group in groups.values():
        row = _row(group, in_review, channels)
        if user is not None and not _readable_row(row, group, user):
            continue
        if channel and row.channel != channel:
            continue
        if language:
            row.cells = {code: cell for code, cell in row.cells.items() if code == language}
        if state and not any(cell.state == state for cell in row.cells.values()):
            continue
        if row.cells:
            result.append(row)
    return result


def _readable_row(row, group, user):
    """Whether ``user`` may see ``row`` at all; hides the pages of its cells they may not
    read (the state stays: other teams need to know a translation is under way)."""
    if row.source is not None and not may_read(user, row.source):
        return False
    if row.source is None and not any(may_read(user, page) for page in group):
        return False
    for cell in row.cells.values():
        if cell.page is not None and not may_read(user, cell.page):
            cell.page = None
    return True


def cells_for(page):
    """The status of every other language of ``page``'s group (for the edit view)."""
    group = list(
        Page.objects.filter(translation_key=page.translation_key)
        .type(ArticlePage, VideoPage)
        .select_related(
            "locale",
            "translation_record__source__live_revision",
            "translation_record__source_revision",
        )
    )
    channels = {c.path: c.topic.slug for c in ChannelPage.objects.select_related("topic")}
    return _row(group, _pages_in_review(group), channels)


def source_of(page):
    """The page ``page`` was translated from, or None (an original, or source deleted)."""
    record = TranslationRecord.objects.filter(translation=page).select_related("source").first()
    if record is not None:
        return record.source and record.source.specific
    group = Page.objects.filter(translation_key=page.translation_key).exclude(pk=page.pk)
    fallback = _pick_source(
        [p for p in group.type(ArticlePage, VideoPage).select_related("locale")] + [page]
    )
    return None if fallback is None or fallback.pk == page.pk else fallback.specific


def _row(group, in_review, channels):
    source = _pick_source(group)
    if source is None:
        record = _record(group[0])
        row = Row(None, record.source_title if record else group[0].title, "", "")
        for page in group:
            row.cells[page.locale.language_code] = Cell(
                page.locale.language_code, SOURCE_DELETED, page
            )
            row.channel = row.channel or channels.get(page.path[: -Page.steplen], "")
        return row
    code = source.locale.language_code
    row = Row(source, source.title, code, channels.get(source.path[: -Page.steplen], ""))
    by_locale = {page.locale.language_code: page for page in group if page.pk != source.pk}
    for lang in languages.LANGUAGES:
        if lang.code == code:
            continue
        page = by_locale.get(lang.code)
        row.cells[lang.code] = Cell(lang.code, _state(page, source, in_review), page)
    return row


def group_sources(keys):
    """{translation_key: source page} for the articles and videos of the translation
    groups ``keys``, by the rule of ``source_of``; None for a group whose source was
    deleted. In one query, for listings and exports."""
    groups = {}
    pages = (
        Page.objects.filter(translation_key__in=keys)
        .type(ArticlePage, VideoPage)
        .select_related("locale", "translation_record")
        .order_by("pk")
    )
    for page in pages:
        groups.setdefault(page.translation_key, []).append(page)
    return {key: _pick_source(group) for key, group in groups.items()}


def _pick_source(group):
    """The one rule for a group's source: a page without a translation record (made as
    an original, not translated), the default language's first, then the oldest."""
    originals = [page for page in group if _record(page) is None]
    if not originals:
        return None
    return min(originals, key=lambda p: (p.locale.language_code != languages.DEFAULT, p.pk))


def _record(page):
    try:
        return page.translation_record
    except TranslationRecord.DoesNotExist:
        return None


def _state(page, source, in_review):
    if page is None:
        return MISSING
    record = _record(page)
    if record is not None:
        outdated = record.source_changed
    else:
        # Made outside the tracked path (e.g. a plain copy): compare dates instead.
        outdated = bool(
            source.last_published_at
            and page.latest_revision_created_at
            and source.last_published_at > page.latest_revision_created_at
        )
    if outdated:
        return OUTDATED
    if page.pk in in_review:
        return IN_REVIEW
    if page.live:
        return PUBLISHED
    return DRAFT


def _pages_in_review(pages):
    if not pages:
        return set()
    page_type = ContentType.objects.get_for_model(Page)
    ids = (
        WorkflowState.objects.active()
        .filter(base_content_type=page_type, object_id__in=[str(p.pk) for p in pages])
        .values_list("object_id", flat=True)
    )
    return {int(pk) for pk in ids}
