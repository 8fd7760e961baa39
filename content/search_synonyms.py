"""The glossary's synonyms and abbreviations, for search (search/synonyms.py).

Search may not import content, so content hands it a provider (registered in
ContentConfig.ready): for each glossary term that has synonyms in some language, the
concept is the term's key and its names are the term and its synonyms in every
language (世界卫生组织, 世卫组织, WHO and the Tibetan and Mongolian names). Search asks
again at most once a minute; a glossary change in this process is seen at once.
"""

from django.db.models import Q
from django.db.models.signals import post_delete, post_save

from cms import languages
from cms.translated_fields import column, columns
from content.models import GlossaryTerm
from search import synonyms


def glossary_names():
    columns = [column(field, code) for code in languages.CODES for field in ("term", "synonyms")]
    names = {}
    # Only terms with synonyms: a term alone is no synonym of anything.
    for key, *values in GlossaryTerm.objects.exclude(_no_synonyms()).values_list("key", *columns):
        terms, others = values[::2], values[1::2]
        names[key] = [t for t in terms if t] + [
            line.strip() for text in others for line in (text or "").splitlines() if line.strip()
        ]
    return names


def _no_synonyms():
    empty = Q()
    for name in columns("synonyms"):
        empty &= Q(**{name: ""}) | Q(**{f"{name}__isnull": True})
    return empty


def _changed(sender, **kwargs):
    synonyms.invalidate()


def install():
    synonyms.register(glossary_names)
    post_save.connect(_changed, sender=GlossaryTerm, dispatch_uid="search-synonyms-save")
    post_delete.connect(_changed, sender=GlossaryTerm, dispatch_uid="search-synonyms-delete")
