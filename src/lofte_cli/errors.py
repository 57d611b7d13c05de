"""Errors the core raises for the CLI to turn into one-line messages and exit codes."""

from __future__ import annotations


class LofteError(Exception):
    """A problem the user can fix; the message says what and where."""

    exit_code = 1


class UsageError(LofteError):
    """The command was called wrongly or cannot find what it needs (exit 2)."""

    exit_code = 2


class DataRootNotFound(UsageError):
    """No data repository (a folder holding data/pledges/) was found."""
