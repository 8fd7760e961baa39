"""One index for the public and the admin (docs/adr/0016-one-search-index.md): entries
for drafts, private pages and other page types, which readers never find. Every entry
so far is public. Their full-text structures mark the other entries with a token of
their own (search/backends/database/base.py, PRIVATE_TOKEN), so nothing there changes."""

from django.db import migrations, models


def drop_private(apps, schema_editor):
    # Back to an index of public pages only: the full-text rows first, then the entries.
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(
            "DELETE FROM kepu_search_fts WHERE rowid IN "
            "(SELECT id FROM kepu_search_searchentry WHERE NOT public)"
        )
    schema_editor.execute("DELETE FROM kepu_search_searchentry WHERE NOT public")


class Migration(migrations.Migration):
    dependencies = [("kepu_search", "0003_title_vector")]
    operations = [
        migrations.AddField(
            model_name="searchentry", name="public", field=models.BooleanField(default=True)
        ),
        migrations.RunPython(migrations.RunPython.noop, drop_private),
    ]
