"""The image sizes our pages use, and the choice between WebP and AVIF.

Every picture is offered at two widths (for phones at 1× and 2× pixel density) with
``sizes`` matching the stylesheet, so a 360 px phone never downloads a desktop image.
WebP is always there; AVIF is offered too when, for that picture, its files are
smaller (photos: about 30 % smaller; flat drawings: often larger, then it is left out).
"""

import functools
import logging

from wagtail.images.models import Filter

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
    the page. The failure is logged for the operators.

    Kept on the image object, so that a page asking several times for one picture (the
    lead picture, the share card, the JSON-LD) looks it up once."""
    if image is None:
        return []
    known = image.__dict__.setdefault("_kepu_renditions", {})
    missing = [spec for spec in specs if spec not in known]
    try:
        if missing:
            known.update(_cached(image, missing))
            rest = [spec for spec in missing if spec not in known]
            if rest:  # made, or read from the database, and then written to the cache
                known.update(image.get_renditions(*rest))
        return [known[spec] for spec in specs]
    except Exception:  # storage backends raise their own error types (OSError, botocore…)
        logger.exception(
            "renditions %s of image %s could not be made", specs, getattr(image, "pk", None)
        )
        return []


def _cached(image, specs):
    """{spec: rendition} of those ``specs`` the cache holds for ``image``, unless its
    renditions were prefetched (cards: get_renditions then reads them from memory).

    Read here rather than by Wagtail's get_renditions(), which writes back to the cache
    every rendition it found there (it marks prefetched renditions as already stored,
    not cached ones): one cache write per picture on every page view."""
    if "renditions" in getattr(image, "_prefetched_objects_cache", {}):
        return {}
    Rendition = image.get_rendition_model()
    keys = {}
    for spec in specs:
        spec_filter = image.clean_filter_for_svg(_filter(spec))
        key = Rendition.construct_cache_key(
            image, spec_filter.get_cache_key(image), spec_filter.spec
        )
        keys[key] = spec
    found = {}
    for key, rendition in Rendition.cache_backend.get_many(list(keys)).items():
        rendition.image = image  # as Wagtail does: the alt text is this image's
        found[keys[key]] = rendition
    return found


@functools.lru_cache(maxsize=64)
def _filter(spec):
    # One Filter per spec for the process: parsing a spec into its operations took
    # longer than the cache look-up it serves. What it says of an image (its cache key
    # from the focal point) is still read from that image every time.
    return Filter(spec=spec)


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
