"""A new activity before it is written: the file text in canonical form, and the same
checks `lofte validate` runs, applied before anything touches the disk. (Its fields, as the
flags and prompts give them, are in `activity_fields`.)"""

from __future__ import annotations

import dataclasses
import io
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

from lofte_cli.data.document import Document, ParseFailure
from lofte_cli.data.file_check import check_file
from lofte_cli.data.model import Catalog, Link, build_activity, pledge_data
from lofte_cli.data.problem import Problem
from lofte_cli.data.rules import check_pledge
from lofte_cli.data.schema import Kind
from lofte_cli.data.yaml_io import parse_bytes
from lofte_cli.data.yaml_roundtrip import flow_map, flow_seq, folded_text, roundtrip_yaml
from lofte_cli.edit.activity_fields import ActivityDraft
from lofte_cli.edit.activity_fields import draft_fields as draft_fields  # the library's name
from lofte_cli.errors import LofteError
from lofte_cli.i18n import _, ngettext
from lofte_cli.paths import activity_file
from lofte_cli.slug import activity_id
from lofte_cli.write import create_first_free


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
        _(
            "{id}: lofte cannot write this activity as YAML that reads back the same (a bug "
            "in lofte; please report it with the texts you gave)"
        ).format(id=identifier)
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
        raise LofteError(
            _("{path}: lofte produced YAML it cannot read: {message}").format(
                path=path, message=doc.message
            )
        )
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
    if len(errors) == 1:
        return _("not written: {code} {message}").format(code=first.code, message=first.message)
    return ngettext(
        "not written: {code} {message} (and {count} more)",
        "not written: {code} {message} (and {count} more)",
        len(errors) - 1,
    ).format(code=first.code, message=first.message, count=len(errors) - 1)
