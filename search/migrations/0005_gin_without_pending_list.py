"""PostgreSQL: the GIN index of the vectors without a pending list.

With ``fastupdate`` on (PostgreSQL's default) new entries wait in an unsorted list that
every search reads and rechecks whole until a vacuum merges it: a publish-heavy day or
a rebuild made searches several times slower (search/backends/database/postgres.py).
Off, each write goes into the index itself; what the list already holds is merged here.
SQLite has no such index: nothing to do there.
"""

from django.db import migrations


def without_pending_list(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER INDEX kepu_search_vector SET (fastupdate = off)")
        schema_editor.execute("SELECT gin_clean_pending_list('kepu_search_vector'::regclass)")


def with_pending_list(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER INDEX kepu_search_vector RESET (fastupdate)")


class Migration(migrations.Migration):
    dependencies = [("kepu_search", "0004_public")]
    operations = [migrations.RunPython(without_pending_list, with_pending_list)]
