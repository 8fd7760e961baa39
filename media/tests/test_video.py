"""Videos: upload checks, ffmpeg processing into phone-sized renditions, failures an
editor can see and retry, and what readers get on the page."""

import io
import zipfile
from pathlib import Path

import pytest

from django.contrib.auth.models import Group
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.models import Collection

from media import ffmpeg
from media.models import KepuImage, Video
from media.tests import clips

ADD_URL = "wagtailsnippets_kepu_media_video:add"


def form_data(**fields):
    data = {
        "title": "雪灾前的准备",
        "collection": Collection.get_first_root_node().pk,
        "subtitles-TOTAL_FORMS": "0",
        "subtitles-INITIAL_FORMS": "0",
        "subtitles-MIN_NUM_FORMS": "0",
        "subtitles-MAX_NUM_FORMS": "1000",
    }
    data.update(fields)
    return data


def upload(name, data, content_type="video/mp4"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def stored_files(storage_name):
    storage = storages[storage_name]
    root = Path(storage.location)
    return sorted(p.relative_to(root) for p in root.rglob("*") if p.is_file())


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "public"
    return settings.MEDIA_ROOT


@pytest.fixture
def clip_720(tmp_path_factory):
    clips.need_ffmpeg()
    return clips.video(tmp_path_factory.mktemp("clips") / "720.mp4", seconds=6)


@pytest.fixture
def process_now(db, django_capture_on_commit_callbacks):
    """Run what saving enqueues (the test settings run tasks immediately)."""

    def run(action):
        with django_capture_on_commit_callbacks(execute=True):
            return action()

    return run


def make_video(path, process_now, title="视频"):
    def save():
        video = Video(title=title)
        with open(path, "rb") as handle:
            video.original.save(Path(path).name, io.BytesIO(handle.read()), save=False)
        video.save()
        return video

    video = process_now(save)
    video.refresh_from_db()
    return video


def test_a_720p_clip_becomes_a_small_and_a_large_mp4(media_root, clip_720, process_now):
    video = make_video(clip_720, process_now)
    assert video.state == "ready", video.error
    assert 5.5 < video.duration < 6.5
    assert (video.width, video.height) == (1280, 720)
    small = ffmpeg.probe(Path(media_root, video.small.name))
    large = ffmpeg.probe(Path(media_root, video.large.name))
    assert small["video"]["height"] == 360 and small["video"]["width"] == 640
    assert large["video"]["height"] == 720
    assert small["audio"]["codec_name"] == "aac" and small["audio"]["channels"] == 1
    # The small file stays within what a 3G phone can stream: 400 kbit/s in all.
    assert video.small_size * 8 / video.duration <= 400_000
    assert video.small_size < video.large_size
    # A poster was cut from the clip, as a normal image of the site.
    assert isinstance(video.poster, KepuImage) and video.poster.width == 1280
    # The original stays private: not under the public media folder.
    assert not Path(media_root, video.original.name).exists()
    assert storages["private"].exists(video.original.name)


def test_a_small_source_is_not_enlarged(media_root, tmp_path, process_now):
    clips.need_ffmpeg()
    video = make_video(clips.video(tmp_path / "s.mp4", size="480x270", audio=False), process_now)
    assert video.state == "ready", video.error
    assert not video.large and video.height == 270
    assert ffmpeg.probe(Path(media_root, video.small.name))["audio"] is None


def test_a_broken_original_fails_clearly_and_leaves_nothing_public(
    media_root, clip_720, process_now, admin_client
):
    data = Path(clip_720).read_bytes()
    # A valid beginning with garbage after it: the upload check passes, decoding fails.
    broken = data[:4096] + bytes(range(256)) * 400
    video = Video(title="坏视频")
    video.original.save("broken.mp4", io.BytesIO(broken), save=False)
    process_now(video.save)
    video.refresh_from_db()
    assert video.state == "failed" and video.error
    assert not video.small and not video.large
    assert not [p for p in stored_files("default") if str(p).startswith("videos/")]
    # The edit page shows the error and offers a retry, which runs the work again.
    edit = admin_client.get(reverse("wagtailsnippets_kepu_media_video:edit", args=[video.pk]))
    assert "处理失败" in edit.content.decode() and "重新处理" in edit.content.decode()
    retried = process_now(
        lambda: admin_client.post(reverse("kepu_media_retry", args=["video", video.pk]))
    )
    assert retried.status_code == 302
    video.refresh_from_db()
    assert video.state == "failed"  # still broken, and still says so


def test_upload_form_refuses_what_is_not_a_video(admin_client, media_root):
    zipped = io.BytesIO()
    with zipfile.ZipFile(zipped, "w") as archive:
        archive.writestr("a.txt", "not a video")
    cases = {
        "zip.mp4": zipped.getvalue(),
        "page.mp4": b"<html><script>alert(1)</script></html>",
        "empty.mp4": b"",
    }
    before = stored_files("private")
    for name, data in cases.items():
        response = admin_client.post(reverse(ADD_URL), form_data(original=upload(name, data)))
        assert response.status_code == 200, name
        assert response.context["form"].errors.get("original"), name
    assert not Video.objects.exists()
    assert stored_files("private") == before


@pytest.mark.parametrize("faststart", [False, True])
def test_upload_form_refuses_a_truncated_mp4(admin_client, media_root, tmp_path, faststart):
    clips.need_ffmpeg()
    # The index (moov) is at the end without fast start, at the start with it: either
    # way a cut-off upload misses bytes that its boxes announce.
    whole = clips.video(tmp_path / "c.mp4", seconds=2, size="320x180", faststart=faststart)
    data = Path(whole).read_bytes()[:-2000]
    before = stored_files("private")
    response = admin_client.post(reverse(ADD_URL), form_data(original=upload("cut.mp4", data)))
    assert "不完整" in str(response.context["form"].errors["original"])
    assert not Video.objects.exists() and stored_files("private") == before


def test_upload_form_refuses_a_file_over_the_limit(admin_client, media_root, settings):
    settings.KEPU_VIDEO_MAX_UPLOAD_SIZE = 1024
    data = b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 2048
    response = admin_client.post(reverse(ADD_URL), form_data(original=upload("big.mp4", data)))
    assert "太大" in str(response.context["form"].errors["original"])
    assert not Video.objects.exists()


def test_hostile_file_names_are_only_titles(admin_client, media_root, tmp_path, process_now):
    clips.need_ffmpeg()
    clip = Path(clips.video(tmp_path / "c.mp4", seconds=1, size="320x180")).read_bytes()
    response = process_now(
        lambda: admin_client.post(
            reverse(ADD_URL),
            form_data(title="gpj\u202e.mp4", original=upload("../../x\u202e4pm.exe", clip)),
        )
    )
    assert response.status_code == 302, response.context["form"].errors
    video = Video.objects.get()
    assert video.title == "gpj.mp4"
    assert video.original.name.startswith("video/") and ".." not in video.original.name
    assert "\u202e" not in video.original.name


def test_a_page_cannot_be_published_with_an_unready_video(admin_client, make_video, media_root):
    page = make_video("zh-hans", slug="waiting")
    asset = Video.objects.create(title="处理中", state="processing", original="video/x.mp4")
    from wagtail.test.utils.form_data import inline_formset, nested_form_data

    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "summary": page.summary,
            "video": asset.pk,
            "transcript": page.transcript,
            "comments": inline_formset([]),
            "action-publish": "publish",
        }
    )
    response = admin_client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    assert response.status_code == 200
    assert "还不能发布" in str(response.context["form"].errors["video"])
    page.refresh_from_db()
    assert page.video_id is None  # nothing half-saved


