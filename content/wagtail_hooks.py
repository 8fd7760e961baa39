from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from content.models import GlossaryTerm, Topic


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "folder-open-inverse"
    menu_label = "频道主题"
    list_display = ["name_zh_hans", "name_bo", "name_mn", "slug"]


class GlossaryViewSet(SnippetViewSet):
    model = GlossaryTerm
    icon = "doc-full"
    menu_label = "术语表"
    list_display = ["key", "term_zh_hans", "term_bo", "term_mn"]
    search_fields = ["key", "term_zh_hans", "term_bo", "term_mn"]


register_snippet(TopicViewSet)
register_snippet(GlossaryViewSet)
