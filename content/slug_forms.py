"""The page editor's slug: readable in every script, and a translation's own.

Wagtail's admin script fills the slug from the title with ``\\p{L}\\p{N}`` only, which
drops Tibetan vowels and subjoined letters (ཆུ་ཚད → ཆཚད), and a translation starts
with its source's slug (a Mongolian article at a Chinese address). The form replaces
such slugs with ``content.slugs.slug_for`` the page's own title; a slug the editor typed
is kept. When a live page's slug changes, Wagtail's redirects app records the old
address (``WAGTAILREDIRECTS_AUTO_CREATE``), for the page and everything under it.
"""

from django.core.validators import validate_unicode_slug

from wagtail.models import Page

from content.slugs import is_lossy_copy, letters, slug_for, validate_slug

# The admin script cuts its slug at the field's length; a cut copy is still a copy.
SCRIPT_LIMIT = 255


def readable_slugs(form_class):
    """``form_class`` (a page editor form, or Wagtail's copy form) with ``ReadableSlugs``
    mixed in; page classes name their forms through this, whatever else those forms do."""
    return type(form_class)(
        f"Readable{form_class.__name__}", (ReadableSlugs, form_class), {"__module__": __name__}
    )


def _accept_marks(field):
    """Django's unicode slug rule (``^[-\\w]+$``) refuses Tibetan vowel signs: ours instead."""
    if field is not None:
        field.validators = [
            validate_slug if v is validate_unicode_slug else v for v in field.validators
        ]


class ReadableSlugs:
    """Form mixin: the slug (or the copy form's new slug) may carry marks; a slug made
    by the admin script, or a translation's inherited one, becomes ``slug_for`` the title."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("slug", "new_slug"):
            _accept_marks(self.fields.get(name))

    def clean_slug(self):
        slug = self.cleaned_data.get("slug")
        title = self.cleaned_data.get("title") or self.data.get("title") or ""
        if not slug or not title:
            return slug
        if self._made_by_script(slug, title) or self._inherited(slug, title):
            return self._available(slug_for(title))
        return slug

    @staticmethod
    def _made_by_script(slug, title):
        if is_lossy_copy(slug, title):
            return True
        return (
            len(slug) >= SCRIPT_LIMIT
            and slug != slug_for(title)
            and letters(title).startswith(letters(slug))
        )

    def _inherited(self, slug, title):
        """A translation still at the address of another language's version, though it
        has its own title now."""
        page = self.instance
        if not page.pk or not page.translation_key or slug != page.slug:
            return False
        return (
            Page.objects.filter(translation_key=page.translation_key, slug=slug)
            .exclude(locale_id=page.locale_id)
            .exclude(title=title)
            .exists()
        )

    def _available(self, base):
        if self.parent_page is None:
            return base
        candidate, suffix = base, 1
        while not Page._slug_is_available(candidate, self.parent_page, self.instance):
            suffix += 1
            candidate = f"{base}-{suffix}"
        return candidate
