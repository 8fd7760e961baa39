"""PostgreSQL: a separate tsvector of the title tokens. Ranking reads it instead of the
whole document's vector, which for long articles lives in TOAST storage and made
ranking thousands of matches slow (p95 above 100 ms at 100k documents). And narrow
rows: long values move to TOAST storage, so that counting and grouping thousands of
matches reads few heap pages (only the ten hits shown need their text)."""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE kepu_search_searchentry ADD COLUMN title_vector tsvector")
        schema_editor.execute("ALTER TABLE kepu_search_searchentry SET (toast_tuple_target = 256)")
        # …but the title vector, which ranking reads for every match, stays in the row.
        schema_editor.execute("ALTER TABLE kepu_search_searchentry ALTER COLUMN title_vector SET STORAGE MAIN")
        schema_editor.execute(
            "UPDATE kepu_search_searchentry SET title_vector = array_to_tsvector("
            "array_remove(string_to_array(title_tokens, ' '), ''))"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE kepu_search_searchentry RESET (toast_tuple_target)")
        schema_editor.execute("ALTER TABLE kepu_search_searchentry DROP COLUMN title_vector")


class Migration(migrations.Migration):
    dependencies = [("kepu_search", "0002_fts_facet_columns")]
    operations = [migrations.RunPython(forwards, backwards)]
