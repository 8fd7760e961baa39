"""The Chinese admin says everything in Chinese (issue 15).

Wagtail 8's own Chinese catalogue leaves hundreds of admin strings in English, and our
catalogue used to replace some of its right words with wrong ones (页面 shown as 分页).
The browser test logs in as each Chinese-team role, opens the screens they work in and
reads every word a sighted or screen-reader user meets; the catalogue tests keep the
overrides complete when Wagtail is upgraded.
"""

import difflib
import json
import re
from pathlib import Path

import polib
import pytest

from django.conf import settings
from django.test import Client
from django.urls import reverse

import wagtail

from content.tests.editorial_helpers import member, submit

WAGTAIL = Path(wagtail.__file__).parent
OURS = Path(settings.BASE_DIR, "locale", "zh_Hans", "LC_MESSAGES")
# The Wagtail apps this site installs (cms/settings/base.py) that have catalogues.
APPS = [
    "admin",
    "contrib/redirects",
    "contrib/settings",
    "contrib/table_block",
    "documents",
    "embeds",
    "images",
    "locales",
    "search",
    "sites",
    "snippets",
    "users",
    ".",
]

# Everything a user perceives: text (including text for screen readers only), the
# labels and hints in attributes, button values and the window title. Not: scripts and
# styles, the contents of fields (the user's own words), an iframe's fallback markup, the
# jQuery date picker's "Save Selected" button, which Wagtail never shows (multiple-date
# selection is off), the list of time zones (IANA names, the same in every language) and
# a side panel's hidden counter (Wagtail renders its empty count as "None", never shown).
PERCEIVED = r"""() => {
  const skip = 'script, style, template, noscript, textarea, iframe, .xdsoft_datetimepicker,'
    + ' select[name$="current_time_zone"], [data-side-panel-toggle-counter]';
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node; (node = walker.nextNode()); ) {
    const text = node.textContent.replace(/\s+/g, ' ').trim();
    if (text && !node.parentElement.closest(skip)) out.push(text);
  }
  const attributes = ['aria-label', 'placeholder', 'title', 'alt', 'data-w-tooltip-content-value'];
  for (const el of document.body.querySelectorAll('*')) {
    if (el.closest(skip)) continue;
    for (const name of attributes) if (el.getAttribute(name)) out.push(el.getAttribute(name));
    if (el.matches('input[type=submit], input[type=button]') && el.value) out.push(el.value);
  }
  out.push(document.title);
  return out;
}"""

# Words that are not English UI: the product's name, file formats, the legends on the
# keys of a keyboard (in the keyboard shortcuts dialog), "English" (the name the admin
# language menu gives English, as it gives 中文 for Chinese), "GMT" in time zones and
# the example address in Wagtail's Chinese help for the slug field.
ALLOWED = {"Wagtail", "CSV", "JSON", "API", "GMT", "UTC", "URL", "English"}
ALLOWED |= {"Ctrl", "Alt", "Shift", "Esc", "Enter", "Tab", "Cmd", "Option"}
NOT_UI = [
    re.compile(r"https?://\S+"),  # addresses
    re.compile(r"[\w.-]+/[\w./-]+"),  # paths and file names: ecology/pika.png, Asia/Shanghai
    re.compile(r"\b[\w-]+\.(?:png|jpe?g|webp|gif|pdf|csv|txt|mp4|vtt)\b", re.I),
]
WORD = re.compile(r"[A-Za-z]{3,}")


def english_words(texts, content):
    """The English words in ``texts``, apart from ``content``: the names people gave
    things (users, groups, workflows, tasks) and the words of the test's pages."""
    found = {}
    for text in texts:
        stripped = text
        for words in content:
            stripped = stripped.replace(words, " ")
        for pattern in NOT_UI:
            stripped = pattern.sub(" ", stripped)
        for word in WORD.findall(stripped):
            if word not in ALLOWED:
                found.setdefault(word, text[:120])
    return found


def _prefer_chinese(user):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "zh-hans"
    profile.save()


def log_in(page, live_server, user):
    user.set_password("a long enough password")
    user.save()
    _prefer_chinese(user)
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", "a long enough password")
    page.click("button[type=submit]")
    page.wait_for_url(lambda url: "/login/" not in url)


