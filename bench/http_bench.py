"""The site under gunicorn beside a plain Wagtail site and Debian's nginx, with wrk on
loopback (`make bench-http`; `--rounds`, `--seconds`, `--also NAME=URL`).

Sides, each started here:
- ours: production settings (static files hashed but not precompressed: the pages are
  the same bytes), gunicorn with deploy/gunicorn.conf.py and 2 sync workers, the demo
  database (var/kepu.sqlite3), its caches in Redis as in production (`--redis URL`, a
  database of its own, emptied first; `--redis ""`: files, as without Redis);
- ours with the page cache off: the same, but the cache's alias is Django's DummyCache,
  so every request takes the miss path (render, gzip, ETag) and nothing is kept. A new
  query string per request is no miss: the page cache rewrites parameters a view does
  not read away and answers from the clean address's entry (docs/performance.md);
- baseline: a plain Wagtail site (bench/wagtail_baseline, built once under
  var/wagtail-baseline), gunicorn with 2 sync workers, a blog page with the same text as
  our Tibetan article, a header image and a body image;
- nginx: Debian's nginx serving our cached article's gzipped bytes as a file
  (gzip_static, gzip on);
- wsgi floor: gunicorn with 2 sync workers and bench/wsgi_floor.py, a WSGI application
  that answers with those bytes and our hit's headers and does nothing else: what
  gunicorn alone costs, the ceiling of our cached figure;
- any `--also NAME=URL` (bakerydemo run by hand, say), measured like the baseline.

Measurements, each on every side in turn, R rounds (the order of the sides turns each
round): the uncached Tibetan article against the baseline's page at 1 and 8 clients; the
cached article against nginx at 16 clients; the uncached search page and search API at 8
clients, a different real query each request (bench/search_queries.jsonl, three
languages, only those that find something). wrk sends `Connection: close` on every
request to every side: gunicorn's sync workers close each connection anyway, so nginx
must reconnect too for a fair ratio. During uncached runs wrk counts answers marked
`X-Kepu-Cache: hit` (there must be none). Then each side's worker memory.
A readable table goes to stderr, JSON to stdout. Needs `wrk` and `nginx` (Debian).
"""

import argparse
import gzip
import hashlib
import html
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from itertools import zip_longest
from pathlib import Path
from urllib.parse import quote, urlsplit

ROOT = Path(__file__).resolve().parents[1]
BASELINE_SOURCE = ROOT / "bench" / "wagtail_baseline"
BASELINE_DIR = ROOT / "var" / "wagtail-baseline"
NGINX = "/usr/sbin/nginx"
WORKERS = "2"
QUERIES_PER_LANGUAGE = 30
CLOSE = "every request sends Connection: close (gunicorn's sync workers close every connection)"

# Each thread walks the list from its own offset. With HITS=1 wrk also counts answers
# the page cache served (reading each answer in Lua costs wrk a little: only uncached runs).
LUA = """
local paths = {%s}
local threads = {}
local n = 0
setup = function(thread)
  n = n + 1
  thread:set("id", n)
  table.insert(threads, thread)
end
init = function(args)
  i = id * 7919
  hits = 0
end
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i %% #paths) + 1],
    {["Accept-Encoding"] = "gzip", ["Connection"] = "close"})
end
if os.getenv("HITS") == "1" then
  response = function(status, headers, body)
    if headers["X-Kepu-Cache"] == "hit" then hits = hits + 1 end
  end
end
done = function(summary, latency, requests)
  local h = 0
  for _, thread in ipairs(threads) do h = h + (thread:get("hits") or 0) end
  io.write(string.format('{"rps": %%.1f, "p50_ms": %%.2f, "p95_ms": %%.2f, "p99_ms": %%.2f, "errors": %%d, "cache_hits": %%d, "kb_per_answer": %%.2f}\\n',
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.errors.status + summary.errors.connect + summary.errors.read
      + summary.errors.write + summary.errors.timeout,
    h, summary.bytes / math.max(summary.requests, 1) / 1024))
end
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url, gzipped=False):
    """(headers, body) of one GET; the body as sent (still gzipped if it was)."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzipped else {})
    with urllib.request.urlopen(request, timeout=30) as answer:
        return answer.headers, answer.read()


def wait(url, seconds=60):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            return get(url)
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer")


