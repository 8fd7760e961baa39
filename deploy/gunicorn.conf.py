"""gunicorn settings for production (`gunicorn -c deploy/gunicorn.conf.py cms.wsgi`)."""

import multiprocessing
import os

bind = os.environ.get("KEPU_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("KEPU_WORKERS", multiprocessing.cpu_count() * 2 + 1))
# Load the app (and jieba's dictionary, later) once in the master, share it with workers.
preload_app = True
timeout = 30
graceful_timeout = 30
# Workers are recycled now and then, in case something grows in memory over time (the
# soak: about 3 MB per worker in 18,000 requests). A recycled worker is forked from the
# master, which already rendered a page in each language (cms/wsgi.py, cms/warmup.py): its
# first page costs no more than the others. At 2,000 requests a worker serving cached
# pages (about 500 a second each) was replaced every 4 seconds; at 50,000 it is every
# minute or two at that peak, hours at ordinary traffic. The jitter (a fifth) keeps
# workers from being replaced together, which would leave the machine without one.
max_requests = 50_000
max_requests_jitter = max_requests // 5
# The app logs each request as JSON with its request id (cms/request_log.py).
accesslog = None
errorlog = "-"
forwarded_allow_ips = os.environ.get("KEPU_FORWARDED_ALLOW_IPS", "127.0.0.1")
