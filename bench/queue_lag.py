"""Queue lag under a long transcode (issue 14, item 11; `make bench-queue`, also run by
`make bench`).

A 30-second 1080p clip is uploaded and, while a real `run_worker` transcodes it, a published
article is unpublished. Measured: seconds from the unpublish until the article is gone
from the public search API and until its own address stops answering from the page cache
(both through Django's full request path; a different article each run). Two setups, alternated so that the machine's
load is shared fairly:

- "separate": one worker per queue (`run_worker --queue-name default` and
  `--queue-name media`), as `make run` and deploy/compose.yaml start them;
- "single": one worker for both queues (`--queue-name default,media`), what one worker
  did before there were two queues.

Runs against a throwaway SQLite database, caches and media folder under var/bench-queue.
KEPU_QUEUE_LAG_RUNS sets the runs per setup (default 2); KEPU_QUEUE_LAG_SECONDS the
clip's length (default 30). Prints a JSON summary; figures for the issue notes, never
assertions.
"""

import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
WORK = ROOT / "var" / "bench-queue"
RUNS = int(os.environ.get("KEPU_QUEUE_LAG_RUNS", "2"))
CLIP_SECONDS = int(os.environ.get("KEPU_QUEUE_LAG_SECONDS", "30"))
GIVE_UP = 900  # seconds: a lag longer than this is reported as such


def environment():
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DATABASE_URL", "REDIS_URL", "ELASTICSEARCH_", "KEPU_S3_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="cms.settings.dev",
        KEPU_VAR_DIR=str(WORK),
        KEPU_DEBUG="0",
        ALLOWED_HOSTS="testserver,127.0.0.1,localhost",
        KEPU_LOG_LEVEL="WARNING",
        PYTHONUNBUFFERED="1",
    )
    return env


def setup():
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    os.environ.update(environment())
    for key in [k for k in os.environ if k.startswith(("DATABASE_URL", "REDIS_URL"))]:
        del os.environ[key]
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115


def clip():
    path = WORK / "clip-1080p.mp4"
    subprocess.run(
        ["ffmpeg", "-nostdin", "-v", "error", "-y",
         "-f", "lavfi", "-i", f"testsrc2=size=1920x1080:rate=25:duration={CLIP_SECONDS}",
         "-f", "lavfi", "-i", f"sine=frequency=440:duration={CLIP_SECONDS}",
         "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac",
         "-shortest", str(path)],
        check=True,
    )  # fmt: skip
    return path


def start_workers(setup_name):
    queues = ["default", "media"] if setup_name == "separate" else ["default,media"]
    workers = []
    for n, queue in enumerate(queues):
        log = open(WORK / f"worker-{setup_name}-{n}.log", "ab")  # noqa: SIM115
        workers.append(
            subprocess.Popen(
                [
                    sys.executable,
                    "manage.py",
                    "run_worker",
                    "--no-startup-delay",
                    "--interval",
                    "0.2",
                    "--queue-name",
                    queue,
                    "--no-reload",
                ],
                cwd=ROOT,
                env=environment(),
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )  # fmt: skip
        )
        log.close()
    return workers


def stop_workers(workers):
    for worker in workers:
        if worker.poll() is None:
            os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(30)


def queue_empty():
    from django_tasks_db.models import DBTaskResult

    return not DBTaskResult.objects.filter(status__in=["READY", "RUNNING"]).exists()


def wait(condition, seconds, what):
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit(f"queue_lag: {what} not within {seconds} s")
        time.sleep(0.1)


def in_search(client, page):
    response = client.get(
        "/api/search/", {"q": page.title, "lang": page.locale.language_code.lower()}
    )
    urls = [hit["url"] for hit in response.json().get("results", [])]
    return any(url.endswith(page.url) for url in urls)


def served(client, page):
    return client.get(page.url).status_code == 200


def choose_article(client, used):
    """A published demo article, served and found by search, not unpublished before."""
    from content.models import ArticlePage

    for page in ArticlePage.objects.live().select_related("locale").order_by("pk"):
        if page.pk not in used and served(client, page) and in_search(client, page):
            used.add(page.pk)
            return page
    raise SystemExit("queue_lag: no demo article left that is served and found by search")


def one_run(setup_name, client, page, source):
    """Seconds until ``page``, unpublished during a transcode, leaves search and the
    page cache; and how long the transcode took."""
    from django.core.files import File

    from media.models import Video

    workers = start_workers(setup_name)
    try:
        # Both in the page cache before the unpublish (served twice: the second from it).
        assert served(client, page) and served(client, page) and in_search(client, page)
        with source.open("rb") as handle:
            video = Video(title=f"queue lag {setup_name}")
            video.original.save("clip.mp4", File(handle), save=False)
            video.save()  # queued on "media"
        started = time.monotonic()
        wait(lambda: Video.objects.get(pk=video.pk).state == "processing", 120, "transcode start")
        time.sleep(1.0)  # well inside ffmpeg's run
        page.refresh_from_db()
        page.unpublish()
        unpublished = time.monotonic()
        gone = {}
        while len(gone) < 2 and time.monotonic() - unpublished < GIVE_UP:
            now = time.monotonic() - unpublished
            if "page_cache" not in gone and not served(client, page):
                gone["page_cache"] = now
            if "search" not in gone and not in_search(client, page):
                gone["search"] = now
            time.sleep(0.1)
        wait(lambda: Video.objects.get(pk=video.pk).state in ("ready", "failed"), GIVE_UP, "video")
        transcode = time.monotonic() - started
        state = Video.objects.get(pk=video.pk).state
        wait(queue_empty, GIVE_UP, "queue drained")  # the next run starts from nothing
    finally:
        stop_workers(workers)
    return {
        "search_s": round(gone.get("search", GIVE_UP), 2),
        "page_cache_s": round(gone.get("page_cache", GIVE_UP), 2),
        "transcode_s": round(transcode, 1),
        "video": state,
    }


def main():
    if not shutil.which("ffmpeg"):
        raise SystemExit("queue_lag: needs ffmpeg")
    setup()
    from django.core.management import call_command
    from django.test import Client

    call_command("search_rebuild", verbosity=0)
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.all().delete()  # the demo's own indexing: done by the rebuild
    source = clip()
    client = Client()
    used = set()
    results = {"separate": [], "single": []}
    for _ in range(RUNS):
        for setup_name in ("separate", "single"):
            run = one_run(setup_name, client, choose_article(client, used), source)
            print(setup_name, json.dumps(run), flush=True)
            results[setup_name].append(run)
    summary = {
        name: {
            "runs": runs,
            "median_search_s": round(statistics.median(r["search_s"] for r in runs), 2),
            "median_page_cache_s": round(statistics.median(r["page_cache_s"] for r in runs), 2),
        }
        for name, runs in results.items()
    }
    summary["clip"] = f"{CLIP_SECONDS} s 1920x1080 testsrc2, H.264"
    summary["cpus"] = os.cpu_count()
    print(json.dumps({"queue_lag": summary}, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
