"""The "translation and glossary" panel on the edit view of articles and videos.

It shows where the page stands in the other languages (with links, and a "create
translation" link for senior editors of a missing language), whether a translation is
outdated against its source, links to the source's published text and to what changed in
it (content/translation_views.py: translators cannot open the source itself), and the
glossary terms found in the source's published text with the agreed form in this page's
language: the vocabulary the translator should use.
"""

from django.urls import reverse

from wagtail.admin.panels import Panel

# The content modules are imported inside the functions: this module is imported while
# the page models are being defined.


def page_text(page):
    parts = [page.title, getattr(page, "summary", "")]
    if hasattr(page, "body_text"):
        parts.append(page.body_text())
    parts.append(getattr(page, "transcript", ""))
    return "\n".join(p for p in parts if p)


def glossary_hints(source, target_code):
    """(source term, agreed target term, note) for each glossary term in ``source``."""
    from content.models import GlossaryTerm

    if source is None:
        return []
    source_field = "term_" + source.locale.language_code.replace("-", "_")
    target_field = "term_" + target_code.replace("-", "_")
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
            from content import editorial, house_rules, text_checks, translation_status

            context = super().get_context_data(parent_context)
            page = self.instance
            code = page.locale.language_code
            source = translation_status.source_of(page)
            row = translation_status.cells_for(page)
            own = row.cells.get(code) if row.source is None or row.source.pk != page.pk else None
            others = []
            for cell in row.cells.values():
                if cell.page is not None and cell.page.pk == page.pk:
                    continue
                create_url = None
                if (
                    cell.state == translation_status.MISSING
                    and row.source is not None
                    and editorial.can_translate(row.source, cell.code, self.request.user)
                ):
                    create_url = reverse("kepu_translate", args=(row.source.pk, cell.code))
                others.append((editorial.TEAM[cell.code], cell, create_url))
            context.update(
                {
                    "source": source,
                    "own": own,
                    "others": others,
                    "outdated": own is not None and own.state == translation_status.OUTDATED,
                    "source_deleted": own is not None
                    and own.state == translation_status.SOURCE_DELETED,
                    # Only the published text: the source team's drafts are not ours to read.
                    "source_published": editorial.is_published(source),
                    "hints": glossary_hints(source.live_revision.as_object(), code)
                    if editorial.is_published(source)
                    else [],
                    "language": editorial.TEAM.get(code, code),
                    "emergency": editorial.is_emergency(page),
                    # What still stops this draft from going to review, so the editor
                    # sees it before submitting (content/page_forms.py checks the same).
                    "untranslated": text_checks.untranslated_fields(page),
                    "gaps": list(house_rules.page_gaps(page).values()),
                }
            )
            return context
