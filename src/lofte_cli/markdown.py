"""User text in Markdown, the one escape every Markdown output uses (the pages' README.md,
the report, `lofte coverage --format markdown`): no HTML reaches a git host's renderer and
no text turns into a link, emphasis or a table cell break."""

from __future__ import annotations

from markupsafe import escape


def markdown_text(text: object) -> str:
    """User text in Markdown: HTML characters escaped, so no markup reaches a git host's
    renderer, and line starts that Markdown would read as syntax defused."""
    escaped = str(escape(str(text))).replace("\\", "\\\\")  # first, or "\\[" undoes "["
    for char in "|*_[]`":
        escaped = escaped.replace(char, "\\" + char)
    return escaped


def markdown_cell(text: object) -> str:
    """User text inside a Markdown table cell: one line, `|` escaped."""
    return " ".join(markdown_text(text).split())
