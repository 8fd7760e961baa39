"""The house rules of docs/editors.md that a page must meet before it goes to review or to
readers: an article names its sources, and every article and video names the scientist
who checked it. Drafts need neither (they are written over days); the emergency fast
track may skip them, and the gap is written into its audit-log entry.
"""

from content.text_checks import visible_text

SOURCES = "sources"


def gaps(values, is_article):
    """{form field: what is missing} for a page's field values (a page's, or a form's
    cleaned data). Empty: the rules are met."""
    missing = {}
    if not visible_text(values.get("reviewer") or ""):
        missing["reviewer"] = (
            "请填写科学审核专家（姓名和职称）。每篇稿件都要经专家审核并署名后才能提交审核或发布。"
        )
    if is_article and not _names_a_source(values.get("body")):
        missing["body"] = (
            "请在正文里加一个“参考资料”块，至少写明一个来源（标题）。"
            "每篇文章都要注明来源后才能提交审核或发布。"
        )
    return missing


def page_gaps(page):
    values = {"reviewer": page.reviewer, "body": getattr(page, "body", None)}
    return gaps(values, is_article=hasattr(page, "body"))


def _names_a_source(body):
    for child in body or []:
        if child.block.name != SOURCES:
            continue
        for source in child.value:
            if visible_text(source.get("title") or ""):
                return True
    return False
