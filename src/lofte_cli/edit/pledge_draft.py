"""A new pledge before it is written: fields from flags or prompts, the pledge.yaml text,
and the checks `lofte validate` would run on it."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from lofte_cli.data.finder import DataFile
from lofte_cli.data.loader import load_files
from lofte_cli.data.model import Catalog, Link
from lofte_cli.data.problem import Problem
from lofte_cli.data.rules import check_catalog
from lofte_cli.data.yaml_roundtrip import flow_map, flow_seq, folded_text, roundtrip_yaml
from lofte_cli.edit.activity_draft import schema_comment
from lofte_cli.edit.expect_text import ExpectDraft
from lofte_cli.edit.pledge_parts import (
    PartyDraft,
    SignatoryDraft,
    parse_contact,
    parse_expect_flag,
    parse_expect_of,
    parse_party,
    parse_signatory,
    read_party_name,
)
from lofte_cli.errors import LofteError, UsageError, id_list
from lofte_cli.i18n import _
from lofte_cli.paths import ACTIVITIES_DIR, pledge_file
from lofte_cli.places import match_municipality
from lofte_cli.slug import is_slug
from lofte_cli.values import Reading, parse_day, parse_link
from lofte_cli.write import create_exclusive, write_atomic


@dataclass(frozen=True)
class CommitmentDraft:
    id: str
    by: tuple[str, ...]
    text: str
    expect: ExpectDraft | None = None


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
    signatories: tuple[SignatoryDraft, ...] = ()
    sources: tuple[Link, ...] = ()
    contacts: tuple[str, ...] = ()


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
    doc["parties"] = CommentedMap((p.id, flow_map(_party_fields(p))) for p in draft.parties)
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
        if c.expect:
            item["expect"] = flow_map(c.expect.items())
        commitments.append(item)
    doc["commitments"] = commitments
    _render_people(doc, draft)
    if draft.notice:
        doc["notice"] = draft.notice
    doc.yaml_set_start_comment(schema_hint)
    stream = io.StringIO()
    roundtrip_yaml().dump(doc, stream)
    return stream.getvalue()


def _party_fields(party: PartyDraft) -> dict[str, str]:
    """Name and kind; a municipality named like one of Sweden's also gets its SCB code, which
    validate would otherwise ask for (L126)."""
    fields = {"name": party.name, "kind": party.kind}
    place = match_municipality(party.name) if party.kind == "municipality" else None
    return fields | ({"code": DoubleQuotedScalarString(place.code)} if place else {})


def _render_people(doc: CommentedMap, draft: PledgeDraft) -> None:
    """The signatories (one line each), the sources and the contacts."""
    if draft.signatories:
        doc["signatories"] = CommentedSeq(
            flow_map(
                [("name", s.name)]
                + ([("role", s.role)] if s.role else [])
                + ([("party", s.party)] if s.party else [])
            )
            for s in draft.signatories
        )
    if draft.sources:
        doc["sources"] = CommentedSeq(
            CommentedMap(([("title", s.title)] if s.title else []) + [("url", s.url)])
            for s in draft.sources
        )
    if draft.contacts:
        doc["contacts"] = CommentedSeq(draft.contacts)


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
    expects: dict[str, ExpectDraft] = field(default_factory=dict)  # by commitment id
    expect_of: dict[str, str] = field(default_factory=dict)  # commitment id → measure
    signatories: tuple[SignatoryDraft, ...] = ()
    sources: tuple[Link, ...] = ()
    contacts: tuple[str, ...] = ()
    readings: tuple[Reading, ...] = ()  # what lofte took a typed value for

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
            commitments=_with_expects(self.commitments, self.expects, self.expect_of),
            language=self.language,
            area=self.area,
            goal=self.goal,
            groups=dict(self.groups),
            notice=self.notice,
            signatories=tuple(_signed_for(self.parties, s) for s in self.signatories),
            sources=self.sources,
            contacts=self.contacts,
        )


def _with_expects(
    commitments: Sequence[CommitmentDraft],
    expects: dict[str, ExpectDraft],
    expect_of: dict[str, str],
) -> tuple[CommitmentDraft, ...]:
    """The commitments with what --expect and --expect-of say of them."""
    known = {c.id for c in commitments}
    for flag, cid in [("--expect", c) for c in expects] + [("--expect-of", c) for c in expect_of]:
        if cid not in known:
            message = _("{flag} {id}: no --commitment has this id (known: {known})")
            raise UsageError(message.format(flag=flag, id=cid, known=id_list(known)))
    for cid in expect_of:
        if cid not in expects and not any(c.id == cid and c.expect for c in commitments):
            message = _("--expect-of {id}: say how many with --expect {id}=… too")
            raise UsageError(message.format(id=cid))
    changed = []
    for c in commitments:
        expect = expects.get(c.id, c.expect)
        if expect and c.id in expect_of:
            expect = replace(expect, of=expect_of[c.id])
        changed.append(replace(c, expect=expect))
    return tuple(changed)


def _signed_for(parties: Sequence[PartyDraft], signatory: SignatoryDraft) -> SignatoryDraft:
    """The signatory with the party read as an id (`Stenungsund` → stenungsund)."""
    if signatory.party is None:
        return signatory
    try:
        reading = read_party_name(parties, signatory.party)
    except ValueError as exc:
        raise UsageError(f"--signatory {signatory.name}: {exc}") from None
    return replace(signatory, party=reading.value)


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
    expect: Sequence[str] | None = None,
    expect_of: Sequence[str] | None = None,
    signatory: Sequence[str] | None = None,
    source: Sequence[str] | None = None,
    contact: Sequence[str] | None = None,
    notice: str | None = None,
    **_other_options: object,
) -> PledgeFields:
    """The fields of `lofte new-pledge`'s flags (named as the flags are), each read as a
    person types it; a usage error names the flag of a value that cannot be read."""
    parties, readings = _parties(party or ())
    expects, said = _expects(expect or ())
    groups = dict(parse_group(g) for g in group or ())
    promised = tuple(parse_commitment(c) for c in commitment or ())
    promised, by_said = _promised_by(promised, parties, groups)
    return PledgeFields(
        id=pledge_id,
        title=title,
        start=parse_day(start, "--start") if start else None,
        end=parse_day(end, "--end") if end else None,
        language=language,
        area=area,
        goal=goal,
        parties=parties,
        groups=groups,
        commitments=promised,
        notice=notice,
        expects=expects,
        expect_of=dict(parse_expect_of(e) for e in expect_of or ()),
        signatories=tuple(parse_signatory(s) for s in signatory or ()),
        sources=tuple(parse_link(s, "--source") for s in source or ()),
        contacts=tuple(parse_contact(c) for c in contact or ()),
        readings=(*readings, *by_said, *said),
    )


def _parties(texts: Sequence[str]) -> tuple[tuple[PartyDraft, ...], list[Reading]]:
    """The --party flags in order, each name's id proposed apart from those before it."""
    parties: list[PartyDraft] = []
    readings: list[Reading] = []
    for text in texts:
        party, reading = parse_party(text, [p.id for p in parties])
        parties.append(party)
        readings += [reading] if reading else []
    return tuple(parties), readings


