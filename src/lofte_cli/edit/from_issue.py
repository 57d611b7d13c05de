"""An issue made from lofte's forms, turned into the file the same answers give on the
command line: an activity through add-activity's own reading, checks and writing
(`activity_fields`, `activity_draft`), a follow-up through `assess`'s (`assessment`).
Every answer is data: it is read as a flag's value is, never run; what cannot be read is
a problem for the comment on the issue, and then nothing is written."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from lofte_cli.data.model import Catalog, Pledge
from lofte_cli.data.problem import Problem
from lofte_cli.edit import activity_draft
from lofte_cli.edit.activity_fields import (
    ActivityDraft,
    DraftFields,
    date_problem,
    draft_fields,
    read_ids,
    read_pledge_flag,
    settle_pledge,
)
from lofte_cli.edit.assessment import followup_change, plan_followup, record_followup
from lofte_cli.edit.issue_body import read_body, ticked
from lofte_cli.edit.issue_forms import (
    FormLabels,
    counted_measures,
    form_labels,
    form_pledges,
    forms_language,
    measure_label,
)
from lofte_cli.errors import LofteError, UsageError, system_reason
from lofte_cli.i18n import _

MAX_EVENT = 4 * 1024 * 1024  # bytes of an event file; GitHub's are far smaller


@dataclass(frozen=True)
class IssueEvent:
    """What lofte reads of a GitHub `issues` event."""

    number: int
    title: str
    body: str
    author: str
    association: str
    labels: tuple[str, ...]


@dataclass(frozen=True)
class IssueOutcome:
    """The file written (None when not) and the problems to comment on the issue."""

    path: Path | None
    problems: tuple[str, ...]


def read_event(path: Path) -> IssueEvent:
    """The issue of an event file; a usage error (exit 2) for a file that is no event."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"{path}: {system_reason(exc)}") from None
    if len(raw) > MAX_EVENT:
        raise UsageError(_("{path}: larger than an issue event can be").format(path=path))
    try:
        issue = json.loads(raw.decode("utf-8"))["issue"]
        body = issue.get("body") or ""
        if not isinstance(body, str):
            raise TypeError(_("the issue's body is not text"))
        return IssueEvent(
            number=int(issue["number"]),
            title=str(issue.get("title") or ""),
            body=body,
            author=str((issue.get("user") or {}).get("login") or ""),
            association=str(issue.get("author_association") or ""),
            labels=tuple(str(label["name"]) for label in issue.get("labels") or ()),
        )
    except (UnicodeDecodeError, AttributeError, KeyError, TypeError, ValueError) as exc:
        raise UsageError(
            _("{path}:1: not a GitHub issues event ({problem})").format(path=path, problem=exc)
        ) from None


def issue_language(catalog: Catalog, today: date) -> str:
    """The language the forms and the comments speak: the pledges'."""
    return forms_language(form_pledges(catalog, today))


def _id_of(label: str) -> str:
    """`polis-1: Genomföra …` → `polis-1`; a label without an id as it is."""
    return label.split(":", 1)[0].strip()


def activity_from_issue(
    catalog: Catalog, event: IssueEvent, *, today: date
) -> tuple[ActivityDraft | None, list[str]]:
    """The activity the issue's answers give, or None and every problem found."""
    labels = form_labels(issue_language(catalog, today))
    pledges = [d.pledge for d in catalog.pledges.values()]
    measures = {measure_label(p, m, p.language): m for p, m in counted_measures(pledges)}
    names = [*_activity_labels(labels), *measures]
    answers = read_body(event.body, names)
    if answers.problems:
        return None, list(answers.problems)
    values = answers.values
    by, by_problems = ticked(values.get(labels.by), labels.by)
    commitments, commitment_problems = ticked(values.get(labels.commitments), labels.commitments)
    problems = by_problems + commitment_problems
    unread = {"by"} if by_problems else set()
    unread |= {"commitment"} if commitment_problems else set()
    given: dict[str, Any] = {
        "day": values.get(labels.date),
        "by": by,
        "commitment": [_id_of(c) for c in commitments],
        "title": values.get(labels.title),
        "description": values.get(labels.description),
        "place": values.get(labels.place),
        "participants": values.get(labels.participants),
        "measure": [f"{m}={values[k]}" for k, m in measures.items() if values.get(k)],
        "hours": values.get(labels.hours),
        "link": (values.get(labels.links) or "").split("\n"),
    }
    given["link"] = [line for line in given["link"] if line.strip()]
    problems += _unreadable(given, labels, unread=unread)
    for label, measure in measures.items():
        if values.get(label):
            problems += _refused(label, measure=[f"{measure}={values[label]}"])
    pledge = values.get(labels.pledge)
    if problems:
        return None, problems
    fields = draft_fields(pledge=_id_of(pledge) if pledge else None, **given)
    return _settled(catalog, fields, labels, today=today)


def _activity_labels(labels: FormLabels) -> list[str]:
    return [
        labels.pledge,
        labels.date,
        labels.by,
        labels.commitments,
        labels.title,
        labels.description,
        labels.place,
        labels.participants,
        labels.hours,
        labels.links,
    ]


_LABEL_OF: dict[str, Callable[[FormLabels], str]] = {
    "day": lambda labels: labels.date,
    "--date": lambda labels: labels.date,
    "by": lambda labels: labels.by,
    "--by": lambda labels: labels.by,
    "commitment": lambda labels: labels.commitments,
    "--commitment": lambda labels: labels.commitments,
    "title": lambda labels: labels.title,
    "--title": lambda labels: labels.title,
    "description": lambda labels: labels.description,
    "--description": lambda labels: labels.description,
    "place": lambda labels: labels.place,
    "participants": lambda labels: labels.participants,
    "hours": lambda labels: labels.hours,
    "link": lambda labels: labels.links,
    "--pledge": lambda labels: labels.pledge,
}


