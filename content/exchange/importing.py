"""Bulk import of articles and videos from JSON Lines (docs/import-export.md).

Import happens in two steps. ``validate`` reads every line and returns the items and
the problems, each with its line number; nothing touches the database's pages. ``apply``
then writes the items in one transaction, so a file either imports whole or not at all.
Import is idempotent on (locale, slug): a second run updates changed pages and leaves
identical ones alone.
"""

import json
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.html import escape

from wagtail.blocks import StreamValue
from wagtail.models import Locale, Page

from cms import languages, scripts
from cms.security import plays_here
from content import publish_gate
from content.blocks import ArticleBodyBlock
from content.models import ArticlePage, ChannelPage, TranslationRecord, VideoPage
from content.slugs import slug_for, validate_slug
from content.text_checks import (
    RICH_TEXT_TAGS,
    TAG,
    clean_html,
    clean_plain,
    collapse_spaces,
    untranslated_in,
    visible_text,
)

MAX_LINE_BYTES = 2 * 1024 * 1024
# The deepest a valid line goes is 6 (line → blocks → block → value → table rows → row);
# anything far deeper is not content, and would exhaust Python's recursion further on.
MAX_DEPTH = 32
PAGE_TYPES = {"article": ArticlePage, "video": VideoPage}
KNOWN_KEYS = {
    "locale", "type", "channel", "title", "summary", "body", "blocks", "slug", "translation_of",
    "live", "author", "reviewer", "transcript", "video_url", "duration",
}  # fmt: skip
TEXT_LIMITS = {"title": 255, "summary": 500, "author": 200, "reviewer": 200, "transcript": 100_000}
RICH_TEXT_FIELDS = {"paragraph": None, "fact_box": "text", "rumour_fact": "fact"}
HEADING = re.compile(r"<(h[2-4])>(.*?)</\1>", re.S)


@dataclass
class Problem:
    line: int
    message: str
    error: bool = True  # False: a warning; the line is still imported

    def __str__(self):
        return f"line {self.line}: {'error' if self.error else 'warning'}: {self.message}"


@dataclass
class Item:
    line: int
    locale: str
    type: str
    channel: str
    slug: str
    title: str
    live: bool = True
    translation_of: tuple | None = None
    fields: dict = field(default_factory=dict)  # model field -> value

    @property
    def key(self):
        return (self.locale, self.slug)


@dataclass
class Report:
    items: list
    problems: list

    @property
    def errors(self):
        return [p for p in self.problems if p.error]

    def bad_lines(self):
        return {p.line for p in self.errors}


def validate(data: bytes) -> Report:
    """Every line of ``data`` checked; items for the lines without errors."""
    channels = {
        (c.locale.language_code, c.topic.slug)
        for c in ChannelPage.objects.select_related("locale", "topic")
    }
    items, problems, seen = [], [], {}
    for number, raw in enumerate(data.split(b"\n"), start=1):
        if not raw.strip():
            continue
        line_problems = []
        item = _parse_line(number, raw, channels, line_problems)
        if item and item.key in seen:
            line_problems.append(
                Problem(
                    number,
                    f"duplicate slug '{item.slug}' for locale {item.locale} (first on line {seen[item.key]})",
                )
            )
        if item:
            seen.setdefault(item.key, number)
        problems.extend(line_problems)
        if item and not any(p.error for p in line_problems):
            items.append(item)
    problems.extend(_check_against_database(items, seen))
    bad = {p.line for p in problems if p.error}
    return Report([item for item in items if item.line not in bad], problems)


