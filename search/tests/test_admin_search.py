"""The admin's page search finds words in all three scripts, drafts included: Wagtail's
search backend answers page searches from the project's one index
(search/wagtail_backend.py)."""

from django.contrib.auth import get_user_model


def test_editors_find_chinese_tibetan_and_mongolian_words(client, make_article):
    make_article("zh-hans", slug="carp", title="青海湖湟鱼洄游", summary="每年夏天成群洄游。")
    make_article("bo", slug="quake", title="ས་ཡོམ་བྱུང་ན་ག་རེ་བྱེད་དགོས", summary="ཁྱིམ་ནས་ཕྱིར་ཐོན།")
    make_article("mn", slug="marmot", title="ᠲᠠᠷᠪᠠᠭ᠎ᠠ ᠶᠢ ᠪᠢᠲᠡᠭᠡᠢ ᠬᠦᠷᠦᠯᠴᠡ", summary="ᠲᠠᠷᠪᠠᠭᠠᠨ ᠲᠠᠬᠠᠯ")
    client.force_login(get_user_model().objects.create_superuser("chief", "c@example.org", "pw"))

    def admin_search(q):
        return client.get("/admin/pages/search/", {"q": q}).content.decode()

    assert "青海湖湟鱼洄游" in admin_search("湟鱼")
    assert "青海湖湟鱼洄游" not in admin_search("鼠疫")
    assert "ས་ཡོམ་བྱུང་ན་ག་རེ་བྱེད་དགོས" in admin_search("ས་ཡོམ")
    # A Mongolian word typed another way (ᠲᠠᠷᠪᠠᠭᠠ without the vowel separator).
    assert "ᠲᠠᠷᠪᠠᠭ᠎ᠠ ᠶᠢ ᠪᠢᠲᠡᠭᠡᠢ ᠬᠦᠷᠦᠯᠴᠡ" in admin_search("ᠲᠠᠷᠪᠠᠭᠠ")


def test_editors_find_drafts_that_readers_never_see(client, make_article):
    from search.models import SearchEntry

    draft = make_article("zh-hans", slug="draft", title="草原鼠害防治草稿", live=False)
    make_article("bo", slug="hay", title="རྩྭ་ཐང་གི་ཉེན་ཁ")
    client.force_login(get_user_model().objects.create_superuser("chief", "c@example.org", "pw"))
    html = client.get("/admin/pages/search/", {"q": "鼠害"}).content.decode()
    assert "草原鼠害防治草稿" in html
    assert client.get("/api/search/", {"q": "鼠害", "lang": "zh-hans"}).json()["count"] == 0
    assert SearchEntry.objects.get(page_id=draft.pk).public is False
    # Every language at once, and a word still being typed (a title prefix).
    assert "རྩྭ་ཐང་གི་ཉེན་ཁ" in client.get("/admin/pages/search/", {"q": "རྩྭ་ཐང"}).content.decode()
    assert (
        "草原鼠害防治草稿" in client.get("/admin/pages/search/", {"q": "草原鼠"}).content.decode()
    )
    # Nothing of a page is written to Wagtail's own index tables.
    from wagtail.search.models import IndexEntry

    assert not IndexEntry.objects.filter(object_id=str(draft.pk)).exists()
