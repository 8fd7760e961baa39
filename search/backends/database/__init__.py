"""The default backend: the site's own database, over the analysed tokens.

One index table (search.models.SearchEntry) and a full-text structure over it in the
database's own dialect, as Wagtail splits its database backend: SQLite FTS5
(``sqlite.py``) or a PostgreSQL tsvector with a GIN index (``postgres.py``). What both
share (writing entries, the rebuild, errors, the facet tokens) is in ``base.py``.
"""

from django.db import connection

from .base import DatabaseBackend as _Base
from .postgres import Postgres
from .sqlite import Sqlite

DIALECTS = {"sqlite": Sqlite, "postgresql": Postgres}


class DatabaseBackend(_Base):
    @property
    def dialect(self):
        if self._dialect is None:
            self._dialect = DIALECTS[connection.vendor]()
        return self._dialect


__all__ = ["DatabaseBackend", "DIALECTS"]
