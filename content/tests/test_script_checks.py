"""Text is saved in the form readers' phones and the search index need: Tibetan
normalised, legacy Mongolian refused with a way to convert it, and nothing half-saved."""

import pytest

from django.urls import reverse

from content.tests.editorial_helpers import article_form, member

MENKSOFT_MONGGOL = "\ue2f2\ue289\ue2bc\ue2ec\ue289\ue2f9"  # ᠮᠣᠩᠭᠣᠯ typed with a Menksoft IME


def test_tibetan_is_normalised_on_save(client, make_article):
    page = make_article("bo", slug="tsheg", live=False)
    client.force_login(member("editor", "bo"))
    client.post(
        f"/admin/pages/{page.pk}/edit/",
        article_form(page, title="ཆུ\u0f0cཁོལ\u0fd2མ", summary="ཀ\u0f7e\u0f72"),
    )
    page.refresh_from_db()
    saved = page.get_latest_revision_as_object()
    assert saved.title == "ཆུ་ཁོལ་མ" and saved.summary == "ཀིཾ"
    assert "\u0f0c" not in str(list(saved.body.raw_data))


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("summary", f"{MENKSOFT_MONGGOL} ᠪᠢᠴᠢᠭ", "蒙科立（Menksoft）旧编码"),
        ("title", "Монгол бичиг", "不能使用西里尔字母"),
        ("summary", "ᠮᠣᠩᠭᠣᠯ\x07", "控制字符"),
    ],
)
def test_bad_mongolian_is_refused_with_a_clear_message(client, make_article, field, value, message):
    page = make_article("mn", slug="legacy", live=False)
    revisions = page.revisions.count()
    client.force_login(member("editor", "mn"))
    response = client.post(f"/admin/pages/{page.pk}/edit/", article_form(page, **{field: value}))
    html = response.content.decode()
    assert response.status_code == 200 and message in html
    if "Menksoft" in message:
        assert reverse("kepu_menksoft") in html
    page.refresh_from_db()
    assert page.revisions.count() == revisions  # nothing saved, not even a draft


def test_menksoft_in_the_body_is_refused_too(client, make_article):
    from wagtail.test.utils.form_data import rich_text, streamfield

    page = make_article("mn", slug="legacy-body", live=False)
    client.force_login(member("editor", "mn"))
    body = streamfield([("paragraph", rich_text(f"<p>{MENKSOFT_MONGGOL}</p>"))])
    revisions = page.revisions.count()
    response = client.post(f"/admin/pages/{page.pk}/edit/", article_form(page, body=body))
    # The body editor shows the message from the form's errors (rendered by its JS).
    assert "蒙科立（Menksoft）旧编码" in " ".join(response.context["form"].errors["body"])
    assert page.revisions.count() == revisions


def test_the_admin_converter_turns_menksoft_into_unicode(client, site_tree):
    client.force_login(member("editor", "mn"))
    url = reverse("kepu_menksoft")
    assert client.get(url).status_code == 200
    html = client.post(url, {"text": f"{MENKSOFT_MONGGOL} 青海"}).content.decode()
    assert "ᠮᠣᠩᠭᠣᠯ 青海" in html
    html = client.post(url, {"text": "\ue000"}).content.decode()
    assert "U+E000" in html
