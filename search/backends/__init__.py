"""Search backends behind one interface (search/backends/base.py).

The database backend is the default; Elasticsearch is used when ELASTICSEARCH_URL is
set. Views and tasks call ``get_backend()`` and never ask which one they got.
"""

from functools import cache

from django.conf import settings


@cache
def get_backend():
    if getattr(settings, "ELASTICSEARCH_URL", ""):
        from .elasticsearch import ElasticsearchBackend

        return ElasticsearchBackend(settings.ELASTICSEARCH_URL)
    from .database import DatabaseBackend

    return DatabaseBackend()
