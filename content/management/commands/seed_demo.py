"""Demo content and demo accounts for `make run`. Never used in production.

The demo should look like a site that has been running for a while: every article has
its own drawing (content/demo/images.py), shared by its translations; the articles
were published over the last six months, each translation a few days after its source
(their whole history is dated so, see ``_spread_dates``); every demo video carries
subtitles in the three languages (content/demo/subtitles.py). Running it again adds
what is missing and duplicates nothing: `make run` runs it every time.
"""

import hashlib
import io
import json
import secrets
from datetime import datetime, time, timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from wagtail.images import get_image_model
from wagtail.models import Collection, Page, PageLogEntry, Revision

from cms.translated_fields import column
from content import demo, publish_gate
from content.demo.images import illustration
from content.demo.subtitles import webvtt
from content.editorial import teams
from content.editorial.teams import setup_editorial
from content.exchange import importing
from content.models import ArticlePage, TranslationRecord, VideoPage
from content.site_identity import seed_identity
from content.site_setup import setup_site
from content.tree import ROOT_DEPTH
from media import uploads
from media.models import Subtitle, Video
from media.models.assets import ProcessingState
from search.models import SearchEntry

DEMO_DIR = demo.DATA

ACCOUNTS = [
    # username, superuser, group, description
    ("admin", True, teams.SITE_ADMINS, "站点管理员 · site administrator"),
    ("editor-zh", False, teams.editors_group("zh-hans"), "中文编辑 · Chinese editor"),
    (
        "senior-zh",
        False,
        teams.seniors_group("zh-hans"),
        "中文高级编辑 · Chinese senior editor",
    ),
    ("editor-bo", False, teams.editors_group("bo"), "藏文编辑 · Tibetan editor"),
    ("senior-bo", False, teams.seniors_group("bo"), "藏文高级编辑 · Tibetan senior editor"),
    ("editor-mn", False, teams.editors_group("mn"), "蒙古文编辑 · Mongolian editor"),
    ("senior-mn", False, teams.seniors_group("mn"), "蒙古文高级编辑 · Mongolian senior editor"),
    ("reviewer", False, teams.REVIEWERS, "科学审核员 · scientific reviewer"),
]


class Command(BaseCommand):
    help = "Load the demo articles, videos, illustrations and editor accounts (demo mode only)."

    def handle(self, *args, **options):
        if not getattr(settings, "KEPU_DEMO", False):
            raise CommandError("Demo content is only loaded in demo mode (cms.settings.dev).")
        setup_site()
        setup_editorial()
        seed_identity()
        if ArticlePage.objects.exists():
            self.stdout.write("Demo content already present; nothing imported.")
        else:
            self._import()
        self._attach_clips()
        _subtitle_clips()
        _spread_dates()
        self._accounts()
        if not SearchEntry.objects.exists():
            call_command("search_rebuild", stdout=self.stdout)

    @transaction.atomic
    def _import(self):
        files = sorted(DEMO_DIR.glob("*.jsonl"))
        data = b"\n".join(path.read_bytes() for path in files)
        report = importing.validate(data)
        if report.errors:
            raise CommandError("\n".join(str(p) for p in report.errors))
        _add_media(report.items)
        # The importer publishes each page once, with its picture (and clip), as an
        # operator's command (content/publish_gate.py): logged as an override "import".
        summary = importing.apply(report.items)
        self.stdout.write(f"Demo content from {len(files)} files: {summary}")

    @publish_gate.operator("demo")
    def _attach_clips(self):
        """Give demo video pages made before videos had their own model their clip."""
        shared = Collection.objects.get(name=teams.SHARED_COLLECTION)
        for page in VideoPage.objects.filter(video__isnull=True, video_url=""):
            source = page.get_translations(inclusive=True).order_by("pk").first().specific
            video = _clip(source.slug, source.title, source.duration, shared)
            if video is not None:
                for each in page.get_translations(inclusive=True).specific():
                    each.video = video
                    revision = each.save_revision()
                    if each.live:
                        revision.publish()

    def _accounts(self):
        path = Path(settings.VAR_DIR) / "demo-accounts.txt"
        User = get_user_model()
        lines = []
        known = _read_accounts(path)
        for username, superuser, group, description in ACCOUNTS:
            password = known.get(username)
            user = User.objects.filter(username=username).first()
            if user is None or password is None:
                password = secrets.token_urlsafe(9)
                user = user or User(username=username, is_staff=True, is_superuser=superuser)
                user.set_password(password)
                user.save()
            if not user.email:  # review notifications go by e-mail (the console here)
                user.email = teams.demo_address(username)
                user.save(update_fields=["email"])
            user.groups.add(Group.objects.get(name=group))
            lines.append(f"{username}\t{password}\t{description}")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        path.chmod(0o600)
        # One place prints them (`manage.py demo_accounts`, the last thing `make run` says).
        self.stdout.write(f"Demo accounts written to {path}: `manage.py demo_accounts` lists them.")


