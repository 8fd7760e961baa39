"""The production stack under load (`make bench-prod`): the stack of `make prod-smoke`
(gunicorn with its default workers, behind Debian's nginx, PostgreSQL, Redis, demo
content), driven by wrk over HTTPS on loopback, once the task workers have made the
demo's renditions and indexed it (Stack.settled).

1. Micro-cache: a cached article through nginx against nginx serving the same bytes as a
   static file (precompressed, as the page is stored), alternating runs; the ratio of the
   medians is the figure.
2. Soak: mixed traffic for KEPU_SOAK_SECONDS (default 300): pages in three languages,
   search with ever-changing queries, feeds, widgets, the API. Reports requests, errors
   (non-2xx/3xx, socket errors) and each worker's memory sampled every 15 s.
Needs wrk, nginx and its brotli modules, openssl (Debian packages).
"""

import gzip
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.smoke.conftest import client  # noqa: E402
from tests.smoke.stack import Stack  # noqa: E402

SINGLE = """
request = function() return wrk.format("GET", wrk.path, {["Accept-Encoding"] = "gzip"}) end
"""
# Mixed traffic: each thread walks the list; each search takes the next of thousands of
# phrases from the demo content in its language (search_phrases), so that the app, not a
# cache, answers it, and it finds something, as a reader's search does.
MIXED = """
local paths = {%s}
local queries = {%s}
local threads = 0
function setup(thread)
  thread:set("id", threads)
  threads = threads + 1
end
local i, n = 0, 0
request = function()
  i = i + 1
  local path = paths[(i %% #paths) + 1]
  local lang = path:match("{(.-)}")
  if lang then  -- each thread takes every other phrase: no search is made twice
    n = n + 1
    local list = queries[lang]
    local phrase = list[(n * 2 + id) %% #list + 1]
    path = path:gsub("{.-}", function() return phrase end)  -- a function: phrases hold %%
  end
  return wrk.format("GET", path, {["Accept-Encoding"] = "gzip"})
end
done = function(summary, latency, requests)
  io.write(string.format('{"requests": %%d, "rps": %%.1f, "p50_ms": %%.2f, "p95_ms": %%.2f, "p99_ms": %%.2f, "errors_status": %%d, "errors_socket": %%d}\\n',
    summary.requests, summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
"""


def wrk(url, script, seconds, clients=16):
    path = Path(tempfile.mkstemp(suffix=".lua")[1])
    path.write_text(script)
    out = subprocess.run(
        ["wrk", "-t2", f"-c{clients}", f"-d{seconds}s", "--timeout", "10s", "-s", str(path), url],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    path.unlink()
    return out


def rps(output):
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))


def nginx_cpu_ticks(stack):
    """CPU time (user + system, in clock ticks) nginx's workers have used so far."""
    master = stack.processes["nginx"].pid
    pids = subprocess.run(["pgrep", "-P", str(master)], capture_output=True, text=True).stdout
    fields = [
        Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split() for pid in pids.split()
    ]
    return sum(int(f[11]) + int(f[12]) for f in fields)


def measured(stack, url):
    """Requests/s, and nginx's CPU µs per request: on a machine shared with other work
    the first varies with the load, the second much less."""
    before = nginx_cpu_ticks(stack)
    out = wrk(url, SINGLE, 10)
    used = (nginx_cpu_ticks(stack) - before) / os.sysconf("SC_CLK_TCK")
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    return rps(out), round(used * 1e6 / requests, 1)


def worker_memory(stack):
    """{pid: proportional MB} of the gunicorn workers now (PSS: the pages shared with
    the master, such as jieba's dictionary, are split between the sharers)."""
    master = stack.processes["web"].pid
    pids = subprocess.run(["pgrep", "-P", str(master)], capture_output=True, text=True).stdout
    out = {}
    for pid in pids.split():
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        out[pid] = round(int(re.search(r"Pss:\s+(\d+)", rollup).group(1)) / 1024)
    return out


def micro_cache(stack, article):
    http = client(stack)
    body = http.get(stack.base_url + article, headers={"Accept-Encoding": "identity"}).content
    static = Path(stack.env["KEPU_STATIC_ROOT"]) / "bench"
    static.mkdir(exist_ok=True)
    (static / "article.html").write_bytes(body)
    (static / "article.html.gz").write_bytes(gzip.compress(body, 6))
    cached, plain = [], []
    for _ in range(3):
        cached.append(measured(stack, stack.base_url + article))
        plain.append(measured(stack, stack.base_url + "/static/bench/article.html"))
    cached_cpu, plain_cpu = [c for _, c in cached], [c for _, c in plain]
    return {
        "article": article,
        "micro_cached_rps": [r for r, _ in cached],
        "nginx_static_rps": [r for r, _ in plain],
        "ratio_of_medians": round(
            statistics.median(r for r, _ in cached) / statistics.median(r for r, _ in plain), 3
        ),
        "micro_cached_nginx_cpu_us": cached_cpu,
        "nginx_static_nginx_cpu_us": plain_cpu,
        # static's CPU per request over the micro-cache's: the throughput ratio nginx
        # alone would reach if CPU were all it waited for
        "cpu_ratio_of_medians": round(
            statistics.median(plain_cpu) / statistics.median(cached_cpu), 3
        ),
    }


