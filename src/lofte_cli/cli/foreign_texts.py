"""Click's and Typer's own words that lofte's users read (usage, option headings, errors of
the command line), marked here so that Babel puts them in lofte's catalog: Click and Typer
look them up through the standard library's gettext, in lofte's domain while lofte runs."""

from lofte_cli.i18n import N_

TEXTS = (
    N_("Usage:"),
    N_("Options"),
    N_("Show this message and exit."),
)
