import pytest

from django.core.exceptions import ValidationError

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from content.models import ArticlePage, ChannelPage, HomePage, InfoPage, Topic, VideoPage


class PageTreeRules(WagtailPageTestCase):
    def test_home_sits_under_the_root_only(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedSubpageTypes(HomePage, {ChannelPage, InfoPage})

    def test_channels_hold_articles_and_videos(self):
        self.assertAllowedParentPageTypes(ChannelPage, {HomePage})
        self.assertAllowedSubpageTypes(ChannelPage, {ArticlePage, VideoPage})

    def test_articles_and_videos_are_leaves_under_a_channel(self):
        for model in (ArticlePage, VideoPage):
            self.assertAllowedParentPageTypes(model, {ChannelPage})
            self.assertAllowedSubpageTypes(model, {})


def test_every_language_has_a_home_and_the_four_channels(site_tree):
    for code, home in site_tree.items():
        assert home.live and home.locale.language_code == code
        slugs = sorted(ChannelPage.objects.child_of(home).values_list("slug", flat=True))
        assert slugs == ["defence", "ecology", "emergency", "health"]


def test_channel_translations_share_a_translation_key(site_tree):
    keys = {c.translation_key for c in ChannelPage.objects.filter(topic__slug="health")}
    assert len(keys) == 1


def test_a_language_cannot_have_two_channels_for_one_topic(site_tree):
    home = site_tree["bo"]
    duplicate = ChannelPage(title="x", slug="health-2", topic=Topic.objects.get(slug="health"))
    with pytest.raises(ValidationError) as error:
        home.add_child(instance=duplicate)
    assert "topic" in error.value.message_dict
    assert ChannelPage.objects.filter(slug="health-2").count() == 0


def test_topic_names_follow_the_active_language(site_tree):
    from django.utils import translation

    topic = Topic.objects.get(slug="health")
    with translation.override("bo"):
        assert topic.name == topic.name_bo != topic.name_zh_hans
    with translation.override("mn"):
        assert topic.name == topic.name_mn


def test_setup_site_is_idempotent(site_tree):
    from content.site_setup import setup_site

    before = Page.objects.count()
    setup_site()
    assert Page.objects.count() == before


def test_reading_time_counts_each_script_in_its_own_unit():
    from content import reading_time

    assert reading_time.minutes("字" * 600) == 2  # 300 characters a minute
    assert reading_time.minutes("བོད་" * 240) == 2  # 120 syllables a minute
    assert reading_time.minutes("ᠮᠣᠩᠭᠣᠯ " * 131) == 2  # 130 words a minute
    assert reading_time.minutes("") == 1
