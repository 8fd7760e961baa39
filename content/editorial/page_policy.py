"""Wagtail's page permission policy, with the explorable pages narrowed to a user's own
trees and what they review, and the Pages menu shown to scientific reviewers.

Wagtail answers "which pages may this user explore?" (``explorable_instances``) with
every page under any page permission of theirs, plus the ancestors. Its explorer, its
page search, the admin API and the site history report all start from that answer.
Here a user explores the trees they write in (content/readable.py), the pages waiting
for their review, and the live ancestors needed to walk down to those; site
administrators and superusers everything, as before.

Scientific reviewers hold no page permission at all: any one of them, added up with a
senior editor's permissions for someone in both groups, would grant an action (bulk
delete plus change is delete). Wagtail shows the Pages menu to a user it finds
"managing some page"; a reviewer is answered yes there, and their explorer starts at
the root, from which they see only the way down to the pages they review. Every action on a page is still decided by the page's own
permissions, which a reviewer does not have.
"""

from django.db.models import Q

from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import register_permission_policy

from content.editorial.teams import REVIEWERS
from content.readable import reader_for
from content.tree import ROOT_DEPTH


def _with_ancestors(paths):
    """``paths`` and every ancestor path of them (treebeard's fixed-width steps)."""
    found = set()
    for path in paths:
        for end in range(Page.steplen, len(path) + 1, Page.steplen):
            found.add(path[:end])
    return found


# The question behind Wagtail's Pages menu, dashboard page count and revision views
# (wagtail.admin.auth.user_has_any_page_permission): "does this user manage any page?"
ANY_PAGE_ROLE = {"add", "change", "publish", "bulk_delete", "lock", "unlock"}


def _reviews(user):
    """Whether ``user`` is a scientific reviewer; asked several times per admin page (menu,
    dashboard, explorer), so kept on the user object for the request, as Wagtail keeps
    its explorable root."""
    if not hasattr(user, "_kepu_reviews"):
        user._kepu_reviews = user.is_active and user.groups.filter(name=REVIEWERS).exists()
    return user._kepu_reviews


class TeamPagePolicy(PagePermissionPolicy):
    def user_has_any_permission(self, user, actions):
        if super().user_has_any_permission(user, actions):
            return True
        return set(actions) >= ANY_PAGE_ROLE and _reviews(user)

    def instances_with_direct_explore_permission(self, user):
        pages = list(super().instances_with_direct_explore_permission(user))
        if not pages and _reviews(user):
            # They start at the root and walk down the live pages above what they review
            # (explorable_instances): pages come and go from review every day.
            pages = [Page.get_first_root_node()]
        return pages

    def explorable_instances(self, user):
        reader = reader_for(user)
        if reader.everything:
            return super().explorable_instances(user)
        allowed = Q(pk__in=[])
        for root in reader.roots:
            allowed |= Q(path__startswith=root)
        reviewing = list(
            Page.objects.filter(pk__in=reader.reviewing).values_list("path", flat=True)
        )
        # The ancestors only to walk down: live ones (their titles are public), so that a
        # never-published channel of another team is not shown to its reviewer.
        ancestors = Q(path__in=_with_ancestors([*reader.roots, *reviewing]))
        allowed |= Q(pk__in=reader.reviewing) | (ancestors & (Q(live=True) | Q(depth=ROOT_DEPTH)))
        return Page.objects.filter(allowed)


def install():
    register_permission_policy(Page, TeamPagePolicy(Page))
