"""What the fault tests share: the test database opened by other processes, and those
processes (manage.py commands, gunicorn) started in their own session so that a test can
kill one the way a machine or an OOM killer does."""

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest

from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def free_port():
    """A loopback port where nothing listens (it was free a moment ago)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(condition, seconds, what):
    deadline = time.monotonic() + seconds
    while not (found := condition()):
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not within {seconds} s")
        time.sleep(0.05)
    return found


def need_postgres():
    """Skip on SQLite. Not a failure even with KEPU_REQUIRE_POSTGRES=1: `make test` runs
    the suite on SQLite and then on PostgreSQL, and with that variable set it fails
    when PostgreSQL does not answer, so the second pass runs the test."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (`make test` runs it in its PostgreSQL pass)")


class SharedDatabase:
    """The test database, as other processes reach it.

    On PostgreSQL they open the test database itself (the test's commits are real: the
    fixture needs ``live_site``). On SQLite the test database lives in this process's
    memory: ``push`` copies it to a file that other processes open, ``pull`` copies the
    file back, so that the test reads what they did through the ORM.
    """

    def __init__(self, folder):
        self.folder = Path(folder)
        self.media = self.folder / "media"
        self.private = self.folder / "private"
        self.media.mkdir()
        self.private.mkdir()
        self.vendor = connection.vendor
        self.processes = []
        if self.vendor == "sqlite":
            self.path = self.folder / "kepu.sqlite3"
            self.url = f"sqlite:///{self.path}"
        else:
            s = connection.settings_dict
            auth = quote(s["USER"] or "postgres")
            if s["PASSWORD"]:
                auth += ":" + quote(s["PASSWORD"])
            self.url = (
                f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"
            )

    def push(self):
        """Make what the test committed visible to other processes."""
        if self.vendor == "sqlite":
            connection.ensure_connection()
            target = sqlite3.connect(self.path)
            connection.connection.backup(target)
            target.close()

    def pull(self):
        """Make what other processes committed visible to the test's ORM."""
        if self.vendor == "sqlite":
            # Opening the file rolls back a transaction that a killed process left in
            # its journal, as the next process to open it would.
            connection.ensure_connection()
            source = sqlite3.connect(self.path)
            source.backup(connection.connection)
            source.close()

    def env(self, **extra):
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("KEPU_S3_", "ELASTICSEARCH_", "DJANGO_"))
        }
        env.update(
            DJANGO_SETTINGS_MODULE="tests.faults.settings",
            DATABASE_URL=self.url,
            DATABASE_CONN_MAX_AGE="0",
            KEPU_MEDIA_ROOT=str(self.media),
            KEPU_PRIVATE_ROOT=str(self.private),
            KEPU_LOG_LEVEL="WARNING",
            PYTHONUNBUFFERED="1",
        )
        env.update(extra)
        return env

    def start(self, *args, env=None, name="process"):
        """``python *args`` in the project folder, in a session of its own; its output
        goes to a log file in the test's folder."""
        log = open(self.folder / f"{name}-{len(self.processes)}.log", "wb")  # noqa: SIM115
        process = subprocess.Popen(
            [sys.executable, *args],
            cwd=ROOT,
            env=self.env(**(env or {})),
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        process.log_path = log.name
        log.close()
        self.processes.append(process)
        return process

    def manage(self, *args, env=None, timeout=120):
        """Run ``manage.py *args`` to its end; the process, with its output in ``.output``."""
        process = self.start("manage.py", *args, env=env, name=args[0])
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            kill(process)
            raise
        process.output = output(process)
        return process

    def kill_all(self):
        for process in self.processes:
            if process.poll() is None:
                kill(process)


def kill(process):
    """SIGKILL to the process and everything it started (ffmpeg): what a machine that
    loses power or an OOM-killed container does; nothing gets to clean up."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait(10)


def output(process):
    """What a process started by SharedDatabase printed so far."""
    return Path(process.log_path).read_text(errors="replace")


@pytest.fixture
def shared_db(live_site, tmp_path):
    database = SharedDatabase(tmp_path)
    yield database
    database.kill_all()
    # The processes' connections to PostgreSQL end with them; the test's own connection
    # may have been ended by the test (pg_terminate_backend): the flush needs a new one.
    connection.close()
