"""The index table, and its full-text structure in the database's own dialect."""

import django.db.models.deletion
from django.db import migrations, models

SQLITE = [
    # Tokens are produced by search/analysis; FTS5's "ascii" tokenizer only splits on
    # ASCII spaces and punctuation, so Tibetan, Mongolian and Han tokens stay whole.
    # Columns: the language and the facets as tokens (fast filtering), then title, text.
    "CREATE VIRTUAL TABLE kepu_search_fts USING fts5(facets, title, text, tokenize='ascii')",
]
SQLITE_REVERSE = ["DROP TABLE IF EXISTS kepu_search_fts"]
POSTGRES = [
    "ALTER TABLE kepu_search_searchentry ADD COLUMN vector tsvector",
    "CREATE INDEX kepu_search_vector ON kepu_search_searchentry USING GIN (vector)",
]
POSTGRES_REVERSE = [
    "DROP INDEX IF EXISTS kepu_search_vector",
    "ALTER TABLE kepu_search_searchentry DROP COLUMN IF EXISTS vector",
]


def full_text(apps, schema_editor):
    _run(schema_editor, SQLITE, POSTGRES)


def drop_full_text(apps, schema_editor):
    _run(schema_editor, SQLITE_REVERSE, POSTGRES_REVERSE)


def _run(schema_editor, sqlite, postgres):
    vendor = schema_editor.connection.vendor
    for statement in {"sqlite": sqlite, "postgresql": postgres}.get(vendor, []):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    initial = True
    dependencies = [("wagtailcore", "0001_initial")]

    operations = [
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("locale", models.CharField(db_index=True, max_length=16)),
                ("channel", models.CharField(db_index=True, max_length=80)),
                ("kind", models.CharField(max_length=16)),
                ("title", models.CharField(max_length=255)),
                ("text", models.TextField()),
                ("url", models.CharField(max_length=500)),
                ("published_at", models.DateTimeField(null=True)),
                ("title_tokens", models.TextField()),
                ("text_tokens", models.TextField()),
                (
                    "page",
                    models.OneToOneField(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="wagtailcore.page",
                    ),
                ),
            ],
            options={"verbose_name": "search entry"},
        ),
        migrations.RunPython(full_text, drop_full_text),
    ]
