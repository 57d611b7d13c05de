"""The parts of a new pledge as a coordinator gives them: a party by its name alone (its
kind and id read from the name: "Stenungsunds kommun" → stenungsund, a municipality), a
commitment's id proposed from who promises it (polis-1, kommun-2), how often it is kept
(`--expect polis-1="fyra gånger per år"`), and the signatories."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from lofte_cli.edit.expect_text import ExpectReading, read_expect
from lofte_cli.errors import UsageError, id_list
from lofte_cli.i18n import _
from lofte_cli.slug import is_slug, slugify
from lofte_cli.values import Reading

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
# The words of a name that end a municipality's name: "Stenungsunds kommun", "Borås Stad".
MUNICIPALITY_WORDS = ("kommun", "kommunen", "stad", "municipality", "council", "city")
# Commitment ids begin with the kind of who promises them, as in the published pledges.
ID_PREFIXES = {"police": "polis", "municipality": "kommun"}


@dataclass(frozen=True)
class PartyDraft:
    id: str
    kind: str
    name: str


@dataclass(frozen=True)
class SignatoryDraft:
    """A person who signed; `party` as typed (an id or a name) until the pledge reads it."""

    name: str
    role: str | None = None
    party: str | None = None


def read_kind(text: str) -> str:
    """police, municipality or other, also in Swedish (polis, kommun, annan)."""
    kind = KIND_WORDS.get(" ".join(unicodedata.normalize("NFC", text).casefold().split()))
    if kind is None:
        message = _(
            "{kind} is not a kind of party: choose police, municipality or other "
            "(polis, kommun, annan)"
        )
        raise UsageError(message.format(kind=repr(text)))
    return kind


def guess_kind(name: str) -> str:
    """The kind a party's name says: the police, a municipality, or another."""
    said = name.casefold()
    if "polis" in said or "police" in said:
        return "police"
    if any(word in MUNICIPALITY_WORDS for word in re.split(r"\W+", said)):
        return "municipality"
    return "other"


def propose_party_id(name: str, kind: str, taken: Collection[str]) -> str:
    """`polisen` for the police, the place for a municipality (`Tjörns kommun` → tjorn),
    else the name as an id; `-2`, `-3` … where it is taken."""
    if kind == "police":
        base = "polisen"
    elif kind == "municipality":
        base = _place(name)
    else:
        base = slugify(name)
    return _unique(base or "part", taken)


def _place(name: str) -> str:
    """`Stenungsunds kommun` → stenungsund: the name without "kommun" or "stad", and
    without the genitive s after a consonant (Borås keeps its s)."""
    words = name.split()
    if len(words) > 1 and words[-1].casefold() in MUNICIPALITY_WORDS:
        words = words[:-1]
        if re.search(r"[^aeiouyåäös]s$", words[-1].casefold()):
            words[-1] = words[-1][:-1]
    return slugify(" ".join(words))


def _unique(base: str, taken: Collection[str]) -> str:
    number = 2
    candidate = base
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def parse_party(text: str, taken: Collection[str] = ()) -> tuple[PartyDraft, Reading | None]:
    """A --party flag: `Stenungsunds kommun` (its kind and id read from the name),
    `annan:Orustbostäder` (KIND:NAME) or `polisen:police:Lokalpolisområde Södra Fyrbodal`
    (ID:KIND:NAME); with what lofte took a name for, where it proposed the id."""
    parts = [p.strip() for p in text.split(":", 2)]
    if len(parts) == 3:
        return _party_in_full(text, parts), None
    if len(parts) == 2 and parts[0].casefold() in KIND_WORDS and parts[1]:
        name, kind = parts[1], KIND_WORDS[parts[0].casefold()]
    elif len(parts) == 1 and parts[0]:
        name, kind = parts[0], guess_kind(parts[0])
    else:
        raise UsageError(_party_format(text))
    party = PartyDraft(propose_party_id(name, kind, taken), kind, name)
    return party, Reading(text, party.id, f"{name}, {kind}", "--party")


def _party_in_full(text: str, parts: Sequence[str]) -> PartyDraft:
    pid, kind, name = parts
    if not all(parts):
        raise UsageError(_party_format(text))
    if not is_slug(pid):
        message = _("--party: {id} is not a lowercase id (a-z, 0-9, hyphens)")
        raise UsageError(message.format(id=repr(pid)))
    if kind.casefold() not in KIND_WORDS:
        message = _("--party {id}: kind {kind} is not one of {kinds} (polis, kommun, annan)")
        raise UsageError(message.format(id=pid, kind=repr(kind), kinds=", ".join(PARTY_KINDS)))
    return PartyDraft(pid, KIND_WORDS[kind.casefold()], name)


