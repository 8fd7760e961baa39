"""The admin's page search finds words in all three scripts (Wagtail's index, fed
with our analysed tokens)."""

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
