"""What a change purges from the page cache, and what it hands to search indexing
(content/publishing.py): counted purge by purge.

Each test makes what it needs and lets those commits run first, then counts only the
purges of the change it is about."""

import io
import json
from types import SimpleNamespace

import pytest
from PIL import Image

from django.core.files.images import ImageFile
from django.core.management import call_command
from django.db import transaction

from wagtail.models import Site

from cms import page_cache
from content import publish_gate, publishing
from content.exchange import glossary
from content.models import GlossaryTerm, Partner, SiteIdentity, Topic
from content.tests.factories import TEXTS, channel
from media.models import KepuImage, Narration, Video
from search import indexing


class Spy:
    def __init__(self):
        self.calls, self.indexed = [], []

    def clear(self):
        self.calls.clear()
        self.indexed.clear()

    @property
    def purges(self):
        """The pipeline's purges: each call's tags, but for search results."""
        return [tags for tags in self.pages_and_search(False) if tags]

    @property
    def search(self):
        """The search results purged (by the indexing task alone)."""
        return set().union(*self.pages_and_search(True))

    def pages_and_search(self, search):
        return [{t for t in tags if t.startswith("search:") == search} for tags in self.calls]

    @property
    def tags(self):
        return set().union(*self.calls)


@pytest.fixture
def spy(monkeypatch):
    """Every page-cache purge (one set of tags per call), and the page lists the
    pipeline hands to search indexing, which then runs as usual (the immediate task
    backend) and purges the search results it changed."""
    found = Spy()
    monkeypatch.setattr(page_cache, "purge", lambda *tags: found.calls.append(set(tags)))

    def schedule(ids):
        found.indexed.append(sorted(ids))
        indexing.schedule(ids)

    monkeypatch.setattr(publishing, "indexing", SimpleNamespace(schedule=schedule))
    return found


@pytest.fixture
def committed(django_capture_on_commit_callbacks, spy):
    """``with committed():`` runs the block's commit callbacks, as a commit would."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run


def publish(page):
    with publish_gate.operator("test"):
        page.save_revision().publish()


def picture(settings, tmp_path, title="草原"):
    settings.MEDIA_ROOT = tmp_path
    out = io.BytesIO()
    Image.new("RGB", (80, 45), (40, 110, 70)).save(out, "PNG")
    return KepuImage.objects.create(title=title, file=ImageFile(out, name="grass.png"))


def listed(page, code):
    """What a change to a page's card purges: the page, its channel and home, its
    language's feeds, the widgets."""
    channel = page.get_parent()
    return {f"page:{page.pk}", f"page:{channel.pk}", f"page:{channel.get_parent().pk}"} | {
        f"feed:{code}",
        "embed",
    }


# -- pages ---------------------------------------------------------------------------


def test_a_publish_purges_its_page_translations_channel_home_feeds_and_widgets_once(
    site_tree, make_article, spy, committed
):
    with committed():
        zh = make_article("zh-hans", slug="wetland")
        mn = make_article("mn", slug="wetland", translation_of=zh)
        bo = make_article("bo", slug="wetland", translation_of=zh, live=False)
    spy.clear()
    with committed():
        publish(bo)
    channel = bo.get_parent()
    assert spy.purges == [
        {
            f"page:{bo.pk}",
            f"page:{zh.pk}",  # their language switchers now offer the Tibetan
            f"page:{mn.pk}",
            f"page:{channel.pk}",
            f"page:{site_tree['bo'].pk}",
            "feed:bo",
            "embed",
            "sitemap",
        }
    ]
    # Its search results, by the indexing task once the index has changed; no tag of
    # another language.
    assert spy.search == {"search:bo"}
    assert not [t for t in spy.tags if t.endswith(("zh-hans", ":mn")) or t.startswith("lang:")]
    assert spy.indexed == [[bo.pk]]


