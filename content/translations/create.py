"""Making a translation: Wagtail's copy for translation, taken from the source's
*published* revision, by the target language's team.

Wagtail's ``CopyPageForTranslationAction`` copies a page that is not live from its latest
draft and asks for the right to edit the *source*. Our teams are the other way round
(docs/adr/0005): the Tibetan senior editor, who cannot edit the Chinese page, makes the
Tibetan translation, and may take from it only what the Chinese team published, never
its drafts. Every way of making a translation (the "创建译文" view, the admin API's
``copy_for_translation`` action) goes through ``TranslateFromLiveAction``.
"""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from wagtail.actions.copy_for_translation import (
    CopyPageForTranslationAction,
    CopyPageForTranslationPermissionError,
)
from wagtail.signals import copy_for_translation_done

from content.editorial import teams
from content.models import ArticlePage, TranslationRecord, VideoPage


class TranslationRefused(Exception):
    """A translation that cannot be made; the message is for the editor."""


class NotTranslatable(TranslationRefused):
    pass


class SourceNotPublished(TranslationRefused):
    pass


class AlreadyTranslated(TranslationRefused):
    def __init__(self, existing):
        super().__init__(_("A translation into this language already exists."))
        self.existing = existing


class TranslateFromLiveAction(CopyPageForTranslationAction):
    """One page (no aliases, subtrees or parents) copied from its live revision into
    ``locale``'s tree as a draft, with a TranslationRecord of that revision."""

    def __init__(self, page, locale, user=None):
        super().__init__(page.specific, locale, user=user)

    def check(self, skip_permission_checks=False):
        page = self.page
        if not isinstance(page, ArticlePage | VideoPage):
            raise NotTranslatable(_("Only articles and videos can be translated."))
        code = self.locale.language_code
        if (
            self.user is not None
            and not skip_permission_checks
            and not teams.may_translate_into(page, code, self.user)
        ):
            raise CopyPageForTranslationPermissionError(
                _("Only the target language's senior editors can create a translation.")
            )
        existing = page.get_translations().filter(locale=self.locale).first()
        if existing is not None:
            raise AlreadyTranslated(existing)
        if not teams.is_published(page):
            raise SourceNotPublished(
                _(
                    "The source is not published (or has been unpublished), so it cannot be translated: a translation can only start from the source's published version."
                )
            )

    def execute(self, skip_permission_checks=False):
        self.check(skip_permission_checks=skip_permission_checks)
        revision = self.page.live_revision
        published = revision.as_object()
        # as_object() keeps the page row's draft_title: the title of the latest *draft*.
        published.draft_title = published.title
        try:
            with transaction.atomic():
                translated = self._copy_for_translation(
                    published, self.locale, False, False, self.exclude_fields
                )
                translated.save_revision(user=self.user, log_action=False)
                TranslationRecord.record(translated, self.page, self.user, revision=revision)
        except IntegrityError:
            # Two requests at once: Wagtail's (translation_key, locale) uniqueness let
            # only the first one through.
            existing = self.page.get_translations().filter(locale=self.locale).first()
            if existing is None:
                raise
            raise AlreadyTranslated(existing) from None
        copy_for_translation_done.send(
            sender=self.__class__, source_obj=self.page, target_obj=translated
        )
        return translated
