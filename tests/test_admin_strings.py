"""One admin-language convention (issue 16): what the admin says is written in English
and translated through gettext, with the Chinese in locale/zh_Hans. The admin offers
Chinese and English (WAGTAILADMIN_PERMITTED_LANGUAGES); the Tibetan and Mongolian teams
use it in Chinese (docs/editors.md).

The test walks the project's Python modules and fails on a Chinese string literal given
to a place editors read (a field's verbose name, help text and choices, a form field's
label, a panel heading, a menu label, a log action's label, a page header's title,
messages.*, ValidationError and the refusals the admin shows) unless it is inside a
gettext call. It also reads the admin templates for Chinese outside {% translate %} and
{% blocktranslate %}. Chinese that is data stays as it is: tests, migrations (they
record the strings), and the modules in RECORDS.
"""

import ast
import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
PACKAGES = ["cms", "content", "media", "search"]
HAN = re.compile(r"[\u4e00-\u9fff]")

# Modules whose Chinese literals are records or content, not interface text.
RECORDS = {
    # The groups, collections, workflows and tasks it creates: database rows that
    # administrators may rename (and the browser test treats as names people gave).
    "content/editorial/teams.py",
    # The demo site identity and the text of the "about us" and privacy pages (content).
    "content/site_identity.py",
    "content/demo",
    "content/management/commands/seed_demo.py",
}

GETTEXT = {
    "_",
    "gettext",
    "gettext_lazy",
    "gettext_noop",
    "ngettext",
    "ngettext_lazy",
    "pgettext",
    "pgettext_lazy",
    "npgettext",
}
# Keyword arguments and class attributes editors read.
SHOWN_NAMES = {
    "verbose_name",
    "verbose_name_plural",
    "help_text",
    "label",
    "menu_label",
    "heading",
    "empty_label",
    "choices",
    "header_title",
}
# Calls whose message (any argument) is shown to editors.
SHOWN_CALLS = {
    "ValidationError",
    "PermissionDenied",
    "BadRequestError",
    "PublishRefused",
    "TranslationRefused",
    "NotTranslatable",
    "SourceNotPublished",
    "CopyPageForTranslationPermissionError",
    "add_error",
    "MenuItem",
    "PartnerMenuItem",
}
MESSAGE_LEVELS = {"debug", "info", "success", "warning", "error"}
CHOICES_BASES = {"TextChoices", "IntegerChoices", "Choices"}


def _name(func):
    return func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)


def untranslated(node):
    """The Chinese string literals in ``node`` that no gettext call wraps."""
    if isinstance(node, ast.Call) and _name(node.func) in GETTEXT:
        return []
    if isinstance(node, ast.Constant):
        return [node] if isinstance(node.value, str) and HAN.search(node.value) else []
    return [found for child in ast.iter_child_nodes(node) for found in untranslated(child)]


def _is_field(func):
    name = _name(func) or ""
    return name.endswith("Field") or name in {"ForeignKey", "ManyToManyField", "OneToOneField"}


def shown_values(tree):
    """The expressions in ``tree`` whose text editors read."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = _name(node.func)
            is_message = (
                isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "messages"
                and name in MESSAGE_LEVELS
            )
            if name in SHOWN_CALLS or is_message:
                yield from node.args
            elif _is_field(node.func) and node.args:
                yield node.args[0]  # a model field's verbose name
            yield from (k.value for k in node.keywords if k.arg in SHOWN_NAMES)
        elif isinstance(node, ast.Assign):
            if any(getattr(t, "id", None) in SHOWN_NAMES for t in node.targets):
                yield node.value
        elif isinstance(node, ast.Dict):
            for key, value in zip(node.keys, node.values, strict=True):
                if isinstance(key, ast.Constant) and key.value in SHOWN_NAMES:
                    yield value
        elif isinstance(node, ast.ClassDef):
            if {_name(base) for base in node.bases} & CHOICES_BASES:
                yield from (s.value for s in node.body if isinstance(s, ast.Assign))


def problems_in(source, filename="<test>"):
    """(line, text) of each Chinese literal shown to editors without gettext."""
    tree = ast.parse(source, filename)
    return sorted(
        (literal.lineno, literal.value)
        for value in shown_values(tree)
        for literal in untranslated(value)
    )


def _modules():
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if "/tests/" in relative or "/migrations/" in relative:
                continue
            if any(relative == r or relative.startswith(r + "/") for r in RECORDS):
                continue
            yield relative, path


def test_the_checker_finds_chinese_literals_and_passes_gettext():
    bad = """
class Video(models.Model):
    title = models.CharField("标题", help_text=f"最多 {N} 字")
    class Meta:
        verbose_name = "视频"
class State(models.TextChoices):
    READY = "ready", "已完成"
messages.error(request, "请填写下线原因")
raise ValidationError("文件是空的" + name)
"""
    assert [line for line, _ in problems_in(bad)] == [3, 3, 3, 5, 7, 8, 9]
    good = """
class Video(models.Model):
    title = models.CharField(_("title"), help_text=_("at most %(n)s") % {"n": N})
    class Meta:
        verbose_name = _("video")
messages.error(request, gettext("Give a reason"))
raise ValidationError(_("The file is empty: %(name)s") % {"name": name})
Group.objects.create(name="中文编辑")
"""
    assert problems_in(good) == []


def test_admin_strings_in_code_are_gettext_with_english_msgids():
    found = []
    for relative, path in _modules():
        found += [
            f"{relative}:{line}: {text[:40]!r}"
            for line, text in problems_in(path.read_text(encoding="utf-8"), relative)
        ]
    assert found == []


ADMIN_TEMPLATES = [
    "content/templates/content/admin",
    "content/templates/wagtailadmin",
    "media/templates/media/admin",
]
TRANSLATED = re.compile(
    r"{%\s*blocktrans(?:late)?\b.*?{%\s*endblocktrans(?:late)?\s*%}"
    r"|{%\s*trans(?:late)?\s.*?%}"
    r"|{%\s*comment\s*%}.*?{%\s*endcomment\s*%}|{#.*?#}",
    re.S,
)


def test_admin_templates_say_nothing_in_chinese_outside_translate_tags():
    found = []
    for folder in ADMIN_TEMPLATES:
        for path in sorted((ROOT / folder).rglob("*")):
            if path.is_file() and HAN.search(TRANSLATED.sub("", path.read_text(encoding="utf-8"))):
                found.append(path.relative_to(ROOT).as_posix())
    assert found == []