def _parse_line(number, raw, channels, problems):
    def fail(message):
        problems.append(Problem(number, message))

    def warn(message):
        problems.append(Problem(number, message, error=False))

    if len(raw) > MAX_LINE_BYTES:
        return fail(f"line is longer than {MAX_LINE_BYTES // 1024 // 1024} MB")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return fail(f"invalid UTF-8 at byte {exc.start}")
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        return fail(f"not valid JSON: {exc.msg} (column {exc.colno})")
    except (ValueError, RecursionError):
        # RecursionError: nesting deeper than the parser's stack; ValueError: numbers
        # with more digits than Python converts.
        return fail(f"not valid JSON here: nested more than {MAX_DEPTH} levels or too large")
    if not isinstance(obj, dict):
        return fail("each line must be a JSON object")
    if _depth(obj) > MAX_DEPTH:
        return fail(f"nested more than {MAX_DEPTH} levels deep")
    unknown = sorted(set(obj) - KNOWN_KEYS)
    if unknown:
        fail(f"unknown field(s): {', '.join(unknown)}")

    locale = obj.get("locale")
    if locale not in languages.CODES:
        return fail(f"unknown locale {locale!r}: use one of {', '.join(languages.CODES)}")
    kind = obj.get("type", "article")
    if kind not in PAGE_TYPES:
        return fail(f"unknown type {kind!r}: use article or video")
    channel = obj.get("channel")
    if not isinstance(channel, str) or (locale, channel) not in channels:
        return fail(f"unknown channel {channel!r} for locale {locale}")

    fields = {}
    for name, limit in TEXT_LIMITS.items():
        value = obj.get(name, "")
        if name == "transcript" and kind != "video":
            if value:
                fail("only videos have a transcript")
            continue
        if not isinstance(value, str):
            fail(f"{name} must be a string")
            continue
        if name == "transcript":
            value = value.replace("\r\n", "\n").strip()
            cleaned, changed = clean_plain(value)
        else:
            cleaned, changed = clean_plain(collapse_spaces(value))
        if changed:
            warn(f"HTML tags removed from {name}")
        if len(cleaned) > limit:
            fail(f"{name} is longer than {limit} characters")
        for reason in scripts.script_problems(cleaned, locale):
            fail(f"{name} {reason}")
        _check_suffix_spacing(name, cleaned, locale, warn)
        fields[name] = cleaned
    title = fields.pop("title", "")
    if not title:
        fail("missing title")

    # The same readable address the editor would get (content/slugs.py): Tibetan vowels
    # and subjoined letters kept, words joined by "-".
    slug = obj.get("slug") or slug_for(title, locale)
    if not isinstance(slug, str) or not _valid_slug(slug) or len(slug) > 255:
        fail(f"invalid slug {slug!r}: use letters (with their vowel signs), digits and hyphens")
        slug = str(slug)

    live = obj.get("live", True)
    if not isinstance(live, bool):
        fail("live must be true or false")

    translation_of = obj.get("translation_of")
    if translation_of is not None:
        if (
            not isinstance(translation_of, dict)
            or translation_of.get("locale") not in languages.CODES
            or not isinstance(translation_of.get("slug"), str)
        ):
            fail('translation_of must be {"locale": "zh-hans"|"bo"|"mn", "slug": "..."}')
            translation_of = None
        elif translation_of["locale"] == locale:
            fail("translation_of must name a page in another language")
            translation_of = None
        else:
            translation_of = (translation_of["locale"], translation_of["slug"])

    if kind == "article":
        fields["body"] = _body(obj, locale, fail, warn)
    else:
        fields["video_url"], fields["duration"] = _video(obj, fail)
        if obj.get("body") or obj.get("blocks"):
            fail("a video has a transcript, not a body")
    _check_translated(locale, title, fields, live is not False, fail, warn)
    return Item(number, locale, kind, channel, slug, title, live, translation_of, fields)


def _depth(value):
    """How deeply lists and objects nest in ``value`` (without recursion)."""
    deepest, pending = 0, [(value, 1)]
    while pending:
        item, level = pending.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, level)
            children = item.values() if isinstance(item, dict) else item
            pending.extend((child, level + 1) for child in children)
    return deepest


def _check_translated(locale, title, fields, live, fail, warn):
    """The rule the editor's form applies before publishing (content/text_checks.py):
    every text a reader sees is in the script of the page's language. A live line that
    breaks it is a bad line; a draft ("live": false) is imported, as a half-done
    translation may be in the admin, and cannot be published until translated."""
    values = {**fields, "title": title}
    if fields.get("body"):
        values["body"] = StreamValue(ArticleBodyBlock(), fields["body"], is_lazy=True)
    expected = scripts.name_en(scripts.SCRIPT_OF_LANGUAGE[locale])
    for problem in untranslated_in(values, locale):
        found = scripts.name_en(problem.script)
        if live:
            fail(
                f"{problem.place.path} is still in {found}, not {expected}: translate it, "
                'or import the line as a draft ("live": false)'
            )
        else:
            warn(
                f"{problem.place.path} is still in {found}, not {expected}: "
                "imported as a draft, it cannot be published until translated"
            )


def _valid_slug(slug):
    try:
        validate_slug(slug)
    except ValidationError:
        return False
    return True


def _check_suffix_spacing(where, text, locale, warn):
    count = scripts.suffix_spacing(text) if locale == "mn" else 0
    if count:
        warn(
            f"{where}: {count} case suffix(es) follow a plain space; "
            "write U+202F (narrow no-break space) before them, as the glossary does"
        )


