"""A new activity before it is written: its fields, the file text in canonical form, and
the same checks `lofte validate` runs, applied before anything touches the disk."""

from __future__ import annotations

import dataclasses
import io
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

from lofte_cli.data.document import Document, ParseFailure
from lofte_cli.data.file_check import check_file
from lofte_cli.data.model import Catalog, Link, build_activity, pledge_data, require_pledges
from lofte_cli.data.problem import Problem
from lofte_cli.data.rules import check_pledge
from lofte_cli.data.schema import Kind
from lofte_cli.data.yaml_io import parse_bytes
from lofte_cli.data.yaml_roundtrip import flow_map, flow_seq, folded_text, roundtrip_yaml
from lofte_cli.errors import LofteError, UsageError
from lofte_cli.paths import activity_file
from lofte_cli.slug import activity_id
from lofte_cli.values import parse_day, parse_hours, parse_link, parse_measure, parse_status
from lofte_cli.write import create_first_free

Day = date  # for fields after one named `date`, which hides the type there


@dataclass(frozen=True)
class ActivityDraft:
    """The fields of an activity file (schemas/activity.schema.json), as a user gave them."""

    pledge_id: str
    date: date
    by: tuple[str, ...]
    commitments: tuple[str, ...]
    title: str
    description: str
    end_date: Day | None = None
    status: str = "done"
    place: str | None = None
    partners: tuple[str, ...] = ()
    target_groups: tuple[str, ...] = ()
    participants: int | None = None
    measures: dict[str, int] = field(default_factory=dict)
    hours: float | None = None
    links: tuple[Link, ...] = ()


@dataclass
class DraftFields:
    """What the flags gave for a new activity; None or empty where they gave nothing."""

    pledge_id: str | None = None
    date: date | None = None
    by: tuple[str, ...] = ()
    commitments: tuple[str, ...] = ()
    title: str | None = None
    description: str | None = None
    end_date: Day | None = None
    status: str | None = None
    place: str | None = None
    partners: tuple[str, ...] = ()
    target_groups: tuple[str, ...] = ()
    participants: int | None = None
    measures: dict[str, int] = field(default_factory=dict)
    hours: float | None = None
    links: tuple[Link, ...] = ()

    def missing_flags(self) -> list[str]:
        """The flags a non-interactive run still needs (the pledge is settled apart)."""
        required = {
            "--by": self.by,
            "--commitment": self.commitments,
            "--title": self.title,
            "--description": self.description,
        }
        return [flag for flag, value in required.items() if not value]

    def to_draft(self, *, pledge_id: str, day: Day) -> ActivityDraft:
        if self.missing_flags():
            raise UsageError("missing " + ", ".join(self.missing_flags()))
        return ActivityDraft(
            pledge_id=pledge_id,
            date=day,
            by=self.by,
            commitments=self.commitments,
            title=self.title or "",
            description=self.description or "",
            end_date=self.end_date,
            status=self.status or "done",
            place=self.place,
            partners=self.partners,
            target_groups=self.target_groups,
            participants=self.participants,
            measures=dict(self.measures),
            hours=self.hours,
            links=self.links,
        )


def draft_fields(
    *,
    pledge: str | None = None,
    day: str | None = None,
    end_date: str | None = None,
    status: str | None = None,
    by: Sequence[str] | None = None,
    commitment: Sequence[str] | None = None,
    title: str | None = None,
    description: str | None = None,
    place: str | None = None,
    partner: Sequence[str] | None = None,
    target_group: Sequence[str] | None = None,
    participants: int | None = None,
    measure: Sequence[str] | None = None,
    hours: str | None = None,
    link: Sequence[str] | None = None,
    **_other_options: object,
) -> DraftFields:
    """The fields of `lofte add-activity`'s flags (named as the flags are), each value read
    as a person types it; a usage error names the flag of a value that cannot be read."""
    return DraftFields(
        pledge_id=pledge,
        date=parse_day(day, "--date") if day else None,
        end_date=parse_day(end_date, "--end-date") if end_date else None,
        status=None if status is None else parse_status(status),
        by=tuple(by or ()),
        commitments=tuple(commitment or ()),
        title=title,
        description=description,
        place=place,
        partners=tuple(partner or ()),
        target_groups=tuple(target_group or ()),
        participants=participants,
        measures=dict(parse_measure(m) for m in measure or ()),
        hours=parse_hours(hours) if hours else None,
        links=tuple(parse_link(x) for x in link or ()),
    )


def settle_pledge(catalog: Catalog, fields: DraftFields, day: date) -> str | None:
    """The pledge named by the flags, or the only one running on `day`, or None."""
    require_pledges(catalog)
    if fields.pledge_id:
        pledge_data(catalog, fields.pledge_id)
        return fields.pledge_id
    active = active_pledges(catalog, day)
    if len(active) == 1:
        return active[0]
    if len(catalog.pledges) == 1:
        return next(iter(catalog.pledges))
    return None


