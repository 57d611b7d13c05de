"""Recording follow-up assessments and indicator values in followups/<date>.yaml: a new
file, or the existing one changed in place with every comment, blank line and key order
kept (ruamel.yaml round trip), checked before it is written atomically."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.error import CommentMark
from ruamel.yaml.tokens import CommentToken
from ruamel.yaml.util import load_yaml_guess_indent

from lofte_cli.data.model import Catalog, pledge_data
from lofte_cli.data.problem import Problem
from lofte_cli.data.yaml_roundtrip import flow_map, roundtrip_yaml
from lofte_cli.edit.activity_draft import check_text, schema_comment
from lofte_cli.errors import LofteError, UsageError
from lofte_cli.paths import followup_file, only_pledge
from lofte_cli.values import (
    ASSESSMENT_STATUSES,
    normal_id,
    parse_assessment_status,
    parse_day,
)
from lofte_cli.write import create_exclusive, data_file_lock, exclusive_lock, write_atomic


@dataclass(frozen=True)
class FollowupChange:
    """What to record: assessments (commitment → status and comment) and indicator values."""

    pledge_id: str
    date: date
    assessments: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    indicators: dict[str, float | int] = field(default_factory=dict)


@dataclass(frozen=True)
class FollowupResult:
    path: Path
    text: str
    created: bool
    problems: tuple[Problem, ...]


def followup_path(root: Path, pledge_id: str, day: date) -> Path:
    return followup_file(root, pledge_id, day)


def known_commitment(catalog: Catalog, given: str, pledge: str | None) -> str:
    """The commitment id `given` stands for: itself, or the one it matches in another case
    or with spaces (`Polis 3` → `polis-3`); as given when none does (the checks name it)."""
    pledges = [catalog.pledges[pledge]] if pledge in catalog.pledges else catalog.pledges.values()
    ids = {c.id for data in pledges for c in data.pledge.commitments}
    if given in ids:
        return given
    matches = {i for i in ids if normal_id(i) == normal_id(given)}
    return matches.pop() if len(matches) == 1 else given


def pledge_for_commitment(catalog: Catalog, commitment_id: str, day: date) -> str:
    """The one pledge that has this commitment (preferring those running on `day`)."""
    having = [k for k, d in catalog.pledges.items() if d.pledge.commitment(commitment_id)]
    if len(having) > 1:
        running = [
            k
            for k in having
            if catalog.pledges[k].pledge.start <= day
            and ((end := catalog.effective_end(catalog.pledges[k].pledge)) is None or day <= end)
        ]
        having = running or having
    if len(having) == 1:
        return having[0]
    if not having:
        raise UsageError(f"no pledge has a commitment {commitment_id!r}")
    raise UsageError(f"several pledges have {commitment_id!r} ({', '.join(having)}); use --pledge")


def plan_followup(catalog: Catalog, change: FollowupChange, *, today: date) -> FollowupResult:
    """The follow-up file as it would be after the change, and what the checks say."""
    pledge_data(catalog, change.pledge_id)
    path = followup_path(catalog.root, change.pledge_id, change.date)
    if path.exists():
        text = _updated(path.read_text(encoding="utf-8"), change, path)
    else:
        text = _created(change, schema_comment(path, catalog.root, "followup"))
    problems = check_text(catalog, change.pledge_id, path, text, today=today, kind="followup")
    return FollowupResult(path, text, not path.exists(), problems)


def _created(change: FollowupChange, hint: str) -> str:
    doc = CommentedMap()
    doc["date"] = change.date
    _apply(doc, change)
    doc.yaml_set_start_comment(hint)
    return _dump(doc, indent=2, offset=2)


def _updated(text: str, change: FollowupChange, path: Path) -> str:
    try:
        _, indent, offset = load_yaml_guess_indent(text)
        doc = roundtrip_yaml().load(text)  # the set-up that keeps quotes as they were
    except Exception as exc:  # ruamel raises many kinds; all mean the file must be fixed
        raise LofteError(
            f"{path}: cannot update it, it does not parse; run lofte validate "
            f"({type(exc).__name__})"
        ) from None
    if not isinstance(doc, CommentedMap):
        raise LofteError(f"{path}: cannot update it, it is not a mapping; run lofte validate")
    _apply(doc, change)
    return _dump(doc, indent=indent or 2, offset=offset or 0)


def _apply(doc: CommentedMap, change: FollowupChange) -> None:
    """Change `doc` in place, touching only the entries named in `change`."""
    if change.assessments:
        section = _section(doc, "assessments")
        for commitment, (status, comment) in change.assessments.items():
            entry = section.get(commitment)
            if isinstance(entry, dict):
                entry["status"] = status
                if comment is not None:
                    entry["comment"] = comment
            elif comment is None and isinstance(entry, str):
                section[commitment] = status
            else:
                fields = {"status": status} | ({"comment": comment} if comment else {})
                _put(section, commitment, flow_map(fields))
    if change.indicators:
        section = _section(doc, "indicators")
        for indicator, value in change.indicators.items():
            entry = section.get(indicator)
            if isinstance(entry, dict):
                entry["value"] = value
            else:
                _put(section, indicator, flow_map({"value": value}))


def _put(section: CommentedMap, key: str, value: CommentedMap) -> None:
    """Set `key`; a new key goes after the last entry but before the blank lines and
    comments that followed it, which ruamel keeps with that entry's deepest last value."""
    if key in section or not section:
        section[key] = value
        return
    holder, last = _deepest_last(section)
    trailing = holder.ca.items.get(last, [None, None, None, None])[2]
    section[key] = value
    if trailing is None or "\n" not in trailing.value:
        return
    own_line, _, rest = trailing.value.partition("\n")
    if rest:
        trailing.value = own_line + "\n"
        section.ca.items[key] = [None, None, CommentToken("\n" + rest, CommentMark(0)), None]


