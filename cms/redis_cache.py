"""Django's Redis cache backend, with one Redis client per process instead of one per
operation, holding one connection.

Django's RedisCacheClient builds a new ``redis.Redis`` object for every get, set or
get_many (about 100 µs each with redis-py 8: it copies its table of response
callbacks), which was a quarter of a cached page's cost and a larger share of a
render's (a dozen cache operations). The connection pool was already shared; here the
client on top of it is too, and it keeps one connection rather than taking one from
the pool for each command (redis-py checks the socket each time: ~40 µs), and keys are
not checked against memcached's limits. Everything else is Django's.

Fork-safe: gunicorn loads the app in its master and forks the workers (preload_app).
A pool or client made before the fork holds the master's sockets, and two processes
reading one socket would get each other's answers; a process that finds it is not the
one that made them starts new ones.
"""

import os

from django.core.cache.backends import redis


class RedisCacheClient(redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._pid = os.getpid()
        self._clients = {}  # pool → its client

    def get_client(self, key=None, *, write=False):
        if self._pid != os.getpid():
            self._pid, self._pools, self._clients = os.getpid(), {}, {}
        pool = self._get_connection_pool(write)
        client = self._clients.get(pool)
        if client is None:
            # Holding its connection: taking one from the pool and giving it back
            # checks the socket each time (a system call), ~40 µs of a page-cache hit's
            # one read. Commands on it take turns (redis-py locks it): a sync worker
            # asks one at a time anyway. A connection Redis dropped is opened again by
            # redis-py's retry; pipelines still take theirs from the pool.
            client = self._clients[pool] = self._client(
                connection_pool=pool, single_connection_client=True
            )
        return client


class RedisCache(redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient

    def validate_key(self, key):
        """Redis takes any key: memcached's limits (length, control characters), which
        Django checks character by character on every key, do not apply."""