def _party_format(text: str) -> str:
    return _(
        "--party {value}: write the name ('Stenungsunds kommun'), KIND:NAME "
        "('annan:Orustbostäder') or ID:KIND:NAME ('polisen:polis:Lokalpolisområde Södra Fyrbodal')"
    ).format(value=repr(text))


def read_party_name(
    parties: Sequence[PartyDraft], text: str, groups: Collection[str] = ()
) -> Reading:
    """A party (or group) by its id or its name, read as the flags of add-activity read
    them (`Stenungsund`, `stenungsunds kommun`, `Tjörns`); a ValueError names the closest
    party, or the parties there are."""
    from lofte_cli.edit.readers import Known, name_forms, read_value, suggestion

    known = [Known(p.id, p.name, frozenset(name_forms(p.name))) for p in parties]
    known += [Known(group, "", frozenset()) for group in groups]

    def unknown(typed: str) -> str:
        ids = id_list([p.id for p in parties] + list(groups))
        message = _("{typed} is not a party of the pledge (known: {known})")
        return message.format(typed=repr(typed), known=ids)

    def near(typed: str, closest: Known) -> str:
        message = _("{typed} is not a party of the pledge; did you mean {suggestion}?")
        return message.format(typed=repr(typed), suggestion=suggestion(closest))

    return read_value(text, known, unknown=unknown, near=near)


def propose_commitment_id(
    by: Sequence[str], kinds: Mapping[str, str], taken: Collection[str]
) -> str:
    """`polis-N` when the police promise it, `kommun-N` when municipalities do, the party's
    own id when another promises it alone, `gemensamt-N` for a mix; N the next number."""
    found = {kinds.get(b, "other") for b in by}
    if len(found) == 1 and found <= set(ID_PREFIXES):
        prefix = ID_PREFIXES[found.pop()]
    elif len(by) == 1:
        prefix = by[0]
    else:
        prefix = "gemensamt"
    number = 1 + sum(1 for t in taken if re.fullmatch(rf"{re.escape(prefix)}-\d+", t))
    return _unique(f"{prefix}-{number}", taken)


def parse_expect_flag(text: str) -> tuple[str, ExpectReading]:
    """`--expect polis-1=fyra gånger per år` → polis-1 and count 4 per year."""
    cid, sep, answer = text.partition("=")
    if not sep or not is_slug(cid.strip()) or not answer.strip():
        message = _("--expect {value}: write ID=HOW OFTEN, e.g. 'polis-1=fyra gånger per år'")
        raise UsageError(message.format(value=repr(text)))
    try:
        return cid.strip(), read_expect(answer.strip())
    except UsageError as exc:
        raise UsageError(f"--expect {cid.strip()}: {exc}") from None


def parse_expect_of(text: str) -> tuple[str, str]:
    """`--expect-of polis-2=trafikkontroller`: the measure whose sum is counted."""
    cid, sep, measure = text.partition("=")
    if not sep or not is_slug(cid.strip()) or not measure.strip():
        message = _("--expect-of {value}: write ID=MEASURE, e.g. 'polis-2=trafikkontroller'")
        raise UsageError(message.format(value=repr(text)))
    return cid.strip(), measure.strip()


def parse_signatory(text: str) -> SignatoryDraft:
    """`Kicki Nordberg, Kommundirektör, stenungsund`: NAME[, ROLE[, PARTY]]; with three
    parts or more the last is the party and those between make the role."""
    parts = [p.strip() for p in text.split(",")]
    if not parts[0] or not all(parts):
        message = _(
            "--signatory {value}: write NAME, ROLE, PARTY, e.g. "
            "'Kicki Nordberg, Kommundirektör, stenungsund' (role and party may be left out)"
        )
        raise UsageError(message.format(value=repr(text)))
    if len(parts) == 1:
        return SignatoryDraft(parts[0])
    if len(parts) == 2:
        return SignatoryDraft(parts[0], parts[1])
    return SignatoryDraft(parts[0], ", ".join(parts[1:-1]), parts[-1])


def parse_contact(text: str, what: str = "--contact") -> str:
    """An official e-mail address or phone number, as it may be published."""
    if "@" not in text and sum(c.isdigit() for c in text) < 5:  # a word alone is neither
        message = _("{what} {value}: write an e-mail address or a phone number")
        raise UsageError(message.format(what=what, value=repr(text)))
    return " ".join(text.split())
