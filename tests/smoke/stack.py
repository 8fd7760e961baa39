"""The production stack on loopback, as `make prod-smoke` runs it: gunicorn with the
production settings, the task worker and the scheduler, behind Debian's nginx with the
configuration in deploy/nginx (TLS with a throwaway certificate), on PostgreSQL and
Redis, with the demo content. Used by tests/smoke and by the soak in bench/.
"""

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "deploy"))
from render import render  # noqa: E402

POSTGRES = os.environ.get("KEPU_SMOKE_POSTGRES", "postgres://postgres@127.0.0.1:5432")
REDIS = os.environ.get("KEPU_SMOKE_REDIS", "redis://127.0.0.1:6379/7")
NGINX = "/usr/sbin/nginx"
SERVER_NAME = "localhost"
ADMIN_PASSWORD = secrets.token_urlsafe(16)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url, seconds=60, context=None):
    deadline = time.time() + seconds
    while True:
        try:
            return urllib.request.urlopen(url, timeout=3, context=context).status
        except urllib.error.HTTPError as exc:
            return exc.code
        except OSError:
            if time.time() > deadline:
                raise RuntimeError(f"{url} did not answer in {seconds} s") from None
            time.sleep(0.3)


class Stack:
    def __init__(self, workers=2, log=None):
        self.work = Path(tempfile.mkdtemp(prefix="kepu-prod-"))
        self.work.chmod(0o755)  # nginx's workers run as www-data
        self.workers = workers
        self.log = log or open(self.work / "stack.log", "ab")  # noqa: SIM115
        self.processes = {}
        self.app_port, self.http_port, self.https_port = free_port(), free_port(), free_port()
        self.database = f"kepu_smoke_{os.getpid()}"
        self.base_url = f"https://{SERVER_NAME}:{self.https_port}"
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "cms.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": SERVER_NAME,
            "DATABASE_URL": f"{POSTGRES}/{self.database}",
            "DATABASE_CONN_MAX_AGE": "60",
            "REDIS_URL": REDIS,
            "KEPU_BASE_URL": self.base_url,
            "KEPU_STATIC_ROOT": str(self.work / "static"),
            "KEPU_MEDIA_ROOT": str(self.work / "media"),
            "KEPU_PRIVATE_ROOT": str(self.work / "private"),
            "KEPU_BIND": f"127.0.0.1:{self.app_port}",
            "KEPU_WORKERS": str(workers),
            "DJANGO_SUPERUSER_PASSWORD": ADMIN_PASSWORD,
        }
        self.env.pop("ELASTICSEARCH_URL", None)

    # Steps ---------------------------------------------------------------------------

    def manage(self, *args, settings=None):
        env = {**self.env, **({"DJANGO_SETTINGS_MODULE": settings} if settings else {})}
        subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True,
            stdout=self.log, stderr=self.log,
        )  # fmt: skip

    def prepare(self):
        import psycopg
        import redis

        with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as db:
            db.execute(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')
            db.execute(f'CREATE DATABASE "{self.database}"')
        redis.Redis.from_url(REDIS).flushdb()
        self.manage("check", "--deploy", "--fail-level", "WARNING")
        self.manage("migrate", "--no-input")
        self.manage("collectstatic", "--no-input")
        # Demo content is only loaded in demo mode; it goes into the same database.
        self.manage("seed_demo", settings="cms.settings.dev")
        self.manage("createsuperuser", "--no-input", "--username", "smoke",
                    "--email", "smoke@example.invalid")  # fmt: skip
        # The seeding's own search and cache tasks (its purges among them) are done
        # before the first request, or one may land between a test's two requests.
        self.manage("run_worker", "--batch", "--no-startup-delay", "--queue-name", "default")
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
             "-subj", f"/CN={SERVER_NAME}", "-addext", f"subjectAltName=DNS:{SERVER_NAME}",
             "-keyout", str(self.work / "tls.key"), "-out", str(self.work / "tls.crt")],
            check=True, stdout=self.log, stderr=self.log,
        )  # fmt: skip

    def start(self):
        self.spawn("web", "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", "cms.wsgi")
        # One worker per queue, as in production (docs/deploy.md): search and cache work
        # never waits behind a transcode.
        self.spawn("worker", "manage.py", "run_worker", "--queue-name", "default")
        self.spawn("media-worker", "manage.py", "run_worker", "--queue-name", "media")
        self.spawn("scheduler", "manage.py", "run_scheduler")
        self.start_nginx()
        wait_for(f"http://127.0.0.1:{self.app_port}/healthz")
        wait_for(f"http://{SERVER_NAME}:{self.http_port}/healthz")

    def spawn(self, name, *args):
        self.processes[name] = subprocess.Popen(
            [sys.executable, *args], cwd=ROOT, env=self.env, stdout=self.log, stderr=self.log,
            start_new_session=True,
        )  # fmt: skip

    def start_nginx(self):
        # On tmpfs where there is one, as docs/deploy.md recommends.
        shm = Path("/dev/shm")
        self.cache_dir = Path(
            tempfile.mkdtemp(prefix="kepu-nginx-", dir=shm if shm.is_dir() else None)
        )
        self.cache_dir.chmod(0o777)  # nginx's workers run as another user
        (self.work / "nginx-log").mkdir(exist_ok=True)
        (self.work / "nginx-temp").mkdir(exist_ok=True)
        site = render(
            (ROOT / "deploy/nginx/kepu.conf.template").read_text(),
            {
                "KEPU_UPSTREAM": f"127.0.0.1:{self.app_port}",
                "KEPU_SERVER_NAME": SERVER_NAME,
                "KEPU_HTTP_LISTEN": f"127.0.0.1:{self.http_port}",
                "KEPU_HTTPS_LISTEN": f"127.0.0.1:{self.https_port}",
                "KEPU_TLS_CERT": str(self.work / "tls.crt"),
                "KEPU_TLS_KEY": str(self.work / "tls.key"),
                "KEPU_STATIC_ROOT": self.env["KEPU_STATIC_ROOT"],
                "KEPU_MEDIA_ROOT": self.env["KEPU_MEDIA_ROOT"],
                "KEPU_NGINX_CACHE": str(self.cache_dir),
                "KEPU_NGINX_LOG": str(self.work / "nginx-log"),
            },
        )
        (self.work / "kepu.conf").write_text(site)
        (self.work / "nginx.conf").write_text(
            render(
                (ROOT / "deploy/nginx/nginx.conf.template").read_text(),
                {"KEPU_NGINX_PID": str(self.work / "nginx.pid"),
                 "KEPU_NGINX_LOG": str(self.work / "nginx-log"),
                 "KEPU_NGINX_SITE": str(self.work / "kepu.conf"),
                 "KEPU_NGINX_TEMP": str(self.work / "nginx-temp")},
            )
        )  # fmt: skip
        subprocess.run([NGINX, "-t", "-q", "-c", str(self.work / "nginx.conf"), "-p", str(self.work)],
                       check=True, stdout=self.log, stderr=self.log)  # fmt: skip
        self.processes["nginx"] = subprocess.Popen(
            [NGINX, "-c", str(self.work / "nginx.conf"), "-p", str(self.work)],
            stdout=self.log, stderr=self.log, start_new_session=True,
        )  # fmt: skip

    def settled(self, seconds=600):
        """Wait until the task workers have nothing queued or running: after the demo is
        loaded, the media worker makes every picture's renditions (about a second each
        here), and a page rendered meanwhile makes the ones it lacks itself, competing
        for the CPU (first renders of 6-9 s). A benchmark measures the site at work,
        not its first minute."""
        import psycopg

        deadline = time.time() + seconds
        with psycopg.connect(self.env["DATABASE_URL"], autocommit=True) as db:
            while db.execute(
                "SELECT count(*) FROM django_tasks_database_dbtaskresult"
                " WHERE status IN ('READY', 'RUNNING')"
            ).fetchone()[0]:
                if time.time() > deadline:
                    raise RuntimeError(f"the task queue did not drain in {seconds} s")
                time.sleep(0.5)

    def demo_articles(self):
        """{language: URL path} of one live demo article per language."""
        out = subprocess.run(
            [sys.executable, "manage.py", "export_content"], cwd=ROOT, env=self.env,
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        urls = {}
        for item in map(json.loads, out.splitlines()):
            if item["type"] == "article" and item["live"] and "translation_of" in item:
                source = item["translation_of"]
                urls.setdefault(
                    item["locale"], f"/{item['locale']}/{item['channel']}/{item['slug']}/"
                )
                urls.setdefault("zh-hans", f"/zh-hans/{item['channel']}/{source['slug']}/")
        return urls

    def stop(self, name):
        process = self.processes.pop(name, None)
        if process is not None and process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()

    def close(self, keep=False):
        for name in list(self.processes):
            self.stop(name)
        if not keep:
            try:
                import psycopg

                with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as db:
                    db.execute(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')
            except Exception:  # noqa: BLE001 (a failed clean-up must not hide the result)
                pass
            shutil.rmtree(self.work, ignore_errors=True)
            shutil.rmtree(getattr(self, "cache_dir", self.work), ignore_errors=True)

    def __enter__(self):
        self.prepare()
        self.start()
        return self

    def __exit__(self, *exc):
        self.close(keep=os.environ.get("KEPU_SMOKE_KEEP") == "1")


def requirements():
    """What this machine lacks to run the stack (empty when it can)."""
    missing = [tool for tool in (NGINX, "/usr/bin/openssl") if not Path(tool).exists()]
    if not Path("/usr/lib/nginx/modules/ngx_http_brotli_filter_module.so").exists():
        missing.append("libnginx-mod-http-brotli-filter")
    return missing
