"""What a user may read of the page tree in the admin: one rule, used by every admin
view that lists pages (the page chooser, the explorer and admin search, bulk action
pages, reports, the translation report, usage views, the admin API).

A team reads its own tree (the pages under which its groups hold page permissions:
drafts and all), plus other teams' *live* pages under their live titles (public
anyway, and translators need them). Scientific reviewers also read what is in review
for them. Site administrators (permissions on the root) and superusers read all.
Other teams' drafts, and the unpublished titles of their live pages, never appear.

The admin asks a page for its title (``get_admin_display_title()``) without saying for
whom, so ``ReaderMiddleware`` remembers the request for its length, and
``display_title()`` answers for its user.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from wagtail.models import Page, TaskState
from wagtail.permission_policies.pages import PagePermissionPolicy

_current = ContextVar("kepu_request", default=None)

# A team's own tree is where it may write (adding or changing pages).
WRITING = {"add_page", "change_page"}


class Reader:
    """What one user may read, worked out once per request (a few queries)."""

    def __init__(self, user):
        self.user = user
        policy = PagePermissionPolicy()
        if not (user and user.is_authenticated and user.is_active):
            self.everything, self.roots, self.reviewing = False, (), frozenset()
            return
        self.roots = tuple(
            sorted(
                {
                    perm.page.path
                    for perm in _permissions(policy, user)
                    if perm.permission.codename in WRITING
                }
            )
        )
        self.everything = user.is_superuser or any(len(p) == Page.steplen for p in self.roots)
        self.reviewing = frozenset()
        if not self.everything:
            states = TaskState.objects.reviewable_by(user).filter(
                workflow_state__base_content_type=ContentType.objects.get_for_model(Page)
            )
            ids = states.values_list("workflow_state__object_id", flat=True)
            self.reviewing = frozenset(int(pk) for pk in ids)

    def q(self):
        """A filter for the pages this user may read."""
        q = Q(live=True) | Q(pk__in=self.reviewing)
        for root in self.roots:
            q |= Q(path__startswith=root)
        return q

    def may_read_draft(self, page):
        return (
            self.everything
            or page.pk in self.reviewing
            or any(page.path.startswith(root) for root in self.roots)
        )

    def filter(self, queryset):
        return queryset if self.everything else queryset.filter(self.q())


def _permissions(policy, user):
    return policy.get_cached_permissions_for_user(user)


def reader_for(user):
    """The Reader of ``user``, kept on the user object for the request."""
    reader = getattr(user, "_kepu_reader", None)
    if reader is None:
        reader = Reader(user)
        if user is not None:
            user._kepu_reader = reader
    return reader


def readable_pages(user, queryset=None):
    """``queryset`` (all pages by default) narrowed to what ``user`` may read."""
    if queryset is None:
        queryset = Page.objects.all()
    return reader_for(user).filter(queryset)


def may_read(user, page):
    """Whether ``user`` may see ``page`` listed (live, or a draft they may read)."""
    return page.live or reader_for(user).may_read_draft(page)


@contextmanager
def for_nobody_in_particular():
    """Titles outside the current request's user: review e-mails go to the people the
    draft is for (its reviewers, its submitter), not to whoever triggered them."""
    token = _current.set(None)
    try:
        yield
    finally:
        _current.reset(token)


def current_request():
    """The admin request being answered (None outside one), for code Wagtail calls
    without it, such as a review task's ``on_action()``."""
    return _current.get()


def display_title(page):
    """The title the admin shows for ``page`` to the current admin user: the draft
    title to those who may read the draft, the live title to everyone else."""
    request = _current.get()
    user = getattr(request, "user", None)  # (only looked at when a title is asked for)
    if user is None or not user.is_authenticated or reader_for(user).may_read_draft(page):
        return page.draft_title or page.title
    return page.title if page.live else "—"


class ReaderMiddleware:
    """Remembers who is asking during an admin request (for ``display_title()``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current.set(request)
        try:
            response = self.get_response(request)
        finally:
            _current.reset(token)
        if response.streaming and not response.is_async and request.path.startswith("/admin/"):
            # Spreadsheet exports render their rows (and titles) while streaming.
            response.streaming_content = _streamed(request, response.streaming_content)
        return response


def _streamed(request, chunks):
    chunks = iter(chunks)
    while True:
        token = _current.set(request)
        try:
            chunk = next(chunks)
        except StopIteration:
            return
        finally:
            _current.reset(token)
        yield chunk