def _groups(items):
    """The items by translation group: {source key: [source item, its translations]}."""
    groups = {}
    for item in sorted(items, key=lambda i: i.translation_of is not None):
        groups.setdefault(item.translation_of or item.key, []).append(item)
    return groups


def _add_media(items):
    """One drawing per translation group, with each language's title as its alt text,
    and for a video one clip: added to the items' fields, so that each page is
    published once, with them."""
    Image = get_image_model()
    shared = Collection.objects.get(name=teams.SHARED_COLLECTION)
    for group in _groups(items).values():
        source = group[0]
        image = Image(title=f"{source.channel}/{source.slug}", collection=shared)
        image.file = ImageFile(
            io.BytesIO(illustration(source.channel, source.slug)),
            name=f"{source.channel}-{source.slug}.png",
        )
        for item in group:
            # The drawing shows the article's subject: its title is the alt text.
            setattr(image, column("alt_text", item.locale), item.title[:255])
        image.save()
        clip = None
        if source.type == "video":
            clip = _clip(source.slug, source.title, source.fields.get("duration"), shared)
        for item in group:
            if item.type == "video":
                item.fields.update(poster=image, video=clip)
            else:
                item.fields["lead_image"] = image


def _clip(slug, title, duration, collection):
    """The committed demo clip of a video (content/demo/videos/<source slug>.mp4) as a
    ready video. The clips are already what the worker would make (360p H.264 well
    under 400 kbit/s, content/demo/make_videos.py), so the demo needs no ffmpeg: the
    clip is stored as the original and as the small rendition."""
    path = DEMO_DIR / "videos" / f"{slug}.mp4"
    if not path.exists():
        return None
    size = path.stat().st_size
    video = Video(
        title=title,
        collection=collection,
        original_size=size,
        duration=duration,
        width=640,
        height=360,
        small_size=size,
        state=ProcessingState.READY,
        processed_at=timezone.now(),
    )
    with path.open("rb") as handle:
        video.original.save(path.name, File(handle), save=False)
        handle.seek(0)
        video.small = default_storage.save(uploads.object_key("videos", "mp4"), File(handle))
    video.save()
    return video


def _subtitle_clips():
    """A subtitle track in each language a demo video's pages are in, made from that
    page's transcript, where the video has none yet. Only the committed demo clips: an
    editor's own videos in a demo site keep the subtitles they were given."""
    for page in VideoPage.objects.filter(video__isnull=False).select_related("locale", "video"):
        source = page.get_translations(inclusive=True).order_by("pk").first()
        if not (DEMO_DIR / "videos" / f"{source.slug}.mp4").exists() or not page.transcript:
            continue
        code = page.locale.language_code
        if page.video.subtitles.filter(language=code).exists():
            continue
        duration = page.video.duration or page.duration or 60
        subtitle = Subtitle(video=page.video, language=code)
        # Saved through the model, so the file is checked and cleaned like an upload.
        subtitle.file = ContentFile(webvtt(page.transcript, code, duration), name="subtitle.vtt")
        subtitle.save()


# Dates --------------------------------------------------------------------------------

SPREAD_DAYS = 180  # the sources were published over about six months
NEWEST_DAYS = 2  # the newest of them two days ago
SPREAD_ALREADY = timedelta(days=30)


def _hash(text):
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "big")


