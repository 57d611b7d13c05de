"""Recording follow-up assessments and indicator values in followups/<date>.yaml: a new
file, or the existing one changed in place with every comment, blank line and key order
kept (ruamel.yaml round trip), checked before it is written atomically."""

from __future__ import annotations

import dataclasses
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
from lofte_cli.edit.readers import commitment_anywhere, read_commitment, read_pledge
from lofte_cli.errors import LofteError, UsageError
from lofte_cli.i18n import _
from lofte_cli.paths import followup_file, only_pledge
from lofte_cli.values import (
    ASSESSMENT_STATUSES,
    Reading,
    day_reading,
    parse_assessment_status,
    read_assessment_status,
)
from lofte_cli.write import create_exclusive, data_file_lock, exclusive_lock, write_atomic


@dataclass(frozen=True)
class FollowupChange:
    """What to record: assessments (commitment → status and comment) and indicator values."""

    pledge_id: str
    date: date
    assessments: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    indicators: dict[str, float | int] = field(default_factory=dict)
    readings: tuple[Reading, ...] = ()  # what lofte took a typed value for, to say so


@dataclass(frozen=True)
class FollowupResult:
    path: Path
    text: str
    created: bool
    problems: tuple[Problem, ...]


def followup_path(root: Path, pledge_id: str, day: date) -> Path:
    return followup_file(root, pledge_id, day)


def settle_commitment(
    catalog: Catalog, typed: str, pledge: str | None, day: date
) -> tuple[str, Reading]:
    """The pledge and the commitment that `typed` names (`Polis 3` is polis-3): in `pledge`,
    or in the one pledge that has it (preferring those running on `day`). A usage error
    names the closest commitment when none matches."""
    chosen = [pledge] if pledge is not None else sorted(catalog.pledges)
    try:
        having = commitment_anywhere(catalog, typed, chosen)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if len(having) > 1:
        running = [
            k
            for k in having
            if catalog.pledges[k].pledge.start <= day
            and ((end := catalog.effective_end(catalog.pledges[k].pledge)) is None or day <= end)
        ]
        having = running or having
    if len(having) > 1:
        raise UsageError(
            _("several pledges have {commitment} ({pledges}); use --pledge").format(
                commitment=repr(typed), pledges=", ".join(having)
            )
        )
    reading = read_commitment(catalog.pledges[having[0]].pledge, typed)
    return having[0], dataclasses.replace(reading, what=_("commitment"))


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
        _data, indent, offset = load_yaml_guess_indent(text)
        doc = roundtrip_yaml().load(text)  # the set-up that keeps quotes as they were
    except Exception as exc:  # ruamel raises many kinds; all mean the file must be fixed
        raise LofteError(
            _("{path}: cannot update it, it does not parse; run lofte validate ({kind})").format(
                path=path, kind=type(exc).__name__
            )
        ) from None
    if not isinstance(doc, CommentedMap):
        raise LofteError(
            _("{path}: cannot update it, it is not a mapping; run lofte validate").format(path=path)
        )
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
    own_line, _sep, rest = trailing.value.partition("\n")
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
            raise LofteError(
                _("not written: {code} {message}").format(
                    code=errors[0].code, message=errors[0].message
                )
            )
        if planned.created:
            if not create_exclusive(path, planned.text):  # made meanwhile without the lock
                raise LofteError(
                    _("{path}: created by someone else just now; run again").format(path=path)
                )
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
        raise UsageError(
            _("--indicator {typed}: write ID=VALUE, e.g. trygghet-kvall=71").format(
                typed=repr(text)
            )
        )
    return name.strip(), int(number) if number.is_integer() else number


def check_assess_options(commitment: str | None, status: str | None, indicators: object) -> None:
    """Refuse a call that names nothing to record, before any data is read."""
    if commitment is None and not indicators:
        raise UsageError(_("name a COMMITMENT with --status, or give --indicator ID=VALUE"))
    if commitment is not None and status is None:
        raise UsageError(
            _(
                "--status: choose one of {statuses} (or in Swedish: ej påbörjat, pågår, "
                "genomfört, delvis, ej genomfört, ej aktuellt)"
            ).format(statuses=", ".join(ASSESSMENT_STATUSES))
        )
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
    `pledge`, or the pledge whose commitment it is on that day, or the only pledge. Each
    value is read as a person types it (`Kommun 1`, `delvis`, `5 mars 2024`, a pledge's
    title), and what lofte took it for is kept in `readings`."""
    readings: list[Reading] = []
    when = today
    if day:
        when, reading = day_reading(day, "--date")
        readings.append(reading)
    if status is not None:
        readings.append(_status_reading(status))
    if pledge is not None:
        readings.append(_pledge_reading(catalog, pledge))
        pledge = readings[-1].value
    if commitment:
        pledge, reading = settle_commitment(catalog, commitment, pledge, when)
        readings.append(reading)
        commitment = reading.value
    elif pledge is None:
        pledge = only_pledge(catalog.pledges)
    status = parse_assessment_status(status) if status is not None else None
    return FollowupChange(
        pledge_id=pledge,
        date=when,
        assessments={commitment: (status, comment)} if commitment and status else {},
        indicators=dict(parse_indicator(x) for x in indicator or ()),
        readings=tuple(readings),
    )


def _status_reading(text: str) -> Reading:
    try:
        return Reading(text, read_assessment_status(text), what="--status")
    except ValueError as exc:
        raise UsageError(f"--status {exc}") from None


def _pledge_reading(catalog: Catalog, typed: str) -> Reading:
    if typed in catalog.pledges:
        return Reading(typed, typed, what="--pledge")
    try:
        return dataclasses.replace(read_pledge(catalog, typed), what="--pledge")
    except ValueError as exc:
        raise UsageError(f"--pledge: {exc}") from None
