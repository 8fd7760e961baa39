"""Subtitles: a broken file is refused with the line at fault; hostile markup in cues
is removed before anything is stored or shown."""

import pytest

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from media import webvtt
from media.models import Subtitle, Video

GOOD = """WEBVTT - 雪灾

NOTE written by the Tibetan team

STYLE
::cue { background: url(https://evil.example/x.png) }

1
00:00:01.000 --> 00:00:04.000 line:85% align:center onload=alert(1)
<v 讲解员>雪灾来临前，<b>储备草料</b>。

00:05.000 --> 00:07.500
第二条 <c.yellow>字幕</c> & 说明
"""


def test_a_good_file_keeps_its_cues_and_loses_the_rest():
    out = webvtt.clean(GOOD.encode(), "zh-hans").decode()
    assert out.startswith("WEBVTT\n\n")
    assert "00:00:01.000 --> 00:00:04.000 line:85% align:center\n" in out
    assert "onload" not in out and "STYLE" not in out and "evil" not in out and "NOTE" not in out
    assert "<v>讲解员: 雪灾来临前，<b>储备草料</b>。" in out
    assert "00:05.000 --> 00:07.500\n第二条 <c.yellow>字幕</c> &amp; 说明" in out


@pytest.mark.parametrize(
    "cue, expected",
    [
        ("<script>alert(1)</script>草原", "alert(1)草原"),
        ('<img src=x onerror="alert(1)">雪', "雪"),
        ("<b onclick=x>粗</b>", "<b>粗</b>"),  # WebVTT tags have no attributes: dropped
        ("<i>斜</i><u>线</u>", "<i>斜</i><u>线</u>"),
        ("a &lt; b & c > d", "a &lt; b &amp; c &gt; d"),
        ("a < b", "a "),  # in WebVTT "<" always opens a tag (authors write &lt;)
        ("&lt;script&gt;", "&lt;script&gt;"),
        ("<lang bo>བོད་</lang>", "<lang bo>བོད་</lang>"),
        ('<lang "><script>>x</lang>', "<lang>&gt;x</lang>"),
        ("<00:00:02.000>卡拉", "<00:00:02.000>卡拉"),
        ("<a href='javascript:x'>链接</a>", "链接"),
    ],
)
def test_cue_text_keeps_only_webvtt_markup(cue, expected):
    assert webvtt.clean_cue_text(cue) == expected


@pytest.mark.parametrize(
    "text, message",
    [
        ("1\n00:00:01.000 --> 00:00:02.000\nhi\n", "第一行必须是 WEBVTT"),
        ("WEBVTT\n\n00:00:01 --> 00:00:02.000\nhi\n", "第 3 行的时间格式不对"),
        ("WEBVTT\n\n00:00:03.000 --> 00:00:02.000\nhi\n", "结束时间必须晚于开始时间"),
        (
            "WEBVTT\n\n00:00:05.000 --> 00:00:06.000\na\n\n00:00:01.000 --> 00:00:02.000\nb\n",
            "按时间顺序",
        ),
        ("WEBVTT\n\nNOTE only a note\n", "没有任何字幕"),
        ("", "空的"),
    ],
)
def test_broken_files_are_refused_with_the_reason(text, message):
    with pytest.raises(ValidationError) as error:
        webvtt.clean(text.encode(), "zh-hans")
    assert message in " ".join(error.value.messages)


def test_not_utf8_is_refused():
    with pytest.raises(ValidationError, match="UTF-8"):
        webvtt.clean("WEBVTT\n\n00:01.000 --> 00:02.000\n雪灾\n".encode("gb18030"), "zh-hans")


def test_mongolian_subtitles_refuse_cyrillic():
    vtt = "WEBVTT\n\n00:01.000 --> 00:02.000\nЦасан шуурга\n".encode()
    with pytest.raises(ValidationError, match="西里尔"):
        webvtt.clean(vtt, "mn")
    assert "Цасан" in webvtt.clean(vtt, "zh-hans").decode()


def test_tibetan_subtitles_are_normalised():
    vtt = "WEBVTT\n\n00:01.000 --> 00:02.000\nབོད\u0f0cཡིག\n".encode()
    assert "བོད\u0f0bཡིག" in webvtt.clean(vtt, "bo").decode()


def test_the_stored_subtitle_is_the_cleaned_file(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    video = Video.objects.create(title="v", original="video/x.mp4", state="ready")
    subtitle = Subtitle(video=video, language="bo")
    subtitle.file = ContentFile(
        b"WEBVTT\n\n00:01.000 --> 00:02.000\n<script>x()</script>\xe0\xbd\x96\n",
        name="../../evil.vtt",
    )
    subtitle.full_clean()
    subtitle.save()
    stored = (tmp_path / subtitle.file.name).read_text()
    assert "<script>" not in stored and subtitle.file.name.startswith("subtitles/")
    assert video.tracks() == [("bo", "bo", "བོད་ཡིག", subtitle.file.url)]

    broken = Subtitle(video=video, language="mn", file=ContentFile(b"garbage", name="x.vtt"))
    with pytest.raises(ValidationError) as error:
        broken.full_clean()
    assert "WEBVTT" in str(error.value.message_dict["file"])
