"""The page editor's slug: readable in every script, and a translation's own.

Wagtail's admin script fills the slug from the title with ``\\p{L}\\p{N}`` only, which
drops Tibetan vowels and subjoined letters (ཆུ་ཚད → ཆཚད), and a translation starts
with its source's slug (a Mongolian article at a Chinese address). The form replaces
such slugs with ``content.slugs.slug_for`` the page's own title; a slug the editor typed
is kept. When a live page's slug changes, Wagtail's redirects app records the old
address (``WAGTAILREDIRECTS_AUTO_CREATE``), for the page and everything under it.
"""

from django.core.exceptions import ValidationError
from django.core.validators import validate_unicode_slug
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _

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
        if "slug" in self.fields and "title" in self.fields:
            # An empty address is made from the title below. Wagtail's admin script
            # leaves it empty for a Chinese title, and "this field is required" on the
            # hidden Promote tab told the editor nothing about the tab they were on.
            self.fields["slug"].required = False

    def clean_slug(self):
        slug = self.cleaned_data.get("slug")
        title = self.cleaned_data.get("title") or self.data.get("title") or ""
        if not title:
            if not slug and "title" in self.fields:
                raise ValidationError(self.fields["slug"].error_messages["required"])
            return slug
        if not slug or self._made_by_script(slug, title) or self._inherited(slug, title):
            if not self.instance.pk:
                # A new page whose address is taken is told so by clean(), with a link
                # to the draft an earlier attempt left (autosave keeps one), rather
                # than saved at "-2": every retry made another copy.
                return slug_for(title)
            return self._available(slug_for(title))
        return slug

    def clean(self):
        slug = self.cleaned_data.get("slug")
        parent = getattr(self, "parent_page", None)
        if "slug" in self.fields and slug and parent is not None:
            taken = parent.get_children().filter(slug=slug)
            if self.instance.pk:
                taken = taken.not_page(self.instance)
            taken = taken.specific().first()
            if taken is not None:
                # Before Wagtail's own check, which would say it in English on the
                # Promote tab only; removing the slug from cleaned_data skips it.
                self._refuse_taken(slug, taken)
        return super().clean()

    def _refuse_taken(self, slug, taken):
        """The slug is a sibling's. Said on the slug (Promote tab) and on the title
        (the tab the editor is on, and the slug comes from the title). An editor who
        retries a page whose first attempt autosave kept as a draft gets a link to it."""
        user = getattr(self, "for_user", None)
        values = {"slug": slug, "title": taken.get_admin_display_title()}
        never_published = not taken.live and taken.first_published_at is None
        if never_published and user is not None and taken.permissions_for_user(user).can_edit():
            revision = taken.get_latest_revision()
            owner = (revision.user if revision else None) or taken.owner
            when = revision.created_at if revision else taken.latest_revision_created_at
            link = format_html(
                '<a href="{}" class="kepu-open-draft">{}</a>',
                reverse("wagtailadmin_pages:edit", args=(taken.pk,)),
                _("Open the existing draft"),
            )
            message = format_html(
                _(
                    "The address “{slug}” is taken by the draft “{title}” in the same "
                    "section, last saved by {owner} at {when} (autosave may have kept an "
                    "earlier attempt). {link}, or change the title or the address."
                ),
                link=link,
                owner=(owner.get_full_name() or owner.get_username()) if owner else "—",
                when=timezone.localtime(when).strftime("%Y-%m-%d %H:%M") if when else "—",
                **values,
            )
        else:
            message = format_html(
                _(
                    "The address “{slug}” is taken by “{title}” in the same section. "
                    "Change the title or the address."
                ),
                **values,
            )
        self.add_error("slug", message)
        if "title" in self.fields and "title" not in self.errors:
            self.add_error("title", message)

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
