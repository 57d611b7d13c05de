"""The catalogue of problem codes: one stable code, a severity, a title and a one-line hint
each. Titles and hints are written in English and marked for the catalog; `title` and `hint`
say them in the language lofte speaks when they are read."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from lofte_cli.i18n import N_, _

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Code:
    """A kind of problem that `lofte validate` reports, by its stable code. `source_title`
    and `source_hint` are the English texts (the catalog's msgids)."""

    code: str
    severity: Severity
    source_title: str
    source_hint: str

    @property
    def title(self) -> str:
        """What is wrong, in the active language."""
        return _(self.source_title)

    @property
    def hint(self) -> str:
        """What to do about it, in the active language."""
        return _(self.source_hint)


_CODES = [
    # L1xx: files, structure and references
    Code(
        "L100",
        "error",
        N_("YAML syntax error"),
        N_("Fix the YAML at the line shown; check indentation, quotes and colons."),
    ),
    Code(
        "L101",
        "error",
        N_("not UTF-8 text"),
        N_(
            "Save the file as UTF-8 without a byte-order mark; binary files do not belong in the data."
        ),
    ),
    Code(
        "L102",
        "error",
        N_("empty file or not a mapping"),
        N_("A data file holds one YAML mapping (key: value lines)."),
    ),
    Code(
        "L103",
        "error",
        N_("unknown commitment"),
        N_("Use one of the commitment ids listed in the pledge's pledge.yaml."),
    ),
    Code(
        "L104",
        "error",
        N_("unknown party or group"),
        N_("Use a party id from `parties` or a group from `groups` in pledge.yaml."),
    ),
    Code(
        "L105",
        "error",
        N_("unknown focus area"),
        N_("Use a key of `focus_areas` in pledge.yaml, or add the focus area there."),
    ),
    Code(
        "L106",
        "error",
        N_("unknown indicator"),
        N_("Use an indicator id from `indicators` in pledge.yaml."),
    ),
    Code(
        "L107",
        "warning",
        N_("superseded pledge not found"),
        N_("`supersedes` names a pledge folder that is not in this repository."),
    ),
    Code(
        "L108",
        "error",
        N_("id does not match the file name"),
        N_("Make `id` equal the file name without .yaml (or the pledge folder's name)."),
    ),
    Code(
        "L109",
        "error",
        N_("duplicate id"),
        N_("Give each commitment, indicator, party and group its own id."),
    ),
    Code(
        "L110",
        "error",
        N_("duplicate key"),
        N_("Each key may appear once in a mapping; merge or remove the repeated key."),
    ),
    Code(
        "L111",
        "error",
        N_("YAML tag not allowed"),
        N_("Remove the `!tag`: data files hold plain values only."),
    ),
    Code(
        "L112",
        "error",
        N_("file too large or too complex"),
        N_("Keep a data file small: no alias chains, deep nesting or files over 1 MiB."),
    ),
    Code(
        "L113",
        "error",
        N_("unknown key"),
        N_("Remove the key or correct its spelling; the schema lists the allowed keys."),
    ),
    Code(
        "L114",
        "error",
        N_("missing required key"),
        N_("Add the key; the schema in schemas/ lists what each file needs."),
    ),
    Code(
        "L115",
        "error",
        N_("wrong value"),
        N_("Give the value the type and form the schema asks for."),
    ),
    Code(
        "L116", "error", N_("link is not http(s)"), N_("Links must start with https:// or http://.")
    ),
    Code(
        "L117",
        "warning",
        N_("party not responsible for the commitments"),
        N_("List the activity under a commitment the party promised, or check `by`."),
    ),
    Code(
        "L118",
        "warning",
        N_("duplicate activity"),
        N_("Two activities share date, title and parties; delete one or tell them apart."),
    ),
    Code(
        "L119",
        "warning",
        N_("expected measure never reported"),
        N_("Report the measure named by `expect.of` in the activities' `measures`."),
    ),
    Code(
        "L120",
        "error",
        N_("file in the wrong place"),
        N_(
            "Put pledges in data/pledges/<id>/pledge.yaml, activities in activities/*.yaml, follow-ups in followups/*.yaml."
        ),
    ),
    Code(
        "L121",
        "error",
        N_("pledge supersedes itself"),
        N_("`supersedes` names the previous edition of the pledge, not the pledge itself."),
    ),
    Code(
        "L122",
        "error",
        N_("link leads outside the data repository"),
        N_(
            "Copy the file into the repository instead of linking to it; lofte reads nothing outside."
        ),
    ),
    Code(
        "L123",
        "error",
        N_("name is not a lowercase id"),
        N_(
            "Rename the file or folder: lowercase a-z, 0-9 and single hyphens (å, ä → a; ö → o).",
        ),
    ),
    Code(
        "L124",
        "warning",
        N_("promised number not counted"),
        N_(
            "Add `expect` to the commitment, e.g. `expect: {count: 4, per: year}` for four a year; "
            "`per` is week, month, quarter, tertial, half-year, year or period."
        ),
    ),
    Code(
        "L125",
        "error",
        N_("unknown municipality code"),
        N_(
            "Use the municipality's four-digit code from Statistics Sweden (SCB), in quotes: "
            '`code: "1415"`.'
        ),
    ),
    Code(
        "L126",
        "warning",
        N_("municipality without its code"),
        N_("Add the code the message names to the party, so the pages can place the pledge."),
    ),
    Code(
        "L127",
        "error",
        N_("unknown police region"),
        N_(
            "Use one of the seven police regions, written as here: "
            "`Nord`, `Mitt`, `Stockholm`, `Öst`, `Väst`, `Syd`, `Bergslagen`."
        ),
    ),
    Code(
        "L128",
        "warning",
        N_("police region does not match the municipality"),
        N_("Check `police_region` and the municipalities' `code`: a county belongs to one region."),
    ),
    Code(
        "L129",
        "error",
        N_("unknown theme"),
        N_("Use one of lofte's national themes (the README lists them), or leave `theme` out."),
    ),
    Code(
        "L130",
        "warning",
        N_("issue forms older than the pledges"),
        N_(
            "Run `lofte forms` after changing a pledge, so that the forms on GitHub offer its "
            "parties, commitments and measures as they are now."
        ),
    ),
    # L2xx: dates
    Code(
        "L201",
        "error",
        N_("not a real date"),
        N_("Write dates as YYYY-MM-DD and check that the day exists."),
    ),
    Code(
        "L202",
        "error",
        N_("date outside the pledge period"),
        N_(
            "Date the activity inside the pledge's period (a follow-up not before its start), "
            "or file it under the right pledge."
        ),
    ),
    Code(
        "L203",
        "error",
        N_("done activity in the future"),
        N_("Use `status: planned` for future activities, or correct the date."),
    ),
    Code(
        "L204",
        "error",
        N_("end before start"),
        N_("`end_date` (or `period.end`) must not be before the start date."),
    ),
    Code(
        "L205",
        "error",
        N_("follow-up date does not match the file name"),
        N_("Name the follow-up file after its `date`: followups/<date>.yaml."),
    ),
    # L3xx: personal data in public text
    Code(
        "L301",
        "error",
        N_("personal identity number"),
        N_(
            "Remove the personnummer or samordningsnummer; public text must not identify private persons."
        ),
    ),
    Code(
        "L302",
        "error",
        N_("e-mail address"),
        N_(
            "Remove the address, or list it as an official contact under `contacts` in pledge.yaml."
        ),
    ),
    Code(
        "L303",
        "error",
        N_("phone number"),
        N_("Remove the number, or list it as an official contact under `contacts` in pledge.yaml."),
    ),
]

CODES: dict[str, Code] = {c.code: c for c in _CODES}
