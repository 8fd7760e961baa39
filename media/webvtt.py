"""WebVTT subtitles: checked on upload, and rewritten so that only what a player needs
is published.

A subtitle file is shown on our pages by the reader's browser, so it is treated like any
other untrusted text: cue text keeps only WebVTT's own markup (<b>, <i>, <u>, <c>, <v>,
<lang>, <ruby>, <rt> and timestamps) without attributes, everything else becomes plain
text; STYLE, REGION and NOTE blocks are dropped. A file that is not WebVTT, or whose
timings are broken, is refused with the line at fault.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from cms import scripts

MAX_BYTES = 1024 * 1024
TIME = r"(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})"
TIMING = re.compile(rf"^{TIME}[ \t]+-->[ \t]+{TIME}(?:[ \t]+(.*))?$")
SETTING = re.compile(
    r"^(?:vertical:(?:rl|lr)|line:-?\d+(?:\.\d+)?%?(?:,(?:start|center|end))?"
    r"|position:\d+(?:\.\d+)?%(?:,(?:line-left|center|line-right))?"
    r"|size:\d+(?:\.\d+)?%|align:(?:start|center|end|left|right))$"
)
TAG = re.compile(
    r"<(/?)([a-z]+)((?:\.[A-Za-z0-9_-]+)*)(?:[ \t]+([^>]*))?>|<(\d{2,}:)?[0-5]\d:[0-5]\d\.\d{3}>"
)
ANY_TAG = re.compile(r"<[^>]*>?")
CUE_TAGS = {"b", "i", "u", "c", "v", "lang", "ruby", "rt"}
ENTITY = re.compile(r"&(amp|lt|gt|lrm|rlm|nbsp);")
LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")


def _seconds(groups):
    hours, minutes, seconds, millis = groups
    return int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds) + int(millis) / 1000


def _escape(text):
    """Plain text for a cue: '&' and '<' escaped unless they start an entity we keep."""
    parts = ENTITY.split(text)
    out = []
    for index, part in enumerate(parts):
        if index % 2:
            out.append(f"&{part};")
        else:
            out.append(part.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))
    return "".join(out)


def clean_cue_text(text):
    """Cue text with only WebVTT markup left: allowed tags lose their attributes (a voice
    name or language stays, as text), anything else that looks like a tag is dropped."""
    out, position = [], 0
    for match in ANY_TAG.finditer(text):
        out.append(_escape(text[position : match.start()]))
        position = match.end()
        tag = TAG.fullmatch(match.group(0))
        if not tag:
            continue  # <script>, <img …>, a lone "<": gone
        if tag.group(2) is None:
            out.append(tag.group(0))  # a karaoke timestamp
            continue
        closing, name, classes, annotation = tag.group(1, 2, 3, 4)
        if name not in CUE_TAGS:
            continue
        if closing:
            out.append(f"</{name}>")
        elif name == "v" and annotation:
            out.append(f"<v{classes}>{_escape(annotation.strip()[:60])}: ")
        elif name == "lang" and annotation and LANGUAGE_TAG.match(annotation.strip()):
            out.append(f"<lang{classes} {annotation.strip()}>")
        else:
            out.append(f"<{name}{classes}>")
    out.append(_escape(text[position:]))
    return "".join(out)


def clean(data, language_code):
    """The checked, rewritten file for ``data`` (bytes), or a ValidationError naming the
    first problem and its line."""
    if not data:
        raise ValidationError(_("The subtitle file is empty."), code="empty")
    if len(data) > MAX_BYTES:
        raise ValidationError(_("The subtitle file is too large: at most 1 MB."), code="too_large")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError(
            _("A subtitle file must be WebVTT in UTF-8."), code="encoding"
        ) from exc
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not re.match(r"^WEBVTT(?:[ \t].*)?$", lines[0]):
        raise ValidationError(
            _(
                "This is not a WebVTT subtitle file: its first line must be WEBVTT (convert SRT and other formats first)."
            ),
            code="not_vtt",
        )
    blocks, block, start = [], [], 1
    for number, line in enumerate(lines[1:], start=2):
        if line.strip():
            if not block:
                start = number
            block.append(line)
        elif block:
            blocks.append((start, block))
            block = []
    if block:
        blocks.append((start, block))

    cues, previous_start = [], 0.0
    for first_line, block in blocks:
        head = block[0].strip()
        if head.startswith(("NOTE", "STYLE", "REGION")) and "-->" not in head:
            continue
        timing_at = 1 if "-->" not in block[0] and len(block) > 1 else 0
        match = TIMING.match(block[timing_at].strip())
        if not match:
            raise ValidationError(
                _(
                    "Subtitle line %(line)s: the timing is not right; it should look like 00:00:01.000 --> 00:00:04.000."
                )
                % {"line": first_line + timing_at},
                code="timing",
            )
        begin, end = _seconds(match.groups()[0:4]), _seconds(match.groups()[4:8])
        if end <= begin:
            raise ValidationError(
                _("Subtitle line %(line)s: the end time must be later than the start time.")
                % {"line": first_line + timing_at},
                code="timing",
            )
        if begin < previous_start:
            raise ValidationError(
                _("Subtitle line %(line)s: subtitles must be in time order.")
                % {"line": first_line + timing_at},
                code="order",
            )
        previous_start = begin
        settings = [s for s in (match.group(9) or "").split() if SETTING.match(s)]
        payload = "\n".join(block[timing_at + 1 :])
        problem = scripts.admin_problem(scripts.normalise(payload), language_code)
        if problem:
            raise ValidationError(
                _("The subtitle starting on line %(line)s: %(problem)s")
                % {"line": first_line, "problem": problem},
                code="script",
            )
        timing = block[timing_at].strip().split("-->")
        cue_timing = f"{timing[0].strip()} --> {timing[1].split()[0]}"
        if settings:
            cue_timing += " " + " ".join(settings)
        cues.append(cue_timing + "\n" + clean_cue_text(scripts.normalise(payload)))
    if not cues:
        raise ValidationError(_("The subtitle file has no subtitles in it."), code="no_cues")
    return ("WEBVTT\n\n" + "\n\n".join(cues) + "\n").encode("utf-8")
