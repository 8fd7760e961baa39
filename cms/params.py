"""Typed parsers for the query parameters of public views: each view declares what it
reads, and a value it cannot use is a ``BadParameter`` (answered with 400 and the
message) instead of an exception deep in the database, the search backend or urllib.

Why not let the database refuse it: PostgreSQL rejects text with NUL bytes and
integers beyond bigint with a DataError (a 500 and a long traceback in the log), SQLite
overflows on integers beyond 64 bits, urllib raises ValueError on ``http://[::1``; the
same request must get the same clear answer on every backend.

Messages are English, for the developers who build the address (they are shown as JSON
by the APIs); pages show the reader a translated sentence instead.
"""

import re
from urllib.parse import urlsplit

from cms import scripts

# C0 controls (tab, newline and carriage return included: no parameter is multi-line),
# DEL and the C1 controls. NUL in particular: PostgreSQL cannot store or compare it.
CONTROL = scripts.CONTROL
# Lone surrogates cannot be encoded as UTF-8 (Django decodes %ED%A0%80 to U+FFFD, but a
# value built in Python may still hold one).
SURROGATE = re.compile(r"[\ud800-\udfff]")
MAX_TEXT = 200
# Primary keys are PostgreSQL integers; offsets are bounded so they fit any backend.
MAX_ID = 2**31 - 1


class BadParameter(ValueError):
    """A query parameter the caller can correct; ``str()`` is the message."""

    def __init__(self, name, problem):
        self.name = name
        super().__init__(f"{name} {problem}")  # "offset must be …", as Wagtail says it


def check_text(name, value, max_length=MAX_TEXT):
    """``value`` if it is text a database and a log line can carry, else BadParameter."""
    if CONTROL.search(value):
        raise BadParameter(name, "must not contain control characters (such as NUL)")
    if SURROGATE.search(value):
        raise BadParameter(name, "must be valid Unicode text")
    if len(value) > max_length:
        raise BadParameter(name, f"must be at most {max_length} characters")
    return value


def text(query, name, default="", max_length=MAX_TEXT):
    """A text parameter (the last one when repeated), stripped; ``default`` if absent."""
    if name not in query:
        return default
    return check_text(name, query.get(name), max_length).strip()


def words(query, name, max_length=MAX_TEXT):
    """Text a reader typed (a search box): control characters and broken Unicode are
    dropped and the rest cut to ``max_length``, never refused; a search for "鼠兔\x1f"
    is a search for 鼠兔. (NUL never gets here: cms/nul_guard.py.)"""
    value = query.get(name, "")
    return SURROGATE.sub("", CONTROL.sub(" ", value))[:max_length].strip()


def integer(query, name, default=None, minimum=0, maximum=MAX_ID, empty=True):
    """A decimal integer between ``minimum`` and ``maximum``; ``default`` if absent (or
    empty, when ``empty``). Only ASCII digits: int() also reads "١٢", "1_000", " 7 "."""
    value = text(query, name, max_length=20)
    if value == "" and (empty or name not in query):
        return default
    if not re.fullmatch(r"[+-]?[0-9]+", value):
        raise BadParameter(name, f"must be a number, not {value[:20]!r}")
    number = int(value)
    if not minimum <= number <= maximum:
        raise BadParameter(name, f"must be between {minimum} and {maximum}")
    return number


def choice(query, name, choices, default=None):
    """One of ``choices``, exactly (" and" is not "and": the code after us may read the
    raw value); ``default`` if absent or empty."""
    value = check_text(name, query.get(name, ""), max_length=100)
    if value == "":
        return default
    if value not in choices:
        raise BadParameter(name, f"must be one of {', '.join(choices)}")
    return value


def parse_url(value):
    """``value`` as a SplitResult, or None where urllib raises ValueError: a bracketed
    host left open (``http://[::1``), a port that is not a number. urlsplit() checks
    the brackets, the port only when it is read."""
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 (reading the port is what checks it)
    except ValueError:
        return None
    return parts


def url(query, name, max_length=2000):
    """A URL as a SplitResult (None if absent), for the caller to judge its scheme and
    host; one urllib cannot parse is a BadParameter."""
    value = text(query, name, max_length=max_length)
    if not value:
        return None
    parts = parse_url(value)
    if parts is None:
        raise BadParameter(name, "must be a valid URL")
    return parts


def check_all(query, max_length=2000):
    """Every value of every parameter (known or not) is text a database can carry."""
    for name, values in query.lists():
        check_text("parameter name", name, max_length=100)
        for value in values:
            check_text(name, value, max_length)
