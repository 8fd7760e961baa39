# Glossary synonyms and abbreviations, read by search (content/search_synonyms.py).

from django.db import migrations, models

HELP = (
    "Other names readers search for, one per line: abbreviations (WHO), short or popular "
    "names (高反). Search finds pages using any of them."
)


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0008_site_identity_and_info_pages"),
    ]

    operations = [
        migrations.AddField(
            model_name="glossaryterm",
            name="synonyms",
            field=models.TextField(
                blank=True, help_text=HELP, verbose_name="synonyms and abbreviations"
            ),
        ),
        *[
            migrations.AddField(
                model_name="glossaryterm",
                name=f"synonyms_{suffix}",
                field=models.TextField(
                    blank=True, help_text=HELP, null=True, verbose_name="synonyms and abbreviations"
                ),
            )
            for suffix in ("zh_hans", "bo", "mn")
        ],
    ]
