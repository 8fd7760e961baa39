"""Container health check: GET /healthz on this container (answered whatever the Host
header, see cms/health.py). Exit 0 when it answers 200."""

import os
import sys
import urllib.request

port = os.environ.get("KEPU_BIND", "0.0.0.0:8000").rsplit(":", 1)[-1]
try:
    status = urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=4).status
except OSError:
    sys.exit(1)
sys.exit(0 if status == 200 else 1)
