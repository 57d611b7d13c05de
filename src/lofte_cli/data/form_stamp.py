"""Whether the GitHub issue forms still fit the pledges they were made from.

`lofte forms` writes, on the second line of each form, which pledges it offers and a digest
of what the form shows of each (parties, commitments, measures, period, language). When a
pledge changes after that, or a new one starts, the form offers parties and commitments
that are no longer so: `lofte validate` warns (L130), naming the command that refreshes
them. Forms lofte did not write (no mark on their first line) are not looked at."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path

from lofte_cli.data.document import Position
from lofte_cli.data.model import Catalog, Pledge
from lofte_cli.data.problem import Problem, problem
from lofte_cli.i18n import _

FORMS_DIR = Path(".github") / "ISSUE_TEMPLATE"
FORM_FILES = ("lofte-aktivitet.yml", "lofte-uppfoljning.yml")
MARK = "# Skapad av lofte forms"  # the first line of every form lofte writes
STAMP = "# lofte forms: made from "  # the second line: `id@digest id@digest …`


def running_pledges(catalog: Catalog, day: date) -> list[str]:
    """The pledges whose period holds `day`, by id."""
    found = []
    for key, data in catalog.pledges.items():
        end = catalog.effective_end(data.pledge)
        if data.pledge.start <= day and (end is None or day <= end):
            found.append(key)
    return sorted(found)


def offered_pledges(catalog: Catalog, day: date) -> list[str]:
    """The pledges the forms offer: those running on `day`, else all of them."""
    return running_pledges(catalog, day) or sorted(catalog.pledges)


def pledge_digest(pledge: Pledge) -> str:
    """What a form shows of the pledge, as a short digest: a change to a comment or to the
    pledge's description leaves it as it is."""
    shown = {
        "title": pledge.title,
        "language": pledge.language,
        "period": [str(pledge.start), str(pledge.end)],
        "parties": [[p.id, p.name, p.kind] for p in pledge.parties.values()],
        "groups": {k: list(v) for k, v in pledge.groups.items()},
        "commitments": [
            [c.id, list(c.by), c.text, c.title, c.expect.of if c.expect else None]
            for c in pledge.commitments
        ],
        "measures": pledge.measures,
    }
    text = json.dumps(shown, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def stamp_line(pledges: Sequence[Pledge]) -> str:
    """The second line of a form made from `pledges`."""
    return STAMP + " ".join(f"{p.id}@{pledge_digest(p)}" for p in pledges)


def stale_form_problems(catalog: Catalog, *, today: date) -> list[Problem]:
    """L130 for each form lofte wrote that no longer fits the pledges."""
    offered = {
        key: pledge_digest(catalog.pledges[key].pledge) for key in offered_pledges(catalog, today)
    }
    problems = []
    for path in _forms(catalog.root):
        changed = _changed(path, offered)
        if changed is not None:
            problems.append(problem("L130", path, _message(changed), Position(2, 1)))
    return problems


def _forms(root: Path) -> Iterator[Path]:
    for name in FORM_FILES:
        path = root / FORMS_DIR / name
        if path.is_file():
            yield path


def _changed(path: Path, offered: dict[str, str]) -> list[str] | None:
    """The pledges the form at `path` shows otherwise than they are (new, changed or gone),
    an empty list for a form without a stamp, None when it fits or lofte did not write it."""
    try:
        with path.open(encoding="utf-8") as stream:
            first, second = stream.readline(), stream.readline()
    except (OSError, UnicodeDecodeError):
        return None
    if not first.startswith(MARK):
        return None
    if not second.startswith(STAMP):
        return []
    made = dict(item.partition("@")[::2] for item in second[len(STAMP) :].split())
    changed = sorted(k for k in offered.keys() | made.keys() if offered.get(k) != made.get(k))
    return changed or None


def _message(changed: list[str]) -> str:
    if not changed:
        return _("the issue form was made by an older lofte; run `lofte forms` to make it again")
    return _(
        "the issue form was made from other versions of the pledges ({pledges}); "
        "run `lofte forms` to make it again"
    ).format(pledges=", ".join(changed))