def test_readers_get_the_small_file_first_with_sizes_shown(client, make_video, media_root):
    asset = Video.objects.create(
        title="v", original="video/o.mp4", state="ready", duration=75.0, width=640,
        height=360, small="videos/s.mp4", small_size=2_400_000, large="videos/l.mp4",
        large_size=9_100_000,
    )  # fmt: skip
    page = make_video("bo", slug="sizes", video=asset, video_url="")
    html = client.get(page.url).content.decode()
    assert 'src="/media/videos/s.mp4"' in html and "2.4 MB" in html and "9.1 MB" in html
    assert "l.mp4" not in html.split("<video", 1)[1].split("</video>")[0]
    html = client.get(page.url + "?quality=720").content.decode()
    assert 'src="/media/videos/l.mp4"' in html
    assert "1:15" in html  # the length, from the video itself


def test_readers_see_a_notice_while_the_video_is_prepared(client, make_video, media_root):
    asset = Video.objects.create(title="v", original="video/o.mp4", state="failed")
    page = make_video("mn", slug="pending", video=asset, video_url="")
    response = client.get(page.url)
    assert response.status_code == 200
    assert "<video" not in response.content.decode()
    assert response.content.decode().count('class="media-size"') == 1


def test_teams_edit_only_their_own_videos(client, site_tree, django_user_model):
    from content.editorial import teams

    teams.setup_editorial()
    tibetan = Collection.objects.get(name=teams.collection_name("bo"))
    chinese = Collection.objects.get(name=teams.collection_name("zh-hans"))
    theirs = Video.objects.create(title="中文视频", original="video/a.mp4", collection=chinese)
    ours = Video.objects.create(title="藏文视频", original="video/b.mp4", collection=tibetan)
    user = django_user_model.objects.create_user("bo-editor", password="x")
    user.groups.add(Group.objects.get(name=teams.editors_group("bo")))
    client.force_login(user)
    edit = "wagtailsnippets_kepu_media_video:edit"
    assert client.get(reverse(edit, args=[ours.pk])).status_code == 200
    assert client.get(reverse(edit, args=[theirs.pk])).status_code in (302, 403)
    listing = client.get(reverse("wagtailsnippets_kepu_media_video:list")).content.decode()
    assert "藏文视频" in listing and "中文视频" not in listing
    add = client.get(reverse(ADD_URL)).content.decode()
    assert teams.collection_name("bo") in add
    assert teams.collection_name("zh-hans") not in add


