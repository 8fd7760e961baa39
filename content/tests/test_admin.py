"""Editors manage channel topics with one panel per language; Chinese is required."""

import pytest

from django.contrib.auth import get_user_model

from content.models import Topic


@pytest.fixture
def admin_client(client, site_tree):
    user = get_user_model().objects.create_superuser("chief", "chief@example.org", "pw")
    client.force_login(user)
    return client


def topic_form(**overrides):
    data = {
        "name_zh_hans": "防灾减灾", "name_bo": "སྐྱོན་ཆགས་སྔོན་འགོག", "name_mn": "",
        "description_zh_hans": "", "description_bo": "", "description_mn": "",
        "slug": "disaster", "colour": "#aa3300", "icon": "", "sort_order": "5",
    }  # fmt: skip
    return {**data, **overrides}


def test_topic_editor_has_a_panel_per_language(admin_client):
    topic = Topic.objects.get(slug="health")
    html = admin_client.get(f"/admin/snippets/content/topic/edit/{topic.pk}/").content.decode()
    for field in ("name_zh_hans", "name_bo", "name_mn", "description_bo"):
        assert f'name="{field}"' in html
    for heading in ("中文", "བོད་ཡིག", "ᠮᠣᠩᠭᠣᠯ ᠪᠢᠴᠢᠭ"):
        assert heading in html


def test_new_topic_needs_a_chinese_name(admin_client):
    response = admin_client.post("/admin/snippets/content/topic/add/", topic_form(name_zh_hans=""))
    assert response.status_code == 200 and not Topic.objects.filter(slug="disaster").exists()
    response = admin_client.post("/admin/snippets/content/topic/add/", topic_form())
    assert response.status_code == 302
    topic = Topic.objects.get(slug="disaster")
    assert topic.name_bo == "སྐྱོན་ཆགས་སྔོན་འགོག"


def test_topic_colour_is_validated(admin_client):
    admin_client.post(
        "/admin/snippets/content/topic/add/", topic_form(colour="red; background:url(x)")
    )
    assert not Topic.objects.filter(slug="disaster").exists()


def test_article_editor_opens(admin_client, make_article):
    article = make_article("bo", slug="edit-me")
    assert admin_client.get(f"/admin/pages/{article.pk}/edit/").status_code == 200
