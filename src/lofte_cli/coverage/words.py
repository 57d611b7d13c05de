"""The words of the coverage that a person reads, in the active language: the status of a
commitment, the parties' assessments, the calendar slices, numbers with the language's
decimal mark. The values behind them (`met`, `partly-done`, `month`) stay as they are in
the files and in the JSON: other programs read those."""

from __future__ import annotations

from lofte_cli.i18n import pgettext


def decimal_text(number: str) -> str:
    """A number written with a decimal point (`82.6`), with the language's decimal mark."""
    # TRANSLATORS: the decimal mark in numbers such as 82.6 (a comma in Swedish).
    return number.replace(".", pgettext("decimal mark", "."))


def percent_text(percent: float) -> str:
    """A coverage figure as it is shown: one decimal, `82.6` (`82,6` in Swedish)."""
    return decimal_text(f"{percent:.1f}")


def status_word(status: str) -> str:
    """A commitment's coverage status (`met`, `partial`, `untouched`, `no-records`) in words."""
    words = {
        # TRANSLATORS: a commitment whose every responsible party has done what is expected.
        "met": pgettext("coverage status", "met"),
        # TRANSLATORS: a commitment some responsible parties have done something on.
        "partial": pgettext("coverage status", "partial"),
        # TRANSLATORS: a commitment no responsible party has done anything on.
        "untouched": pgettext("coverage status", "untouched"),
        # TRANSLATORS: a commitment of a pledge that has no activity files at all: nothing
        # is recorded, which is not the same as nothing done.
        "no-records": pgettext("coverage status", "nothing recorded"),
    }
    return words.get(status, status)


def assessment_word(status: str) -> str:
    """An assessment's status as written in a follow-up (`partly-done`) in words."""
    words = {
        # TRANSLATORS: the status values of an assessment in a follow-up file, as the
        # coverage shows them; the files keep the English value.
        "not-started": pgettext("assessment status", "not-started"),
        "ongoing": pgettext("assessment status", "ongoing"),
        "done": pgettext("assessment status", "done"),
        "partly-done": pgettext("assessment status", "partly-done"),
        "not-done": pgettext("assessment status", "not-done"),
        "not-applicable": pgettext("assessment status", "not-applicable"),
    }
    return words.get(status, status)


def slice_word(kind: str) -> str:
    """A kind of calendar slice (`--per`) as a noun, for "done per month"."""
    # TRANSLATORS: the kinds of calendar slice `lofte coverage --per` counts in.
    words = {
        "week": pgettext("per", "week"),
        "month": pgettext("per", "month"),
        "quarter": pgettext("per", "quarter"),
        "tertial": pgettext("per", "tertial"),
        "half-year": pgettext("per", "half-year"),
        "year": pgettext("per", "year"),
        "period": pgettext("per", "period"),
    }
    return words.get(kind, kind)


def slice_label(label: str) -> str:
    """A slice's label as a column heading: `2024-Q1` as it is; the whole period in words."""
    return pgettext("per", "period") if label == "period" else label