def search_phrases(stack):
    """Two words in a row from every live demo page, in every language, each once: a
    search a reader might type, which finds the page it came from, and never the same
    twice in a soak (the page cache would answer a repeat). Words: two Han characters,
    a Tibetan syllable, a Mongolian word."""
    out = subprocess.run(
        [sys.executable, "manage.py", "export_content"], cwd=ROOT, env=stack.env,
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    phrases = {"zh-hans": {}, "bo": {}, "mn": {}}
    for item in map(json.loads, out.splitlines()):
        if not item["live"]:
            continue
        text = re.sub(
            r"<[^>]+>", " ", " ".join(str(item.get(f, "")) for f in ("title", "summary", "body"))
        )
        if item["locale"] == "zh-hans":
            words = [
                run[i : i + 2]
                for run in re.findall(r"[\u4e00-\u9fff]{4,}", text)
                for i in range(0, len(run) - 1, 2)
            ]
            joiner = ""
        elif item["locale"] == "bo":
            words = re.findall(r"[\u0f40-\u0fbc]+", text)
            joiner = "་"
        else:
            words = re.findall(r"[\u1820-\u18aa\u180b-\u180f\u202f]+", text)
            joiner = " "
        for pair in zip(words, words[1:], strict=False):
            phrases[item["locale"]][joiner.join(pair)] = None  # in order, once each
    return {code: list(found) for code, found in phrases.items()}


def soak(stack, articles, seconds):
    phrases = search_phrases(stack)
    # Readers mostly read: pages twice as often as anything else; one request in eight
    # is a search with new words (answered by the app, never a cache). 8 clients with no
    # pause between requests: a steady peak, not a flood past what 2 cores can answer.
    pages = [f"/{code}/" for code in ("zh-hans", "bo", "mn")] + list(articles.values())
    pages += [f"/{code}/{channel}/" for code in ("zh-hans", "bo", "mn")
              for channel in ("ecology", "health", "emergency", "defence")]  # fmt: skip
    paths = pages * 2
    # One request in eight a search: the page four times, the API twice, in three languages.
    paths += [f"/{code}/search/?q={{{code}}}" for code in ("zh-hans", "bo", "mn", "zh-hans")]
    paths += ["/api/search/?lang=zh-hans&q={zh-hans}", "/api/search/?lang=bo&q={bo}"]
    paths += ["/feeds/zh-hans/rss.xml", "/feeds/bo/atom.xml", "/feeds/mn/feed.json"]
    paths += ["/embed/bo/health/", "/embed/zh-hans/?layout=cards", "/api/v2/pages/?limit=5"]
    script = MIXED % (
        ", ".join(json.dumps(p, ensure_ascii=False) for p in paths),
        # percent-encoded, as browsers send them
        ", ".join(
            f'["{code}"] = {{{", ".join(json.dumps(quote(q)) for q in found)}}}'
            for code, found in phrases.items()
        ),
    )
    samples, stop = [], threading.Event()

    def sample():
        while not stop.is_set():
            samples.append((round(time.time()), worker_memory(stack)))
            stop.wait(15)

    sampler = threading.Thread(target=sample)
    sampler.start()
    try:
        out = wrk(stack.base_url + "/", script, seconds, clients=8)
    finally:
        stop.set()
        sampler.join()
    result = json.loads(out.strip().splitlines()[-1])
    totals = [sum(m.values()) for _, m in samples if m]
    peaks = [max(m.values()) for _, m in samples if m]
    result["paths"] = len(paths)
    result["search_phrases"] = {code: len(found) for code, found in phrases.items()}
    result["seconds"] = seconds
    result["workers"] = len(samples[-1][1]) if samples else 0
    result["worker_mb_first_sample"] = samples[0][1] if samples else {}
    result["worker_mb_last_sample"] = samples[-1][1] if samples else {}
    result["worker_mb_peak"] = max(peaks) if peaks else None
    # All workers together, every 15 s: flat after the first minute means no leak.
    result["all_workers_mb_every_15s"] = totals
    return result


def main():
    seconds = int(os.environ.get("KEPU_SOAK_SECONDS", "300"))
    with Stack(workers=int(os.environ.get("KEPU_WORKERS", "5"))) as stack:
        articles = stack.demo_articles()
        stack.settled()
        results = {"micro_cache": micro_cache(stack, articles["bo"])}
        results["soak"] = soak(stack, articles, seconds)
        log = (stack.work / "stack.log").read_text(errors="replace").splitlines()
        errors = [line[:300] for line in log if '"level": "ERROR"' in line]
        results["soak"]["error_log_lines"] = {"count": len(errors), "first": errors[:3]}
    print(json.dumps(results, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
