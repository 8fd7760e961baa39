"""A queryset's SQL compiled once, then run with new values.

Django compiles a queryset's SQL again each time it is evaluated. For a query of many
joined columns (the routing query: every page type's table) that costs more CPU than
the database spends answering it. A CompiledQuery keeps what the compilation gave: the
text, where the values that change go, and how each row becomes model instances (with
its select_related objects and annotations, as Django's ModelIterable builds them).
Only the text is kept: every run asks the database again.

Kept per thread, for its database connection: the row converters Django chooses
belong to that connection (and go with the thread when it ends).
"""

import functools
import threading

from django.db import connections
from django.db.models.query import get_related_populators

_local = threading.local()
MAX_KEPT = 32  # per thread


def instance(model, columns, row, using="default"):
    """A ``model`` instance from a row of some of its columns named ``columns``, in any
    order (Model.from_db wants them in the model's own order); the rest deferred."""
    names, positions = _model_order(model, tuple(columns))
    return model.from_db(using, names, [row[i] for i in positions])


@functools.lru_cache(maxsize=64)
def _model_order(model, columns):
    names = [f.attname for f in model._meta.concrete_fields if f.attname in columns]
    return names, [columns.index(name) for name in names]


def compiled(key, build, using="default"):
    """The CompiledQuery for ``key`` on this thread's connection, made by ``build()``
    (returning a queryset and its marks, see CompiledQuery) the first time."""
    connection = connections[using]
    known = getattr(_local, "compiled", None)
    if known is None:
        known = _local.compiled = {}
    query = known.get((using, key))
    if query is None or query.connection is not connection:
        queryset, marks = build()
        query = CompiledQuery(queryset.using(using), marks, connection)
        # Keys can come from what readers send (a path's number of steps): past
        # MAX_KEPT, a query is compiled for its one run and not kept.
        if len(known) < MAX_KEPT or (using, key) in known:
            known[(using, key)] = query
    return query


class CompiledQuery:
    def __init__(self, queryset, marks, connection):
        """``queryset``: built with placeholder strings ``marks`` ({name: mark}, each mark
        found in no other parameter) where run()'s values go. A mark may be a part of a
        parameter (``path__startswith`` makes it a LIKE pattern): the value replaces that
        part, as it is; values put in a pattern must have no LIKE wildcards."""
        self.connection = connection
        compiler = queryset.query.get_compiler(connection=connection)
        self.sql, params = compiler.as_sql()
        self.params = []  # (name or None, the parameter, the mark in it)
        for param in params:
            slot = next(
                (
                    (name, param, mark)
                    for name, mark in marks.items()
                    if isinstance(param, str) and mark in param
                ),
                (None, param, None),
            )
            self.params.append(slot)
        missing = set(marks) - {name for name, _, _ in self.params}
        if missing:
            raise ValueError(f"marks not found in the query's parameters: {missing}")
        self.select = compiler.select
        klass_info = compiler.klass_info
        self.model = klass_info["model"]
        fields = klass_info["select_fields"]
        self.model_columns = slice(fields[0], fields[-1] + 1)
        self.init_list = [column[0].target.attname for column in self.select[self.model_columns]]
        self.related_populators = get_related_populators(klass_info, self.select, queryset.db)
        self.annotation_col_map = compiler.annotation_col_map or {}
        self.converters = compiler.get_converters(
            [column[0] for column in self.select[: compiler.col_count]]
        )
        self.compiler = compiler
        self.db = queryset.db

    def run(self, **values):
        """The model instances of the rows for these values."""
        params = [
            param if name is None else param.replace(mark, values[name])
            for name, param, mark in self.params
        ]
        with self.connection.cursor() as cursor:
            cursor.execute(self.sql, params)
            rows = cursor.fetchall()
        if self.converters:
            rows = self.compiler.apply_converters(rows, self.converters)
        found = []
        for row in rows:
            obj = self.model.from_db(self.db, self.init_list, row[self.model_columns])
            for populator in self.related_populators:
                populator.populate(row, obj)
            for name, position in self.annotation_col_map.items():
                setattr(obj, name, row[position])
            found.append(obj)
        return found
