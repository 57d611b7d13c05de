"""What the terminal shows in colour: validation problems with the advice for each rule,
the rule list as a table, and the coverage tables. Colour only repeats what the words say."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console, RenderableType
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from lofte_cli.coverage.compute import CoverageReport, PledgeCoverage
from lofte_cli.coverage.formats import (
    assessment_text,
    coverage_line,
    date_text,
    disagreement_sentence,
    gap_lines,
    pair_cell,
    planned_lines,
    progress_cell,
    progress_line,
)
from lofte_cli.coverage.words import slice_word, status_word
from lofte_cli.data.codes import CODES
from lofte_cli.data.problem_text import severity_word, summary_line
from lofte_cli.data.validate import ValidationResult
from lofte_cli.i18n import _
from lofte_cli.paths import shown_path


def print_text(result: ValidationResult, console: Console, advice: Console | None = None) -> None:
    """One line per problem and the summary on `console`; each rule's advice once on
    `advice` (standard error), so that standard output stays one problem per line."""
    for p in result.problems:
        colour = "red" if p.severity == "error" else "yellow"
        console.print(
            f"{escape(shown_path(p.path))}:{p.line}:{p.col}: "
            f"[{colour}]{escape(severity_word(p.severity))}[/] "
            f"[bold]{p.code}[/] {escape(p.message)}",
            soft_wrap=True,
            highlight=False,
        )
    codes = sorted({p.code for p in result.problems})
    if codes:
        hints = advice or console
        hints.print(escape(_("How to fix:")), highlight=False)
        for code in codes:
            hints.print(
                f"  [bold]{code}[/] {escape(_(CODES[code].hint))}", highlight=False, soft_wrap=True
            )
    style = "red" if result.errors else ("yellow" if result.warnings else "green")
    console.print(f"[{style}]{escape(summary_line(result))}[/]", highlight=False)


def rules_table() -> Table:
    table = Table(title=_("lofte validate: rules"), title_justify="left")
    # TRANSLATORS: the columns of `lofte validate --list-rules`.
    for column in (_("code"), _("severity"), _("problem"), _("how to fix it")):
        table.add_column(column, overflow="fold")  # a long path wraps, never cut with "…"
    for code in CODES.values():
        table.add_row(code.code, severity_word(code.severity), code.title, code.hint)
    return table


# --- coverage ------------------------------------------------------------------------

# No records is not nothing done: a pledge without activity files is shown without colour.
STATUS_STYLES = {"met": "green", "partial": "yellow", "untouched": "red", "no-records": ""}


def coverage_table(report: CoverageReport) -> list[RenderableType]:
    """Per pledge: the coverage table, the per-slice table when `per` was given, and the
    gaps, disagreements and planned activities as lines of text."""
    out: list[RenderableType] = []
    for pledge in report.pledges:
        out.append(_rich_table(pledge, report))
        if pledge.slices:
            out.append(_rich_slices(pledge, report))
        out.extend(_rich_section(_("Gaps"), gap_lines(pledge), "red"))
        out.extend(
            _rich_section(
                _("Assessment and activities disagree"),
                [disagreement_sentence(d) for d in pledge.disagreements],
                "yellow",
            )
        )
        out.extend(_rich_section(_("Planned"), planned_lines(pledge), "blue"))
    return out


def _rich_table(pledge: PledgeCoverage, report: CoverageReport) -> Table:
    caption = "\n".join(x for x in (coverage_line(pledge, report), progress_line(pledge)) if x)
    table = Table(title=Text(f"{pledge.title} ({pledge.id})"), caption=Text(caption))
    # Narrow terminals wrap a cell rather than cut it: "stenun…" would hide who it is.
    table.add_column(_("Commitment"), no_wrap=True)
    for party in pledge.parties:
        table.add_column(Text(party), justify="right", overflow="fold", min_width=5)
    table.add_column(_("Status"), no_wrap=True)
    table.add_column(_("Progress"), justify="right", no_wrap=True)
    table.add_column(_("Assessment"), overflow="fold")
    table.add_column(_("Last activity"), no_wrap=True)
    for c in pledge.commitments:
        table.add_row(
            Text(c.id),
            *(Text(pair_cell(c, party)) for party in pledge.parties),
            Text(status_word(c.status), style=STATUS_STYLES.get(c.status, "")),
            Text(progress_cell(c)),
            Text(assessment_text(c)),
            Text(date_text(c)),
        )
    return table


def _rich_slices(pledge: PledgeCoverage, report: CoverageReport) -> Table:
    per = slice_word(report.per or "")
    # TRANSLATORS: the title of coverage --per's table: "sodra-fyrbodal-2023-2024: done per
    # quarter"; {per} is week, month, quarter, tertial, half-year or year.
    table = Table(title=Text(_("{pledge}: done per {per}").format(pledge=pledge.id, per=per)))
    table.add_column(_("Commitment"))
    for s in pledge.slices:
        table.add_column(Text(s.label), justify="right")
    for c in pledge.commitments:
        table.add_row(Text(c.id), *(Text(str(n), style="" if n else "dim") for n in c.slice_counts))
    return table


def _rich_section(heading: str, lines: Sequence[str], colour: str) -> list[RenderableType]:
    if not lines:
        return []
    return [Text(f"{heading}:", style=f"bold {colour}"), *(Text(f"  {line}") for line in lines)]
