"""Throughput and latency of the app under gunicorn on loopback, against Debian's nginx
serving the same bytes as a static file, with wrk (`make bench-http`).

Measures, on the demo database (var/kepu.sqlite3, made by `make run` or `make bench`):
- a cached article: requests/s and latency, and the ratio to nginx-static;
- an uncached article (a new query string each request, so the page cache misses):
  p50/p95 at 1 and at 8 clients;
- the peak memory (VmHWM) of each gunicorn worker after the runs.
Needs `wrk` and `nginx` (Debian packages).
"""

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LUA = """
local counter = 0
local unique = os.getenv("UNIQUE") == "1"
request = function()
  counter = counter + 1
  local path = wrk.path
  if unique then path = path .. "?u=" .. counter .. "-" .. math.random(1e9) end
  return wrk.format("GET", path, {["Accept-Encoding"] = "gzip"})
end
done = function(summary, latency, requests)
  io.write(string.format('{"rps": %.1f, "p50_ms": %.2f, "p95_ms": %.2f, "p99_ms": %.2f, "errors": %d}\\n',
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.timeout))
end
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait(url, seconds=30):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            return urllib.request.urlopen(url, timeout=2).read()
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer")


def wrk(url, clients, seconds, work, unique=False):
    script = work / "bench.lua"
    script.write_text(LUA)
    out = subprocess.run(
        ["wrk", f"-t{min(clients, 2)}", f"-c{clients}", f"-d{seconds}s", "-s", str(script), url],
        capture_output=True, text=True, check=True, env={**os.environ, "UNIQUE": "1" if unique else "0"},
    )  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])


def article_path():
    out = subprocess.run(
        [sys.executable, "manage.py", "export_content"], capture_output=True, text=True, check=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.dev"}, cwd=ROOT,
    ).stdout  # fmt: skip
    for item in map(json.loads, out.splitlines()):
        if item["type"] == "article" and item["live"] and item["locale"] == "bo":
            return f"/bo/{item['channel']}/{item['slug']}/"
    raise RuntimeError("no demo article: run `make run` or `make bench` first")


def main():
    for tool in ("wrk", "nginx"):
        if not shutil.which(tool) and not Path(f"/usr/sbin/{tool}").exists():
            sys.exit(f"{tool} is not installed (apt-get install wrk nginx)")
    work = Path(tempfile.mkdtemp(prefix="kepu-http-"))
    work.chmod(0o755)  # nginx's workers run as another user
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": "bench-only",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{ROOT / 'var' / 'kepu.sqlite3'}",
        "KEPU_STATIC_ROOT": str(work / "static"),
        "KEPU_MEDIA_ROOT": str(ROOT / "var" / "media"),
        # Plain HTTP on loopback, no proxy in front: no redirect to HTTPS, and no log line
        # per request (that is measured with nginx in bench/prod_bench.py).
        "KEPU_SSL_REDIRECT": "0",
        "KEPU_LOG_LEVEL": "WARNING",
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"],
        env=env,
        cwd=ROOT,
        check=True,
    )
    path = article_path()
    port = free_port()
    app = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "cms.wsgi", "-w", "2", "-b", f"127.0.0.1:{port}",
         "--log-level", "warning"], env=env, cwd=ROOT,
    )  # fmt: skip
    results = {"article": path}
    nginx = None
    try:
        url = f"http://127.0.0.1:{port}{path}"
        body = wait(url)
        for _ in range(20):  # every worker fills its cache
            urllib.request.urlopen(url).read()
        results["cached_app"] = wrk(url, 16, 10, work)
        results["uncached_app_1_client"] = wrk(url, 1, 10, work, unique=True)
        results["uncached_app_8_clients"] = wrk(url, 8, 10, work, unique=True)

        (work / "www").mkdir()
        (work / "www" / "index.html").write_bytes(body)
        nginx_port = free_port()
        (work / "nginx.conf").write_text(f"""
worker_processes 2; daemon off; pid {work}/nginx.pid; error_log {work}/error.log;
events {{ worker_connections 1024; }}
http {{ access_log off; default_type text/html; gzip on;
  server {{ listen 127.0.0.1:{nginx_port}; root {work}/www; }} }}
""")
        nginx = subprocess.Popen(
            [
                "/usr/sbin/nginx",
                "-c",
                str(work / "nginx.conf"),
                "-p",
                str(work),
                "-e",
                str(work / "error.log"),
            ]
        )
        wait(f"http://127.0.0.1:{nginx_port}/index.html")
        results["nginx_static"] = wrk(f"http://127.0.0.1:{nginx_port}/index.html", 16, 10, work)
        results["cached_app_to_nginx_ratio"] = round(
            results["cached_app"]["rps"] / results["nginx_static"]["rps"], 3
        )
        workers = subprocess.run(
            ["pgrep", "-P", str(app.pid)], capture_output=True, text=True
        ).stdout.split()
        # Proportional memory: pages shared with the master (jieba's dictionary, loaded
        # before the fork) are split between the processes sharing them.
        results["worker_pss_mb"] = [
            round(
                int(
                    re.search(r"Pss:\s+(\d+)", Path(f"/proc/{pid}/smaps_rollup").read_text()).group(
                        1
                    )
                )
                / 1024
            )
            for pid in workers
        ]
        results["worker_peak_rss_mb"] = [
            round(
                int(re.search(r"VmHWM:\s+(\d+)", Path(f"/proc/{pid}/status").read_text()).group(1))
                / 1024
            )
            for pid in workers
        ]
    finally:
        app.terminate()
        if nginx is not None:
            nginx.terminate()
        app.wait()
        shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(results, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