def test_unpublishing_and_deleting_purge_the_same(site_tree, make_article, spy, committed):
    with committed():
        bo = make_article("bo", slug="goes")
        gone = make_article("bo", slug="deleted")
    spy.clear()
    with committed():
        bo.unpublish()
    assert spy.purges == [listed(bo, "bo") | {"sitemap"}] and spy.indexed == [[bo.pk]]
    spy.clear()
    expected = listed(gone, "bo") | {"sitemap"}
    with committed():
        gone.delete()  # Wagtail unpublishes a live page before deleting it
    assert spy.purges == [expected] and spy.indexed == [[gone.pk]]


def test_a_channel_is_in_every_languages_menus_and_switchers(site_tree, spy, committed):
    channel = site_tree["bo"].get_children().first().specific
    with committed():
        publish(channel)
    [tags] = spy.purges
    assert {"lang:zh-hans", "lang:bo", "lang:mn", f"page:{channel.pk}"} <= tags
    assert "site" not in tags


def test_pages_linking_to_a_page_are_purged_with_it(site_tree, make_article, spy, committed):
    with committed():
        target = make_article("bo", slug="target")
        linking = make_article(
            "bo",
            slug="linking",
            body=[("paragraph", f'<p>{TEXTS["bo"]} <a linktype="page" id="{target.pk}">→</a></p>')],
        )
    spy.clear()
    with committed():
        publish(target)
    assert f"page:{linking.pk}" in spy.tags


def test_a_fifty_page_import_purges_each_tag_once_and_indexes_once(
    site_tree, spy, committed, tmp_path, settings
):
    lines = [
        {"locale": "zh-hans", "type": "article", "channel": "health", "slug": f"import-{n}",
         "title": f"导入的文章{n}", "summary": "生奶可能带有布鲁氏菌。", "body": "<p>生奶可能带有布鲁氏菌。</p>"}
        for n in range(50)
    ]  # fmt: skip
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines))
    with committed():
        call_command("import_content", str(path), stdout=io.StringIO())
    assert len(spy.purges) == 1  # one purge for the whole import, each tag in it once
    assert len([t for t in spy.tags if t.startswith("page:")]) == 50 + 2  # + channel, home
    assert len(spy.indexed) == 1 and len(spy.indexed[0]) == 50


def test_a_rolled_back_change_purges_nothing(site_tree, make_article, spy, committed):
    with committed():
        bo = make_article("bo", slug="rolled-back", live=False)
    spy.clear()
    with committed():
        with pytest.raises(RuntimeError), transaction.atomic():
            publish(bo)
            raise RuntimeError
    assert spy.purges == [] and spy.indexed == []


def test_a_move_or_a_view_restriction_purges_the_site_and_reindexes_the_subtree(
    site_tree, make_article, spy, committed
):
    from wagtail.models import PageViewRestriction

    with committed():
        page = make_article("bo", slug="moving")
    other = page.get_parent().get_siblings(inclusive=False).type(page.get_parent().specific_class)
    spy.clear()
    with committed():
        page.move(other.first(), pos="last-child")
    assert spy.purges == [{"site"}] and spy.indexed == [[page.pk]]
    spy.clear()
    with committed():
        PageViewRestriction.objects.create(page=page, restriction_type="login")
    assert spy.purges == [{"site"}] and spy.indexed == [[page.pk]]


# -- assets --------------------------------------------------------------------------


def test_an_image_save_purges_only_the_pages_that_use_it(
    site_tree, make_article, make_video, spy, committed, settings, tmp_path
):
    with committed():
        image = picture(settings, tmp_path)
        lead = make_article("bo", slug="lead", lead_image=image)  # on its card too
        in_body = make_article(
            "zh-hans",
            slug="in-body",
            body=[("image", {"image": image, "caption": "草原"}), ("paragraph", "<p>草原</p>")],
        )
        clip = Video.objects.create(title="v", original="video/o.mp4", state="ready", poster=image)
        through_video = make_video("mn", slug="poster", video=clip, video_url="")
        make_article("bo", slug="unrelated")
        unused = picture(settings, tmp_path, title="没人用")
        make_article("bo", slug="draft-user", lead_image=unused, live=False)
    spy.clear()
    with committed():
        image.title = "高原草原"
        image.save()
    assert spy.purges == [listed(lead, "bo") | {f"page:{in_body.pk}"} | listed(through_video, "mn")]
    assert spy.indexed == []  # search shows no pictures
    spy.clear()
    with committed():
        unused.save()  # only a draft uses it: no reader sees it
    assert spy.purges == []
    with committed():
        image.delete()  # the pages lose it
    assert spy.purges == [listed(lead, "bo") | {f"page:{in_body.pk}"} | listed(through_video, "mn")]