def _deepest_last(mapping: CommentedMap) -> tuple[CommentedMap, Any]:
    """The block mapping and key whose value ends `mapping` in the text."""
    last = next(reversed(mapping))
    value = mapping[last]
    if isinstance(value, CommentedMap) and value and not value.fa.flow_style():
        return _deepest_last(value)
    return mapping, last


def _section(doc: CommentedMap, key: str) -> CommentedMap:
    section = doc.get(key)
    if not isinstance(section, CommentedMap):
        section = doc[key] = CommentedMap()
    return section


def _dump(doc: CommentedMap, *, indent: int, offset: int) -> str:
    yaml = roundtrip_yaml()
    yaml.indent(mapping=indent, sequence=indent + offset, offset=offset)
    stream = io.StringIO()
    yaml.dump(doc, stream)
    return stream.getvalue()


def record_followup(catalog: Catalog, change: FollowupChange, *, today: date) -> FollowupResult:
    """Write the change; refuses, writing nothing, when a check finds an error.

    Two people recording at once must not lose each other's entries: the file is read,
    changed and written under a lock, a new file is created exclusively, and an existing
    one is replaced atomically."""
    path = followup_path(catalog.root, change.pledge_id, change.date)
    with exclusive_lock(catalog.root, data_file_lock(catalog.root, path)):
        planned = plan_followup(catalog, change, today=today)
        errors = [p for p in planned.problems if p.severity == "error"]
        if errors:
            raise LofteError(f"not written: {errors[0].code} {errors[0].message}")
        if planned.created:
            if not create_exclusive(path, planned.text):  # made meanwhile without the lock
                raise LofteError(f"{path}: created by someone else just now; run again")
        else:
            write_atomic(path, planned.text)
    return planned


def parse_indicator(text: str) -> tuple[str, float | int]:
    """`trygghet-kvall=71.5` → ("trygghet-kvall", 71.5)."""
    name, sep, value = text.partition("=")
    try:
        number = float(value.replace(",", "."))
    except ValueError:
        number = None
    if not sep or not name.strip() or number is None:
        raise UsageError(f"--indicator {text!r}: write ID=VALUE, e.g. trygghet-kvall=71")
    return name.strip(), int(number) if number.is_integer() else number


def check_assess_options(commitment: str | None, status: str | None, indicators: object) -> None:
    """Refuse a call that names nothing to record, before any data is read."""
    if commitment is None and not indicators:
        raise UsageError("name a COMMITMENT with --status, or give --indicator ID=VALUE")
    if commitment is not None and status is None:
        raise UsageError(f"--status: choose one of {', '.join(ASSESSMENT_STATUSES)}")
    if status is not None:
        parse_assessment_status(status)


def followup_change(
    catalog: Catalog,
    *,
    today: date,
    commitment: str | None = None,
    status: str | None = None,
    comment: str | None = None,
    day: str | None = None,
    indicator: Sequence[str] | None = None,
    pledge: str | None = None,
    **_other_options: object,
) -> FollowupChange:
    """What `lofte assess` records (its flags as named): on `day` (default: today), in
    `pledge`, or the pledge whose commitment it is on that day, or the only pledge."""
    when = parse_day(day, "--date") if day else today
    status = parse_assessment_status(status) if status is not None else None
    commitment = known_commitment(catalog, commitment, pledge) if commitment else None
    if pledge is None:
        pledge = (
            pledge_for_commitment(catalog, commitment, when)
            if commitment
            else only_pledge(catalog.pledges)
        )
    return FollowupChange(
        pledge_id=pledge,
        date=when,
        assessments={commitment: (status, comment)} if commitment and status else {},
        indicators=dict(parse_indicator(x) for x in indicator or ()),
    )