def _body(obj, locale, fail, warn):
    """The StreamField data of an article, from ``blocks`` (exact) or ``body`` (HTML/text)."""
    if obj.get("blocks") is not None:
        raw = obj["blocks"]
        if not isinstance(raw, list) or not all(isinstance(b, dict) and "type" in b for b in raw):
            fail('blocks must be a list of {"type": ..., "value": ...}')
            return []
    elif isinstance(obj.get("body"), str) and obj["body"].strip():
        raw = _blocks_from_body(obj["body"], warn)
    else:
        fail("missing body")
        return []

    stream_block = ArticleBodyBlock()
    raw = [{"type": b["type"], "value": b.get("value")} for b in raw]
    for position, block in enumerate(raw, start=1):
        if block["type"] not in stream_block.child_blocks:
            fail(f"block {position}: unknown block type {block['type']!r}")
            return []
        _clean_block(block, position, warn)
        text = json.dumps(block["value"], ensure_ascii=False)
        for reason in scripts.script_problems(text, locale):
            fail(f"block {position} ({block['type']}) {reason}")
        _check_suffix_spacing(f"block {position} ({block['type']})", text, locale, warn)
    try:
        stream_block.clean(stream_block.to_python(raw))
        return canonical_body(raw)
    except ValidationError as exc:
        fail(f"invalid body: {_describe(exc)}")
    except (TypeError, ValueError, AttributeError, KeyError) as exc:
        fail(f"invalid body: {exc}")
    return []


def canonical_body(raw):
    """StreamField JSON in the form Wagtail stores it, without the random block ids."""
    block = ArticleBodyBlock()
    return _without_ids(block.get_prep_value(block.to_python(list(raw))))


def _without_ids(value):
    """Drop block ids, and unwrap list items ({"type": "item", "value": v, "id": …} → v):
    without its id Wagtail would no longer recognise the wrapper."""
    if isinstance(value, dict):
        return {k: _without_ids(v) for k, v in value.items() if k != "id"}
    if isinstance(value, list):
        return [
            _without_ids(
                v["value"]
                if isinstance(v, dict) and v.get("type") == "item" and "value" in v
                else v
            )
            for v in value
        ]
    return value


def _clean_block(block, position, warn):
    """Sanitise the rich text inside one block, in place."""
    if block["type"] not in RICH_TEXT_FIELDS:
        return
    key = RICH_TEXT_FIELDS[block["type"]]
    container = block if key is None else block["value"]
    name = "value" if key is None else key
    if not isinstance(container, dict) or not isinstance(container.get(name), str):
        return  # left for the block's own validation to report
    cleaned, changed = clean_html(container[name], tags=RICH_TEXT_TAGS)
    if changed:
        warn(f"block {position} ({block['type']}): unsafe or unsupported HTML removed")
    container[name] = cleaned


def _blocks_from_body(body, warn):
    """Paragraph and heading blocks from HTML, or from plain text with blank lines."""
    if not TAG.search(body):
        paragraphs = [
            p.strip() for p in re.split(r"\n\s*\n", body.replace("\r\n", "\n")) if visible_text(p)
        ]
        return [
            {"type": "paragraph", "value": f"<p>{escape(collapse_spaces(p))}</p>"}
            for p in paragraphs
        ]
    cleaned, changed = clean_html(body)
    if changed:
        warn("unsafe or unsupported HTML removed from body")
    blocks, position = [], 0
    for match in HEADING.finditer(cleaned):
        _add_paragraphs(blocks, cleaned[position : match.start()])
        heading = re.sub(r"<[^>]+>", "", match.group(2)).strip()
        if heading:
            blocks.append({"type": "heading", "value": heading})
        position = match.end()
    _add_paragraphs(blocks, cleaned[position:])
    return blocks


def _add_paragraphs(blocks, html):
    html = html.strip()
    if not visible_text(html):
        return  # spacer paragraphs of old systems (<p>&nbsp;</p>) show nothing
    if not html.startswith(("<p", "<ul", "<ol")):
        html = f"<p>{html}</p>"
    blocks.append({"type": "paragraph", "value": html})


def _video(obj, fail):
    url = obj.get("video_url", "")
    if not isinstance(url, str):
        fail("video_url must be a string")
        url = ""
    elif url:
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            fail(f"video_url is not an http(s) address: {url[:80]!r}")
        else:
            if not plays_here(url):
                fail(
                    f"video_url {url[:80]!r} is not on this site or its media storage: "
                    "readers' browsers may not load video from other hosts (the "
                    "Content-Security-Policy's media-src), so it could never play, and "
                    "loading it would hand readers' addresses to that host. Upload the "
                    "video in the admin (Media → Videos) and leave video_url out"
                )
    duration = obj.get("duration")
    if duration is not None and (
        not isinstance(duration, int) or isinstance(duration, bool) or duration < 0
    ):
        fail("duration must be a whole number of seconds")
        duration = None
    return url, duration


def _describe(exc):
    """One line from a (possibly nested) block validation error."""
    nested = getattr(exc, "block_errors", None) or {}
    if isinstance(nested, dict) and nested:
        parts = []
        for key, error in nested.items():
            label = f"block {key + 1}" if isinstance(key, int) else str(key)
            parts.append(
                f"{label}: {_describe(error) if isinstance(error, ValidationError) else error}"
            )
        return "; ".join(parts)
    if isinstance(nested, list) and nested:
        return "; ".join(_describe(e) for e in nested if e)
    return "; ".join(str(m) for m in getattr(exc, "messages", [])) or str(exc)


