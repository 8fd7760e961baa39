"""The editorial set-up: per-language teams, media collections, review workflows.

Everything here is Wagtail's own machinery (groups, page and collection permissions,
workflows, tasks), configured in code so that every installation gets the same rules.
``setup_editorial()`` is idempotent: run again, it adds what is missing and resets the
permissions of the groups it owns to what this file says, leaving users and anything
else an administrator created alone.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from cms import languages
from content.models import HomePage, ReviewTask

TEAM = {"zh-hans": "中文", "bo": "藏文", "mn": "蒙古文"}
REVIEWERS = "科学审核员"
SITE_ADMINS = "站点管理员"
SHARED_COLLECTION = "公共图片与视频"
EMERGENCY_TOPIC = "emergency"

EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "lock_page"]
SENIOR_PAGE_PERMISSIONS = EDITOR_PAGE_PERMISSIONS + ["publish_page", "unlock_page"]
ADMIN_PAGE_PERMISSIONS = SENIOR_PAGE_PERMISSIONS + ["bulk_delete_page"]
# Scientific reviewers hold no page permission: each would add up with a senior editor's
# for someone in both groups. Their Pages menu comes from content/editorial/page_policy.py.
REVIEWER_PAGE_PERMISSIONS = []
MEDIA_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
    ("kepu_media", "add_video"),
    ("kepu_media", "change_video"),
    ("kepu_media", "choose_video"),
    ("kepu_media", "add_narration"),
    ("kepu_media", "change_narration"),
    ("kepu_media", "choose_narration"),
]
CHOOSE_ONLY = [
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "choose_document"),
    ("kepu_media", "choose_video"),
    ("kepu_media", "choose_narration"),
]
ADMIN_ACCESS = [("wagtailadmin", "access_admin")]
READ_SNIPPETS = [("content", "view_glossaryterm"), ("content", "view_topic")]


def editors_group(code):
    return f"{TEAM[code]}编辑"


def seniors_group(code):
    return f"{TEAM[code]}高级编辑"


def collection_name(code):
    return f"{TEAM[code]}图片与视频"


def review_workflow_name(code):
    return f"{TEAM[code]}审核流程"


def fast_track_workflow_name(code):
    return f"{TEAM[code]}应急快速通道"


def editorial_task_name(code):
    return f"{TEAM[code]}编辑部审核（{TEAM[code]}高级编辑）"


SCIENCE_TASK = "科学审核"


@transaction.atomic
def setup_editorial():
    root_collection = Collection.get_first_root_node() or Collection.add_root(name="Root")
    shared = _collection(root_collection, SHARED_COLLECTION)
    reviewers = _group(REVIEWERS, ADMIN_ACCESS + READ_SNIPPETS)
    science = _task(SCIENCE_TASK, [reviewers], reviewers_edit=False)

    for lang in languages.LANGUAGES:
        home = HomePage.objects.filter(locale__language_code=lang.code).first()
        if home is None:
            raise RuntimeError(f"No home page for {lang.code}: run setup_site first.")
        collection = _collection(root_collection, collection_name(lang.code))
        editors = _group(editors_group(lang.code), ADMIN_ACCESS + READ_SNIPPETS)
        seniors = _group(seniors_group(lang.code), ADMIN_ACCESS + READ_SNIPPETS)
        _page_permissions(editors, home, EDITOR_PAGE_PERMISSIONS)
        _page_permissions(seniors, home, SENIOR_PAGE_PERMISSIONS)
        for group in (editors, seniors):
            _collection_permissions(group, {collection: MEDIA_PERMISSIONS, shared: CHOOSE_ONLY})

        editorial = _task(editorial_task_name(lang.code), [seniors], reviewers_edit=True)
        review = _workflow(review_workflow_name(lang.code), [editorial, science])
        WorkflowPage.objects.update_or_create(page=home, defaults={"workflow": review})
        _workflow(fast_track_workflow_name(lang.code), [editorial])

    admins = _group(SITE_ADMINS, [])
    admins.permissions.set(Permission.objects.all())
    root_page = Page.get_first_root_node()
    _page_permissions(reviewers, root_page, REVIEWER_PAGE_PERMISSIONS)
    _page_permissions(admins, root_page, ADMIN_PAGE_PERMISSIONS)
    _collection_permissions(
        admins,
        {
            root_collection: MEDIA_PERMISSIONS
            + [
                ("wagtailimages", "delete_image"),
                ("wagtaildocs", "delete_document"),
                ("kepu_media", "delete_video"),
                ("kepu_media", "delete_narration"),
            ]
        },
    )


def fast_track_workflow(code):
    return Workflow.objects.get(name=fast_track_workflow_name(code))


def _permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _group(name, permissions):
    group, _ = Group.objects.get_or_create(name=name)
    group.permissions.set([_permission(app, code) for app, code in permissions])
    return group


def _collection(root, name):
    existing = root.get_children().filter(name=name).first()
    return existing or root.add_child(instance=Collection(name=name))


def _page_permissions(group, page, codenames):
    GroupPagePermission.objects.filter(group=group).exclude(page=page).delete()
    wanted = [_permission("wagtailcore", code) for code in codenames]
    GroupPagePermission.objects.filter(group=group, page=page).exclude(
        permission__in=wanted
    ).delete()
    for permission in wanted:
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)


def _collection_permissions(group, by_collection):
    GroupCollectionPermission.objects.filter(group=group).exclude(
        collection__in=list(by_collection)
    ).delete()
    for collection, permissions in by_collection.items():
        wanted = [_permission(app, code) for app, code in permissions]
        GroupCollectionPermission.objects.filter(group=group, collection=collection).exclude(
            permission__in=wanted
        ).delete()
        for permission in wanted:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission=permission
            )


def _task(name, groups, reviewers_edit):
    task = ReviewTask.objects.filter(name=name).first()
    if task is None:
        task = ReviewTask.objects.create(name=name, reviewers_edit=reviewers_edit)
    elif task.reviewers_edit != reviewers_edit or not task.active:
        task.reviewers_edit, task.active = reviewers_edit, True
        task.save()
    task.groups.set(groups)
    return task


def _workflow(name, tasks):
    workflow, _ = Workflow.objects.get_or_create(name=name, defaults={"active": True})
    current = [
        wt.task_id for wt in WorkflowTask.objects.filter(workflow=workflow).order_by("sort_order")
    ]
    if current != [task.pk for task in tasks]:
        WorkflowTask.objects.filter(workflow=workflow).delete()
        for order, task in enumerate(tasks):
            WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=order)
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    return workflow


def can_translate(source, code, user):
    """Whether ``user`` may start a ``code`` translation of ``source`` now: a senior
    editor of ``code``, and a source that is published (a translation copies what
    readers were shown, never another team's unpublished draft)."""
    return is_published(source) and may_translate_into(source, code, user)


def is_published(page):
    return page is not None and page.live and page.live_revision_id is not None


def may_translate_into(source, code, user):
    """Senior editors of ``code`` (those who may publish in its tree) start translations."""
    if source is None or source.locale.language_code == code:
        return False
    try:
        parent = source.get_parent().get_translation(Locale.objects.get(language_code=code))
    except (Page.DoesNotExist, Locale.DoesNotExist):
        return False
    # The "publish" permission on the target tree (a senior editor's), not
    # can_publish_subpage(): that is False wherever review is required
    # (content/publish_gate.py), and the translation is a draft that goes through review.
    return parent.permissions_for_user(user).has_publish_permission()


def is_emergency(page):
    parent = page.get_parent().specific
    return getattr(getattr(parent, "topic", None), "slug", None) == EMERGENCY_TOPIC


# Demo accounts (`seed_demo`) get addresses under a reserved domain that never
# delivers: review notifications are written to the console under `make run`, and an
# SMTP server configured by mistake cannot mail a stranger.
DEMO_MAIL_DOMAIN = "demo.kepu.invalid"


def demo_address(username):
    return f"{username}@{DEMO_MAIL_DOMAIN}"