def publication_dates(entries, now=None):
    """When each demo page was published: {(locale, slug): datetime}, for ``entries``
    of (locale, slug, translation_of key or None).

    The sources, in an order fixed by their slugs' hashes (so the channels mix), are
    spread evenly from NEWEST_DAYS to SPREAD_DAYS ago, each on its own day, in office
    hours in Beijing; each translation 1 to 6 days after its source, never later than
    an hour ago. Relative to ``now``: the demo always looks current."""
    now = now or timezone.now()
    local = timezone.localtime(now)
    sources = sorted((e for e in entries if e[2] is None), key=lambda e: _hash(e[1]))
    step = (SPREAD_DAYS - NEWEST_DAYS) / max(len(sources) - 1, 1)
    dates = {}
    for index, (locale, slug, _) in enumerate(sources):
        day = local.date() - timedelta(days=NEWEST_DAYS + round(index * step))
        dates[(locale, slug)] = _office_hours(day, f"{locale}/{slug}", local.tzinfo)
    latest = now - timedelta(hours=1)
    for locale, slug, source in entries:
        if source is None or source not in dates:
            continue
        day = dates[source].date() + timedelta(days=1 + _hash(f"{locale}/{slug}") % 6)
        later = _office_hours(day, f"{locale}/{slug}", local.tzinfo)
        # A translation of the newest sources may not be that late yet: halfway to now.
        halfway = dates[source] + (latest - dates[source]) / 2
        dates[(locale, slug)] = later if later <= latest else halfway
    return dates


def _office_hours(day, key, tzinfo):
    minutes = 9 * 60 + _hash(key + "/time") % (8 * 60)  # 09:00–16:59
    return datetime.combine(day, time(minutes // 60, minutes % 60), tzinfo=tzinfo)


def _demo_entries():
    entries = []
    for path in sorted(DEMO_DIR.glob("*.jsonl")):
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                item = json.loads(line)
                source = item.get("translation_of")
                entries.append(
                    (
                        item["locale"],
                        item["slug"],
                        (source["locale"], source["slug"]) if source else None,
                    )
                )
    return entries


@transaction.atomic
def _spread_dates():
    """Date the demo pages' whole history (publications, revisions, audit log, their
    pictures and clips) to their publication dates, so listings and feeds show
    varied dates and nothing is published in the future or before it was written.

    Each page's history is moved back in one piece, keeping its order and its
    approvals: the publish gate approved these revisions when the importer published
    them (overrides by the operator's command), and a move changes no live revision.
    Done once: skipped when the sources already span a month (a site seeded before
    this kept its same-day dates until now, and gets them spread here)."""
    entries = _demo_entries()
    keys = {(locale, slug) for locale, slug, _ in entries}
    pages = {
        (page.locale.language_code, page.slug): page
        for page in Page.objects.filter(
            slug__in={slug for _, slug in keys}, first_published_at__isnull=False
        ).select_related("locale")
    }
    pages = {key: page for key, page in pages.items() if key in keys}
    sources = [pages[(lo, sl)] for lo, sl, src in entries if src is None and (lo, sl) in pages]
    if not sources:
        return
    published = [p.first_published_at for p in sources]
    if max(published) - min(published) >= SPREAD_ALREADY:
        return
    dates = publication_dates(entries)
    Image = get_image_model()
    for key, page in pages.items():
        if key not in dates:
            continue
        delta = dates[key] - page.first_published_at
        _move_history(page, delta)
        specific = page.specific
        image = getattr(specific, "lead_image", None) or getattr(specific, "poster", None)
        if image is not None and image.created_at > dates[key]:
            Image.objects.filter(pk=image.pk).update(created_at=dates[key] - timedelta(hours=3))
        video = getattr(specific, "video", None)
        if video is not None and video.created_at > dates[key]:
            Video.objects.filter(pk=video.pk).update(
                created_at=dates[key] - timedelta(hours=4),
                processed_at=dates[key] - timedelta(hours=3),
            )
    # The language home pages and channels existed before the oldest article.
    oldest = min(dates.values()) - timedelta(days=1)
    ancestors = {
        a.pk: a for p in pages.values() for a in p.get_ancestors().filter(depth__gt=ROOT_DEPTH)
    }
    for ancestor in ancestors.values():
        if ancestor.first_published_at and ancestor.first_published_at > oldest:
            _move_history(ancestor, oldest - ancestor.first_published_at)


def _move_history(page, delta):
    Page.objects.filter(pk=page.pk).update(
        first_published_at=F("first_published_at") + delta,
        last_published_at=F("last_published_at") + delta,
        latest_revision_created_at=F("latest_revision_created_at") + delta,
    )
    Revision.page_revisions.filter(object_id=str(page.pk)).update(
        created_at=F("created_at") + delta
    )
    PageLogEntry.objects.filter(page_id=page.pk).update(timestamp=F("timestamp") + delta)
    TranslationRecord.objects.filter(translation_id=page.pk).update(
        updated_at=F("updated_at") + delta
    )


def _read_accounts(path):
    if not path.exists():
        return {}
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines() if line]
    return {row[0]: row[1] for row in rows if len(row) >= 2}
