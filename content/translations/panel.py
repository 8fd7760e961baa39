"""The "translation and glossary" panel on the edit view of articles and videos.

It shows where the page stands in the other languages (with links, and a "create
translation" link for senior editors of a missing language), whether a translation is
outdated against its source, links to the source's published text and to what changed in
it (content/translations/views.py: translators cannot open the source itself), and the
glossary terms found in the source's published text with the agreed form in this page's
language: the vocabulary the translator should use.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import Panel
from wagtail.models import Page

from cms.translated_fields import column
from content import house_rules, text_checks
from content.editorial import teams
from content.models import GlossaryTerm
from content.translations import status


def page_text(page):
    parts = [page.title, getattr(page, "summary", "")]
    if hasattr(page, "body_text"):
        parts.append(page.body_text())
    parts.append(getattr(page, "transcript", ""))
    return "\n".join(p for p in parts if p)


def glossary_hints(source, target_code):
    """(source term, agreed target term, note) for each glossary term in ``source``."""
    if source is None:
        return []
    source_field = column("term", source.locale.language_code)
    target_field = column("term", target_code)
    text = page_text(source)
    hints = []
    for term in GlossaryTerm.objects.all():
        found = getattr(term, source_field) or ""
        if len(found) >= 2 and found in text:
            hints.append((found, getattr(term, target_field) or "", term.note))
    # Longer terms first: "plateau pika" before "pika".
    return sorted(hints, key=lambda hint: -len(hint[0]))


class TranslationPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "content/admin/translation_panel.html"

        def is_shown(self):
            return bool(self.instance and self.instance.pk)

        def get_context_data(self, parent_context=None):

            context = super().get_context_data(parent_context)
            page = self.instance
            code = page.locale.language_code
            source = status.source_of(page)
            row = status.cells_for(page)
            own = row.cells.get(code) if row.source is None or row.source.pk != page.pk else None
            others = []
            for cell in row.cells.values():
                if cell.page is not None and cell.page.pk == page.pk:
                    continue
                create_url = None
                if (
                    cell.state == status.MISSING
                    and row.source is not None
                    and teams.can_translate(row.source, cell.code, self.request.user)
                ):
                    create_url = reverse("kepu_translate", args=(row.source.pk, cell.code))
                others.append((teams.TEAM[cell.code], cell, create_url))
            context.update(
                {
                    "source": source,
                    "own": own,
                    "others": others,
                    "outdated": own is not None and own.state == status.OUTDATED,
                    "source_deleted": own is not None and own.state == status.SOURCE_DELETED,
                    # Only the published text: the source team's drafts are not ours to read.
                    "source_published": teams.is_published(source),
                    "hints": glossary_hints(source.live_revision.as_object(), code)
                    if teams.is_published(source)
                    else [],
                    "language": teams.TEAM.get(code, code),
                    "emergency": teams.is_emergency(page),
                    # What still stops this draft from going to review, so the editor
                    # sees it before submitting (content/page_forms.py checks the same).
                    "untranslated": text_checks.untranslated_fields(page),
                    "gaps": list(house_rules.page_gaps(page).values()),
                }
            )
            return context


def add_to_editors(*models):
    """Put the panel under the title in the editor of each of ``models``. Translation
    tracking stands above the page models (docs/adr/0015-layers.md): the models do not
    name it; content/apps.py adds it when the app is ready, before Wagtail first builds
    an editor from ``content_panels``."""
    for model in models:
        panels = list(model.content_panels)
        after_title = len(Page.content_panels)
        panels.insert(after_title, TranslationPanel(heading=_("Translation and terms")))
        model.content_panels = panels
