"""A new pledge before it is written: fields from flags or prompts, the pledge.yaml text,
and the checks `lofte validate` would run on it."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from lofte_cli.data.loader import DataFile, load_files
from lofte_cli.data.model import Catalog
from lofte_cli.data.problem import Problem
from lofte_cli.data.rules import check_catalog
from lofte_cli.data.yaml_roundtrip import flow_map, flow_seq, folded_text, roundtrip_yaml
from lofte_cli.edit.activity_draft import schema_comment
from lofte_cli.errors import LofteError, UsageError
from lofte_cli.i18n import _
from lofte_cli.paths import ACTIVITIES_DIR, pledge_file
from lofte_cli.slug import is_slug
from lofte_cli.values import parse_day
from lofte_cli.write import create_exclusive, write_atomic

PARTY_KINDS = ("police", "municipality", "other")
# The words a Swedish coordinator types; the file keeps the schema's English value.
KIND_WORDS = {
    **{kind: kind for kind in PARTY_KINDS},
    "polis": "police",
    "polisen": "police",
    "kommun": "municipality",
    "kommunen": "municipality",
    "annan": "other",
    "övrig": "other",
    "annat": "other",
}


@dataclass(frozen=True)
class PartyDraft:
    id: str
    kind: str
    name: str


@dataclass(frozen=True)
class CommitmentDraft:
    id: str
    by: tuple[str, ...]
    text: str


@dataclass(frozen=True)
class PledgeDraft:
    id: str
    title: str
    start: date
    end: date | None
    parties: tuple[PartyDraft, ...]
    commitments: tuple[CommitmentDraft, ...]
    language: str = "sv"
    area: str | None = None
    goal: str | None = None
    groups: dict[str, tuple[str, ...]] = field(default_factory=dict)
    notice: str | None = None


def parse_party(text: str) -> PartyDraft:
    """`polisen:police:Lokalpolisområde Södra Fyrbodal` (ID:KIND:NAME)."""
    parts = text.split(":", 2)
    if len(parts) != 3 or not all(p.strip() for p in parts):
        message = _(
            "--party {value}: write ID:KIND:NAME, e.g. "
            "'polisen:police:Lokalpolisområde Södra Fyrbodal'"
        )
        raise UsageError(message.format(value=repr(text)))
    pid, kind, name = (p.strip() for p in parts)
    if not is_slug(pid):
        message = _("--party: {id} is not a lowercase id (a-z, 0-9, hyphens)")
        raise UsageError(message.format(id=repr(pid)))
    if kind.casefold() not in KIND_WORDS:
        message = _("--party {id}: kind {kind} is not one of {kinds} (polis, kommun, annan)")
        raise UsageError(message.format(id=pid, kind=repr(kind), kinds=", ".join(PARTY_KINDS)))
    return PartyDraft(pid, KIND_WORDS[kind.casefold()], name)


def parse_group(text: str) -> tuple[str, tuple[str, ...]]:
    """`kommunerna=stenungsund,orust,tjorn`."""
    gid, sep, members = text.partition("=")
    names = tuple(m.strip() for m in members.split(",") if m.strip())
    if not sep or not is_slug(gid.strip()) or not names:
        message = _("--group {value}: write ID=PARTY,PARTY, e.g. kommunerna=orust,tjorn")
        raise UsageError(message.format(value=repr(text)))
    return gid.strip(), names


def parse_commitment(text: str) -> CommitmentDraft:
    """`polis-1:polisen:Tillsammans med …` (ID:BY:TEXT; BY may list ids with commas)."""
    parts = text.split(":", 2)
    if len(parts) != 3 or not all(p.strip() for p in parts):
        message = _(
            "--commitment {value}: write ID:BY:TEXT, e.g. "
            "'polis-1:polisen:Genomföra trafikkontroller.'"
        )
        raise UsageError(message.format(value=repr(text)))
    cid, by, body = (p.strip() for p in parts)
    return CommitmentDraft(cid, tuple(b.strip() for b in by.split(",") if b.strip()), body)


def pledge_path(root: Path, pledge_id: str) -> Path:
    return pledge_file(root, pledge_id)


def render_pledge(draft: PledgeDraft, *, schema_hint: str) -> str:
    """pledge.yaml with its keys in the order of the schema; long texts wrap."""
    doc = CommentedMap()
    doc["id"] = draft.id
    doc["title"] = draft.title
    doc["language"] = draft.language
    if draft.area:
        doc["area"] = draft.area
    period = flow_map({"start": draft.start} | ({"end": draft.end} if draft.end else {}))
    doc["period"] = period
    doc["parties"] = CommentedMap(
        (p.id, flow_map({"name": p.name, "kind": p.kind})) for p in draft.parties
    )
    if draft.groups:
        doc["groups"] = CommentedMap((g, flow_seq(m)) for g, m in draft.groups.items())
    if draft.goal:
        doc["goal"] = folded_text(draft.goal)
    commitments = CommentedSeq()
    for c in draft.commitments:
        item = CommentedMap()
        item["id"] = c.id
        item["by"] = c.by[0] if len(c.by) == 1 else flow_seq(c.by)
        item["text"] = folded_text(c.text)
        commitments.append(item)
    doc["commitments"] = commitments
    if draft.notice:
        doc["notice"] = draft.notice
    doc.yaml_set_start_comment(schema_hint)
    stream = io.StringIO()
    roundtrip_yaml().dump(doc, stream)
    return stream.getvalue()


@dataclass(frozen=True)
class PlannedPledge:
    path: Path
    text: str
    problems: tuple[Problem, ...]


def plan_pledge(catalog: Catalog, draft: PledgeDraft, *, today: date) -> PlannedPledge:
    """The pledge.yaml a draft becomes, and the problems validate would report in it."""
    if not is_slug(draft.id):
        message = _("pledge id {id} is not a lowercase id (a-z, 0-9, hyphens)")
        raise UsageError(message.format(id=repr(draft.id)))
    path = pledge_path(catalog.root, draft.id)
    text = render_pledge(draft, schema_hint=schema_comment(path, catalog.root, "pledge"))
    return PlannedPledge(path, text, _problems(catalog, path, text, today=today))


def _problems(catalog: Catalog, path: Path, text: str, *, today: date) -> tuple[Problem, ...]:
    """Check the text as if it were on disk: a trial load from a scratch copy of it."""
    import tempfile

    with tempfile.TemporaryDirectory() as scratch:
        trial = Path(scratch) / path.relative_to(catalog.root)
        trial.parent.mkdir(parents=True)
        trial.write_text(text, encoding="utf-8")
        loaded = load_files(catalog.root, [DataFile.at(trial, "pledge", path.parent.name)], [])
        pledges = {**catalog.pledges, **loaded.catalog.pledges}
        found = loaded.problems + check_catalog(Catalog(catalog.root, pledges), today=today)
        return tuple(p for p in found if p.path == trial)


def write_pledge(catalog: Catalog, draft: PledgeDraft, *, today: date) -> Path:
    """Create data/pledges/<id>/pledge.yaml (never over an existing one) and activities/."""
    planned = plan_pledge(catalog, draft, today=today)
    errors = [p for p in planned.problems if p.severity == "error"]
    if errors:
        message = _("not written: {code} {message}")
        raise LofteError(message.format(code=errors[0].code, message=errors[0].message))
    if not create_exclusive(planned.path, planned.text):
        message = _("{path}: a pledge with this id exists already")
        raise LofteError(message.format(path=planned.path))
    keep = planned.path.parent / ACTIVITIES_DIR / ".gitkeep"
    if not keep.exists():
        write_atomic(keep, "")
    return planned.path


@dataclass
class PledgeFields:
    """What the flags gave for a new pledge; None or empty where they gave nothing."""

    id: str | None = None
    title: str | None = None
    start: date | None = None
    end: date | None = None
    language: str = "sv"
    area: str | None = None
    goal: str | None = None
    parties: tuple[PartyDraft, ...] = ()
    groups: dict[str, tuple[str, ...]] = field(default_factory=dict)
    commitments: tuple[CommitmentDraft, ...] = ()
    notice: str | None = None

    def missing_flags(self) -> list[str]:
        required = {
            "--title": self.title,
            "--start": self.start,
            "--party": self.parties,
            "--commitment": self.commitments,
        }
        return [flag for flag, value in required.items() if not value]

    def to_draft(self) -> PledgeDraft:
        if self.missing_flags() or self.title is None or self.start is None:
            message = _("missing {flags}")
            raise UsageError(message.format(flags=", ".join(self.missing_flags())))
        from lofte_cli.slug import slugify

        return PledgeDraft(
            id=self.id or slugify(self.title),
            title=self.title,
            start=self.start,
            end=self.end,
            parties=self.parties,
            commitments=self.commitments,
            language=self.language,
            area=self.area,
            goal=self.goal,
            groups=dict(self.groups),
            notice=self.notice,
        )


def pledge_fields(
    *,
    pledge_id: str | None = None,
    title: str | None = None,
    start: str | None = None,
    end: str | None = None,
    language: str = "sv",
    area: str | None = None,
    goal: str | None = None,
    party: Sequence[str] | None = None,
    group: Sequence[str] | None = None,
    commitment: Sequence[str] | None = None,
    notice: str | None = None,
    **_other_options: object,
) -> PledgeFields:
    """The fields of `lofte new-pledge`'s flags (named as the flags are), each read as a
    person types it; a usage error names the flag of a value that cannot be read."""
    return PledgeFields(
        id=pledge_id,
        title=title,
        start=parse_day(start, "--start") if start else None,
        end=parse_day(end, "--end") if end else None,
        language=language,
        area=area,
        goal=goal,
        parties=tuple(parse_party(p) for p in party or ()),
        groups=dict(parse_group(g) for g in group or ()),
        commitments=tuple(parse_commitment(c) for c in commitment or ()),
        notice=notice,
    )