@dataclass(frozen=True)
class PlannedFile:
    """Where a draft would be written, its text, and what the checks say about it."""

    path: Path
    text: str
    problems: tuple[Problem, ...]

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "error")


def activity_path(root: Path, pledge_id: str, identifier: str) -> Path:
    return activity_file(root, pledge_id, identifier)


def schema_comment(path: Path, root: Path, kind: str) -> str:
    """The editor hint: yaml-language-server finds the schema by this relative path."""
    target = root / "schemas" / f"{kind}.schema.json"
    return f"yaml-language-server: $schema={Path(os.path.relpath(target, path.parent)).as_posix()}"


def render_activity(draft: ActivityDraft, identifier: str, *, schema_hint: str) -> str:
    """The file text: keys in the order of the schema, short lists in flow style, long
    text as a block.

    The text is read back before it is returned: where the writer left a value plain that
    YAML reads as something else (`[? q]` is a mapping), every text is quoted instead."""
    for quote in (False, True):
        text = _render(draft, identifier, schema_hint, quote=quote)
        if _reads_back(text, draft, identifier):
            return text
    raise LofteError(
        f"{identifier}: lofte cannot write this activity as YAML that reads back the same "
        "(a bug in lofte; please report it with the texts you gave)"
    )


def _render(draft: ActivityDraft, identifier: str, schema_hint: str, *, quote: bool) -> str:
    def flow(items: Sequence[str]) -> CommentedSeq:
        return flow_seq(_in_flow(item, quote=quote) for item in items)

    doc = CommentedMap()
    doc["id"] = identifier
    doc["date"] = draft.date
    if draft.end_date:
        doc["end_date"] = draft.end_date
    doc["status"] = draft.status
    doc["by"] = flow(draft.by)
    doc["commitments"] = flow(draft.commitments)
    doc["title"] = DoubleQuotedScalarString(draft.title) if quote else draft.title
    doc["description"] = _text_block(draft.description)
    place = draft.place
    optional = {
        "place": DoubleQuotedScalarString(place) if quote and place else place,
        "partners": flow(draft.partners) if draft.partners else None,
        "target_groups": flow(draft.target_groups) if draft.target_groups else None,
        "participants": draft.participants,
        "measures": (
            flow_map((_in_flow(name, quote=quote), n) for name, n in draft.measures.items())
            if draft.measures
            else None
        ),
        "hours": draft.hours,
        "links": _links(draft.links, quote=quote) if draft.links else None,
    }
    for key, value in optional.items():
        if value is not None:
            doc[key] = value
    _quote_line_separators(doc)
    doc.yaml_set_start_comment(schema_hint)
    stream = io.StringIO()
    roundtrip_yaml().dump(doc, stream)
    return stream.getvalue()


def _reads_back(text: str, draft: ActivityDraft, identifier: str) -> bool:
    """Whether `text` reads as exactly the draft's values (description without the outer
    white space a block adds)."""
    doc = parse_bytes(text.encode("utf-8"), Path(f"{identifier}.yaml"), positions=False)
    if isinstance(doc, ParseFailure):
        return False
    data = dict(doc.data)
    description = data.pop("description", None)
    expected: dict[str, Any] = {
        "id": identifier,
        "date": draft.date.isoformat(),
        "status": draft.status,
        "by": list(draft.by),
        "commitments": list(draft.commitments),
        "title": draft.title,
    }
    if draft.end_date:
        expected["end_date"] = draft.end_date.isoformat()
    optional: dict[str, Any] = {
        "place": draft.place,
        "partners": list(draft.partners) or None,
        "target_groups": list(draft.target_groups) or None,
        "participants": draft.participants,
        "measures": dict(draft.measures) or None,
        "hours": draft.hours,
        "links": [
            {"title": link.title, "url": link.url} if link.title else {"url": link.url}
            for link in draft.links
        ]
        or None,
    }
    expected.update((k, v) for k, v in optional.items() if v is not None)
    same_text = isinstance(description, str) and description.strip() == draft.description.strip()
    return same_text and data == expected


_LINE_SEPARATORS = ("\u2028", "\u2029", "\x85")


def _quote_line_separators(value: Any) -> None:
    """Texts holding U+2028, U+2029 or NEL are written double-quoted, where the writer
    escapes them (\\L, \\P, \\N): written raw, YAML 1.1 readers break lines at them."""
    items = value.items() if isinstance(value, dict) else enumerate(value)
    for key, item in list(items):
        if isinstance(item, str) and any(c in item for c in _LINE_SEPARATORS):
            value[key] = DoubleQuotedScalarString(item)
        elif isinstance(item, dict | list):
            _quote_line_separators(item)


