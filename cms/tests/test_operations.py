"""What operators rely on: liveness and readiness answers, and log lines that name the
request they belong to."""

import json
import logging
import re
import sys
from datetime import timedelta

from django_tasks_db.models import DBTaskResult

from django.core.cache import caches
from django.utils import timezone

from cms.request_log import JsonFormatter, RequestIdFilter


def test_healthz_answers_without_touching_the_database(client, db, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_probes_by_ip_address_are_answered_where_pages_are_refused(client, site_tree):
    # A load balancer or orchestrator asks by the machine's address, not the site's name.
    assert client.get("/healthz", HTTP_HOST="10.0.3.7:8000").status_code == 200
    assert client.get("/readyz", HTTP_HOST="10.0.3.7:8000").status_code == 200
    assert client.get("/zh-hans/", HTTP_HOST="10.0.3.7:8000").status_code == 400


def test_readyz_reports_each_part(client, site_tree):
    response = client.get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache", "storage", "search", "task_queue"}
    assert all(c["state"] == "ok" and c["ms"] >= 0 for c in body["checks"].values())


def test_readyz_is_503_when_the_cache_is_down(client, site_tree, monkeypatch):
    cache = caches["pages"]

    def broken(*args, **kwargs):
        raise ConnectionError("Connection refused (redis:6379)")

    monkeypatch.setattr(cache, "set", broken)
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "down"
    assert body["checks"]["cache"] == {
        "state": "down", "error": "Connection refused (redis:6379)", "ms": body["checks"]["cache"]["ms"]
    }  # fmt: skip
    assert body["checks"]["database"]["state"] == "ok"


def test_readyz_stays_200_but_degraded_when_search_is_down(client, site_tree, monkeypatch):
    from search.backends import get_backend
    from search.backends.base import BackendUnavailable

    def down():
        raise BackendUnavailable("Elasticsearch at http://es:9200: connection refused")

    monkeypatch.setattr(get_backend(), "check", down)
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["checks"]["search"]["state"] == "down"


def test_every_answer_carries_a_request_id_and_keeps_a_sane_one_from_nginx(client, site_tree):
    made = client.get("/zh-hans/")["X-Request-ID"]
    assert len(made) == 32
    assert client.get("/zh-hans/", HTTP_X_REQUEST_ID="nginx-5f3a9c01")["X-Request-ID"] == (
        "nginx-5f3a9c01"
    )
    forged = client.get("/zh-hans/", HTTP_X_REQUEST_ID="x\n{injected}")["X-Request-ID"]
    assert forged != "x\n{injected}" and len(forged) == 32


def test_log_lines_are_json_with_the_request_id(client, site_tree, caplog):
    caplog.set_level(logging.INFO, logger="kepu.request")
    client.get("/bo/", HTTP_X_REQUEST_ID="req-12345678")
    record = next(r for r in caplog.records if r.name == "kepu.request")
    RequestIdFilter().filter(record)  # outside the request now: the id was on the record
    line = json.loads(JsonFormatter().format(record))
    assert line["message"] == "GET /bo/ 200"
    assert line["path"] == "/bo/" and line["status"] == 200 and line["ms"] >= 0
    assert line["level"] == "INFO" and line["logger"] == "kepu.request"


def test_request_id_reaches_log_lines_written_during_the_request(client, site_tree, caplog):
    seen = []

    class Capture(logging.Handler):
        def emit(self, record):
            seen.append(json.loads(JsonFormatter().format(record)))

    handler = Capture()
    handler.addFilter(RequestIdFilter())
    logger = logging.getLogger("kepu.request")
    logger.addHandler(handler)
    old = logger.level
    logger.setLevel(logging.INFO)
    try:
        client.get("/mn/", HTTP_X_REQUEST_ID="req-abcdef12")
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old)
    assert seen and seen[0]["request_id"] == "req-abcdef12"


def _waiting(queue, minutes):
    task = DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}}, task_path="x.y", queue_name=queue,
        backend_name="default", run_after=timezone.now() - timedelta(minutes=minutes),
    )  # fmt: skip
    DBTaskResult.objects.filter(pk=task.pk).update(
        enqueued_at=timezone.now() - timedelta(minutes=minutes)
    )


def test_a_media_backlog_is_normal_but_a_stuck_default_queue_is_not(client, site_tree):
    # Transcodes of long uploads wait their turn for hours; search and cache work must not.
    _waiting("media", 90)
    assert client.get("/readyz").json()["checks"]["task_queue"]["state"] == "ok"
    _waiting("default", 11)
    check = client.get("/readyz").json()["checks"]["task_queue"]
    assert check["state"] == "down" and "default" in check["error"]


def test_a_registered_check_is_reported_and_an_essential_one_can_take_the_site_down(
    client, site_tree, monkeypatch
):
    # Apps above the core add their parts from AppConfig.ready() (search does); the core
    # module itself imports none of them.
    from cms import health

    monkeypatch.setattr(health, "CHECKS", dict(health.CHECKS))

    def unreachable():
        raise ConnectionError("map tiles: connection refused")

    health.register("tiles", unreachable)
    body = client.get("/readyz").json()
    assert body["status"] == "degraded" and body["checks"]["tiles"]["state"] == "down"

    health.register("tiles", unreachable, essential=True)
    response = client.get("/readyz")
    assert response.status_code == 503 and response.json()["status"] == "down"


def test_the_core_health_module_imports_no_app_above_it():
    import ast
    import inspect

    from cms import health

    tree = ast.parse(inspect.getsource(health))
    imported = {
        node.module if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    }
    assert not {name for name in imported if name.split(".")[0] in ("content", "search", "media")}


def test_log_lines_keep_non_latin_text_and_carry_the_exception(caplog):
    logger = logging.getLogger("kepu.test")
    try:
        raise ValueError("བོད")
    except ValueError:
        record = logger.makeRecord(
            "kepu.test", logging.ERROR, __file__, 1, "导入失败：%s", ("ᠮᠣᠩᠭᠣᠯ",), sys.exc_info()
        )
    text = JsonFormatter().format(record)
    assert "导入失败：ᠮᠣᠩᠭᠣᠯ" in text  # readable in the log, not \u-escaped
    line = json.loads(text)
    assert line["message"] == "导入失败：ᠮᠣᠩᠭᠣᠯ"
    assert "ValueError: བོད" in line["exception"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}", line["time"])
