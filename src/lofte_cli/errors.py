"""Errors the core raises for the CLI to turn into one-line messages and exit codes."""

from __future__ import annotations

from collections.abc import Iterable

from lofte_cli.i18n import pgettext


class LofteError(Exception):
    """A problem the user can fix; the message says what and where."""

    exit_code = 1


class UsageError(LofteError):
    """The command was called wrongly or cannot find what it needs (exit 2)."""

    exit_code = 2


class DataRootNotFound(UsageError):
    """No data repository (a folder holding data/pledges/) was found."""


def id_list(ids: Iterable[str]) -> str:
    """Ids for a message, sorted and separated by commas; a word for none."""
    # TRANSLATORS: stands for an empty list of ids, as in "(known: none)".
    return ", ".join(sorted(ids)) or pgettext("no ids", "none")
