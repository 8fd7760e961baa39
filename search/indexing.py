"""Keeping the index in step with publishing.

Signal handlers only enqueue a task (after the transaction commits); the task reads the
page as it is then and either indexes it or removes it. So publishing never waits for,
nor fails because of, the search backend. When the backend is down the task is retried
later with a growing delay; `manage.py search_rebuild` repairs anything else.
"""

import logging
from datetime import timedelta

from django_tasks import task

from django.utils import timezone

from wagtail.models import Page

from cms import after_commit, languages, page_cache
from search.backends import get_backend
from search.backends.base import BackendUnavailable
from search.documents import source

logger = logging.getLogger(__name__)
MAX_ATTEMPTS = 8  # 30 s, 1 min, 2 min … about two hours in all


def sync(page_ids):
    """Index the pages as they are now (the pages layer says what each one's Document
    is), remove those that are gone; then purge the cached searches of the languages
    whose public results changed, and only those."""
    backend = get_backend()
    documents, gone = [], []
    pages = {page.pk: page for page in Page.objects.filter(pk__in=page_ids)}
    for page_id in page_ids:
        page = pages.get(page_id)
        document = source().document_for(page) if page is not None else None
        if document is None:
            gone.append(page_id)
        else:
            documents.append(document)
    # A page readers could find before (now unpublished, say) changes its language's
    # results as much as one they can find now; a draft saved again changes nothing.
    touched = backend.public_languages(page_ids)
    touched |= {doc.locale for doc in documents if doc.public}
    if documents:
        backend.index(documents)
    if gone:
        backend.remove(gone)
    purge_cached_results(touched)


def purge_cached_results(codes=languages.CODES):
    """Cached search pages and API answers (cms/page_cache.py) of the languages
    ``codes`` are stale once their part of the index has changed. Only the indexing
    task and search_rebuild purge them."""
    codes = sorted(set(codes))
    if codes:
        page_cache.purge(*(f"search:{code}" for code in codes))


# Its own queue and worker: an unpublished page leaves search within seconds, whatever
# transcodes are waiting on the "media" queue (media/processing.py).
@task(queue_name="default")
def sync_pages(page_ids, attempt=1):
    try:
        sync(page_ids)
    except BackendUnavailable as exc:
        if attempt >= MAX_ATTEMPTS or not sync_pages.get_backend().supports_defer:
            raise
        delay = timedelta(seconds=30 * 2 ** (attempt - 1))
        logger.warning("search backend unavailable (%s); retrying in %s", exc, delay)
        sync_pages.using(run_after=timezone.now() + delay).enqueue(page_ids, attempt + 1)


def schedule(page_ids):
    """Index ``page_ids`` once the current transaction has committed, in one task for
    every page scheduled in that transaction (an import of 50 pages, or Wagtail's saves
    and the publishing pipeline naming the same page: one task, one purge). Never raises:
    a failure to enqueue is logged, and the next rebuild catches up."""
    after_commit.gather(_enqueue, page_ids)


def _enqueue(page_ids):
    page_ids = sorted(page_ids)
    after_commit.enqueue_now(sync_pages, page_ids, what=f"search indexing of pages {page_ids}")


def subtree(page):
    """The ids of ``page`` and every page below it."""
    return list(Page.objects.descendant_of(page, inclusive=True).values_list("pk", flat=True))
