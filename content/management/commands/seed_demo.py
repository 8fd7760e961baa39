"""Demo content and demo accounts for `make run`. Never used in production."""

import io
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files import File
from django.core.files.images import ImageFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from wagtail.images import get_image_model
from wagtail.models import Collection

from content import editorial, importing, publish_gate
from content.demo_images import illustration
from content.editorial import setup_editorial
from content.models import ArticlePage, TranslationRecord, VideoPage
from content.site_setup import setup_site
from media import uploads
from media.models import Video
from media.models.assets import ProcessingState

DEMO_DIR = Path(__file__).resolve().parents[2] / "demo"
ACCOUNTS = [
    # username, superuser, group, description
    ("admin", True, editorial.SITE_ADMINS, "站点管理员 · site administrator"),
    ("editor-zh", False, editorial.editors_group("zh-hans"), "中文编辑 · Chinese editor"),
    (
        "senior-zh",
        False,
        editorial.seniors_group("zh-hans"),
        "中文高级编辑 · Chinese senior editor",
    ),
    ("editor-bo", False, editorial.editors_group("bo"), "藏文编辑 · Tibetan editor"),
    ("senior-bo", False, editorial.seniors_group("bo"), "藏文高级编辑 · Tibetan senior editor"),
    ("editor-mn", False, editorial.editors_group("mn"), "蒙古文编辑 · Mongolian editor"),
    ("senior-mn", False, editorial.seniors_group("mn"), "蒙古文高级编辑 · Mongolian senior editor"),
    ("reviewer", False, editorial.REVIEWERS, "科学审核员 · scientific reviewer"),
]


class Command(BaseCommand):
    help = "Load the demo articles, videos, illustrations and editor accounts (demo mode only)."

    def handle(self, *args, **options):
        if not getattr(settings, "KEPU_DEMO", False):
            raise CommandError("Demo content is only loaded in demo mode (cms.settings.dev).")
        setup_site()
        setup_editorial()
        if ArticlePage.objects.exists():
            self.stdout.write("Demo content already present; nothing imported.")
        else:
            self._import()
        self._attach_clips()
        self._accounts()
        from search.models import SearchEntry

        if not SearchEntry.objects.exists():
            call_command("search_rebuild", stdout=self.stdout)

    def _import(self):
        files = sorted(DEMO_DIR.glob("*.jsonl"))
        data = b"\n".join(path.read_bytes() for path in files)
        report = importing.validate(data)
        if report.errors:
            raise CommandError("\n".join(str(p) for p in report.errors))
        summary = importing.apply(report.items)
        self._illustrate()
        # Adding pictures republished the sources; the translations still match them.
        for record in TranslationRecord.objects.select_related("translation", "source"):
            TranslationRecord.record(record.translation, record.source)
        self.stdout.write(f"Demo content from {len(files)} files: {summary}")

    @publish_gate.operator("demo")  # republishing reviewed demo content with its pictures
    def _illustrate(self):
        """One drawing (and, for videos, one clip) per translation group, shared by all
        its languages."""
        Image = get_image_model()
        shared = Collection.objects.get(name=editorial.SHARED_COLLECTION)
        drawings, clips = {}, {}
        for page in [
            *ArticlePage.objects.select_related("locale"),
            *VideoPage.objects.select_related("locale"),
        ]:
            channel = page.get_parent().specific.topic.slug
            image = drawings.get(page.translation_key)
            if image is None:
                name = f"{channel}-{page.slug}.png"
                image = Image(title=f"{channel}/{page.slug}", collection=shared)
                image.file = ImageFile(io.BytesIO(illustration(channel, page.slug)), name=name)
                image.save()
                drawings[page.translation_key] = image
            # The drawing shows the article's subject: its title is the alt text, in
            # each language that has the article.
            alt_field = "alt_text_" + page.locale.language_code.replace("-", "_")
            setattr(image, alt_field, page.title[:255])
            image.save(update_fields=[alt_field])
            field = "poster" if isinstance(page, VideoPage) else "lead_image"
            setattr(page, field, image)
            if isinstance(page, VideoPage):
                page.video = clips.get(page.translation_key) or _clip(page, shared)
                clips[page.translation_key] = page.video
            revision = page.save_revision()
            if page.live:
                revision.publish()

    @publish_gate.operator("demo")
    def _attach_clips(self):
        """Give demo video pages made before videos had their own model their clip."""
        shared = Collection.objects.get(name=editorial.SHARED_COLLECTION)
        for page in VideoPage.objects.filter(video__isnull=True, video_url=""):
            video = _clip(page, shared)
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
            user.groups.add(Group.objects.get(name=group))
            lines.append(f"{username}\t{password}\t{description}")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        path.chmod(0o600)
        self.stdout.write("Demo accounts (also in var/demo-accounts.txt), admin at /admin/:")
        for line in lines:
            self.stdout.write("  " + line.replace("\t", "  "))


def _clip(page, collection):
    """The committed demo clip of a video (content/demo/videos/<source slug>.mp4) as a
    ready video. The clips are already what the worker would make (360p H.264 well
    under 400 kbit/s, content/demo/make_videos.py), so the demo needs no ffmpeg: the
    clip is stored as the original and as the small rendition."""
    source = page.get_translations(inclusive=True).order_by("pk").first()
    path = DEMO_DIR / "videos" / f"{source.slug}.mp4"
    if not path.exists():
        return None
    size = path.stat().st_size
    video = Video(
        title=source.title,
        collection=collection,
        original_size=size,
        duration=source.specific.duration,
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


def _read_accounts(path):
    if not path.exists():
        return {}
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines() if line]
    return {row[0]: row[1] for row in rows if len(row) >= 2}
