"""The Redis cache backend (cms/redis_cache.py) keeps one client per process, and a
worker forked from a process that already used the cache (gunicorn's preload) never
reads the answers meant for another process."""

import os

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
    backend.delete_many(["ping", *(f"k{n}" for n in range(2))])


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
