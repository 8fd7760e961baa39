"""Print where the demo site is and how to log in, as the last thing `make run` says.

`make run` starts this beside the server with ``--wait HOST:PORT``: it waits until the
server answers, then prints the address and the demo accounts (written by
``seed_demo`` to var/demo-accounts.txt), so that they are below the server's own
start-up lines instead of scrolled away above them.
"""

import socket
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cms import dev_server, public_url

RULE = "=" * 72


def wait_for(address, seconds):
    """True once something accepts connections on ``address`` (host:port)."""
    host, _, port = address.rpartition(":")
    host = host.strip("[]")
    if host in ("", *dev_server.EVERY_INTERFACE):
        host = "127.0.0.1"
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with socket.create_connection((host, int(port)), timeout=1):
                return True
        except OSError:
            time.sleep(0.3)
    return False


def read_accounts(path):
    """[(username, password, description)] from seed_demo's file (tab-separated)."""
    if not path.exists():
        return []
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()]
    return [(row + ["", ""])[:3] for row in rows if row and row[0]]


class Command(BaseCommand):
    help = "Print the demo site's address and demo accounts (after the server answers)."

    def add_arguments(self, parser):
        parser.add_argument("--wait", metavar="HOST:PORT", help="Wait until this answers.")
        parser.add_argument("--timeout", type=float, default=120.0)

    def handle(self, *args, wait=None, timeout=120.0, **options):
        if not getattr(settings, "KEPU_DEMO", False):
            raise CommandError("Demo accounts exist only in demo mode (cms.settings.dev).")
        if wait and not wait_for(wait, timeout):
            self.stderr.write(f"Nothing answers on {wait} yet; the accounts anyway:")
        path = Path(settings.VAR_DIR) / "demo-accounts.txt"
        root = public_url.root_url()
        out = ["", RULE, f" Qinghai Kepu: {root}/", f" Admin:        {root}/admin/", ""]
        accounts = read_accounts(path)
        if accounts:
            out.append(f" Demo accounts (also in {path}):")
            width = max(len(name) for name, _, _ in accounts)
            out += [
                f"   {name.ljust(width)}  {password}  {description}"
                for name, password, description in accounts
            ]
        else:
            out.append(f" No demo accounts yet ({path} is missing): run `make run` again.")
        out += ["", " Ctrl-C stops the server, its workers and the scheduler.", RULE, ""]
        self.stdout.write("\n".join(out))
