"""Publish and expire scheduled pages, every minute, for every language.

Wagtail keeps go-live and expiry dates on the pages; its ``publish_scheduled`` command
acts on the ones that are due. This loop runs ``publish_due``, the project's safe
version of it (content/management/commands/publish_due.py): beside the development server
(`make run`) and as the worker process in production.
"""

import os
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run publish_due (scheduled publishing and expiry) every --interval seconds (or --once)."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Run once and exit.")
        parser.add_argument("--interval", type=int, default=60, help="Seconds between runs.")
        parser.add_argument(
            "--with-parent",
            action="store_true",
            help="Exit when the process that started this one exits (used by `make run`).",
        )

    def handle(self, *args, once=False, interval=60, with_parent=False, **options):
        parent = os.getppid()
        while True:
            if with_parent and os.getppid() != parent:
                return
            try:
                call_command("publish_due", stdout=self.stdout)
            except Exception as exc:  # a database hiccup must not stop the loop
                self.stderr.write(f"publish_due failed: {exc}")
                if once:
                    raise
            if once:
                return
            # Short sleeps, so that the loop notices quickly when its parent is gone.
            deadline = time.monotonic() + max(interval, 1)
            while time.monotonic() < deadline and not (with_parent and os.getppid() != parent):
                time.sleep(1)
