from django import template

from media import renditions as kinds

register = template.Library()


@register.simple_tag
def picture(image, kind):
    """What media/picture.html needs to show ``image`` as ``kind`` (media/renditions.py),
    or None when the image is missing or its renditions cannot be made."""
    return kinds.picture(image, kind)


@register.simple_tag
def renditions(image, *specs):
    """Renditions for a single URL (a video's poster attribute); [] on failure."""
    return kinds.get(image, *specs)


@register.filter
def kilobytes(size):
    """A size in KB as readers see it before they spend their data ("23 KB"); the same
    in every language (Django's own filesizeformat is translated, and its Mongolian
    catalogue is Cyrillic)."""
    if not size:
        return ""
    return f"{max(round(size / 1000), 1)} KB"
