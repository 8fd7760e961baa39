"""`make run` is several processes: the server, the task workers and the scheduler, and
whoever runs a management command. A publish made by any of them (scheduled publishing,
`import_content`, a page deleted from `manage.py shell`) must purge the pages the server
keeps at once, not when they expire (issue 14, item 17): without REDIS_URL every process
shares one cache on disk (cms/settings/base.py).

The server here is gunicorn with two workers (two more processes with their own memory),
on the embedded default's caches; the scheduler and the shell run beside it.
"""

import urllib.error
import urllib.request

from content.models import ArticlePage

from .conftest import free_port, wait_until
from .test_scheduler_twice import scheduled_article


def get(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, ""


def start_server(shared_db, folder):
    """gunicorn on the shared database and the embedded default's caches; the
    environment every other process of the test needs to share them."""
    env = {
        "DJANGO_SETTINGS_MODULE": "tests.faults.shared_cache_settings",
        "KEPU_VAR_DIR": str(folder / "var"),
        "REDIS_URL": "",
    }
    port = free_port()
    shared_db.start(
        "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", "cms.wsgi",
        env={**env, "KEPU_BIND": f"127.0.0.1:{port}", "KEPU_WORKERS": "2"},
        name="gunicorn",
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    wait_until(lambda: answers(base + "/healthz"), 60, "gunicorn answers")
    return base, env


def answers(url):
    try:
        return get(url)[0] == 200
    except urllib.error.URLError:
        return False


def cached(base, path):
    """Ask until the answer comes from the page cache (each gunicorn worker has to be
    asked once at most: the cache is shared, so one miss is enough)."""
    for _ in range(4):
        status, headers, body = get(base + path)
        assert status == 200
        if headers["X-Kepu-Cache"] == "hit":
            return body
    raise AssertionError(f"{path} never came from the cache")


def test_a_scheduled_publish_and_a_deletion_from_the_shell_are_seen_at_once(
    shared_db, make_article, tmp_path
):
    revision = scheduled_article(make_article, slug="goes-live", title="定时发布的文章")
    doomed = make_article("zh-hans", slug="deleted-in-shell", title="在命令行删除的文章")
    channel = doomed.get_parent()
    shared_db.push()
    base, env = start_server(shared_db, tmp_path)

    for path in (channel.url, "/zh-hans/"):
        body = cached(base, path)
        assert "定时发布的文章" not in body and "在命令行删除的文章" in body

    scheduler = shared_db.manage("publish_due", env=env)
    assert scheduler.returncode == 0, scheduler.output
    for path in (channel.url, "/zh-hans/"):
        assert "定时发布的文章" in get(base + path)[2], path
    assert get(base + ArticlePage.objects.get(pk=revision.object_id).url)[0] == 200

    shell = shared_db.manage(
        "shell", "-c",
        f"from wagtail.models import Page; Page.objects.get(pk={doomed.pk}).delete()",
        env=env,
    )  # fmt: skip
    assert shell.returncode == 0, shell.output
    assert get(base + doomed.url)[0] == 404
    for path in (channel.url, "/zh-hans/"):
        assert "在命令行删除的文章" not in get(base + path)[2], path
