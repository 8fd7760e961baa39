"""The image sizes our pages use, and the choice between WebP and AVIF.

Every picture is offered at two widths (for phones at 1× and 2× pixel density) with
``sizes`` matching the stylesheet, so a 360 px phone never downloads a desktop image.
WebP is always there; AVIF is offered too when, for that picture, its files are
smaller (photos: about 30 % smaller; flat drawings: often larger, then it is left out).
"""

import logging

logger = logging.getLogger(__name__)

# name → (Wagtail resize specs, the sizes attribute). main is 46rem wide with 1rem padding.
KINDS = {
    "lead": (("width-360", "width-720"), "(max-width: 46rem) calc(100vw - 2rem), 44rem"),
    "card": (("fill-360x203", "fill-720x405"), "(min-width: 40rem) 22rem, calc(100vw - 2rem)"),
    "poster": (("width-720",), "(max-width: 46rem) calc(100vw - 2rem), 44rem"),
}
FORMATS = ("webp", "avif")
ALL_SPECS = list(
    dict.fromkeys(
        f"{size}|format-{fmt}" for sizes, _ in KINDS.values() for size in sizes for fmt in FORMATS
    )
)


def get(image, *specs):
    """The renditions of ``image`` for ``specs``, in order, or [] when they cannot be
    made: a storage outage or a missing original must cost the reader a picture, not
    the page. The failure is logged for the operators."""
    if image is None:
        return []
    try:
        made = image.get_renditions(*specs)
        return [made[spec] for spec in specs]
    except Exception:  # storage backends raise their own error types (OSError, botocore…)
        logger.exception(
            "renditions %s of image %s could not be made", specs, getattr(image, "pk", None)
        )
        return []


def _srcset(renditions):
    return ", ".join(f"{r.url} {r.width}w" for r in renditions)


def picture(image, kind):
    """What a <picture> of ``image`` needs, or None when there is nothing to show."""
    sizes, attribute = KINDS[kind]
    made = get(image, *[f"{size}|format-{fmt}" for fmt in FORMATS for size in sizes])
    if not made:
        return None
    webp, avif = made[: len(sizes)], made[len(sizes) :]
    known = all(r.file_size for r in made)
    smaller = known and sum(r.file_size for r in avif) < sum(r.file_size for r in webp)
    return {
        "img": webp[-1],
        "srcset": _srcset(webp),
        "avif_srcset": _srcset(avif) if smaller else "",
        "sizes": attribute,
    }
