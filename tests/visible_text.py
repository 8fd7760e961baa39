"""What a reader sees of an HTML page: text nodes, minus scripts, styles, the
language switcher (which names every language in its own script on purpose) and what
is marked translate="no" *and* is a filing number (shown as registered, in Chinese, in
every language: the one exception to "no Chinese on a Tibetan or Mongolian page") or an
e-mail address (cms/templates/includes/site_footer.html). Anything else marked so counts."""

import re
from html.parser import HTMLParser

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
LATIN = re.compile(r"[A-Za-z]")
CYRILLIC = re.compile(r"[\u0400-\u052f]")
TIBETAN = re.compile(r"[\u0f00-\u0fff]")
MONGOLIAN = re.compile(r"[\u1800-\u18af]")
VERBATIM = re.compile(
    r"^(?:[^@\s]+@[^@\s]+|[\u4e00-\u9fff](?:ICP[备证]\d+号(?:-\d+)?|公网安备 ?\d{14}号))$"
)


class _Text(HTMLParser):
    SKIP = {"script", "style"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skipping, self.switcher_depth = [], 0, 0
        self.verbatim = []  # [tag, depth] of the translate="no" element we are in

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in self.SKIP:
            self.skipping += 1
        if self.verbatim:
            self.verbatim[1] += tag == self.verbatim[0]
        elif attrs.get("translate") == "no":
            self.verbatim = [tag, 1]
        if self.switcher_depth:
            self.switcher_depth += tag == "nav"
        elif tag == "nav" and "switcher" in (attrs.get("class") or ""):
            self.switcher_depth = 1

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self.skipping -= 1
        if self.verbatim and tag == self.verbatim[0]:
            self.verbatim[1] -= 1
            if not self.verbatim[1]:
                self.verbatim = []
        if self.switcher_depth and tag == "nav":
            self.switcher_depth -= 1

    def handle_data(self, data):
        if self.verbatim and VERBATIM.match(data.strip()):
            return
        if not self.skipping and not self.switcher_depth:
            self.parts.append(data)


def visible_text(html):
    parser = _Text()
    parser.feed(html)
    # Collapse ASCII white space only: U+202F joins Mongolian suffixes and must stay.
    return re.sub(r"[ \t\r\n\f\v]+", " ", " ".join(parser.parts)).strip()


def leaks(html, language):
    """Characters on a page of ``language`` that belong to another language's script."""
    text = visible_text(html)
    found = []
    if language in ("bo", "mn"):
        found += HAN.findall(text) + LATIN.findall(text)
    if language == "mn":
        found += CYRILLIC.findall(text) + TIBETAN.findall(text)
    if language == "bo":
        found += MONGOLIAN.findall(text)
    if language == "zh-hans":
        found += TIBETAN.findall(text) + MONGOLIAN.findall(text) + LATIN.findall(text)
    return "".join(found)


def _english_msgids():
    from pathlib import Path

    import polib

    po = Path(__file__).resolve().parents[1] / "locale" / "bo" / "LC_MESSAGES" / "django.po"
    return {e.msgid for e in polib.pofile(str(po)) if len(e.msgid) > 3 and "%" not in e.msgid}


def interface_leaks(html, language):
    """For pages with real content, where Latin may be part of the text (WHO, M7.4):
    other scripts that must not appear, and untranslated interface strings."""
    text = visible_text(html)
    found = []
    if language in ("bo", "mn"):
        found += HAN.findall(text)
    if language == "mn":
        found += CYRILLIC.findall(text) + TIBETAN.findall(text)
    if language == "bo":
        found += MONGOLIAN.findall(text) + CYRILLIC.findall(text)
    if language == "zh-hans":
        found += TIBETAN.findall(text) + MONGOLIAN.findall(text) + CYRILLIC.findall(text)
    found += [msgid for msgid in _english_msgids() if re.search(rf"\b{re.escape(msgid)}\b", text)]
    return found
