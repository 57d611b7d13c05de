"""The language of the public pages, and dates and numbers as a reader of it writes them.

The pages speak each pledge's own `language` (or `--lang`), not the command line's: their
words come from the gettext catalog of that language, `page_translations(language)`. The
templates say `{{ _("Coverage") }}` (installed for each page by `templates.render_page`);
Python code that makes page text takes `_ = page_translations(lang).gettext`, or its
`ngettext` and `pgettext`. A text the catalog lacks is shown in English."""

from __future__ import annotations

import functools
import gettext
from datetime import date
from typing import TYPE_CHECKING

from babel.dates import format_date

from lofte_cli.i18n import _, translations

if TYPE_CHECKING:
    from lofte_cli.publish.words import Translator

LANGUAGES = ("sv", "en")
_LOCALES = {"sv": "sv_SE", "en": "en_GB"}  # en_GB writes "14 March 2023", day first as in Swedish


def page_language(language: str) -> str:
    """The interface language for a pledge's `language` (sv-SE → sv; unknown → en)."""
    base = language.split("-")[0].lower()
    return base if base in LANGUAGES else "en"


def page_translations(language: str) -> gettext.NullTranslations:
    """The catalog the pages of `language` speak from (sv-SE → sv; unknown → English)."""
    return translations(page_language(language))


def plural_count(count: float) -> int:
    """The number gettext's plural rule is asked about: a whole number as it is, any other
    as 2, which takes the plural in Swedish and English ("1,5 timmar")."""
    return int(count) if count == int(count) else 2


def activity_count(count: int, language: str) -> str:
    """ "1 aktivitet", "2 aktiviteter" / "1 activity", "2 activities"."""
    catalog = page_translations(language)
    text = catalog.ngettext("{count} activity", "{count} activities", count)
    return text.format(count=format_number(count, language))


@functools.lru_cache(maxsize=8192)
def format_day(day: date, language: str) -> str:
    """ "14 mars 2023" / "14 March 2023" (a site has few days and says them often: each is
    formatted once)."""
    return format_date(day, "long", locale=_LOCALES[page_language(language)])


@functools.lru_cache(maxsize=1024)
def format_month(day: date, language: str) -> str:
    """ "mars 2023" / "March 2023"."""
    return format_date(day, "LLLL y", locale=_LOCALES[page_language(language)])


def format_number(value: float, language: str) -> str:
    """71.5 → "71,5" in Swedish; whole numbers without decimals."""
    text = f"{value:g}" if isinstance(value, float) else str(value)
    return text.replace(".", ",") if page_language(language) == "sv" else text


def check_language(language: str | None) -> None:
    """A language every page can be written in (None: each pledge's own)."""
    if language is not None and language not in LANGUAGES:
        from lofte_cli.errors import UsageError

        raise UsageError(
            # TRANSLATORS: {choices} is "sv, en", the languages the pages can be written in.
            _("--lang {value}: choose {choices}").format(
                value=repr(language), choices=", ".join(LANGUAGES)
            )
        )


def translator(language: str) -> Translator:
    """The words of `language` by their names before the catalog (see `publish.words`)."""
    from lofte_cli.publish.words import translator as by_name

    return by_name(language)


def __getattr__(name: str) -> dict[str, str]:
    """`EN` and `SV`: every named word of the language (see `publish.words`), read from
    the catalog when asked for."""
    if name in ("EN", "SV"):
        from lofte_cli.publish.words import words

        return words(name.lower())
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
