"""The one owner of the site's absolute addresses: the default Site record's root_url.

Canonical links, og:url and hreflang (page.full_url), feeds, the sitemap, the JSON APIs,
oEmbed and the embed code all start with it, never with the request's Host header nor
with a setting of their own, so that they cannot disagree. The record is kept in step
with the configured public address (KEPU_BASE_URL; under `make run`, HOST and PORT) by
content/site_setup.sync_public_address, which `setup_site` and `seed_demo` run.

Wagtail itself builds page URLs from the same record (Page.full_url, its API and
sitemap); its admin e-mails and Rendition.full_url read WAGTAILADMIN_BASE_URL, which
cms/settings/base.py takes from the same KEPU_BASE_URL.
"""

import threading
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.models import Site

from cms import page_cache

CACHE_KEY = "kepu:public-root-url"

# What this request read from the cache: a page asks four times (canonical link, share
# card, hreflang, JSON-LD). Only kept while a request runs, so that the next request
# reads the cache again, which stays the one answer for every process.
_request = threading.local()


def root_url():
    """scheme://host[:port] of the site, without a trailing slash.

    Kept in the shared cache (a feed asks for it once per item), and forgotten whenever
    a Site record changes, in whichever process changes it."""
    url = getattr(_request, "url", None)
    if url is not None:
        return url
    url = cache.get(CACHE_KEY)
    if url is None:
        site = Site.objects.filter(is_default_site=True).first()
        url = site.root_url if site else settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        cache.set(CACHE_KEY, url, timeout=None)
    if getattr(_request, "running", False):
        _request.url = url
    return url


@receiver(request_started, dispatch_uid="kepu_public_url_request_started")
def _request_started(**kwargs):
    _request.running, _request.url = True, None


@receiver(request_finished, dispatch_uid="kepu_public_url_request_finished")
def _request_finished(**kwargs):
    _request.running, _request.url = False, None


def absolute(url):
    """``url`` as an absolute address: a path (/media/…, /zh-hans/…) is put after the
    site's root URL; an address that already has a host (S3 storage) is left alone."""
    if url and url.startswith("/") and not url.startswith("//"):
        return root_url() + url
    return url


def _keep_https(url):
    """Wagtail writes http:// for a Site on any port but 443; an https public address on
    another port (KEPU_BASE_URL=https://host:8443, as the production smoke stack has)
    keeps its https."""
    configured = urlsplit(settings.KEPU_SITE_URL)
    given = urlsplit(url)
    if (
        configured.scheme == "https"
        and given.scheme == "http"
        and configured.port == given.port
        and configured.hostname == given.hostname
    ):
        return "https" + url.removeprefix("http")
    return url


def _site_root_url(site, wagtail_root_url=Site.root_url.fget):
    return _keep_https(wagtail_root_url(site))


# Every page address Wagtail builds goes through this property: Page.full_url on any
# page object (specific or not: the API's parent links and html_url, menus), its API's
# detail URLs, its sitemap and the cached site root paths. Wagtail has no setting for a
# Site served over https on a port other than 443; tests/test_absolute_urls.py fails if
# a Wagtail upgrade stops reading it here.
Site.root_url = property(_site_root_url)


@receiver(post_save, sender=Site, dispatch_uid="kepu_public_url_site_saved")
@receiver(post_delete, sender=Site, dispatch_uid="kepu_public_url_site_deleted")
def forget(**kwargs):
    _request.url = None
    cache.delete(CACHE_KEY)
    # Cached pages, feeds and API answers carry the old address.
    transaction.on_commit(lambda: page_cache.purge("site"))
