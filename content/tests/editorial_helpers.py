"""Users of each editorial role, and the form data the page editor posts."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from content import publish_gate
from content.editorial import teams


def member(role, code=None):
    """A user in the group of ``role`` ("editor", "senior", "reviewer", "admin") for ``code``."""
    group = {
        "editor": lambda: teams.editors_group(code),
        "senior": lambda: teams.seniors_group(code),
        "reviewer": lambda: teams.REVIEWERS,
        "admin": lambda: teams.SITE_ADMINS,
    }[role]()
    username = f"{role}-{code or 'all'}"
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        user = get_user_model().objects.create_user(username, f"{username}@example.org", "pw")
        user.groups.add(Group.objects.get(name=group))
    return user


def colleague(code):
    """A second senior editor of ``code``: nobody approves their own submission."""
    user = get_user_model().objects.filter(username=f"senior-{code}-2").first()
    if user is None:
        user = get_user_model().objects.create_user(f"senior-{code}-2", password="pw")
        user.groups.add(Group.objects.get(name=teams.seniors_group(code)))
    return user


def superuser():
    user = get_user_model().objects.filter(username="chief").first()
    return user or get_user_model().objects.create_superuser("chief", "chief@example.org", "pw")


def user_for(role, code):
    """A member of ``role`` in ``code``'s team, or the superuser for "superuser"."""
    return superuser() if role == "superuser" else member(role, code)


def post_edit(client, page, user, action, **fields):
    """The editor's form posted with ``action`` by ``user`` (a superuser's publish with
    the reason the publish gate asks for)."""
    client.force_login(user)
    if action == "publish":
        fields.setdefault("override_reason", "测试")
    return client.post(f"/admin/pages/{page.pk}/edit/", article_form(page, action, **fields))


def review(client, page, editor, senior, **fields):
    """``page`` through its whole review: submitted, approved by ``senior`` and by a
    scientific reviewer."""
    submit(client, page, editor, **fields)
    act(client, page, senior, "approve")
    act(client, page, member("reviewer"), "approve")
    page.refresh_from_db()
    return page


def article_form(page, action=None, **fields):
    """What the article editor posts, for ``page`` with ``fields`` changed."""
    data = {
        "title": page.title,
        "slug": page.slug,
        "summary": page.summary,
        # The house rules (content/house_rules.py): an article names its sources.
        "body": streamfield(
            [
                ("paragraph", rich_text(f"<p>{page.summary}</p>")),
                ("sources", sources_form([page.author or page.title])),
            ]
        ),
        "author": page.author,
        "reviewer": page.reviewer,
        "lead_image": "",
        "comments": inline_formset([]),
        **fields,
    }
    if action:
        data[f"action-{action}"] = "1"
    return nested_form_data(data)


def sources_form(titles):
    """A sources block's form data (a ListBlock): one source per title."""
    items = {
        str(i): {
            "value": {"title": title, "publisher": "", "url": ""},
            "deleted": "",
            "order": str(i),
            "id": "",
        }
        for i, title in enumerate(titles)
    }
    return {"count": str(len(titles)), **items}


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


SECRET = "尚未发布的草稿秘密"


def republish(page, **fields):
    """A new published revision of ``page`` with ``fields`` (reviewed content, published
    as an operator would)."""
    for name, value in fields.items():
        setattr(page, name, value)
    with publish_gate.operator("test"):
        page.save_revision().publish()
    page.refresh_from_db()


def draft_with_secret(page):
    """A draft of ``page`` after its live version, with ``SECRET`` in its title, summary
    and body: text nobody outside the team may read, nor any translation copy."""
    draft = page.get_latest_revision_as_object()
    draft.title = f"{SECRET}标题"
    draft.summary = f"{SECRET}摘要"
    draft.body = [("paragraph", f"<p>{SECRET}正文</p>")]
    draft.save_revision()
    page.refresh_from_db()
