"""The search index of the database backend: one entry per page.

Readers find only the public entries (live, public, unexpired articles and videos);
the admin's page search finds every page, drafts included (docs/adr/0016).

The analysed tokens (search/analysis) are stored as space-separated text; the full-text
structure over them depends on the database (see migrations/0001): an FTS5 table on
SQLite, a tsvector column with a GIN index on PostgreSQL.
"""

from django.db import models

from wagtail.models import Page


class SearchEntry(models.Model):
    # No database constraint: when a page is deleted its entry stays until the indexing
    # task removes it, so that every backend is told (the FTS5 row, Elasticsearch).
    page = models.OneToOneField(
        Page, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    locale = models.CharField(max_length=16, db_index=True)
    channel = models.CharField(max_length=80, db_index=True)
    kind = models.CharField(max_length=16)  # "article", "video" or "page"
    title = models.CharField(max_length=255)
    text = models.TextField()  # summary and body as plain text, for snippets
    url = models.CharField(max_length=500)
    published_at = models.DateTimeField(null=True)
    # Whether readers may find it; also a token of the full-text structure (facets).
    public = models.BooleanField(default=True)
    title_tokens = models.TextField()
    text_tokens = models.TextField()

    class Meta:
        verbose_name = "search entry"

    def __str__(self):
        return f"{self.locale}: {self.title}"
