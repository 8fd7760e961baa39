"""One JSON object per log line, each carrying the id of the request that caused it.

The id comes from the proxy (nginx sets X-Request-ID, so its access log and ours share
it) or is made here; it is returned to the client, so a reader's or an editor's report
("the page said error 5f3a…") leads to every line that request wrote.

The lines are written by python-json-logger (its formatter, with our field names); the
request id is ours: nginx's or a new one, kept in a context variable for the request.
"""

import contextvars
import logging
import re
import time
import uuid

from pythonjsonlogger.json import JsonFormatter as _JsonFormatter

request_id = contextvars.ContextVar("request_id", default="")
VALID_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
access_log = logging.getLogger("kepu.request")


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token, started = begin(request)
        try:
            response = self.get_response(request)
            finish(request, response, started)
            return response
        finally:
            request_id.reset(token)


# The two halves of the middleware, shared with the cached pages answered before
# Django's handler (cms/fast_hit.py): a hit carries and logs its id the same way.
def begin(request):
    """Give ``request`` its id and make it the current one. Returns the token that
    ``request_id.reset`` takes when the request is over, and the start time."""
    given = request.META.get("HTTP_X_REQUEST_ID", "")  # (request.headers costs more)
    request.id = given if VALID_ID.match(given) else uuid.uuid4().hex
    return request_id.set(request.id), time.monotonic()


def finish(request, response, started):
    """Send the id back with ``response``, and write the request's line."""
    response["X-Request-ID"] = request.id
    if access_log.isEnabledFor(logging.INFO):
        access_log.info(
            "%s %s %s",
            request.method,
            request.path,
            response.status_code,
            extra={
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "ms": round((time.monotonic() - started) * 1000, 1),
            },
        )


class RequestIdFilter(logging.Filter):
    """Puts the current request's id on every record (empty outside a request)."""

    def filter(self, record):
        record.request_id = request_id.get()
        return True


class JsonFormatter(_JsonFormatter):
    """One JSON object per record: time (local, to the millisecond), level, logger,
    message, every field passed with ``extra=`` (and the request id), and the exception's
    traceback if any. Chinese, Tibetan and Mongolian stay readable (not \\u-escaped)."""

    default_time_format = "%Y-%m-%dT%H:%M:%S"
    default_msec_format = "%s.%03d"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("fmt", ["asctime", "levelname", "name", "message"])
        kwargs.setdefault(
            "rename_fields",
            {"asctime": "time", "levelname": "level", "name": "logger", "exc_info": "exception"},
        )
        kwargs.setdefault("json_ensure_ascii", False)
        super().__init__(*args, **kwargs)
