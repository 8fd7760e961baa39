"""Say why: when the admin refuses something, name who can do it instead; after a review
decision, say what happened.

Wagtail answers a refused admin page with a redirect to the dashboard and "Sorry, you
do not have permission to access this area." (对不起，你没有权限访问。). A Chinese senior
editor who opens a missing Mongolian translation learns nothing from that. Every
refusal inside an admin view passes through ``wagtail.admin.auth.permission_denied``
(its ``require_admin_access`` catches ``PermissionDenied`` from any admin view and calls
it), so ``install()`` wraps that one function: for the page views whose rule we know
(another team's page, adding under it, unpublishing, moving, deleting, creating a
translation) the message names the groups that hold the permission, read from the
group page permissions themselves, and, for a site administrator, their members. Other
refusals keep Wagtail's message.

Messages are in the admin user's language (their Wagtail profile's, else the site's):
English msgids, Chinese in the catalogue, like Wagtail's own strings.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from wagtail.models import GroupPagePermission, Locale, Page

from cms import languages
from content.editorial import teams
from content.models import HomePage
from content.readable import current_request, may_read
from content.tree import ROOT_DEPTH

# What each refused admin view needed, by URL name: the page permission codenames
# (any of them), and which kind of refusal it is.
EDIT = ("edit", ("add_page", "change_page"))
ADD = ("add", ("add_page",))
LEAD = ("lead", ("publish_page",))
VIEWS = {
    **dict.fromkeys(
        (
            "edit",
            "preview_on_edit",
            "view_draft",
            "history",
            "history_results",
            "revisions_index",
            "revisions_view",
            "revisions_compare",
            "revisions_revert",
            "workflow_history",
            "workflow_history_detail",
            "lock",
            "copy",
            "convert_alias",
        ),
        EDIT,
    ),
    **dict.fromkeys(("add", "add_subpage", "preview_on_add"), ADD),
    **dict.fromkeys(
        (
            "unpublish",
            "move",
            "move_confirm",
            "set_page_position",
            "delete",
            "set_privacy",
            "unlock",
            "revisions_unschedule",
        ),
        LEAD,
    ),
}
# The actions of a tree's senior editors, as a verb phrase for "Only … can %(action)s …".
LEAD_ACTIONS = {
    "unpublish": pgettext_lazy("refused page action", "unpublish"),
    "move": pgettext_lazy("refused page action", "move"),
    "move_confirm": pgettext_lazy("refused page action", "move"),
    "set_page_position": pgettext_lazy("refused page action", "reorder"),
    "delete": pgettext_lazy("refused page action", "delete"),
    "set_privacy": pgettext_lazy("refused page action", "change the privacy of"),
    "unlock": pgettext_lazy("refused page action", "unlock"),
    "revisions_unschedule": pgettext_lazy(
        "refused page action", "cancel the scheduled publication of"
    ),
}


def admin_language(user):
    """The language the admin speaks to ``user``: Wagtail's profile setting, else the site's."""
    from wagtail.users.models import UserProfile

    preferred = UserProfile.get_for_user(user).preferred_language if user.is_authenticated else ""
    return preferred or settings.LANGUAGE_CODE


def tree_name(page):
    """The name of the language tree ``page`` is in, in the current language."""

    code = page.locale.language_code
    if translation.get_language().startswith("zh"):
        return teams.TEAM.get(code, code)
    return languages.BY_CODE[code].name_en if code in languages.BY_CODE else code


def groups_holding(page, codenames):
    """The groups holding any of ``codenames`` on ``page`` or above it: the team that
    owns that tree first, the site administrators (on the root) last."""
    rows = (
        GroupPagePermission.objects.filter(
            page__in=page.get_ancestors(inclusive=True), permission__codename__in=codenames
        )
        .select_related("group")
        .order_by("-page__depth", "group__name")
    )
    seen, groups = set(), []
    for row in rows:
        if row.group_id not in seen:
            seen.add(row.group_id)
            groups.append(row.group)
    # Groups nobody is in (Wagtail's own "Editors" and "Moderators", made by its first
    # migration) help nobody; if no group has anyone, naming the groups still says
    # whom an administrator should add people to.
    staffed = set(
        Group.objects.filter(pk__in=seen, user__is_active=True).values_list("pk", flat=True)
    )
    return [group for group in groups if group.pk in staffed] or groups


def is_site_admin(user):

    return user.is_superuser or user.groups.filter(name=teams.SITE_ADMINS).exists()


def members(groups, limit=8):
    """Who is in ``groups``: "name (username)" for each active member, at most ``limit``."""
    users = (
        get_user_model()
        .objects.filter(is_active=True, groups__in=groups)
        .distinct()
        .order_by("username")
    )
    names = [(u.get_full_name() or u.get_username()) for u in users[: limit + 1]]
    if len(names) > limit:
        names = names[:limit] + ["…"]
    return names


def who(groups, viewer):
    """The groups (and, for a site administrator, their members) as one phrase."""
    text = _(", ").join(group.name for group in groups)
    if viewer is not None and is_site_admin(viewer):
        people = members(groups)
        if people:
            text += _(" (members: %(people)s)") % {"people": _(", ").join(people)}
    return text


def translators(code, viewer=None):
    """Who may create ``code`` translations: the holders of "publish" on that
    language's tree (its senior editors, and the site administrators)."""

    home = HomePage.objects.filter(locale__language_code=code).first()
    if home is None:
        return ""
    return who(groups_holding(home, ("publish_page",)), viewer)


