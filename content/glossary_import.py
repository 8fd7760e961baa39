"""Glossary terms from a CSV file: key, zh, bo, mn, note (a header row names the columns).

Every row is checked before anything is written; a file with any error changes nothing.
Terms are matched on ``key``: new keys are added, existing terms take the file's values.
"""

import csv
import io
import re
from dataclasses import dataclass, field

from django.db import transaction

from cms import spreadsheets
from content import menksoft
from content.models import GlossaryTerm
from content.text_checks import normalise, script_problems

COLUMNS = {"key", "zh", "bo", "mn", "note"}
KEY = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
FIELDS = {"zh": "term_zh_hans", "bo": "term_bo", "mn": "term_mn"}
LANGUAGE_CODES = {"zh": "zh-hans", "bo": "bo", "mn": "mn"}


@dataclass
class Result:
    rows: list = field(default_factory=list)  # (line, values)
    errors: list = field(default_factory=list)  # "line N: reason"
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def read(data: bytes) -> Result:
    result = Result()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        result.errors.append(f"the file is not UTF-8 (byte {exc.start})")
        return result
    reader = csv.DictReader(io.StringIO(text))
    header = set(reader.fieldnames or [])
    if not {"key", "zh"} <= header or not header <= COLUMNS:
        result.errors.append(
            f"line 1: the header must name the columns key, zh, bo, mn, note (found: {', '.join(sorted(header)) or 'none'})"
        )
        return result
    seen = set()
    for number, row in enumerate(reader, start=2):
        problems = []
        key = (row.get("key") or "").strip()
        if not KEY.match(key):
            problems.append(f"invalid key {key!r}: use lower-case letters, digits and hyphens")
        elif key in seen:
            problems.append(f"key {key!r} appears twice in the file")
        seen.add(key)
        values = {"note": normalise(spreadsheets.restore((row.get("note") or "").strip()))}
        for column, name in FIELDS.items():
            # (as the glossary's CSV export wrote it: cms/spreadsheets.py)
            value = spreadsheets.restore((row.get(column) or "").strip())
            if menksoft.has_menksoft(value):
                problems.append(
                    f"{column}: Menksoft encoding; convert it first (manage.py convert_menksoft)"
                )
                continue
            problems += [
                f"{column}: {reason}" for reason in script_problems(value, LANGUAGE_CODES[column])
            ]
            values[name] = normalise(value)
        if not values.get("term_zh_hans"):
            problems.append("zh is required")
        if None in row:
            problems.append("more cells than columns (a comma inside a term needs quotes)")
        result.errors += [f"line {number}: {p}" for p in problems]
        result.rows.append((key, values))
    return result


@transaction.atomic
def apply(result: Result) -> Result:
    existing = {
        term.key: term for term in GlossaryTerm.objects.filter(key__in=[k for k, _ in result.rows])
    }
    for key, values in result.rows:
        term = existing.get(key)
        if term is None:
            GlossaryTerm.objects.create(key=key, **values)
            result.created += 1
        elif all(getattr(term, name) == value for name, value in values.items()):
            result.unchanged += 1
        else:
            for name, value in values.items():
                setattr(term, name, value)
            term.save()
            result.updated += 1
    return result
