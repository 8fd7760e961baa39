"""SQLite: keep channel and type in the FTS5 table (unindexed), so that facet counts
need no join with the entry table; the one GROUP BY also gives the result count.
They come first in the row, so reading them never reads the long token columns."""

from django.db import migrations

CREATE = (
    "CREATE VIRTUAL TABLE kepu_search_fts USING fts5("
    "channel UNINDEXED, kind UNINDEXED, facets, title, text, tokenize='ascii')"
)
COPY = (
    "INSERT INTO kepu_search_fts(rowid, channel, kind, facets, title, text) "
    "SELECT id, channel, kind, 'l' || replace(locale, '-', '') || ' c' || replace(channel, '-', '') || ' k' || kind, "
    "title_tokens, text_tokens FROM kepu_search_searchentry"
)


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in ("DROP TABLE IF EXISTS kepu_search_fts", CREATE, COPY):
            schema_editor.execute(statement)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS kepu_search_fts")
        schema_editor.execute(
            "CREATE VIRTUAL TABLE kepu_search_fts USING fts5(facets, title, text, tokenize='ascii')"
        )
        schema_editor.execute(
            "INSERT INTO kepu_search_fts(rowid, facets, title, text) "
            "SELECT id, 'l' || replace(locale, '-', '') || ' c' || replace(channel, '-', '') || ' k' || kind, "
            "title_tokens, text_tokens FROM kepu_search_searchentry"
        )


class Migration(migrations.Migration):
    dependencies = [("kepu_search", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
