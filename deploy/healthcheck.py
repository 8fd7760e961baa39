"""Container health check: GET /healthz on this container, with a host name Django
accepts (the first of ALLOWED_HOSTS). Exit 0 when it answers 200."""

import os
import sys
import urllib.request

host = os.environ.get("ALLOWED_HOSTS", "localhost").split(",")[0].strip().lstrip(".")
port = os.environ.get("KEPU_BIND", "0.0.0.0:8000").rsplit(":", 1)[-1]
request = urllib.request.Request(f"http://127.0.0.1:{port}/healthz", headers={"Host": host})
try:
    sys.exit(0 if urllib.request.urlopen(request, timeout=4).status == 200 else 1)
except OSError:
    sys.exit(1)