def _promised_by(
    commitments: tuple[CommitmentDraft, ...],
    parties: Sequence[PartyDraft],
    groups: Mapping[str, object],
) -> tuple[tuple[CommitmentDraft, ...], list[Reading]]:
    """Each commitment's parties read as --by reads them (`Tjörns` → tjorn), once the
    --party flags have named the parties; one that names none is kept as typed, for the
    checks to name (L104, with the closest)."""
    if not parties:
        return commitments, []
    read: list[CommitmentDraft] = []
    readings: list[Reading] = []
    for c in commitments:
        said = [_party_or_typed(parties, b, groups) for b in c.by]
        readings += [replace(r, what=f"--commitment {c.id}") for r in said]
        read.append(replace(c, by=tuple(dict.fromkeys(r.value for r in said))))
    return tuple(read), readings


def _party_or_typed(
    parties: Sequence[PartyDraft], typed: str, groups: Mapping[str, object]
) -> Reading:
    try:
        return read_party_name(parties, typed, list(groups))
    except ValueError:
        return Reading(typed, typed)


def _expects(texts: Sequence[str]) -> tuple[dict[str, ExpectDraft], list[Reading]]:
    """The --expect flags by commitment, and what each answer was read as."""
    expects: dict[str, ExpectDraft] = {}
    readings: list[Reading] = []
    for text in texts:
        cid, reading = parse_expect_flag(text)
        expects[cid] = reading.expect
        readings.append(Reading(text.strip(), reading.expect.shown(), None, "--expect"))
    return expects, readings