def _names_people_gave():
    """Names entered as data, not UI: Wagtail's first migrations, for one, make a group
    "Moderators", a workflow "Moderators approval" and a root page "Root", which
    administrators may rename."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from wagtail.models import Collection, Page, Task, Workflow

    names = [
        *get_user_model().objects.values_list("username", flat=True),
        *Group.objects.values_list("name", flat=True),
        *Workflow.objects.values_list("name", flat=True),
        *Task.objects.values_list("name", flat=True),
        *Collection.objects.values_list("name", flat=True),
        *Page.objects.values_list("title", flat=True),  # the tree's "Root", for one
    ]
    return sorted(names, key=len, reverse=True)  # "Moderators approval" before "Moderators"


def _image():
    import io

    from PIL import Image

    from django.core.files.images import ImageFile

    from media.models import KepuImage

    out = io.BytesIO()
    Image.new("RGB", (800, 450), (40, 110, 70)).save(out, "PNG")
    return KepuImage.objects.create(title="鼠兔", file=ImageFile(out, name="pika.png"))


def screens(article, channel, image_id):
    return {
        "dashboard": "/admin/",
        "explorer": f"/admin/pages/{channel.pk}/",
        "edit": f"/admin/pages/{article.pk}/edit/",
        "create": f"/admin/pages/add/content/articlepage/{channel.pk}/",
        "history": f"/admin/pages/{article.pk}/history/",
        "revisions": f"/admin/pages/{article.pk}/revisions/",
        "workflow history": f"/admin/pages/{article.pk}/workflow_history/",
        "workflow report": "/admin/reports/workflow/",
        "task report": "/admin/reports/workflow_tasks/",
        "translation report": "/admin/translations/",
        "images": "/admin/images/",
        "image": f"/admin/images/{image_id}/",
        "documents": "/admin/documents/",
        "snippets": "/admin/snippets/",
        "search": "/admin/pages/search/?q=" + article.title[:2],
        "account": "/admin/account/",
    }


@pytest.mark.browser
@pytest.mark.parametrize("role", ["editor", "senior", "reviewer"])
def test_the_chinese_admin_has_no_english_words(live_site, live_server, browser, role, settings):
    from content.tests import factories

    # The live server's random port is not the site's (cms.middleware.CanonicalHostMiddleware
    # drops it from the Host header): let the admin's forms post from it.
    settings.CSRF_TRUSTED_ORIGINS = [live_server.url]
    article = factories.article("zh-hans", topic="health", slug="boiled-water")
    channel = article.get_parent()
    draft = factories.article("zh-hans", topic="health", slug="draft", live=False)
    editor = member("editor", "zh-hans")
    user = member(role, None if role == "reviewer" else "zh-hans")
    # Something in review, so the dashboard, the reports and the history show workflows.
    submit(Client(), article, editor)
    image = _image()

    content = _names_people_gave() + ["test fixture"]  # the factories' publish reason
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        log_in(page, live_server, user)
        problems = {}
        for name, url in screens(article, channel, image.pk).items():
            if role == "reviewer" and name == "create":
                continue  # reviewers create no pages
            response = page.goto(live_server.url + url)
            assert response.status == 200, (name, response.status)
            page.wait_for_load_state("networkidle")
            assert page.locator("html").get_attribute("lang") == "zh-hans", name
            if found := english_words(page.evaluate(PERCEIVED), content):
                problems[name] = found
        # The edit form after a validation error: its error banner and "go to the first
        # error" button. Reviewers edit nothing outside review, so only the editors.
        if role != "reviewer":
            page.goto(live_server.url + f"/admin/pages/{draft.pk}/edit/")
            page.fill("#id_title", "")
            page.locator("button.action-save:not([disabled])").first.click()
            page.wait_for_load_state("networkidle")
            assert page.locator(".w-field--error").count() > 0
            if found := english_words(page.evaluate(PERCEIVED), content):
                problems["edit with errors"] = found
        assert not problems, json.dumps(problems, ensure_ascii=False, indent=1)

        # Pages are 页面, never 分页 (which is "pagination"): the menu, the dashboard.
        page.goto(live_server.url + "/admin/")
        menu = page.locator("#wagtail-sidebar").inner_text()
        assert "页面" in menu and "分页" not in menu
        assert re.search(r"\d+\s*个页面", page.locator("main").inner_text())
    finally:
        context.close()


def _wagtail_catalogue_entries(domain):
    for app in APPS:
        path = WAGTAIL / app / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po"
        if path.exists():
            yield from (e for e in polib.pofile(str(path)) if not e.obsolete)


def _translated(path):
    if not path.exists():
        return set()
    return {
        (e.msgctxt, e.msgid)
        for e in polib.pofile(str(path)).translated_entries()
        if "fuzzy" not in e.flags
    }


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_every_wagtail_admin_string_has_chinese(domain):
    """Each string of Wagtail's apps has a Chinese translation, Wagtail's or ours: an
    upgrade that adds strings fails here rather than in front of editors."""
    translated = _translated(OURS / f"{domain}.po")
    for app in APPS:
        translated |= _translated(
            WAGTAIL / app / "locale" / "zh_Hans" / "LC_MESSAGES" / f"{domain}.po"
        )
    missing = [
        entry.msgid
        for entry in _wagtail_catalogue_entries(domain)
        if (entry.msgctxt, entry.msgid) not in translated
    ]
    assert missing == []


def test_our_catalogue_does_not_give_admin_words_our_public_meanings():
    """Our catalogue comes first, so an entry without context that Wagtail also has
    replaces Wagtail's word everywhere in the admin: "Pages" once read 分页."""
    ours = {(e.msgctxt, e.msgid): e.msgstr for e in polib.pofile(str(OURS / "django.po"))}
    assert ours[(None, "Pages")] == "页面"
    assert ours[(None, "Published")] == "已发布"
    assert ours[("pagination", "Pages")] == "分页"


