"""The demo content that `make run` loads: complete, valid, in the right scripts."""

import json
from collections import Counter
from io import StringIO
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management import call_command

from content.exchange import importing
from content.models import ArticlePage, VideoPage

DEMO = Path(__file__).resolve().parents[1] / "demo"
CHANNELS = ("ecology", "health", "emergency", "defence")


def demo_items():
    return [
        json.loads(line)
        for path in sorted(DEMO.glob("*.jsonl"))
        for line in path.read_text("utf-8").splitlines()
        if line.strip()
    ]


def test_demo_files_validate_without_errors_or_warnings(site_tree):
    data = b"\n".join(path.read_bytes() for path in sorted(DEMO.glob("*.jsonl")))
    report = importing.validate(data)
    assert report.problems == []


def test_every_channel_has_translated_articles_and_a_video():
    items = demo_items()
    for channel in CHANNELS:
        mine = [i for i in items if i["channel"] == channel]
        sources = {
            i["slug"]
            for i in mine
            if i["locale"] == "zh-hans" and i.get("type", "article") == "article"
        }
        assert len(sources) >= 3, channel
        for language in ("bo", "mn"):
            translated = {
                i["translation_of"]["slug"]
                for i in mine
                if i["locale"] == language and "translation_of" in i
            }
            assert sources <= translated, (channel, language)
        videos = Counter(i["locale"] for i in mine if i.get("type") == "video")
        assert videos["zh-hans"] >= 1 and videos["bo"] >= 1 and videos["mn"] >= 1, channel


def test_there_are_original_tibetan_and_mongolian_articles():
    originals = Counter(
        i["locale"]
        for i in demo_items()
        if i["locale"] != "zh-hans"
        and "translation_of" not in i
        and i.get("type", "article") == "article"
    )
    assert originals["bo"] >= 1 and originals["mn"] >= 1


def test_articles_carry_fact_box_rumour_and_sources():
    for item in demo_items():
        if item.get("type", "article") == "article":
            kinds = {b["type"] for b in item["blocks"]}
            assert {"fact_box", "rumour_fact", "sources", "paragraph"} <= kinds, item["slug"]


def test_seed_demo_loads_everything_once(site_tree, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    out = StringIO()
    call_command("seed_demo", stdout=out)
    articles, videos = ArticlePage.objects.count(), VideoPage.objects.count()
    assert articles >= 3 * 4 * 3 + 2 and videos >= 4 * 3
    assert not ArticlePage.objects.filter(lead_image__isnull=True).exists()
    assert not VideoPage.objects.filter(poster__isnull=True).exists()
    assert not VideoPage.objects.filter(video__isnull=True).exists()
    assert all(page.video.is_ready and page.video.small for page in VideoPage.objects.all())
    accounts = (tmp_path / "demo-accounts.txt").read_text().splitlines()
    assert [line.split("\t")[0] for line in accounts] == [
        "admin",
        "editor-zh",
        "senior-zh",
        "editor-bo",
        "senior-bo",
        "editor-mn",
        "senior-mn",
        "reviewer",
    ]
    username, password = accounts[1].split("\t")[:2]
    assert get_user_model().objects.get(username=username).check_password(password)
    # One place lists them for people (`manage.py demo_accounts`, last in `make run`).
    listed = StringIO()
    call_command("demo_accounts", stdout=listed)
    assert password in listed.getvalue() and password not in out.getvalue()

    call_command("seed_demo", stdout=StringIO())  # `make run` again: nothing doubles
    assert ArticlePage.objects.count() == articles and VideoPage.objects.count() == videos
    assert (tmp_path / "demo-accounts.txt").read_text().splitlines() == accounts


def test_demo_pages_render_cleanly_in_every_language(client, site_tree, settings, tmp_path):
    from tests.visible_text import interface_leaks

    settings.VAR_DIR = tmp_path
    call_command("seed_demo", stdout=StringIO())
    for code in ("zh-hans", "bo", "mn"):
        pages = [
            *ArticlePage.objects.live().filter(locale__language_code=code)[:3],
            *VideoPage.objects.live().filter(locale__language_code=code)[:1],
        ]
        for page in pages:
            response = client.get(page.url)
            assert response.status_code == 200
            assert interface_leaks(response.content.decode(), code) == [], page.url
