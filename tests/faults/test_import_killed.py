"""An import that does not finish: `manage.py import_content` killed with SIGKILL half-way
through writing (the operator's SSH session dies, the machine reboots), and files with a
bad record at the end.

What an editor sees: the site exactly as before — no page of the file, no half-imported
page, no revision or history entry — and the same file, imported again, goes in whole.
A file with a bad record at its end imports nothing, with the line named.
"""

import io
import json
import sqlite3
import time

import pytest

from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from wagtail.models import Page, PageLogEntry, Revision

from content.models import ArticlePage, TranslationRecord

from .conftest import kill, output, wait_until

# Enough that the import is still inside its transaction a second after it starts
# writing on a fast, idle machine (40 records were done in under a second there).
RECORDS = 200


def record(n, **fields):
    return {
        "locale": "zh-hans",
        "type": "article",
        "channel": "health",
        "slug": f"boil-milk-{n}",
        "title": f"喝开水，喝熟奶（第{n}篇）",
        "summary": "生奶可能带有布鲁氏菌。",
        "body": "<h2>为什么要煮</h2><p>生奶可能带有<strong>布鲁氏菌</strong>。</p>",
        **fields,
    }


def write(path, records):
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    return path


def site_state():
    """Everything an import writes, as the admin would show it."""
    return {
        "pages": sorted(Page.objects.values_list("pk", "locale__language_code", "slug", "live")),
        "revisions": Revision.objects.count(),
        "history": PageLogEntry.objects.count(),
        "translations": TranslationRecord.objects.count(),
    }


def writing(shared_db):
    """Another process is in the middle of a write transaction."""
    if shared_db.vendor == "sqlite":
        # WAL mode (cms/settings/base.py) keeps no journal file to look for: a writer
        # is seen by trying to take the write lock without waiting.
        probe = sqlite3.connect(shared_db.path, timeout=0)
        try:
            probe.execute("BEGIN IMMEDIATE")
            probe.rollback()
            return False
        except sqlite3.OperationalError:
            return True
        finally:
            probe.close()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid() AND backend_xid IS NOT NULL"
        )
        return cursor.fetchone()[0] > 0


def test_an_import_killed_half_way_leaves_the_site_as_it_was(shared_db, tmp_path):
    data = write(tmp_path / "big.jsonl", [record(n) for n in range(RECORDS)])
    shared_db.push()
    before = site_state()

    process = shared_db.start("manage.py", "import_content", str(data), name="import")
    wait_until(lambda: writing(shared_db) or process.poll() is not None, 60, "import writes")
    time.sleep(1)  # pages are being written inside the import's transaction
    assert process.poll() is None, f"the import ended before it was killed:\n{output(process)}"
    assert writing(shared_db), f"the import committed before it was killed:\n{output(process)}"
    kill(process)

    shared_db.pull()
    assert site_state() == before
    assert not ArticlePage.objects.filter(slug__startswith="boil-milk-").exists()

    # Nothing is left in the way: the same file, run again, imports whole.
    out = io.StringIO()
    call_command("import_content", str(data), stdout=out)
    assert f"{RECORDS} created" in out.getvalue()
    assert ArticlePage.objects.live().filter(slug__startswith="boil-milk-").count() == RECORDS


def test_a_bad_record_at_the_end_imports_nothing(site_tree, tmp_path):
    before = site_state()
    records = [record(n) for n in range(10)] + [record(10, channel="no-such-channel")]
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 line\\(s\\) with errors; nothing imported"):
        call_command("import_content", str(write(tmp_path / "bad.jsonl", records)), stderr=err)
    assert "line 11: error: unknown channel 'no-such-channel'" in err.getvalue()
    assert site_state() == before


def test_a_record_that_fails_while_writing_undoes_the_whole_file(site_tree, tmp_path):
    """The last two records name each other as their source: validation lets them
    through, writing finds the cycle only after the other pages are written."""
    before = site_state()
    records = [record(n) for n in range(10)] + [
        record("bo", locale="bo", title="ཆུ་ཁོལ་མ་འཐུང་།", summary="", body="ཆུ་ཁོལ་མ་འཐུང་།",
               translation_of={"locale": "mn", "slug": "boil-milk-mn"}),
        record("mn", locale="mn", title="ᠰᠦᠨ", summary="", body="ᠰᠦᠨ",
               translation_of={"locale": "bo", "slug": "boil-milk-bo"}),
    ]  # fmt: skip
    with pytest.raises(ValueError, match="cycle"):
        call_command("import_content", str(write(tmp_path / "cycle.jsonl", records)))
    assert site_state() == before
