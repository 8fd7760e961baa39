"""Backups that can be restored: the database with its own tools, every stored file with
a checksum.

A backup folder holds
- database.pgdump (pg_dump's custom format) or database.sqlite3 (SQLite's online
  backup): a consistent snapshot taken while the site runs;
- files/<storage>/<name>: each file of the public ("default") and private storages;
- manifest.json: the database file's and each stored file's SHA-256 and size.

Restoring checks every checksum before touching anything, replaces the database, then
writes the files back under their exact names and checks them again. Caches are
cleared: they may hold pages of the replaced content.

django-dbbackup (5.4) was considered and not used: its ``mediabackup`` copies only the
default storage (the private originals of videos and narrations would be lost), the
database and the files are separate archives restored separately, and nothing checks a
backup before a restore starts replacing things. Its connectors run the same pg_dump,
pg_restore and SQLite backup calls as ``dump_database`` and ``load_database`` here.
"""

import hashlib
import json
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.core.cache import caches
from django.core.files.base import File
from django.core.files.storage import storages
from django.db import connection

STORAGES = ("default", "private")
CHUNK = 1024 * 1024


class BackupError(Exception):
    pass


def sha256(handle):
    digest, size = hashlib.sha256(), 0
    while chunk := handle.read(CHUNK):
        digest.update(chunk)
        size += len(chunk)
    return digest.hexdigest(), size


def stored_files(storage, folder=""):
    """Every file name in a storage (filesystem or S3), recursively."""
    try:
        dirs, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in files:
        yield f"{folder}/{name}" if folder else name
    for name in dirs:
        yield from stored_files(storage, f"{folder}/{name}" if folder else name)


def _pg_url():
    s = connection.settings_dict
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return f"postgresql://{auth}@{s['HOST'] or 'localhost'}:{s['PORT'] or 5432}/{s['NAME']}"


def _run(command):
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()[:1000]}")


def dump_database(folder):
    if connection.vendor == "postgresql":
        target = folder / "database.pgdump"
        _run(["pg_dump", "--format=custom", "--no-owner", "--file", str(target), _pg_url()])
    elif connection.vendor == "sqlite":
        target = folder / "database.sqlite3"
        connection.ensure_connection()
        with sqlite3.connect(target) as copy:
            connection.connection.backup(copy)
        copy.close()
    else:
        raise BackupError(f"no backup method for {connection.vendor}")
    return target


def load_database(source):
    if connection.vendor == "postgresql":
        if source.name != "database.pgdump":
            raise BackupError("this backup is of a SQLite database, the site uses PostgreSQL")
        connection.close()
        _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction",
              "--dbname", _pg_url(), str(source)])  # fmt: skip
    else:
        if source.name != "database.sqlite3":
            raise BackupError("this backup is of a PostgreSQL database, the site uses SQLite")
        connection.ensure_connection()
        with sqlite3.connect(source) as original:
            original.backup(connection.connection)
        original.close()


def backup(folder):
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    if any(folder.iterdir()):
        raise BackupError(f"{folder} is not empty: back up into a new folder")
    database = dump_database(folder)
    with database.open("rb") as f:
        manifest = {"database": dict(zip(("sha256", "size"), sha256(f), strict=True))}
    manifest["database"]["file"] = database.name
    manifest["files"] = {}
    for alias in STORAGES:
        storage = storages[alias]
        for name in sorted(stored_files(storage)):
            target = folder / "files" / alias / name
            target.parent.mkdir(parents=True, exist_ok=True)
            with storage.open(name, "rb") as src, target.open("wb") as dst:
                shutil.copyfileobj(src, dst, CHUNK)
            with target.open("rb") as f:
                digest, size = sha256(f)
            manifest["files"][f"{alias}/{name}"] = {"sha256": digest, "size": size}
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=1, sort_keys=True))
    return manifest


def verify(folder):
    """The manifest, once every file in the folder matches it."""
    folder = Path(folder)
    try:
        manifest = json.loads((folder / "manifest.json").read_text())
    except (OSError, ValueError) as exc:
        raise BackupError(f"{folder} has no readable manifest.json: {exc}") from exc
    entries = {manifest["database"]["file"]: manifest["database"]}
    entries.update({f"files/{k}": v for k, v in manifest["files"].items()})
    for path, expected in entries.items():
        try:
            with (folder / path).open("rb") as f:
                digest, size = sha256(f)
        except OSError as exc:
            raise BackupError(f"{path} is missing from the backup") from exc
        if (digest, size) != (expected["sha256"], expected["size"]):
            raise BackupError(f"{path} does not match its checksum: the backup is damaged")
    return manifest


def restore(folder):
    folder = Path(folder)
    manifest = verify(folder)  # nothing is touched unless the whole backup is sound
    load_database(folder / manifest["database"]["file"])
    for key, expected in manifest["files"].items():
        alias, name = key.split("/", 1)
        storage = storages[alias]
        if storage.exists(name):
            storage.delete(name)
        with (folder / "files" / key).open("rb") as f:
            saved = storage.save(name, File(f, name=name))
        if saved != name:
            raise BackupError(f"{key} was stored as {saved}")
        with storage.open(name, "rb") as f:
            if sha256(f)[0] != expected["sha256"]:
                raise BackupError(f"{key} changed on its way back into storage")
    for cache in caches.all():
        cache.clear()
    return manifest
