"""Rebuild the public search index from the live pages (all languages, or one)."""

import time

from django.core.management.base import BaseCommand, CommandError

from cms import languages
from search.backends import get_backend
from search.backends.base import BackendUnavailable
from search.documents import source
from search.indexing import purge_cached_results


class Command(BaseCommand):
    help = "Rebuild the search index from the pages (readers find the live, public ones)."

    def add_arguments(self, parser):
        parser.add_argument("--locale", choices=languages.CODES, help="Only this language.")

    def handle(self, *args, locale=None, **options):
        backend = get_backend()
        started = time.perf_counter()
        pages = source()
        documents = (
            doc
            for doc in map(
                pages.document_for, pages.indexable_pages(locale).iterator(chunk_size=500)
            )
            if doc
        )
        try:
            count = backend.rebuild(documents, locale=locale)
        except BackendUnavailable as exc:
            raise CommandError(f"the {backend.name} search backend is unavailable: {exc}") from exc
        purge_cached_results([locale] if locale else languages.CODES)
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"{count} pages indexed ({locale or 'all languages'}) by the {backend.name} backend in {seconds:.1f} s"
        )
