from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentConfig(AppConfig):
    name = "content"
    verbose_name = _("Content")

    def ready(self):
        # Imported here, not at the top: Django imports this module before the models.
        from cms import page_cache
        from content import chrome, publishing, search_documents, search_synonyms
        from content.editorial import notifications, page_policy, say_why
        from content.models import ArticlePage, VideoPage
        from content.translations import panel
        from search import documents

        publishing.connect()  # what a change makes stale: page cache and search index
        page_cache.purging.connect(chrome.purging, dispatch_uid="kepu_chrome")  # header, footer
        page_policy.install()  # reviewers explore what they review (their Pages menu)
        notifications.install()  # review e-mails in the recipient's language
        say_why.install()  # refusals name who can do it instead
        # Search stands below the pages (docs/adr/0015-layers.md): it learns what a page's
        # search document is, and the glossary's synonyms, from here; it imports no content.
        documents.register(search_documents.PAGES)
        search_synonyms.install()
        # The translation panel belongs to translation tracking, above the page models.
        panel.add_to_editors(ArticlePage, VideoPage)