def test_subtitles_are_added_in_the_edit_form_and_checked(admin_client, media_root):
    video = Video.objects.create(title="v", original="video/o.mp4", state="ready")
    url = reverse("wagtailsnippets_kepu_media_video:edit", args=[video.pk])

    def post(vtt):
        data = form_data(
            title="v",
            **{
                "subtitles-TOTAL_FORMS": "1",
                "subtitles-0-language": "bo",
                "subtitles-0-id": "",
                "subtitles-0-ORDER": "1",
                "subtitles-0-DELETE": "",
                "subtitles-0-file": upload("bo.vtt", vtt, "text/vtt"),
            },
        )
        return admin_client.post(url, data)

    broken = post(b"WEBVTT\n\n00:00:01.000 -> 00:00:02.000\nx\n")
    assert broken.status_code == 200 and "时间格式不对" in broken.content.decode()
    assert not video.subtitles.exists()
    good = post("WEBVTT\n\n00:01.000 --> 00:02.000\n<img src=x onerror=alert(1)>ཁ་བ།\n".encode())
    assert good.status_code == 302
    [subtitle] = video.subtitles.all()
    text = Path(media_root, subtitle.file.name).read_text()
    assert "ཁ་བ།" in text and "<img" not in text and "onerror" not in text


def test_the_usage_view_lists_the_pages_using_a_video(admin_client, make_video, media_root):
    from wagtail.models import ReferenceIndex

    asset = Video.objects.create(title="v", original="video/o.mp4", state="ready")
    page = make_video("bo", slug="uses-it", video=asset, video_url="")
    ReferenceIndex.create_or_update_for_object(page)
    usage = admin_client.get(reverse("wagtailsnippets_kepu_media_video:usage", args=[asset.pk]))
    assert usage.status_code == 200 and page.title in usage.content.decode()
