"""Hostile markup in every field an editor or an import can fill never runs in a
reader's browser: not on the page, not in feeds, the widget, the API or search results.

Content arrives through the importer (which cleans it, content/exchange/importing.py) and through
the admin; these tests also store it raw, as a compromised or buggy path would, and
check that what readers get is still inert.
"""

import json
import re
import xml.etree.ElementTree as ET

import pytest

from django.core.management import call_command

from content.models import ArticlePage, GlossaryTerm, Partner

SCRIPT = "<script>alert('kepu')</script>"
JS_LINK = '<a href="javascript:alert(1)">看这里</a>'
IMG_ONERROR = '<img src="x" onerror="alert(1)">'


def executable(html):
    """Markup a browser would run if it rendered this HTML: our script element, a
    javascript: link, an event handler attribute."""
    return (
        re.search(r"<script>alert\(", html) is not None
        or re.search(r"""<a\b[^>]*href\s*=\s*["']?\s*javascript:""", html, re.I) is not None
        or re.search(r"<[a-z]+\b[^>]*\son[a-z]+\s*=", html, re.I) is not None
    )


def html_in(name, response):
    """The HTML a consumer of this answer renders: the page itself, or the HTML-bearing
    fields of a feed or of the API (their text fields are data, escaped by the consumer
    as any text is)."""
    body = response.content.decode()
    kind = response["Content-Type"]
    if kind.startswith("text/html"):
        return [body]
    if "xml" in kind:
        root = ET.fromstring(response.content)
        tags = {"description", "summary", "content", "{http://www.w3.org/2005/Atom}summary",
                "{http://www.w3.org/2005/Atom}content"}  # fmt: skip
        return [el.text or "" for el in root.iter() if el.tag in tags]
    data = response.json()
    found = []
    # HTML-bearing parts: the JSON Feed's content_html; the rich-text blocks of the API's
    # body (other blocks are plain text).
    rich = {
        "paragraph": lambda v: v,
        "fact_box": lambda v: v["text"],
        "rumour_fact": lambda v: v["fact"],
    }

    def walk(value):
        if isinstance(value, dict):
            if value.get("type") in rich:
                found.append(rich[value["type"]](value["value"]))
            found.extend(v for k, v in value.items() if k == "content_html")
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    walk(data)
    return found


def public_views(client, page):
    """Every public answer that shows this page's content, as HTML a consumer renders."""
    lang = page.locale.language_code
    channel = page.get_parent().specific.topic.slug
    answers = {
        "page": client.get(page.url),
        "channel": client.get(page.get_parent().url),
        "home": client.get(f"/{lang}/"),
        "rss": client.get(f"/feeds/{lang}/rss.xml"),
        "atom": client.get(f"/feeds/{lang}/atom.xml"),
        "json feed": client.get(f"/feeds/{lang}/feed.json"),
        "widget": client.get(f"/embed/{lang}/{channel}/"),
        "api": client.get(f"/api/v2/pages/{page.pk}/"),
    }
    for name, response in answers.items():
        assert response.status_code == 200, name
    return {name: "\n".join(html_in(name, r)) for name, r in answers.items()}


@pytest.mark.parametrize(
    "field",
    ["heading", "paragraph", "fact_box", "quote", "rumour_fact", "sources", "table"],
)
def test_markup_stored_raw_in_each_body_block_is_inert(client, make_article, field):
    hostile = f"<p>正文{SCRIPT}{JS_LINK}{IMG_ONERROR}</p>"
    values = {
        "heading": SCRIPT + "标题",
        "paragraph": hostile,
        "fact_box": {"title": SCRIPT, "text": hostile},
        "quote": {"text": SCRIPT, "attribution": JS_LINK},
        "rumour_fact": {"rumour": SCRIPT, "fact": hostile},
        "sources": [{"title": SCRIPT, "publisher": IMG_ONERROR, "url": "javascript:alert(1)"}],
        "table": {
            "data": [[SCRIPT, JS_LINK], [IMG_ONERROR, "安全"]],
            "first_row_is_table_header": True,
        },
    }
    page = make_article("zh-hans", slug=f"hostile-{field}", body=[(field, values[field])])
    for name, html in public_views(client, page).items():
        assert not executable(html), f"{field} ran in {name}"


@pytest.mark.parametrize("field", ["title", "summary", "author", "reviewer"])
def test_markup_in_page_fields_is_escaped_everywhere(client, make_article, field):
    page = make_article("bo", slug=f"hostile-{field}", **{field: f"{SCRIPT}{JS_LINK}"})
    for name, html in public_views(client, page).items():
        assert not executable(html), f"{field} ran in {name}"
    # On the page it is shown as the text it is.
    assert "&lt;script&gt;alert(" in client.get(page.url).content.decode()


def test_imported_rich_text_loses_scripts_and_javascript_links(client, live_site, tmp_path):
    record = {
        "locale": "zh-hans", "type": "article", "channel": "health", "slug": "imported-x",
        "title": f"导入{SCRIPT}", "summary": "摘要", "author": "作者", "reviewer": "审核",
        "blocks": [{"type": "paragraph", "value": f"<p>留下的文字{SCRIPT}{JS_LINK}{IMG_ONERROR}</p>"}],
    }  # fmt: skip
    path = tmp_path / "import.jsonl"
    path.write_text(json.dumps(record, ensure_ascii=False))
    call_command("import_content", str(path))
    page = ArticlePage.objects.get(slug="imported-x")
    stored = json.dumps(list(page.body.raw_data), ensure_ascii=False)
    assert "<script" not in stored and "javascript:" not in stored and "onerror" not in stored
    assert "留下的文字" in stored and "看这里" in stored  # the words stay
    assert not executable(client.get(page.url).content.decode())


def test_glossary_and_partner_fields_are_escaped(client, site_tree, admin_client):
    term = GlossaryTerm.objects.first()
    term.term_zh_hans = SCRIPT
    term.save()
    partner = Partner.objects.create(name=SCRIPT, origins="https://news.example.cn")
    for url in (
        "/zh-hans/",
        "/embed/zh-hans/",
        f"/admin/snippets/content/partner/edit/{partner.pk}/",
    ):
        html = (admin_client if url.startswith("/admin/") else client).get(url).content.decode()
        assert "<script>alert('kepu')" not in html, url


def test_partner_origins_must_be_plain_origins(admin_client, site_tree):
    from django.core.exceptions import ValidationError

    partner = Partner(name="县融媒", origins="javascript:alert(1)\nhttps://ok.example.cn")
    with pytest.raises(ValidationError):
        partner.full_clean()
