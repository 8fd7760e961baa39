"""The least a WSGI application under gunicorn can do for a cached page: answer every
request with the same stored bytes and headers, reading nothing (`make bench-http`
serves our cached article's gzipped bytes and hit headers with it). What gunicorn's sync
workers cost before any of our code runs: the ceiling of the app's cached figure."""

import json
import os
from pathlib import Path

_stored = Path(os.environ["KEPU_FLOOR_FILE"])
BODY = _stored.with_suffix(".gz").read_bytes()
HEADERS = [(k, v) for k, v in json.loads(_stored.read_text()) if k.lower() != "content-length"]
HEADERS.append(("Content-Length", str(len(BODY))))


def application(environ, start_response):
    start_response("200 OK", HEADERS)
    return [BODY]