def _unreadable(given: dict[str, Any], labels: FormLabels, *, unread: set[str]) -> list[str]:
    """A problem for each answer add-activity's flags would refuse, and each required one
    left empty (but not one already found unreadable: `unread`)."""
    problems = []
    for name, value in given.items():
        if not value:
            if name in {"day", "by", "commitment", "title", "description"} - unread:
                problems.append(
                    _("{field}: answer this field").format(field=_LABEL_OF[name](labels))
                )
            continue
        if name != "measure":  # each measure is its own field, read apart
            problems += _refused(_LABEL_OF[name](labels), **{name: value})
    return problems


_FLAG = re.compile(r"^--[a-z-]+:? (?:[^\s:']+: )?")


def _refused(label: str, **flags: Any) -> list[str]:
    """The problem add-activity's flags would report for a value, named by the form's
    label instead of the flag (`Antal deltagare: -5 är negativt`), or none."""
    try:
        draft_fields(**flags)
    except UsageError as exc:
        return [f"{label}: {_FLAG.sub('', str(exc))}"]
    return []


def _settled(
    catalog: Catalog, fields: DraftFields, labels: FormLabels, *, today: date
) -> tuple[ActivityDraft | None, list[str]]:
    """The draft once its pledge, parties and commitments are read as ids."""
    try:
        fields = read_pledge_flag(catalog, fields)
    except UsageError as exc:
        return None, [f"{labels.pledge}: {exc}"]
    day = fields.date
    assert day is not None  # an empty date is a problem found before
    pledge_id = settle_pledge(catalog, fields, day)
    if pledge_id is None:
        return None, [_("{field}: answer this field").format(field=labels.pledge)]
    problem = date_problem(catalog, pledge_id, day)
    if problem:
        return None, [f"{labels.date}: {problem}"]
    pledge: Pledge = catalog.pledges[pledge_id].pledge
    fields, found = read_ids(pledge, fields)
    if found:
        return None, [f"{_LABEL_OF[flag](labels)}: {message}" for flag, message in found]
    return fields.to_draft(pledge_id=pledge_id, day=day), []


def problem_text(problem: Problem) -> str:
    return f"{problem.severity} {problem.code}: {problem.message}"


def activity_issue(
    catalog: Catalog, event: IssueEvent, *, today: date, write: bool = True
) -> IssueOutcome:
    """Write the activity an issue gives, as add-activity writes it; or only the problems."""
    draft, problems = activity_from_issue(catalog, event, today=today)
    if draft is None:
        return IssueOutcome(None, tuple(problems))
    planned = activity_draft.plan_activity(catalog, draft, today=today)
    said = tuple(problem_text(p) for p in planned.problems)
    if planned.errors or not write:
        return IssueOutcome(None, said)
    return IssueOutcome(activity_draft.write_activity(catalog, draft, today=today), said)


def followup_issue(catalog: Catalog, event: IssueEvent, *, today: date) -> IssueOutcome:
    """Record the assessment an issue from the form "Uppföljning" gives, as `assess` does."""
    labels = form_labels(issue_language(catalog, today))
    names = [labels.pledge, labels.commitment, labels.status, labels.comment, labels.date]
    answers = read_body(event.body, names)
    if answers.problems:
        return IssueOutcome(None, answers.problems)
    values = answers.values
    missing = [label for label in names[1:4] if not values.get(label)]
    if missing:
        return IssueOutcome(
            None, tuple(_("{field}: answer this field").format(field=m) for m in missing)
        )
    pledge = values.get(labels.pledge)
    try:
        change = followup_change(
            catalog,
            today=today,
            commitment=_id_of(values[labels.commitment] or ""),
            status=values[labels.status],
            comment=values[labels.comment],
            day=values.get(labels.date),
            pledge=_id_of(pledge) if pledge else None,
        )
    except UsageError as exc:
        return IssueOutcome(None, (str(exc),))
    planned = plan_followup(catalog, change, today=today)
    said = tuple(problem_text(p) for p in planned.problems)
    if any(p.severity == "error" for p in planned.problems):
        return IssueOutcome(None, said)
    try:
        return IssueOutcome(record_followup(catalog, change, today=today).path, said)
    except LofteError as exc:
        return IssueOutcome(None, (str(exc),))


_MARKDOWN = str.maketrans(
    {c: f"\\{c}" for c in "\\`*_{}[]#!|~@:"} | {"<": "&lt;", ">": "&gt;", "&": "&amp;"}
)


def markdown_comment(outcome: IssueOutcome, root: Path) -> str:
    """The comment for the issue: the file written, or what to fix. Every problem is
    escaped, so that nothing a person typed is read as Markdown, HTML or a mention."""
    lines = []
    if outcome.path is not None:
        where = outcome.path.relative_to(root).as_posix()
        lines.append(_("lofte wrote `{path}`; a pull request follows.").format(path=where))
    else:
        lines.append(_("lofte wrote no file. Edit the issue to fix this:"))
    if outcome.problems:
        lines.append("")
        lines += [f"- {' '.join(p.split()).translate(_MARKDOWN)}" for p in outcome.problems]
    return "\n".join(lines) + "\n"
