"""The GitHub issue forms made from the pledges (`.github/ISSUE_TEMPLATE/`): "Ny aktivitet",
whose answers `lofte add-activity --from-issue` turns into an activity file, and
"Uppföljning", whose answers `lofte assess --from-issue` records. Every label in the
pledge's language; commitments named `id: text` so that an answer maps back to its id.
Files lofte did not write (no first-line mark) are not overwritten without `force`."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from lofte_cli.data.form_stamp import FORM_FILES, FORMS_DIR, MARK, offered_pledges, stamp_line
from lofte_cli.data.model import Catalog, Commitment, Pledge, require_pledges
from lofte_cli.data.yaml_roundtrip import roundtrip_yaml
from lofte_cli.edit.lofte_source import default_source, pip_requirement, source_in
from lofte_cli.edit.workflow import WORKFLOW_PATH, issue_workflow
from lofte_cli.errors import LofteError
from lofte_cli.i18n import _, translations
from lofte_cli.slug import slugify
from lofte_cli.values import ASSESSMENT_STATUSES
from lofte_cli.write import write_atomic

ACTIVITY_FORM, FOLLOWUP_FORM = FORM_FILES
ACTIVITY_LABEL = "aktivitet"  # the issue label the workflow acts on
FOLLOWUP_LABEL = "uppföljning"

# The status words offered in the follow-up form, in the pledge's language (both are read
# back by `read_assessment_status`).
STATUS_WORDS = {
    "sv": {
        "not-started": "ej påbörjat",
        "ongoing": "pågår",
        "done": "genomfört",
        "partly-done": "delvis",
        "not-done": "ej genomfört",
        "not-applicable": "ej aktuellt",
    },
    "en": {status: status for status in ASSESSMENT_STATUSES},
}

Gettext = Callable[[str], str]


@dataclass(frozen=True)
class FormLabels:
    """The label of every field of the forms, in one language: how a form writes them and
    how an issue body is read back."""

    pledge: str
    date: str
    by: str
    commitments: str
    title: str
    description: str
    place: str
    participants: str
    hours: str
    links: str
    commitment: str
    status: str
    comment: str


def form_labels(language: str) -> FormLabels:
    """The field labels in `language` (the pledge's)."""
    _ = translations(language).gettext
    return FormLabels(
        pledge=_("Pledge"),
        date=_("Date (YYYY-MM-DD)"),
        by=_("Who carried it out"),
        commitments=_("Commitments it serves"),
        title=_("Title (short, for the public)"),
        description=_("Description (for the public)"),
        place=_("Place"),
        participants=_("Number of participants"),
        hours=_("Person-hours"),
        links=_("Links (one a line: address, then a title if you like)"),
        commitment=_("Commitment"),
        status=_("Status"),
        comment=_("Comment (public)"),
    )


def commitment_label(commitment: Commitment) -> str:
    """`polis-1: Genomföra trafikkontroller …`: the id first, so the answer maps back."""
    return f"{commitment.id}: {' '.join(commitment.text.split())}"


def measure_label(pledge: Pledge, measure: str, language: str) -> str:
    """The label of a measure's field: its name in the pledge, and its id to map back."""
    _ = translations(language).gettext
    name = pledge.measures.get(measure, measure)
    return _("Number: {name} ({id})").format(name=name, id=measure)


def counted_measures(pledges: Sequence[Pledge]) -> list[tuple[Pledge, str]]:
    """Each measure some commitment's `expect.of` counts, once, with its pledge."""
    found: dict[str, Pledge] = {}
    for pledge in pledges:
        for c in pledge.commitments:
            if c.expect is not None and c.expect.of and c.expect.of not in found:
                found[c.expect.of] = pledge
    return [(pledge, measure) for measure, pledge in found.items()]


def form_pledges(catalog: Catalog, today: date) -> list[Pledge]:
    """The pledges the forms offer: those running today, else all of them."""
    require_pledges(catalog)
    return [catalog.pledges[i].pledge for i in offered_pledges(catalog, today)]


def forms_language(pledges: Sequence[Pledge]) -> str:
    """The language of the forms: the first pledge's (by id) of those they offer."""
    return pledges[0].language if pledges else "sv"


def _required(field_type: str, field_id: str, attributes: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": field_type,
        "id": field_id,
        "attributes": attributes,
        "validations": {"required": True},
    }


def _optional(field_type: str, field_id: str, attributes: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": field_type,
        "id": field_id,
        "attributes": attributes,
        "validations": {"required": False},
    }


def _unique(items: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(items))


def activity_form(pledges: Sequence[Pledge]) -> dict[str, Any]:
    """The form "Ny aktivitet" for `pledges` (a pledge dropdown when there are several)."""
    lang = forms_language(pledges)
    _ = translations(lang).gettext
    labels = form_labels(lang)
    body: list[dict[str, Any]] = [
        {
            "type": "markdown",
            "attributes": {
                "value": _(
                    "Fill in what was done. lofte checks the answers and makes a pull request with "
                    "the activity file, or comments here on what to fix."
                )
            },
        }
    ]
    if len(pledges) > 1:
        options = [f"{p.id}: {p.title}" for p in pledges]
        body.append(_required("dropdown", "pledge", {"label": labels.pledge, "options": options}))
    body.append(_required("input", "date", {"label": labels.date, "placeholder": "2024-03-14"}))
    parties = _unique([party.name or party.id for p in pledges for party in p.parties.values()])
    commitments = _unique([commitment_label(c) for p in pledges for c in p.commitments])
    body.append(_checkboxes("by", labels.by, parties))
    body.append(_checkboxes("commitments", labels.commitments, commitments))
    body.append(_required("input", "title", {"label": labels.title}))
    body.append(_required("textarea", "description", {"label": labels.description}))
    body.append(_optional("input", "place", {"label": labels.place}))
    body.append(_optional("input", "participants", {"label": labels.participants}))
    for index, (pledge, measure) in enumerate(counted_measures(pledges)):
        label = measure_label(pledge, measure, lang)
        field_id = f"measure-{slugify(measure)}"  # GitHub takes [A-Za-z0-9_-], unique
        if field_id == "measure-" or any(e.get("id") == field_id for e in body):
            field_id = f"measure-{index + 1}"
        body.append(_optional("input", field_id, {"label": label}))
    body.append(_optional("input", "hours", {"label": labels.hours, "placeholder": "7,5"}))
    body.append(_optional("textarea", "links", {"label": labels.links}))
    return {
        "name": _("New activity"),
        "description": _("Log an activity of the pledge; it becomes a reviewed pull request."),
        "title": _("Activity: "),
        "labels": [ACTIVITY_LABEL],
        "body": body,
    }


def _checkboxes(field_id: str, label: str, options: Sequence[str]) -> dict[str, Any]:
    # Each box is optional: GitHub's "required" on a box means that very box must be ticked.
    return {
        "type": "checkboxes",
        "id": field_id,
        "attributes": {"label": label, "options": [{"label": text} for text in options]},
    }


def followup_form(pledges: Sequence[Pledge]) -> dict[str, Any]:
    """The form "Uppföljning": a commitment, its status, a comment and the date."""
    lang = forms_language(pledges)
    _ = translations(lang).gettext
    labels = form_labels(lang)
    words = STATUS_WORDS.get(lang, STATUS_WORDS["en"])
    body: list[dict[str, Any]] = []
    if len(pledges) > 1:
        options = [f"{p.id}: {p.title}" for p in pledges]
        body.append(_required("dropdown", "pledge", {"label": labels.pledge, "options": options}))
    commitments = _unique([commitment_label(c) for p in pledges for c in p.commitments])
    body.append(
        _required("dropdown", "commitment", {"label": labels.commitment, "options": commitments})
    )
    statuses = [words[s] for s in ASSESSMENT_STATUSES]
    body.append(_required("dropdown", "status", {"label": labels.status, "options": statuses}))
    body.append(_required("textarea", "comment", {"label": labels.comment}))
    body.append(_optional("input", "date", {"label": labels.date, "placeholder": "2024-12-15"}))
    return {
        "name": _("Follow-up"),
        "description": _("Assess how a commitment of the pledge is kept."),
        "title": _("Follow-up: "),
        "labels": [FOLLOWUP_LABEL],
        "body": body,
    }


def form_text(form: dict[str, Any], pledges: Sequence[Pledge]) -> str:
    """A form as the YAML file lofte writes, its first line the mark."""
    stream = io.StringIO()
    yaml = roundtrip_yaml()
    yaml.dump(form, stream)
    # The form's own language: a Swedish form says it all in Swedish (the mark stays).
    _ = translations(forms_language(pledges)).gettext
    again = _("lofte forms writes it again when the pledges change")
    head = f"{MARK} ({again})\n{stamp_line(pledges)}"
    return f"{head}\n{stream.getvalue()}"


@dataclass(frozen=True)
class PlannedForms:
    """The forms' files (relative to the data root) and their text."""

    files: dict[Path, str]


def plan_forms(catalog: Catalog, *, today: date, source: str) -> PlannedForms:
    """The two forms, and the workflow that turns their issues into pull requests,
    installing lofte from `source` (a pip requirement)."""
    pledges = form_pledges(catalog, today)
    workflow = f"{MARK} (lofte forms writes it again)\n{issue_workflow(source)}"
    return PlannedForms(
        {
            FORMS_DIR / ACTIVITY_FORM: form_text(activity_form(pledges), pledges),
            FORMS_DIR / FOLLOWUP_FORM: form_text(followup_form(pledges), pledges),
            Path(WORKFLOW_PATH): workflow,
        }
    )


def workflow_source(root: Path, given: str | None) -> str:
    """What the issue workflow installs lofte from: `given` (`--lofte-source`), else what
    the workflow lofte wrote there already installs (so that refreshing the forms keeps the
    source chosen at `lofte init`), else this version of lofte."""
    if given is not None:
        return pip_requirement(given)
    try:
        text = (root / WORKFLOW_PATH).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return default_source()
    kept = source_in(text) if text.startswith(MARK) else None
    return pip_requirement(kept) if kept else default_source()


def refresh_forms(root: Path, catalog: Catalog, *, today: date) -> list[Path]:
    """After a new pledge: the forms made again in a repository that `lofte init` or
    `lofte forms` set up for them (lofte's issue workflow is there), so that they offer the
    new pledge at once. Forms someone else wrote are left as they are."""
    if _foreign(root / WORKFLOW_PATH) or not (root / WORKFLOW_PATH).is_file():
        return []
    planned = plan_forms(catalog, today=today, source=workflow_source(root, None))
    changed = {
        rel: text
        for rel, text in planned.files.items()
        if not _foreign(root / rel) and _text(root / rel) != text
    }
    return write_forms(root, PlannedForms(changed))


def _text(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def write_forms(root: Path, planned: PlannedForms, *, force: bool = False) -> list[Path]:
    """Write the forms under `root`; a file there that lofte did not write is refused
    (nothing is written) unless `force`."""
    foreign = [rel for rel in planned.files if not force and _foreign(root / rel)]
    if foreign:
        raise LofteError(
            _(
                "{path}:1: not written: lofte did not write this file; use --force to replace it"
            ).format(path=root / foreign[0])
        )
    written = []
    for rel, text in planned.files.items():
        write_atomic(root / rel, text)
        written.append(root / rel)
    return written


def _foreign(path: Path) -> bool:
    if not path.exists():
        return False
    with path.open(encoding="utf-8", errors="replace") as stream:
        return not stream.readline().startswith(MARK)