def test_the_javascript_catalogue_carries_our_chinese(client, site_tree):
    user = member("editor", "zh-hans")
    _prefer_chinese(user)
    client.force_login(user)
    script = client.get(reverse("wagtailadmin_javascript_catalog")).content.decode()
    assert "\\u6b63\\u5728\\u81ea\\u52a8\\u4fdd\\u5b58" in script or "正在自动保存" in script


# Wagtail templates we copy to translate a hard-coded English word (or, for the page
# listing's count, to say "pages" where Wagtail passes no name and prints None): each
# copy must stay Wagtail's template but for that, so an upgrade that changes them is
# noticed.
COPIES = {
    "wagtailadmin/home.html": [('value="Search"', "value=\"{% trans 'Search' %}\"")],
    "wagtailadmin/shared/header.html": [('value="Search"', "value=\"{% trans 'Search' %}\"")],
    "wagtailadmin/pages/listing/_page_title_column_header.html": [
        (
            "{% block after_label %}\n",
            '{% block after_label %}{% translate "pages" as pages_label %}\n',
        ),
        (
            "items_count=items_count|intcomma %}",
            "items_count=items_count|intcomma model_name=model_name|default:pages_label %}",
        ),
    ],
    "wagtailadmin/shared/headers/_actions.html": [
        ('aria-label="Actions"', "aria-label=\"{% translate 'Actions' %}\"")
    ],
}


@pytest.mark.parametrize("name", sorted(COPIES))
def test_copied_wagtail_templates_differ_only_by_the_translation(name):
    original = (WAGTAIL / "admin" / "templates" / name).read_text()
    for english, chinese in COPIES[name]:
        assert english in original, f"Wagtail changed {name}: update our copy"
        original = original.replace(english, chinese)
    ours = Path(settings.BASE_DIR, "content", "templates", name).read_text()
    # Our first line says why the copy exists (and loads i18n where Wagtail's does not).
    body = ours.split("\n", 1)[1]
    diff = "\n".join(difflib.unified_diff(original.splitlines(), body.splitlines(), lineterm=""))
    assert body == original, diff


@pytest.mark.parametrize(
    "language, source_language, channel",
    [("zh-hans", "中文", "健康"), ("en", "Simplified Chinese", "健康")],
)
def test_the_translation_report_names_languages_and_channels(
    client, make_article, language, source_language, channel
):
    """Names in the admin user's language, not codes (zh-hans, health). Channels have
    no English names: the English admin shows the Chinese one."""
    make_article("zh-hans", topic="health", slug="named")
    user = member("editor", "zh-hans")
    _prefer_chinese(user)
    user.wagtail_userprofile.preferred_language = language
    user.wagtail_userprofile.save()
    client.force_login(user)
    html = client.get(reverse("kepu_translation_report")).content.decode()
    assert f'<td data-language="zh-hans">{source_language}</td>' in html
    assert f'<td data-channel="health">{channel}</td>' in html
    columns = "<th>中文</th><th>藏文</th><th>蒙古文</th>" if language == "zh-hans" else ""
    assert columns in html
    if language == "en":
        assert "<th>Tibetan</th>" in html
