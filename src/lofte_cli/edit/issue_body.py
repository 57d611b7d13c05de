"""An issue body as GitHub writes it from an issue form, read back as the answer to each
field: `### <label>`, a blank line, the value (or `_No response_`); checkboxes as
`- [X] <label>` / `- [ ] <label>`. Pure: text in, answers or problems out. The body is
data: nothing in it is run, and only the form's own labels start a field."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from lofte_cli.i18n import _

NO_RESPONSE = "_No response_"
MAX_BODY = 65_536  # GitHub's own limit on an issue body, in characters

_BOX = re.compile(r"^- \[([ xX])\] (.*)$")


@dataclass(frozen=True)
class Answers:
    """Each field's answer by its label (None where it was left empty), and the problems
    of a body that cannot be read as the form wrote it."""

    values: dict[str, str | None] = field(default_factory=dict)
    problems: tuple[str, ...] = ()


def read_body(body: str, labels: Sequence[str]) -> Answers:
    """The answers to the fields `labels` (in the form's order) in `body`."""
    if len(body) > MAX_BODY:
        return Answers(
            problems=(
                _("the issue text is {size} characters long; lofte reads at most {limit}").format(
                    size=len(body), limit=MAX_BODY
                ),
            )
        )
    lines = body.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    starts: dict[str, list[int]] = {}
    for number, line in enumerate(lines):
        if line.startswith("### ") and line[4:].strip() in labels:
            starts.setdefault(line[4:].strip(), []).append(number)
    problems = [
        _("the field {label} appears {count} times; keep only the form's own").format(
            label=repr(label), count=len(found)
        )
        for label, found in starts.items()
        if len(found) > 1
    ]
    if not starts:
        problems.append(_("the issue text has none of the form's fields; use the form"))
    if problems:
        return Answers(problems=tuple(problems))
    order = sorted((found[0], label) for label, found in starts.items())
    values: dict[str, str | None] = {}
    for index, (start, label) in enumerate(order):
        end = order[index + 1][0] if index + 1 < len(order) else len(lines)
        text = "\n".join(lines[start + 1 : end]).strip("\n")
        values[label] = None if text.strip() in ("", NO_RESPONSE) else text.strip()
    return Answers(values=values)


def ticked(value: str | None, label: str) -> tuple[list[str], list[str]]:
    """The labels ticked in a checkbox answer, and a problem for each line that is no box
    (a list edited by hand)."""
    chosen: list[str] = []
    problems: list[str] = []
    for line in (value or "").split("\n"):
        if not line.strip():
            continue
        match = _BOX.match(line.strip())
        if match is None:
            problems.append(
                _("{label}: {line} is not a box of the form (- [X] …)").format(
                    label=label, line=repr(line.strip())
                )
            )
        elif match.group(1) in "xX":
            chosen.append(match.group(2).strip())
    return chosen, problems
