"""The catalogue of problem codes: one stable code, a severity and a one-line hint each."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Code:
    """A kind of problem that `lofte validate` reports, by its stable code."""

    code: str
    severity: Severity
    title: str
    hint: str


_CODES = [
    # L1xx: files, structure and references
    Code(
        "L100",
        "error",
        "YAML syntax error",
        "Fix the YAML at the line shown; check indentation, quotes and colons.",
    ),
    Code(
        "L101",
        "error",
        "not UTF-8 text",
        "Save the file as UTF-8 without a byte-order mark; binary files do not belong in the data.",
    ),
    Code(
        "L102",
        "error",
        "empty file or not a mapping",
        "A data file holds one YAML mapping (key: value lines).",
    ),
    Code(
        "L103",
        "error",
        "unknown commitment",
        "Use one of the commitment ids listed in the pledge's pledge.yaml.",
    ),
    Code(
        "L104",
        "error",
        "unknown party or group",
        "Use a party id from `parties` or a group from `groups` in pledge.yaml.",
    ),
    Code(
        "L105",
        "error",
        "unknown focus area",
        "Use a key of `focus_areas` in pledge.yaml, or add the focus area there.",
    ),
    Code(
        "L106",
        "error",
        "unknown indicator",
        "Use an indicator id from `indicators` in pledge.yaml.",
    ),
    Code(
        "L107",
        "warning",
        "superseded pledge not found",
        "`supersedes` names a pledge folder that is not in this repository.",
    ),
    Code(
        "L108",
        "error",
        "id does not match the file name",
        "Make `id` equal the file name without .yaml (or the pledge folder's name).",
    ),
    Code(
        "L109",
        "error",
        "duplicate id",
        "Give each commitment, indicator, party and group its own id.",
    ),
    Code(
        "L110",
        "error",
        "duplicate key",
        "Each key may appear once in a mapping; merge or remove the repeated key.",
    ),
    Code(
        "L111",
        "error",
        "YAML tag not allowed",
        "Remove the `!tag`: data files hold plain values only.",
    ),
    Code(
        "L112",
        "error",
        "file too large or too complex",
        "Keep a data file small: no alias chains, deep nesting or files over 1 MiB.",
    ),
    Code(
        "L113",
        "error",
        "unknown key",
        "Remove the key or correct its spelling; the schema lists the allowed keys.",
    ),
    Code(
        "L114",
        "error",
        "missing required key",
        "Add the key; the schema in schemas/ lists what each file needs.",
    ),
    Code("L115", "error", "wrong value", "Give the value the type and form the schema asks for."),
    Code("L116", "error", "link is not http(s)", "Links must start with https:// or http://."),
    Code(
        "L117",
        "warning",
        "party not responsible for the commitments",
        "List the activity under a commitment the party promised, or check `by`.",
    ),
    Code(
        "L118",
        "warning",
        "duplicate activity",
        "Two activities share date, title and parties; delete one or tell them apart.",
    ),
    Code(
        "L119",
        "warning",
        "expected measure never reported",
        "Report the measure named by `expect.of` in the activities' `measures`.",
    ),
    Code(
        "L120",
        "error",
        "file in the wrong place",
        "Put pledges in data/pledges/<id>/pledge.yaml, activities in activities/*.yaml, follow-ups in followups/*.yaml.",
    ),
    Code(
        "L121",
        "error",
        "pledge supersedes itself",
        "`supersedes` names the previous edition of the pledge, not the pledge itself.",
    ),
    Code(
        "L122",
        "error",
        "link leads outside the data repository",
        "Copy the file into the repository instead of linking to it; lofte reads nothing outside.",
    ),
    Code(
        "L123",
        "error",
        "name is not a lowercase id",
        "Rename the file or folder: lowercase a-z, 0-9 and single hyphens (å, ä → a; ö → o).",
    ),
    # L2xx: dates
    Code(
        "L201",
        "error",
        "not a real date",
        "Write dates as YYYY-MM-DD and check that the day exists.",
    ),
    Code(
        "L202",
        "error",
        "date outside the pledge period",
        "Date the activity inside the pledge's period, or file it under the right pledge.",
    ),
    Code(
        "L203",
        "error",
        "done activity in the future",
        "Use status: planned for future activities, or correct the date.",
    ),
    Code(
        "L204",
        "error",
        "end before start",
        "`end_date` (or `period.end`) must not be before the start date.",
    ),
    Code(
        "L205",
        "error",
        "follow-up date does not match the file name",
        "Name the follow-up file after its `date`: followups/<date>.yaml.",
    ),
    # L3xx: personal data in public text
    Code(
        "L301",
        "error",
        "personal identity number",
        "Remove the personnummer or samordningsnummer; public text must not identify private persons.",
    ),
    Code(
        "L302",
        "error",
        "e-mail address",
        "Remove the address, or list it as an official contact under `contacts` in pledge.yaml.",
    ),
    Code(
        "L303",
        "error",
        "phone number",
        "Remove the number, or list it as an official contact under `contacts` in pledge.yaml.",
    ),
]

CODES: dict[str, Code] = {c.code: c for c in _CODES}
