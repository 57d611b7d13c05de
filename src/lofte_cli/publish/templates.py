"""The Jinja2 environment (the user's templates first, then lofte's own), each page
rendered in its own language (gettext, `jinja2.ext.i18n`), and the escaping of user text
for Markdown and of addresses for links."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    FunctionLoader,
    StrictUndefined,
    select_autoescape,
)

from lofte_cli.markdown import markdown_cell, markdown_text
from lofte_cli.paths import template_dir
from lofte_cli.publish.i18n import page_translations


def environment(user_templates: Path | None = None) -> Environment:
    """Templates from `user_templates` first (by path, or by file name alone), then the
    built-in ones. HTML is autoescaped; Markdown is escaped by its own filter. The words
    (`_()`, `ngettext()`, `pgettext()`, `{% trans %}`) are those of the page's language,
    installed by `render_page`."""
    builtin = template_dir()
    loaders: list[BaseLoader] = []
    if user_templates is not None:
        loaders.append(FileSystemLoader(user_templates))
        loaders.append(FunctionLoader(lambda name: _by_file_name(user_templates, name)))
    loaders.append(FileSystemLoader(builtin))
    env = Environment(
        loader=ChoiceLoader(loaders),
        autoescape=select_autoescape(enabled_extensions=("html", "xml"), default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.i18n"],
    )
    env.policies["ext.i18n.trimmed"] = True  # as scripts/catalog.py extracts {% trans %}
    env.install_gettext_translations(page_translations("en"), newstyle=True)  # type: ignore[attr-defined]
    env.filters["md"] = markdown_cell
    env.filters["mdtext"] = markdown_text
    return env


def render_page(env: Environment, name: str, context: Mapping[str, Any] | None = None) -> str:
    """The template `name` rendered with `context`, in the page's language (`lang` in the
    context; English for a page without words, such as the stylesheet)."""
    language = context.get("lang", "en") if context else "en"
    env.install_gettext_translations(page_translations(language), newstyle=True)  # type: ignore[attr-defined]
    return env.get_template(name).render(context or {})


def _by_file_name(folder: Path, name: str) -> tuple[str, str, Callable[[], bool]] | None:
    """An override named only by its file name (`pledge.html` for `html/pledge.html`)."""
    path = folder / Path(name).name
    if not path.is_file():
        return None
    mtime = path.stat().st_mtime
    return path.read_text(encoding="utf-8"), str(path), lambda: path.stat().st_mtime == mtime


def safe_url(url: str) -> str | None:
    """Only http(s) addresses are linked; anything else is shown as text, not a link."""
    return url if url.lower().startswith(("https://", "http://")) else None
