"""Two scheduler passes at the same moment (two `run_scheduler --once` processes, as when
the scheduler is scaled to two replicas, or a cron run meets the loop).

What an editor sees: each scheduled page goes live exactly once — one "published"
entry in its history, published at its approved revision, one search update queued —
and a page past its expiry is taken down once. Neither pass fails (on SQLite, neither
stops on "database is locked"). On PostgreSQL the two passes really run at once; on
SQLite they are two processes on one database file, as SQLite allows.
"""

from datetime import timedelta

from django_tasks_db.models import DBTaskResult

from django.utils import timezone

from wagtail.models import PageLogEntry, Revision

from content import publish_gate
from content.models import ArticlePage

from .conftest import output

SCHEDULED = 8  # enough pages that the two passes overlap whatever their start-up jitter


def search_updates(pk):
    return DBTaskResult.objects.filter(
        task_path="search.indexing.sync_pages", args_kwargs__args__0=[pk]
    ).count()


def scheduled_article(make_article, **fields):
    """An article approved for publishing at a go-live time that has just passed."""
    page = make_article(live=False, go_live_at=timezone.now() + timedelta(hours=1), **fields)
    revision = page.get_latest_revision()
    with publish_gate.operator("test"):  # approved (content/publish_gate.py) and scheduled
        revision.publish()  # go-live time ahead: not published yet
    page.refresh_from_db()
    assert not page.live and page.go_live_at
    # An hour later: the go-live time has passed (on the page, its revision and approval).
    past = timezone.now() - timedelta(minutes=1)
    content = {**revision.content, "go_live_at": past.isoformat()}
    ArticlePage.objects.filter(pk=page.pk).update(go_live_at=past)
    Revision.objects.filter(pk=revision.pk).update(approved_go_live_at=past, content=content)
    return revision


def test_two_passes_at_once_publish_each_page_once(shared_db, make_article):
    revisions = {}
    for n in range(SCHEDULED):
        revision = scheduled_article(make_article, slug=f"scheduled-{n}")
        revisions[revision.object_id] = revision
    expiring = make_article("bo", slug="expiring")
    ArticlePage.objects.filter(pk=expiring.pk).update(
        expire_at=timezone.now() - timedelta(minutes=1)
    )
    shared_db.push()

    passes = [
        shared_db.start("manage.py", "run_scheduler", "--once", name="scheduler") for _ in range(2)
    ]
    for process in passes:
        assert process.wait(120) == 0, output(process)
    shared_db.pull()

    for pk, revision in revisions.items():
        page = ArticlePage.objects.get(pk=int(pk))
        assert page.live and page.live_revision_id == revision.pk
        published = PageLogEntry.objects.filter(page_id=pk, action="wagtail.publish.scheduled")
        assert published.count() == 1, f"{page.slug} published {published.count()} times"
        assert page.revisions.count() == 1
        assert search_updates(page.pk) == 1
    expiring.refresh_from_db()
    assert not expiring.live and expiring.expired
    taken_down = PageLogEntry.objects.filter(
        page_id=expiring.pk, action="wagtail.unpublish.scheduled"
    )
    assert taken_down.count() == 1
    assert search_updates(expiring.pk) == 1
