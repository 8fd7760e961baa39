"""Keeping the index in step with publishing.

Signal handlers only enqueue a task (after the transaction commits); the task reads the
page as it is then and either indexes it or removes it. So publishing never waits for,
nor fails because of, the search backend. When the backend is down the task is retried
later with a growing delay; `manage.py search_rebuild` repairs anything else.
"""

import logging
from datetime import timedelta

from django_tasks import task

from django.db import transaction
from django.utils import timezone

from wagtail.models import Page

from cms import languages, page_cache
from search.backends import get_backend
from search.backends.base import BackendUnavailable
from search.documents import document_for

logger = logging.getLogger(__name__)
MAX_ATTEMPTS = 8  # 30 s, 1 min, 2 min … about two hours in all


def sync(page_ids):
    """Index the pages that belong in the index, remove the others."""
    backend = get_backend()
    documents, gone = [], []
    pages = {page.pk: page for page in Page.objects.filter(pk__in=page_ids)}
    for page_id in page_ids:
        page = pages.get(page_id)
        document = document_for(page) if page is not None else None
        if document is None:
            gone.append(page_id)
        else:
            documents.append(document)
    if documents:
        backend.index(documents)
    if gone:
        backend.remove(gone)
    purge_cached_results()


def purge_cached_results():
    """Cached search pages and API answers (cms/page_cache.py) are stale once the
    index has changed."""
    page_cache.purge(*(f"search:{code}" for code in languages.CODES))


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
    """Enqueue a sync once the current transaction has committed. Never raises: a
    failure to enqueue is logged, and the next rebuild catches up."""
    page_ids = sorted(set(page_ids))
    if not page_ids:
        return

    def enqueue():
        try:
            sync_pages.enqueue(page_ids)
        except Exception:
            logger.exception("could not enqueue search indexing for pages %s", page_ids)

    transaction.on_commit(enqueue)


def subtree(page):
    """The ids of ``page`` and every page below it."""
    return list(Page.objects.descendant_of(page, inclusive=True).values_list("pk", flat=True))
