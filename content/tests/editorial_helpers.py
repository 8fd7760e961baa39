"""Users of each editorial role, and the form data the page editor posts."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from content import editorial


def member(role, code=None):
    """A user in the group of ``role`` ("editor", "senior", "reviewer", "admin") for ``code``."""
    group = {
        "editor": lambda: editorial.editors_group(code),
        "senior": lambda: editorial.seniors_group(code),
        "reviewer": lambda: editorial.REVIEWERS,
        "admin": lambda: editorial.SITE_ADMINS,
    }[role]()
    username = f"{role}-{code or 'all'}"
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        user = get_user_model().objects.create_user(username, f"{username}@example.org", "pw")
        user.groups.add(Group.objects.get(name=group))
    return user


def article_form(page, action=None, **fields):
    """What the article editor posts, for ``page`` with ``fields`` changed."""
    data = {
        "title": page.title,
        "slug": page.slug,
        "summary": page.summary,
        "body": streamfield([("paragraph", rich_text(f"<p>{page.summary}</p>"))]),
        "author": page.author,
        "reviewer": page.reviewer,
        "lead_image": "",
        "comments": inline_formset([]),
        **fields,
    }
    if action:
        data[f"action-{action}"] = "1"
    return nested_form_data(data)


def denied(response):
    """Wagtail refuses a browser with a redirect to the dashboard and a message, and a
    script (XHR, API) with 403."""
    if response.status_code == 403:
        return True
    return response.status_code == 302 and response["Location"] in ("/admin/", "/admin")


def submit(client, page, user, **fields):
    client.force_login(user)
    response = client.post(f"/admin/pages/{page.pk}/edit/", article_form(page, "submit", **fields))
    assert response.status_code == 302, response.content[:500]
    page.refresh_from_db()
    return page.current_workflow_state


def act(client, page, user, action, comment=""):
    client.force_login(user)
    state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, state.pk))
    response = client.post(url, {"comment": comment})
    page.refresh_from_db()
    return response
