"""Every public page renders in a bounded number of SQL queries, whatever the amount
of content: menus, translations, pictures and channels are loaded in bulk."""

import io

import pytest
from PIL import Image

from django.core.cache import caches
from django.core.files.images import ImageFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from media.models import KepuImage

LIMIT = 14
# An article or video: the site with the language's home (content/serve.py), every page
# on the way (content/models/pages.py, CachedServe.route), the language switcher and the
# channel menu, one query each; a video also reads its poster.
ARTICLE_LIMIT = 4
VIDEO_LIMIT = 5


def picture():
    out = io.BytesIO()
    Image.new("RGB", (800, 450), (40, 110, 70)).save(out, "PNG")
    return KepuImage.objects.create(title="p", file=ImageFile(out, name="p.png"))


def queries(client, url):
    client.get(url)  # renditions exist already in production (the worker makes them)
    caches["pages"].clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured.captured_queries)


def urls(language, article, video):
    return [f"/{language}/", f"/{language}/health/", article.url, video.url,
            f"/{language}/search/?q=x", f"/feeds/{language}/rss.xml",
            f"/feeds/{language}/health/feed.json", f"/embed/{language}/health/?limit=20",
            f"/embed/{language}/?layout=cards"]  # fmt: skip


@pytest.mark.parametrize("language", ["zh-hans", "bo", "mn"])
def test_public_pages_stay_within_the_query_budget(
    client, site_tree, make_article, make_video, settings, tmp_path, language
):
    settings.MEDIA_ROOT = tmp_path
    image = picture()

    def add(n, start):
        made = []
        for i in range(start, start + n):
            made.append(make_article(language, topic="health", slug=f"a{i}", lead_image=image))
            made.append(make_video(language, topic="health", slug=f"v{i}", poster=picture()))
        return made

    few = add(2, 0)
    counts_few = {url: queries(client, url) for url in urls(language, few[0], few[1])}
    add(10, 2)
    counts_many = {url: queries(client, url) for url in urls(language, few[0], few[1])}
    item_limits = {few[0].url: ARTICLE_LIMIT, few[1].url: VIDEO_LIMIT}
    for url, count in counts_many.items():
        assert count <= item_limits.get(url, LIMIT), (url, count)
        assert count == counts_few[url], (url, counts_few[url], count)  # not per item


@pytest.mark.parametrize("language", ["zh-hans", "bo", "mn"])
def test_every_public_page_finds_its_site_in_one_query(client, site_tree, make_article, language):
    # Pages find their Site with their home (content/serve.py), and the pages of other
    # views (a search, the offline page, a page not found) find it the same way: the
    # header, the footer and the links ask for it again without another query.
    article = make_article(language, topic="health", slug="water", title="Water boiling 水")
    found = f"/{language}/search/?q=" + article.title.split()[0]
    for url in [article.url, f"/{language}/", found, f"/{language}/search/?q=zzzz",
                "/offline/", f"/{language}/no-such-page/"]:  # fmt: skip
        client.get(url)
        caches["pages"].clear()
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        asked = [q["sql"] for q in captured.captured_queries if "wagtailcore_site" in q["sql"]]
        assert len(asked) <= 1, (url, asked)
