"""Glossary terms from a CSV file: key, zh, bo, mn, note and, optionally, synonyms_zh,
synonyms_bo, synonyms_mn (a header row names the columns).

Every row is checked before anything is written; a file with any error changes nothing.
Terms are matched on ``key``: new keys are added, existing terms take the file's values.
A file without a synonyms column leaves that language's synonyms as they are (files
written before synonyms existed still import). A synonyms cell holds names separated by
line breaks (as the admin's export writes them: the admin keeps one name per line) or
by "|" (easier to type in a spreadsheet).
"""

import csv
import io
import re
from dataclasses import dataclass, field

from django.db import transaction

from cms import spreadsheets, translated_fields
from cms.scripts import normalise, script_problems
from content.exchange import menksoft
from content.models import GlossaryTerm

KEY = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# The file's short language names, and the language each stands for.
LANGUAGE_CODES = {"zh": "zh-hans", "bo": "bo", "mn": "mn"}
FIELDS = {short: translated_fields.column("term", code) for short, code in LANGUAGE_CODES.items()}
SYNONYM_FIELDS = {
    f"synonyms_{short}": translated_fields.column("synonyms", code)
    for short, code in LANGUAGE_CODES.items()
}
COLUMNS = {"key", "zh", "bo", "mn", "note", *SYNONYM_FIELDS}
SEPARATOR = re.compile(r"[|\r\n\u2028\u2029]")
# The database's limits, checked here so that a too long cell is a row's error, not a
# failed write (PostgreSQL refuses it) after the file was accepted.
KEY_LENGTH = GlossaryTerm._meta.get_field("key").max_length
TERM_LENGTH = GlossaryTerm._meta.get_field("term").max_length
# A synonym is a name someone types into the search box, not a sentence: the search
# analyses every name of the glossary, so a pasted paragraph would cost every search.
SYNONYM_LENGTH = 100
SYNONYMS_PER_CELL = 20


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
    try:
        _read_rows(reader, result)
    except csv.Error as exc:  # a cell over the csv module's size limit, a stray quote…
        result.errors.append(f"line {reader.line_num}: not readable as CSV ({exc})")
    return result


def _read_rows(reader, result):
    names = reader.fieldnames or []
    header = set(names)
    if len(header) < len(names):
        result.errors.append("line 1: a column is named twice")
        return
    if not {"key", "zh"} <= header or not header <= COLUMNS:
        result.errors.append(
            "line 1: the header must name the columns key, zh, bo, mn, note and optionally "
            f"synonyms_zh, synonyms_bo, synonyms_mn (found: {', '.join(sorted(map(str, header))) or 'none'})"
        )
        return
    seen = set()
    for number, row in enumerate(reader, start=2):
        problems = []
        key = (row.get("key") or "").strip()
        if not KEY.match(key):
            problems.append(f"invalid key {key!r}: use lower-case letters, digits and hyphens")
        elif len(key) > KEY_LENGTH:
            problems.append(f"key longer than {KEY_LENGTH} characters")
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
            if len(normalise(value)) > TERM_LENGTH:
                problems.append(f"{column}: longer than {TERM_LENGTH} characters")
            values[name] = normalise(value)
        for column, name in SYNONYM_FIELDS.items():
            if column in header:
                names, reasons = _synonyms(row.get(column), LANGUAGE_CODES[column.split("_")[1]])
                problems += [f"{column}: {reason}" for reason in reasons]
                values[name] = "\n".join(names)
        if not values.get(FIELDS["zh"]):
            problems.append("zh is required")
        if None in row:
            problems.append("more cells than columns (a comma inside a term needs quotes)")
        result.errors += [f"line {number}: {p}" for p in problems]
        result.rows.append((key, values))
    return


def _synonyms(cell, language_code):
    """The names in a synonyms cell (stripped, each once) and what is wrong with them,
    checked as the terms are."""
    names, reasons = [], []
    # (the cell as the glossary's CSV export wrote it: cms/spreadsheets.py)
    for part in SEPARATOR.split(spreadsheets.restore((cell or "").strip())):
        part = normalise(part.strip())
        if not part or part in names:
            continue
        if menksoft.has_menksoft(part):
            reasons.append("Menksoft encoding; convert it first (manage.py convert_menksoft)")
            continue
        reasons += [f"{part[:40]!r}: {reason}" for reason in script_problems(part, language_code)]
        if len(part) > SYNONYM_LENGTH:
            reasons.append(f"{part[:40]!r}…: a name longer than {SYNONYM_LENGTH} characters")
        names.append(part)
    if len(names) > SYNONYMS_PER_CELL:
        reasons.append(f"{len(names)} names; at most {SYNONYMS_PER_CELL}")
    return names, reasons


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
        # (a term saved before synonyms existed has None there: the same as none)
        elif all((getattr(term, name) or "") == value for name, value in values.items()):
            result.unchanged += 1
        else:
            for name, value in values.items():
                setattr(term, name, value)
            term.save()
            result.updated += 1
    return result
