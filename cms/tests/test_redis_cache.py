"""The Redis cache backend (cms/redis_cache.py) keeps one client and connection per
process: a worker forked from a process that already used the cache (gunicorn's
preload) never reads the answers meant for another process, a connection Redis drops
(a restart, a timeout) is opened again unseen, and threads sharing it each get their
own answers."""

import os
import threading

import pytest

from cms.redis_cache import RedisCache

URL = os.environ.get("KEPU_TEST_REDIS", "redis://127.0.0.1:6379/14")


@pytest.fixture
def cache():
    backend = RedisCache(URL, {"KEY_PREFIX": f"test-{os.getpid()}"})
    try:
        backend.set("ping", 1)
    except Exception as exc:  # noqa: BLE001 (any connection error: no Redis here)
        pytest.skip(f"no Redis at {URL}: {exc}")
    yield backend
    backend.delete_many(["ping", *(f"k{n}" for n in range(4))])


def test_one_client_serves_every_operation(cache):
    cache.set_many({"k0": "a", "k1": "b"})
    assert cache.get_many(["k0", "k1"]) == {"k0": "a", "k1": "b"}
    assert cache._cache.get_client() is cache._cache.get_client(write=True)


def test_forked_processes_each_get_their_own_answers(cache):
    """Parent and child, both with the connection the parent opened before the fork,
    ask for different keys many times over; each must read only its own."""
    cache.set_many({"k0": "parent", "k1": "child"})
    before = cache._cache.get_client()
    pid = os.fork()
    if pid == 0:  # the child: exit status 0 only if every answer was its own
        ok = all(cache.get("k1") == "child" for _ in range(300))
        ok = ok and cache._cache.get_client() is not before
        os._exit(0 if ok else 1)
    answers = [cache.get("k0") for _ in range(300)]
    _, status = os.waitpid(pid, 0)
    assert set(answers) == {"parent"}
    assert os.waitstatus_to_exitcode(status) == 0


def test_a_dropped_connection_is_opened_again(cache):
    client = cache._cache.get_client()
    cache.set("k0", "before")
    client.client_kill_filter(_id=client.client_id())  # Redis closes this connection only
    assert cache.get("k0") == "before"
    assert cache.get_many(["k0", "k1"]) == {"k0": "before"}


def test_threads_sharing_the_connection_get_their_own_answers(cache):
    cache.set_many({f"k{n}": n for n in range(4)})
    wrong = []

    def read(n):
        for _ in range(200):
            if cache.get(f"k{n}") != n:
                wrong.append(n)

    threads = [threading.Thread(target=read, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert wrong == []
