"""What every syndication format says about a page: the same title, summary, picture,
media file and dates, in the page's language, with control characters removed (XML
cannot carry them, and no reader needs them)."""

import re

from django.utils import translation

from cms import languages, scripts
from content.models import ChannelPage, HomePage, public_items
from content.models.pages import prepare
from content.restrictions import public
from media.renditions import get as renditions

# What XML 1.0 cannot carry besides the controls (cms/scripts.py): the noncharacters.
NONCHARACTERS = re.compile("[\ufffe\uffff]")
MAX_ITEMS = 30


def clean(text):
    return NONCHARACTERS.sub("", scripts.CONTROL_IN_TEXT.sub("", text or ""))


def scope(language_code, channel_slug=None):
    """The home (or channel) page of a language whose items are syndicated, or None."""
    if language_code not in languages.BY_CODE:
        return None
    # A private home or channel has no public feed or widget (not even its title).
    home = public(HomePage.objects.live()).filter(locale__language_code=language_code).first()
    if home is None or channel_slug is None:
        return home
    return (
        public(ChannelPage.objects.live())
        .child_of(home)
        .filter(topic__slug=channel_slug)
        .select_related("topic")
        .first()
    )


def items(parent, limit=MAX_ITEMS):
    return prepare(public_items(parent)[:limit])


def picture(page, spec="width-720|format-webp"):
    """The page's lead image rendition (or None when there is none or it fails)."""
    made = renditions(page.lead_image, spec)
    return made[0] if made else None


def media_file(page):
    """(url, bytes, MIME type) of the page's video or narration, or None."""
    video = getattr(page, "video", None) if getattr(page, "video_id", None) else None
    if video is not None and video.is_ready and video.small:
        return video.small.url, video.small_size or 0, "video/mp4"
    narration = getattr(page, "narration", None) if getattr(page, "narration_id", None) else None
    if narration is not None and narration.is_ready and narration.file:
        return narration.file.url, narration.file_size or 0, "audio/mp4"
    return None


def activate(language_code):
    translation.activate(language_code)
    return languages.get(language_code)
