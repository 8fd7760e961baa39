"""PostgreSQL restarted under load: every server connection of the site's database is
ended with pg_terminate_backend (what a restart or fail-over does to the clients; the
shared cluster itself keeps running) while gunicorn, configured as in production
(deploy/gunicorn.conf.py, persistent connections: DATABASE_CONN_MAX_AGE=60), serves
readers.

What a reader sees: pages keep coming. A request that was being answered at the very
moment may fail; every request made after the event is answered normally (200), with
no restart of the site and nobody doing anything.
"""

import threading
import time
import urllib.error
import urllib.request

import psycopg
import pytest

from .conftest import free_port, need_postgres, wait_until

CLIENTS = 3


@pytest.fixture
def postgres():
    need_postgres()


def get(url, headers=None):
    try:
        request = urllib.request.Request(url, headers=headers or {})
        with urllib.request.urlopen(request, timeout=15) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except OSError:
        return 0


def terminate_connections(server_url, database):
    """End every connection to ``database``; return once they are all gone."""
    with psycopg.connect(server_url, autocommit=True) as admin:
        pids = [
            pid
            for (pid,) in admin.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
                [database],
            )
        ]
        for pid in pids:
            admin.execute("SELECT pg_terminate_backend(%s)", [pid])
        wait_until(
            lambda: (
                not admin.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE pid = ANY(%s)", [pids]
                ).fetchone()[0]
            ),
            10,
            "terminated connections gone",
        )
    return pids


@pytest.mark.postgres_only
def test_requests_recover_by_themselves_after_a_restart(postgres, shared_db, make_article):
    article = make_article("zh-hans", slug="after-restart")
    port = free_port()
    shared_db.start(
        "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", "cms.wsgi",
        env={"KEPU_BIND": f"127.0.0.1:{port}", "KEPU_WORKERS": "2",
             "DATABASE_CONN_MAX_AGE": "60"},
        name="gunicorn",
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    wait_until(lambda: get(base + "/healthz") == 200, 60, "gunicorn answers")

    server = shared_db.url.rsplit("/", 1)[0].replace("postgres://", "postgresql://", 1)
    database = shared_db.url.rsplit("/", 1)[1]
    counter = iter(range(10**9))

    def load(seconds, during=None):
        """CLIENTS readers for ``seconds``, running ``during()`` meanwhile; each
        request as (started, finished, status)."""
        results, stop = [], threading.Event()

        def reader():
            while not stop.is_set():
                started = time.monotonic()
                # A session cookie (of no session): the page cache never answers it,
                # the database does (the session look-up, then the page).
                status = get(f"{base}{article.url}", {"Cookie": f"sessionid=x{next(counter)}"})
                results.append((started, time.monotonic(), status))

        threads = [threading.Thread(target=reader) for _ in range(CLIENTS)]
        for thread in threads:
            thread.start()
        try:
            if during:
                time.sleep(1)
                during()
            time.sleep(seconds)
        finally:
            stop.set()
            for thread in threads:
                thread.join(30)
        return results

    # A restart while readers are being served.
    event = {}

    def restart():
        event["started"] = time.monotonic()
        event["ended"] = terminate_connections(server + "/postgres", database)
        event["over"] = time.monotonic()

    results = load(2, during=restart)
    assert len(event["ended"]) >= 2  # the gunicorn workers' connections, the test's own
    before = [status for _, finished, status in results if finished < event["started"]]
    after = [status for started, _, status in results if started > event["over"]]
    assert before and set(before) == {200}
    assert len(after) >= 10
    assert after.count(200) == len(after), f"failed after the restart: {after}"

    # A restart at a quiet moment: no request is running, every worker holds an idle
    # persistent connection that is now dead. Not one reader may get an error for it.
    assert len(terminate_connections(server + "/postgres", database)) >= 2
    after = [status for _, _, status in load(1)]
    assert len(after) >= 10
    assert after.count(200) == len(after), f"failed after a quiet restart: {after}"
