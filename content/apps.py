from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentConfig(AppConfig):
    name = "content"
    verbose_name = _("Content")

    def ready(self):
        from content import publishing, search_synonyms
        from content.editorial import notifications, page_policy, say_why

        publishing.connect()  # what a change makes stale: page cache and search index
        page_policy.install()  # reviewers explore what they review (their Pages menu)
        notifications.install()  # review e-mails in the recipient's language
        say_why.install()  # refusals name who can do it instead
        search_synonyms.install()  # search (below content) asks the glossary for synonyms
        # Search stands below the pages: it learns what a page's search document is
        # from here (content/search_documents.py) and never imports content.
        from content.search_documents import PAGES
        from search import documents as search_documents

        search_documents.register(PAGES)
        # The translation panel belongs to translation tracking, above the page models.
        from content.models import ArticlePage, VideoPage
        from content.translations import panel

        panel.add_to_editors(ArticlePage, VideoPage)
