"""Which pages are public: no view restriction (password, login or groups) on the page,
on any of its ancestors, or, for an alias, on its source page or the source's ancestors.

The one rule every public output goes through (pages, listings, feeds, widgets, the
sitemap, search, the JSON API, oEmbed). It is decided by the database from the
restrictions and tree paths as they are at that moment, inside the query that lists or
loads the pages: nothing is cached, so nothing can go stale when a page or its parent
is moved, copied or aliased, or a restriction is added, changed or removed (an hour-long
cached list of restricted paths once let a moved private page out; docs/adr/
0012-private-pages-and-team-drafts.md).
"""

from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length, Substr

from wagtail.models import Page, PageViewRestriction


def _prefix_of(outer_path, restricted_path):
    """``restricted_path`` (a field of the restriction's side) is a tree-path prefix of
    ``outer_path`` (an OuterRef): the restricted page is that page or an ancestor."""
    return Q(**{restricted_path: Substr(outer_path, 1, Length(restricted_path))})


def restricting():
    """An Exists() true for the rows of a page queryset that are behind a restriction."""
    return Exists(
        PageViewRestriction.objects.filter(
            # The page itself or an ancestor is restricted …
            _prefix_of(OuterRef("path"), "page__path")
            # … or it is an alias whose source is (Wagtail serves an alias with its source's
            # restrictions; a copy of private text is still private text) …
            | _prefix_of(OuterRef("alias_of__path"), "page__path")
            # … or it sits below an alias of a restricted page (Wagtail resolves aliased
            # ancestors to their sources too).
            | _prefix_of(OuterRef("path"), "page__aliases__path")
        )
    )


def public(queryset):
    """``queryset`` (of any page model) without the pages a view restriction covers."""
    return queryset.exclude(restricting())


def ancestor_paths(path):
    step = Page.steplen
    return [path[:n] for n in range(step, len(path) + 1, step)]


def restrictions_for(page):
    """The restrictions that apply to ``page``, in one query: the same rule as
    ``public()``, from the page's own path."""
    chain = ancestor_paths(page.path)
    if page.alias_of_id is not None:
        source = Page.objects.filter(pk=page.alias_of_id).values_list("path", flat=True).first()
        chain += ancestor_paths(source or "")
    aliased = Page.objects.filter(path__in=chain, alias_of__isnull=False).values("alias_of")
    return PageViewRestriction.objects.filter(Q(page__path__in=chain) | Q(page__in=aliased))