def wrk(base, paths, clients, seconds, work, count_hits):
    script = work / "bench.lua"
    script.write_text(LUA % ", ".join(json.dumps(p, ensure_ascii=False) for p in paths))
    out = subprocess.run(
        ["wrk", f"-t{min(clients, 2)}", f"-c{clients}", f"-d{seconds}s", "--timeout", "10s",
         "-s", str(script), base],
        capture_output=True, text=True, check=True,
        env={**os.environ, "HITS": "1" if count_hits else "0"},
    )  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])


def memory(master):
    """Each gunicorn worker's proportional memory (pages shared with the master, such as
    jieba's dictionary, split between the sharers) and its peak resident size, in MB."""
    pids = subprocess.run(["pgrep", "-P", str(master)], capture_output=True, text=True).stdout
    out = []
    for pid in pids.split():
        pss = re.search(r"Pss:\s+(\d+)", Path(f"/proc/{pid}/smaps_rollup").read_text())
        peak = re.search(r"VmHWM:\s+(\d+)", Path(f"/proc/{pid}/status").read_text())
        out.append(
            {
                "pss_mb": round(int(pss.group(1)) / 1024),
                "peak_rss_mb": round(int(peak.group(1)) / 1024),
            }
        )
    return out


def demo_article():
    """The first live Tibetan article of the demo content, as export_content gives it."""
    out = subprocess.run(
        [sys.executable, "manage.py", "export_content", "--locale", "bo"], capture_output=True,
        text=True, check=True, env={**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.dev"},
        cwd=ROOT,
    ).stdout  # fmt: skip
    for item in map(json.loads, out.splitlines()):
        if item["type"] == "article" and item["live"]:
            return item
    raise RuntimeError("no demo article: run `make bench-http` (it seeds var/kepu.sqlite3)")


def texts(value):
    """The words of a block's value, without markup."""
    if isinstance(value, dict):
        return [t for v in value.values() for t in texts(v)]
    if isinstance(value, list):
        return [t for v in value for t in texts(v)]
    if isinstance(value, str):
        return [html.unescape(re.sub(r"<[^>]+>", " ", value)).strip()]
    return []


def baseline_content(article):
    """Our article's text in the baseline's blocks: headings and paragraphs as they are,
    the first of our other blocks (fact box, rumour and fact, sources) as a block quote,
    the rest as paragraphs."""
    body = []
    for block in article["blocks"]:
        if block["type"] in ("heading", "paragraph"):
            body.append({"type": block["type"], "value": block["value"]})
            continue
        text = " ".join(t for t in texts(block["value"]) if t)
        if not any(b["type"] == "block_quote" for b in body):
            value = {"text": text, "attribute_name": article.get("author", "")}
            body.append({"type": "block_quote", "value": value})
        else:
            body.append({"type": "paragraph", "value": f"<p>{html.escape(text)}</p>"})
    return {"title": article["title"], "introduction": article["summary"], "body": body}


def build_baseline(article, env):
    """Make var/wagtail-baseline (database, images) when it is missing or its source or
    text changed; returns its page's path."""
    content = json.dumps(baseline_content(article), ensure_ascii=False, sort_keys=True)
    digest = hashlib.sha256(content.encode())
    for path in sorted(BASELINE_SOURCE.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(BASELINE_SOURCE).as_posix().encode())
            digest.update(path.read_bytes())
    stamp = BASELINE_DIR / "stamp"
    if not stamp.exists() or stamp.read_text() != digest.hexdigest():
        print("building the Wagtail baseline in var/wagtail-baseline", file=sys.stderr)
        shutil.rmtree(BASELINE_DIR, ignore_errors=True)
        BASELINE_DIR.mkdir(parents=True)
        (BASELINE_DIR / "content.json").write_text(content)
        django = [sys.executable, "-m", "django"]
        run = {"env": env, "cwd": BASELINE_SOURCE, "check": True}
        subprocess.run([*django, "migrate", "--no-input", "-v0"], **run)
        subprocess.run([*django, "seed_baseline", str(BASELINE_DIR / "content.json")], **run)
        stamp.write_text(digest.hexdigest())
    return "/article/"


def search_paths(base):
    """Search page and API addresses for queries of the demo content that find
    something, in three languages, interleaved."""
    by_language = {}
    for line in (ROOT / "bench" / "search_queries.jsonl").open(encoding="utf-8"):
        query = json.loads(line)
        found = by_language.setdefault(query["lang"], [])
        if len(found) >= QUERIES_PER_LANGUAGE:
            continue
        q = quote(query["q"])
        _, body = get(f"{base}/api/search/?lang={query['lang']}&q={q}")
        if json.loads(body)["count"]:
            found.append((query["lang"], q))
    queries = [q for group in zip_longest(*by_language.values()) for q in group if q]
    pages = [f"/{lang}/search/?q={q}" for lang, q in queries]
    api = [f"/api/search/?lang={lang}&q={q}" for lang, q in queries]
    return pages, api, {lang: len(found) for lang, found in by_language.items()}


def cache_check(base, path):
    """What the page cache says for a clean address and for made-up query strings."""
    seen = {}
    for suffix in ("", "", "?u=1", "?u=2", "?u=3"):
        headers, _ = get(base + path + suffix, gzipped=True)
        seen.setdefault(suffix or "clean", []).append(headers.get("X-Kepu-Cache", "-"))
    return seen


def progress(started, text):
    print(f"[{time.monotonic() - started:5.0f} s] {text}", file=sys.stderr)


def summary(values):
    return {
        "median": round(statistics.median(values), 2),
        "min": min(values),
        "max": max(values),
    }


def ratio(a, b):
    return round(a / b, 3) if b else None


def report(results, out):
    def line(text=""):
        print(text, file=out)

    line(f"CPUs: {results['cpus']}; {results['seconds']} s per run; {CLOSE}")
    line(f"article: {results['article']}; baseline: {results['baseline']}")
    line(f"page cache check (X-Kepu-Cache): {json.dumps(results['checks'])}")
    line(f"search queries that find something, per language: {results['search_queries']}")
    line(
        "hits: answers marked X-Kepu-Cache: hit (counted in uncached runs only); KB: read per answer, headers included"
    )
    head = f"{'':26}{'side':>10}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'err':>5}{'hits':>5}{'KB':>7}"
    for n, rnd in enumerate(results["rounds"], 1):
        line()
        line(
            f"round {n}: load average (1 min) {rnd['load_before']} before, {rnd['load_after']} after"
        )
        line(head)
        for name, sides in rnd["runs"].items():
            for side, r in sides.items():
                line(
                    f"{name:26}{side:>10}{r['rps']:9.1f}{r['p50_ms']:9.1f}{r['p95_ms']:9.1f}"
                    f"{r['p99_ms']:9.1f}{r['errors']:5}{r['cache_hits']:5}{r['kb_per_answer']:7.1f}"
                )
    line()
    line("medians over the rounds (min-max)")
    for name, sides in results["summary"].items():
        for side, s in sides["sides"].items():
            cells = "  ".join(
                f"{key} {s[key]['median']:g} ({s[key]['min']:g}-{s[key]['max']:g})"
                for key in ("rps", "p50_ms", "p95_ms", "p99_ms")
            )
            line(f"  {name:26}{side:>10}  {cells}")
        for pair, r in sides["ratios"].items():
            line(
                f"  {name:26}{pair:>22}  req/s ratio per round {r['per_round']}, median {r['median']}"
            )
    line()
    for side, workers in results["memory"].items():
        line(f"worker memory (MB), {side}: {workers}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument(
        "--also", action="append", default=[], metavar="NAME=URL",
        help="another site's page, measured uncached beside the baseline (started by hand)",
    )  # fmt: skip
    parser.add_argument(
        "--redis", default="redis://127.0.0.1:6379/12",
        help="our caches' Redis (a database emptied first); empty: files, as without Redis",
    )  # fmt: skip
    args = parser.parse_args()
    if args.redis:
        import redis

        redis.Redis.from_url(args.redis).flushdb()
    also = dict(item.split("=", 1) for item in args.also)
    for tool in ("wrk", NGINX):
        if not shutil.which(tool):
            sys.exit(f"{tool} is not installed (apt-get install wrk nginx)")

    work = Path(tempfile.mkdtemp(prefix="kepu-http-"))
    work.chmod(0o755)  # nginx's workers run as another user
    # Production settings, but static files only hashed, not also gzipped and brotli'd
    # (that took collectstatic 90 s on a busy machine; the pages name the same files).
    (work / "bench_settings.py").write_text(
        "from cms.settings.production import *  # noqa: F403\n"
        "STORAGES['staticfiles'] = {  # noqa: F405\n"
        "    'BACKEND': 'django.contrib.staticfiles.storage.ManifestStaticFilesStorage'}\n"
    )
    # And with our page cache switched off: its alias is a cache that keeps nothing.
    (work / "bench_nocache.py").write_text(
        "from bench_settings import *  # noqa: F403\n"
        "CACHES = {**CACHES, 'off': {'BACKEND': 'django.core.cache.backends.dummy.DummyCache'}}  # noqa: F405\n"
        "KEPU_PAGE_CACHE = 'off'\n"
    )
    ours_env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench_settings",
        "SECRET_KEY": "bench-only",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{ROOT / 'var' / 'kepu.sqlite3'}",
        # Caches of our own, empty at the start, gone at the end.
        "KEPU_VAR_DIR": str(work),
        "KEPU_STATIC_ROOT": str(work / "static"),
        "KEPU_MEDIA_ROOT": str(ROOT / "var" / "media"),
        "KEPU_PRIVATE_ROOT": str(ROOT / "var" / "private"),
        # Plain HTTP on loopback, no proxy in front: no redirect to HTTPS, and no log line
        # per request (that is measured with nginx in bench/prod_bench.py).
        "KEPU_SSL_REDIRECT": "0",
        "KEPU_LOG_LEVEL": "WARNING",
        "KEPU_WORKERS": WORKERS,
        "PYTHONPATH": str(work),
        "REDIS_URL": args.redis,
    }
    baseline_env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "baseline.settings",
        "BASELINE_DIR": str(BASELINE_DIR),
    }
    started = time.monotonic()
    processes = {}
    results = {"cpus": os.cpu_count(), "seconds": args.seconds, "connections": CLOSE}
    try:
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"],
            env=ours_env, cwd=ROOT, check=True,
        )  # fmt: skip
        progress(started, "static files collected")
        article = demo_article()
        path = f"/bo/{article['channel']}/{article['slug']}/"
        blog_path = build_baseline(article, baseline_env)
        progress(started, "baseline ready")

        ports = {}
        gunicorn = [sys.executable, "-m", "gunicorn", "--log-level", "warning"]
        for side, settings in (("ours", "bench_settings"), ("nocache", "bench_nocache")):
            ports[side] = free_port()
            processes[side] = subprocess.Popen(
                [*gunicorn, "-c", "deploy/gunicorn.conf.py", "cms.wsgi"], cwd=ROOT,
                env={**ours_env, "DJANGO_SETTINGS_MODULE": settings,
                     "KEPU_BIND": f"127.0.0.1:{ports[side]}"},
            )  # fmt: skip
        ports["baseline"] = free_port()
        processes["baseline"] = subprocess.Popen(
            [*gunicorn, "-w", WORKERS, "-b", f"127.0.0.1:{ports['baseline']}", "baseline.wsgi"],
            cwd=BASELINE_SOURCE, env=baseline_env,
        )  # fmt: skip
        base = {side: f"http://127.0.0.1:{port}" for side, port in ports.items()}
        for side in base:
            wait(base[side] + (blog_path if side == "baseline" else path))
        for url in also.values():
            wait(url)

        # nginx: the very bytes a cache hit sends, as a precompressed file.
        _, packed = get(base["ours"] + path, gzipped=True)
        www = work / "www"
        www.mkdir()
        (www / "article.html.gz").write_bytes(packed)
        (www / "article.html").write_bytes(gzip.decompress(packed))
        ports["nginx"] = free_port()
        (work / "nginx.conf").write_text(f"""
worker_processes 2; daemon off; pid {work}/nginx.pid; error_log {work}/error.log;
events {{ worker_connections 1024; }}
http {{ access_log off; default_type text/html; gzip on; gzip_static on;
  server {{ listen 127.0.0.1:{ports["nginx"]}; root {www}; }} }}
""")
        processes["nginx"] = subprocess.Popen(
            [NGINX, "-c", str(work / "nginx.conf"), "-p", str(work), "-e", str(work / "error.log")]
        )
        base["nginx"] = f"http://127.0.0.1:{ports['nginx']}"
        wait(base["nginx"] + "/article.html")
        # gunicorn answering the same bytes and headers, with nothing of ours in between.
        hit_headers, _ = get(base["ours"] + path, gzipped=True)
        (work / "floor").write_text(json.dumps(list(hit_headers.items())))
        (work / "floor.gz").write_bytes(packed)
        ports["wsgi floor"] = free_port()
        processes["wsgi floor"] = subprocess.Popen(
            [*gunicorn, "-w", WORKERS, "-b", f"127.0.0.1:{ports['wsgi floor']}",
             "wsgi_floor:application"],
            cwd=ROOT / "bench", env={**os.environ, "KEPU_FLOOR_FILE": str(work / "floor")},
        )  # fmt: skip
        base["wsgi floor"] = f"http://127.0.0.1:{ports['wsgi floor']}"
        wait(base["wsgi floor"] + path)

        progress(started, "every side answers")
        # Warm every side (templates, renditions, database pages, each worker).
        for url in [base["ours"] + path, base["nocache"] + path, base["baseline"] + blog_path,
                    *also.values()]:  # fmt: skip
            for _ in range(10):
                get(url, gzipped=True)
        results["checks"] = {
            "page cache on": cache_check(base["ours"], path),
            "page cache off": cache_check(base["nocache"], path),
        }
        pages, api, results["search_queries"] = search_paths(base["nocache"])
        progress(started, "warmed, cache checked, search queries chosen")

        # name: (clients, count cache hits, {side: (base, [paths])})
        article_sides = {
            "ours": (base["nocache"], [path]),
            "baseline": (base["baseline"], [blog_path]),
        }
        for name, url in also.items():
            split = urlsplit(url)
            query = f"?{split.query}" if split.query else ""
            article_sides[name] = (
                f"{split.scheme}://{split.netloc}",
                [(split.path or "/") + query],
            )
        measurements = {
            "article uncached, 1 client": (1, True, article_sides),
            "article uncached, 8 clients": (8, True, article_sides),
            "article cached, 16 clients": (16, False, {
                "app": (base["ours"], [path]), "nginx": (base["nginx"], ["/article.html"]),
                "wsgi floor": (base["wsgi floor"], [path])}),
            "search page, 8 clients": (8, True, {"ours": (base["nocache"], pages)}),
            "search API, 8 clients": (8, True, {"ours": (base["nocache"], api)}),
        }  # fmt: skip
        results["article"] = path
        results["baseline"] = blog_path
        results["rounds"] = []
        for n in range(args.rounds):
            rnd = {"load_before": round(os.getloadavg()[0], 2), "runs": {}}
            for name, (clients, count_hits, sides) in measurements.items():
                order = list(sides)
                order = order[n % len(order) :] + order[: n % len(order)]  # who goes first turns
                runs = {
                    side: wrk(*sides[side], clients, args.seconds, work, count_hits)
                    for side in order
                }
                rnd["runs"][name] = {side: runs[side] for side in sides}
            rnd["load_after"] = round(os.getloadavg()[0], 2)
            progress(started, f"round {n + 1} of {args.rounds} done")
            results["rounds"].append(rnd)

        results["summary"] = {}
        for name, (_, _, sides) in measurements.items():
            runs = [rnd["runs"][name] for rnd in results["rounds"]]
            entry = {"sides": {}, "ratios": {}}
            for side in sides:
                entry["sides"][side] = {
                    key: summary([r[side][key] for r in runs])
                    for key in ("rps", "p50_ms", "p95_ms", "p99_ms")
                }
            names = list(sides)
            for first, other in ((a, b) for i, a in enumerate(names) for b in names[i + 1 :]):
                per_round = [ratio(r[first]["rps"], r[other]["rps"]) for r in runs]
                entry["ratios"][f"{first}/{other}"] = {
                    "per_round": per_round,
                    "median": round(statistics.median(per_round), 3),
                }
            results["summary"][name] = entry
        results["memory"] = {
            "ours": memory(processes["ours"].pid),
            "ours, page cache off": memory(processes["nocache"].pid),
            "baseline": memory(processes["baseline"].pid),
        }
    finally:
        for process in processes.values():
            process.terminate()
        for process in processes.values():
            process.wait()
        shutil.rmtree(work, ignore_errors=True)
    report(results, sys.stderr)
    print(json.dumps(results, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