def _in_flow(text: str, *, quote: bool = False) -> str:
    """A text for a flow list or mapping: with a `:` it is double-quoted, because YAML 1.1
    readers (libyaml, PyYAML, so many tools) refuse `{url: https://x.se}` unquoted."""
    return DoubleQuotedScalarString(text) if quote or ":" in text else text


def _links(links: Sequence[Link], *, quote: bool = False) -> CommentedSeq:
    items = CommentedSeq()
    for link in links:
        item = CommentedMap()
        if link.title:
            item["title"] = _in_flow(link.title, quote=quote)
        item["url"] = _in_flow(link.url, quote=quote)
        item.fa.set_flow_style()
        items.append(item)
    return items


def _text_block(text: str) -> str:
    text = text.strip()
    return LiteralScalarString(text + "\n") if "\n" in text else folded_text(text)


def check_text(
    catalog: Catalog,
    pledge_id: str,
    path: Path,
    text: str,
    *,
    today: date,
    kind: Kind = "activity",
) -> tuple[Problem, ...]:
    """The problems `lofte validate` would report in `path` if it held `text`."""
    raw = text.encode("utf-8")
    found = check_file(kind, path, raw, pledge_data(catalog, pledge_id).pledge.contacts)
    if found.problems:
        return found.problems
    doc = parse_bytes(raw, path)
    if isinstance(doc, ParseFailure):  # would be a bug in the rendering
        raise LofteError(f"{path}: lofte produced YAML it cannot read: {doc.message}")
    trial = _with_document(catalog, pledge_id, doc, kind)
    problems = check_pledge(trial, trial.pledges[pledge_id], today=today)
    return tuple(p for p in problems if p.path == path)


def _with_document(catalog: Catalog, pledge_id: str, doc: Document, kind: str) -> Catalog:
    """The catalog as it would be with `doc` added to (or replacing its file in) a pledge."""
    from lofte_cli.data.model import build_followup

    data = pledge_data(catalog, pledge_id)
    if kind == "activity":
        others = tuple(a for a in data.activities if a.doc.path != doc.path)
        data = dataclasses.replace(data, activities=(*others, build_activity(doc, data.pledge)))
    else:
        others_f = tuple(f for f in data.followups if f.doc.path != doc.path)
        data = dataclasses.replace(data, followups=(*others_f, build_followup(doc)))
    return Catalog(catalog.root, {**catalog.pledges, pledge_id: data})


def plan_activity(catalog: Catalog, draft: ActivityDraft, *, today: date) -> PlannedFile:
    """The file a draft would become (the first free name) and its problems."""
    pledge_data(catalog, draft.pledge_id)
    path = next(p for p in _names(catalog.root, draft) if not p.exists())
    identifier = path.stem
    text = render_activity(
        draft, identifier, schema_hint=schema_comment(path, catalog.root, "activity")
    )
    problems = check_text(catalog, draft.pledge_id, path, text, today=today)
    return PlannedFile(path, text, problems)


def write_activity(catalog: Catalog, draft: ActivityDraft, *, today: date) -> Path:
    """Write the draft as a new file, `-2`, `-3` … where the name is taken. Refuses (and
    writes nothing) when the checks find an error."""
    planned = plan_activity(catalog, draft, today=today)
    if planned.errors:
        raise LofteError(_refusal(planned.errors))
    root = catalog.root
    return create_first_free(
        lambda attempt: _nth_name(root, draft, attempt),
        lambda path: render_activity(
            draft, path.stem, schema_hint=schema_comment(path, root, "activity")
        ),
    )


def _nth_name(root: Path, draft: ActivityDraft, attempt: int) -> Path:
    identifier = activity_id(draft.date, draft.title, suffix=attempt)
    return activity_path(root, draft.pledge_id, identifier)


def _names(root: Path, draft: ActivityDraft) -> Iterator[Path]:
    """The draft's file name, then with -2, -3 … for when the name is taken."""
    return (_nth_name(root, draft, attempt) for attempt in range(1, 10_000))


def _refusal(errors: Sequence[Problem]) -> str:
    first = errors[0]
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    return f"not written: {first.code} {first.message}{more}"


def active_pledges(catalog: Catalog, day: date) -> list[str]:
    """The pledges whose period holds `day`."""
    found = []
    for key, data in catalog.pledges.items():
        end = catalog.effective_end(data.pledge)
        if data.pledge.start <= day and (end is None or day <= end):
            found.append(key)
    return found


def date_problem(catalog: Catalog, pledge_id: str, day: date) -> str | None:
    """Why `day` cannot be an activity date of the pledge, or None."""
    data = pledge_data(catalog, pledge_id)
    end = catalog.effective_end(data.pledge)
    if day < data.pledge.start or (end is not None and day > end):
        shown = end.isoformat() if end else "open"
        return f"{day} is outside the period of {pledge_id} ({data.pledge.start} – {shown})"
    return None
