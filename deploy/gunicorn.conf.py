"""gunicorn settings for production (`gunicorn -c deploy/gunicorn.conf.py cms.wsgi`)."""

import multiprocessing
import os

bind = os.environ.get("KEPU_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("KEPU_WORKERS", multiprocessing.cpu_count() * 2 + 1))
# Load the app (and jieba's dictionary, later) once in the master, share it with workers.
preload_app = True
timeout = 30
graceful_timeout = 30
max_requests = 2000
max_requests_jitter = 200
# The app logs each request as JSON with its request id (cms/request_log.py).
accesslog = None
errorlog = "-"
forwarded_allow_ips = os.environ.get("KEPU_FORWARDED_ALLOW_IPS", "127.0.0.1")
