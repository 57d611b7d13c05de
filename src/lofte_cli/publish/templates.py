"""The Jinja2 environment (the user's templates first, then lofte's own), each page
rendered in its own language (gettext, `jinja2.ext.i18n`), and the escaping of user text
for Markdown and of addresses for links."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    FunctionLoader,
    StrictUndefined,
    TemplateError,
    TemplateSyntaxError,
    pass_eval_context,
    select_autoescape,
)
from jinja2.nodes import EvalContext
from markupsafe import Markup

from lofte_cli.errors import LofteError
from lofte_cli.i18n import _
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
    env.globals.update(template_gettext("en"))
    env.filters["md"] = markdown_cell
    env.filters["mdtext"] = markdown_text
    return env


def render_page(env: Environment, name: str, context: Mapping[str, Any] | None = None) -> str:
    """The template `name` rendered with `context`, in the page's language (`lang` in the
    context; English for a page without words, such as the stylesheet)."""
    language = context.get("lang", "en") if context else "en"
    env.globals.update(template_gettext(language))
    try:
        return env.get_template(name).render(context or {})
    except Exception as exc:
        raise _in_user_template(exc) from None


def _in_user_template(exc: Exception) -> Exception:
    """An error in a template of the user's (`render --templates`) as a one-line message
    with its file and line; an error in lofte's own templates is lofte's bug."""
    where: tuple[str, int] | None = None
    if isinstance(exc, TemplateSyntaxError) and exc.filename:
        where = (exc.filename, exc.lineno)
    tb = exc.__traceback__
    while tb is not None:  # Jinja2 gives each template line a frame of its own
        if tb.tb_frame.f_code.co_filename.endswith(_TEMPLATE_SUFFIXES):
            where = (tb.tb_frame.f_code.co_filename, tb.tb_lineno)
        tb = tb.tb_next
    builtin = Path(os.path.realpath(template_dir()))
    if where is None or builtin in Path(os.path.realpath(where[0])).parents:
        return exc
    # TRANSLATORS: {message} is Jinja2's own words, in English.
    message = _("{path}:{line}: error in the template: {message}")
    said = exc.message if isinstance(exc, TemplateError) and exc.message else repr(exc)
    return LofteError(message.format(path=where[0], line=where[1], message=said))


_TEMPLATE_SUFFIXES = (".html", ".md", ".xml", ".css", ".ics", ".txt")


@cache
def template_gettext(language: str) -> dict[str, Callable[..., str]]:
    """`_`, `gettext`, `ngettext`, `pgettext` and `npgettext` for the templates of a page in
    `language`, as `install_gettext_translations(…, newstyle=True)` makes them (the
    translation is safe markup where the template escapes, `%(name)s` is filled from the
    keywords and escaped, `num` is the count), but called directly: the extension's own
    layers of wrappers made rendering a third slower."""
    catalog = page_translations(language)

    def filled(eval_ctx: EvalContext, text: str, values: dict[str, Any]) -> str:
        if eval_ctx.autoescape:
            text = Markup(text)
        return text % values if values or "%" in text else text

    @pass_eval_context
    def gettext(eval_ctx: EvalContext, message: str, **values: Any) -> str:
        return filled(eval_ctx, catalog.gettext(message), values)

    @pass_eval_context
    def ngettext(eval_ctx: EvalContext, singular: str, plural: str, num: int, **values: Any) -> str:
        values.setdefault("num", num)
        return filled(eval_ctx, catalog.ngettext(singular, plural, num), values)

    @pass_eval_context
    def pgettext(eval_ctx: EvalContext, context: str, message: str, **values: Any) -> str:
        values.setdefault("context", context)
        return filled(eval_ctx, catalog.pgettext(context, message), values)

    @pass_eval_context
    def npgettext(
        eval_ctx: EvalContext, context: str, singular: str, plural: str, num: int, **values: Any
    ) -> str:
        values.setdefault("context", context)
        values.setdefault("num", num)
        return filled(eval_ctx, catalog.npgettext(context, singular, plural, num), values)

    return {
        "_": gettext,
        "gettext": gettext,
        "ngettext": ngettext,
        "pgettext": pgettext,
        "npgettext": npgettext,
    }


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
