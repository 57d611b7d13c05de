"""The language lofte speaks: which one (LOFTE_LANG, else the locale's LC_ALL, LC_MESSAGES,
LANG), and the gettext catalogs it speaks from (`locale/<lang>/LC_MESSAGES/lofte.mo`,
compiled from the `.po` that translators edit).

Text for people is written in English in the code, marked `_("…")` or `ngettext(…)`, and
looked up in the active language's catalog when it is made. Text made before a command
knows its language (option help in decorators) is marked `N_("…")` and translated when
shown. The pages do not follow the active language but the pledge's: they take
`translations(language)` for themselves."""

from __future__ import annotations

import gettext as _gettext
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import cache
from pathlib import Path

DOMAIN = "lofte"
LOCALE_DIR = Path(__file__).parent / "locale"
LANGUAGES = ("en", "sv")  # English is the language of the code: it needs no catalog
DEFAULT_LANGUAGE = "en"

_active: _gettext.NullTranslations = _gettext.NullTranslations()
_active_language = DEFAULT_LANGUAGE


def language_from_environment(environ: Mapping[str, str]) -> str:
    """`LOFTE_LANG=sv|en` wins; else the first of LC_ALL, LC_MESSAGES and LANG that is set
    (as the C library reads them): Swedish for any `sv…` locale, English for all others."""
    chosen = environ.get("LOFTE_LANG", "").strip()
    if chosen:
        base = _NAMED.get(chosen.lower(), _base_language(chosen))
        return base if base in LANGUAGES else DEFAULT_LANGUAGE
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "").strip()
        if value:
            return "sv" if _base_language(value) == "sv" else DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE


# The language named as a person would write it in LOFTE_LANG.
_NAMED = {"svenska": "sv", "swedish": "sv", "engelska": "en", "english": "en"}


def _base_language(locale_name: str) -> str:
    """sv_SE.UTF-8 → sv; sv-FI → sv; C.UTF-8 → c."""
    return locale_name.split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()


@cache
def translations(language: str) -> _gettext.NullTranslations:
    """The catalog of `language` (English, or a language without one: the text as
    written in the code)."""
    return _gettext.translation(DOMAIN, LOCALE_DIR, languages=[language], fallback=True)


def active_language() -> str:
    return _active_language


@contextmanager
def speaking(language: str) -> Iterator[None]:
    """Speak `language` inside the block: lofte's own text, and Click's and Typer's (which
    ask the standard library's gettext, so they are given lofte's domain and the language
    for the time of the block)."""
    global _active, _active_language
    import os

    before = (_active, _active_language, _gettext.textdomain(), os.environ.get("LANGUAGE"))
    _active, _active_language = translations(language), language
    _gettext.bindtextdomain(DOMAIN, str(LOCALE_DIR))
    _gettext.textdomain(DOMAIN)
    os.environ["LANGUAGE"] = language
    try:
        yield
    finally:
        _active, _active_language = before[0], before[1]
        _gettext.textdomain(before[2])
        if before[3] is None:
            os.environ.pop("LANGUAGE", None)
        else:
            os.environ["LANGUAGE"] = before[3]


def _(message: str) -> str:
    """`message` in the active language."""
    return _active.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of the message for `count`, by the active language's plural rule."""
    return _active.ngettext(singular, plural, count)


def pgettext(context: str, message: str) -> str:
    """`message` in the active language, where the same English word needs different
    translations (`context` tells them apart)."""
    return _active.pgettext(context, message)


def N_(message: str) -> str:
    """Mark `message` for the catalog; it is translated later, where it is shown."""
    return message


def N_plural(singular: str, plural: str) -> tuple[str, str]:
    """Mark a counted message for the catalog (both forms); `ngettext` it where shown."""
    return singular, plural