def test_a_narration_or_video_processed_purges_the_pages_that_play_it(
    site_tree, make_article, make_video, spy, committed
):
    with committed():
        narration = Narration.objects.create(title="n", original="audio/n.m4a", state="ready")
        clip = Video.objects.create(title="v", original="video/o.mp4", state="ready")
        article = make_article("bo", slug="read-aloud", narration=narration)
        video = make_video("zh-hans", slug="plays", video=clip, video_url="")
    spy.clear()
    with committed():
        narration.finish({})
        clip.finish({})
    assert spy.purges == [listed(article, "bo") | listed(video, "zh-hans")]


def test_wagtails_lazy_bookkeeping_on_an_image_purges_nothing(
    site_tree, make_article, spy, committed, settings, tmp_path
):
    with committed():
        image = picture(settings, tmp_path)
        make_article("bo", slug="shows-it", lead_image=image)
    spy.clear()
    image.file_hash, image.file_size = "", None
    with committed():  # what Wagtail saves on its own while pages are rendered
        image.get_file_hash()
        image.get_file_size()
    assert spy.purges == []


def test_a_new_asset_purges_nothing(site_tree, spy, committed, settings, tmp_path):
    with committed():
        picture(settings, tmp_path)
        Video.objects.create(title="v", original="video/o.mp4", state="ready")
    assert spy.purges == []


# -- snippets and settings -----------------------------------------------------------


def test_glossary_terms_purge_nothing_even_a_186_row_import(site_tree, spy, committed):
    rows = ["key,zh,note"] + [f"term-{n},术语{n}," for n in range(186)]
    with committed():
        result = glossary.apply(glossary.read("\n".join(rows).encode()))
        term = GlossaryTerm.objects.get(key="term-0")
        term.note = "改了"
        term.save()
        term.delete()
    assert result.created == 186 and not result.errors
    assert spy.calls == [] and spy.indexed == []


def test_partners_purge_the_widgets_only(site_tree, spy, committed):
    with committed():
        Partner.objects.create(name="县融媒", origins="https://news.example.cn")
    assert spy.purges == [{"embed"}]


def test_topics_and_the_site_identity_purge_the_site(site_tree, make_article, spy, committed):
    with committed():
        page = make_article("bo", topic="health", slug="topical")
    spy.clear()
    topic = Topic.objects.get(slug="health")
    with committed():
        topic.colour = "#123456"
        topic.save()
    assert spy.purges == [{"site"}]
    assert page.pk in spy.indexed[0]  # its search document names the topic
    spy.clear()
    identity = SiteIdentity.for_site(Site.objects.get(is_default_site=True))
    with committed():
        identity.phone = "0971-1234567"
        identity.save()
    assert spy.purges == [{"site"}] and spy.indexed == []


def test_a_new_live_alias_purges_where_it_is_listed(site_tree, make_article, spy, committed):
    """Wagtail creates a live alias without sending ``page_published``: the channel it
    joins, its home, feeds and widgets are purged all the same."""
    with committed():
        source = make_article("zh-hans", topic="health", slug="aliased")
    spy.clear()
    target = channel("zh-hans", "ecology")
    with committed():
        with publish_gate.operator("test"):
            alias = source.create_alias(parent=target, update_slug="aliased-copy")
    assert alias.live
    [tags] = spy.purges
    assert {f"page:{target.pk}", f"page:{alias.pk}", "feed:zh-hans", "embed"} <= tags
    assert spy.indexed == [[alias.pk]]