def _check_against_database(items, seen):
    """Problems that need the database: slugs taken by other pages, missing sources."""
    problems = []
    existing = _existing_pages(
        {item.key for item in items} | {i.translation_of for i in items if i.translation_of}
    )
    for item in items:
        page = existing.get(item.key)
        if page is not None:
            expected = PAGE_TYPES[item.type]
            parent = page.get_parent().specific
            if not isinstance(page, expected):
                problems.append(
                    Problem(
                        item.line,
                        f"slug '{item.slug}' is already used by another kind of page in {item.locale}",
                    )
                )
            elif not isinstance(parent, ChannelPage) or parent.topic.slug != item.channel:
                problems.append(
                    Problem(
                        item.line,
                        f"slug '{item.slug}' already exists in {item.locale} in another channel",
                    )
                )
        if (
            item.translation_of
            and item.translation_of not in seen
            and item.translation_of not in existing
        ):
            locale, slug = item.translation_of
            problems.append(
                Problem(
                    item.line,
                    f"translation_of: no page '{slug}' in {locale}, in this file or on the site",
                )
            )
    return problems


def _existing_pages(keys):
    """Articles and videos on the site, by (locale, slug)."""
    if not keys:
        return {}
    slugs = {slug for _, slug in keys}
    pages = (
        Page.objects.type(ArticlePage, VideoPage)
        .filter(slug__in=slugs)
        .select_related("locale")
        .specific()
    )
    return {
        (p.locale.language_code, p.slug): p
        for p in pages
        if (p.locale.language_code, p.slug) in keys
    }


@dataclass
class Summary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def __str__(self):
        return f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged"


@transaction.atomic
def apply(items) -> Summary:
    """Write ``items`` (already validated) to the site; all or nothing."""
    summary = Summary()
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    channels = {
        (c.locale.language_code, c.topic.slug): c
        for c in ChannelPage.objects.select_related("locale", "topic")
    }
    # Sources before their translations, whatever the order in the file.
    pending = sorted(items, key=lambda item: item.translation_of is not None)
    done = {}
    while pending:
        existing = _existing_pages(
            {i.key for i in pending} | {i.translation_of for i in pending if i.translation_of}
        )
        existing.update(done)
        ready = [i for i in pending if not i.translation_of or i.translation_of in existing]
        if not ready:
            raise ValueError("translation_of forms a cycle or names a missing page")
        for item in ready:
            source = existing.get(item.translation_of) if item.translation_of else None
            page, outcome = _write(item, existing.get(item.key), source, locales, channels)
            done[item.key] = page
            setattr(summary, outcome, getattr(summary, outcome) + 1)
        pending = [i for i in pending if i not in ready]
    return summary


def _write(item, page, source, locales, channels):
    model = PAGE_TYPES[item.type]
    values = {"title": item.title, **item.fields}
    if page is None:
        page = model(
            locale=locales[item.locale], slug=item.slug, live=False, **_model_values(values)
        )
        if source is not None:
            page.translation_key = source.translation_key
        channels[(item.locale, item.channel)].add_child(instance=page)
        _save(page, item.live)
        if source is not None:
            TranslationRecord.record(page, source)
        return page, "created"

    current = (
        page.get_latest_revision_as_object()
        if page.has_unpublished_changes or not page.live
        else page
    )
    key_changes = (
        source is not None
        and page.translation_key != source.translation_key
        and not (
            Page.objects.filter(
                translation_key=source.translation_key, locale=page.locale_id
            ).exists()
        )
    )
    if (
        _current_values(current, values) == values
        and current.live == item.live
        and page.live == item.live
        and not key_changes
    ):
        return page, "unchanged"
    if key_changes:
        page.translation_key = source.translation_key
        page.save(update_fields=["translation_key"])
    for name, value in _model_values(values).items():
        setattr(current, name, value)
    _save(current, item.live)
    if source is not None:
        # The file's translation is the one that matches its source as it is now.
        TranslationRecord.record(page, source)
    return current, "updated"


def _save(page, live):
    revision = page.save_revision(clean=True)
    if live:
        # Importing is an operator's command: `live: true` publishes without review, as
        # a logged override (docs/import-export.md, content/publish_gate.py).
        with publish_gate.operator("import"):
            revision.publish()
    elif page.live:
        page.unpublish()


def _model_values(values):
    values = dict(values)
    if "body" in values:
        values["body"] = StreamValue(ArticleBodyBlock(), values["body"], is_lazy=True)
    return values


def _current_values(page, values):
    current = {}
    for name in values:
        value = getattr(page, name)
        if name == "body":
            value = canonical_body(page.body.raw_data)
        current[name] = value
    return current