def explain(request):
    """The reason for refusing ``request``, naming who can; None when we cannot say."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return None
    user = request.user
    if match.url_name == "kepu_translate":
        return _explain_translation(match.kwargs, user)
    if match.namespace != "wagtailadmin_pages" or match.url_name not in VIEWS:
        return None
    page_id = match.kwargs.get("page_id") or match.kwargs.get("parent_page_id")
    page = Page.objects.filter(pk=page_id).exclude(depth=ROOT_DEPTH).first()
    if page is None:
        return None
    kind, codenames = VIEWS[match.url_name]
    groups = groups_holding(page, codenames)
    if not groups:
        return None
    page = page.specific_deferred

    values = {"groups": who(groups, user), "tree": tree_name(page)}
    if may_read(user, page):
        values["title"] = page.get_admin_display_title()
    if kind == "add":
        if "title" in values:
            return _("Only %(groups)s can add pages under “%(title)s” (%(tree)s pages).") % values
        return _("Only %(groups)s can add pages here (%(tree)s pages).") % values
    if kind == "lead":
        values["action"] = str(LEAD_ACTIONS[match.url_name])
        if "title" in values:
            return _("Only %(groups)s can %(action)s “%(title)s” (%(tree)s pages).") % values
        return _("Only %(groups)s can %(action)s this page (%(tree)s pages).") % values
    if "title" in values:
        return (
            _("“%(title)s” is in the %(tree)s pages: only %(groups)s can open or edit it.") % values
        )
    return _("This page is in the %(tree)s pages: only %(groups)s can open or edit it.") % values


def _explain_translation(kwargs, user):

    code = kwargs.get("code")
    source = Page.objects.filter(pk=kwargs.get("page_id")).first()
    if source is None or not Locale.objects.filter(language_code=code).exists():
        return None
    groups = translators(code, user)
    if not groups:
        return None

    language = (
        teams.TEAM.get(code, code)
        if translation.get_language().startswith("zh")
        else languages.BY_CODE[code].name_en
    )
    values = {"groups": groups, "language": language}
    source = source.specific_deferred
    if may_read(user, source):
        values["title"] = source.get_admin_display_title()
        return _("Only %(groups)s can create the %(language)s translation of “%(title)s”.") % values
    return _("Only %(groups)s can create %(language)s translations.") % values


def install():
    """Wrap Wagtail's refusal (once) so that it says who can, where we know."""
    from wagtail.admin import auth

    if getattr(auth.permission_denied, "kepu_says_why", False):
        return
    wagtail_refusal = auth.permission_denied

    def permission_denied(request):
        if request.headers.get("x-requested-with") == "XMLHttpRequest":
            raise PermissionDenied
        with translation.override(admin_language(request.user)):
            why = explain(request)
        if why is None:
            return wagtail_refusal(request)
        messages.error(request, why)
        return redirect("wagtailadmin_home")

    permission_denied.kepu_says_why = True
    auth.permission_denied = permission_denied


# After a review decision (content/models/editorial.py, ReviewTask.on_action, runs it as
# a hook: content/wagtail_hooks.py): one line that says what happened, on the page the
# reviewer lands on next.


def confirm_review_action(task_state, action_name):

    request = current_request()
    if request is None or action_name not in ("approve", "reject"):
        return
    state = task_state.workflow_state
    state.refresh_from_db()
    page = state.content_object
    if not isinstance(page, Page):  # a workflow on a snippet: Wagtail's own message
        return
    page = page.specific
    # The title of the revision just decided on, which the decider was shown (after the
    # decision a reviewer may no longer read the page's draft: content/readable.py).
    revision = task_state.revision
    values = {"title": revision.object_str if revision else page.get_admin_display_title()}
    if action_name == "reject":
        author = state.requested_by
        values["author"] = (author.get_full_name() or author.get_username()) if author else "—"
        message = _("Returned “%(title)s” to its author %(author)s for changes.") % values
    elif state.status == state.STATUS_APPROVED:
        if page.live and not page.has_unpublished_changes:
            message = _("Approved “%(title)s”: it is published.") % values
        else:
            scheduled = page.revisions.filter(approved_go_live_at__isnull=False).order_by(
                "approved_go_live_at"
            )
            when = scheduled.values_list("approved_go_live_at", flat=True).first()
            if when is None:
                message = _("Approved “%(title)s”.") % values
            else:
                values["when"] = timezone.localtime(when).strftime("%Y-%m-%d %H:%M")
                message = _("Approved “%(title)s”: it will be published at %(when)s.") % values
    else:
        following = state.current_task_state
        task = following.task.specific if following is not None else None
        if task is None:
            message = _("Approved “%(title)s”.") % values
        else:
            values["task"] = task.name
            values["groups"] = _(", ").join(
                g.name for g in Group.objects.filter(pk__in=task.groups.values("pk"))
            )
            message = _("Approved “%(title)s”: it now awaits “%(task)s” (%(groups)s).") % values
    messages.success(request, message)
