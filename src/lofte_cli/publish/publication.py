"""What may go out to the public or be shared (pages, feeds, calendars, the report, the
export, coverage): the data as `lofte validate` judges it, the files with errors taken out,
and what holds a publication back — personal data wherever it would appear (the files and
the names in the change history) and files with errors. The command line asks `verdict`
what to refuse and what to say; nothing here prints."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from lofte_cli.data.history import Revision, pledge_history
from lofte_cli.data.loader import LoadResult, load_catalog
from lofte_cli.data.model import Catalog, PledgeData
from lofte_cli.data.privacy import find_personal_data
from lofte_cli.data.problem import Problem, problem


@dataclass(frozen=True)
class Publication:
    """The catalog of what may be published, and what keeps it back."""

    catalog: Catalog  # every file without an error; personal data is a separate matter
    personal: tuple[Problem, ...]  # L3xx in the files and in the change history
    errors: tuple[Problem, ...]  # every other error; their files are left out
    left_out: tuple[Path, ...]  # the files those errors are in
    histories: dict[str, list[Revision]]


@dataclass(frozen=True)
class Action:
    """How a command speaks of what it does: ("published", "publish", "publishing")."""

    done: str
    do: str
    doing: str


ACTIONS = {
    "publish": Action("published", "publish", "publishing"),
    "report": Action("written", "write the report", "reporting"),
    "export": Action("exported", "export", "exporting"),
    "show": Action("shown", "show it", "showing"),
}


@dataclass(frozen=True)
class Verdict:
    """What the command line says and does: the problems to list and the one-line refusal
    (nothing goes out); or, forced, the findings that go out and the errors whose files
    are left out, each to be named."""

    refusal: str | None
    action: Action
    listed: tuple[Problem, ...] = ()
    despite: tuple[Problem, ...] = ()
    left_out: tuple[Problem, ...] = ()


def prepare_publication(
    root: Path, *, today: date, use_cache: bool = True, history: bool = False
) -> Publication:
    """Load the data, check it as `lofte validate` does (the cross-file rules too), and
    take out the files with errors; with `history`, read each pledge's revisions from git
    and look for personal data in the names shown with them."""
    from lofte_cli.data.validate import cross_file_problems

    loaded = load_catalog(root, use_cache=use_cache)
    problems = [*loaded.problems, *cross_file_problems(loaded, today=today)]
    return publication_of(loaded, problems, history=history)


def publication_of(loaded: LoadResult, problems: list[Problem], *, history: bool) -> Publication:
    personal = _personal(problems)
    errors = sorted({p for p in problems if p.severity == "error" and p.code[:2] != "L3"})
    left_out = sorted({p.path for p in errors})
    catalog = without_files(loaded.catalog, set(left_out))
    histories: dict[str, list[Revision]] = {}
    if history:
        for key, data in catalog.pledges.items():
            histories[key] = pledge_history(catalog.root, key)
            personal += history_findings(data, histories[key])
    return Publication(catalog, tuple(personal), tuple(errors), tuple(left_out), histories)


def without_files(catalog: Catalog, paths: set[Path]) -> Catalog:
    """The catalog without the files in `paths`; a pledge whose pledge.yaml is among them
    goes with everything filed under it."""
    if not paths:
        return catalog
    kept: dict[str, PledgeData] = {}
    for key, data in catalog.pledges.items():
        if data.pledge.doc.path in paths:
            continue
        kept[key] = dataclasses.replace(
            data,
            activities=tuple(a for a in data.activities if a.doc.path not in paths),
            followups=tuple(f for f in data.followups if f.doc.path not in paths),
        )
    return Catalog(catalog.root, kept)


def history_findings(data: PledgeData, revisions: Iterable[Revision]) -> list[Problem]:
    """Personal data in the author names the change history shows, found as in the files."""
    found: list[Problem] = []
    for revision in revisions:
        for finding in find_personal_data(revision.author):
            found.append(
                problem(
                    finding.code,
                    data.pledge.doc.path,
                    f"{finding.kind} {finding.text!r} in the git author name of commit "
                    f"{revision.commit} (shown in the change history)",
                )
            )
    return found


def verdict(publication: Publication, *, force: bool, action: str = "publish") -> Verdict:
    """Refuse while personal data or errors remain, listing them; with `force`, go ahead
    and name every finding that goes out and every error that keeps a file out."""
    return _verdict(publication.personal, publication.errors, force=force, action=ACTIONS[action])


def personal_data_verdict(
    problems: Iterable[Problem], *, force: bool, action: str = "show"
) -> Verdict:
    """The same for an output that shows the data as it loaded (coverage): only personal
    data holds it back."""
    return _verdict(tuple(_personal(problems)), (), force=force, action=ACTIONS[action])


def _personal(problems: Iterable[Problem]) -> list[Problem]:
    return sorted({p for p in problems if p.severity == "error" and p.code[:2] == "L3"})


def _verdict(
    personal: tuple[Problem, ...], errors: tuple[Problem, ...], *, force: bool, action: Action
) -> Verdict:
    if force:
        # A file left out for its errors is not published, personal data or not.
        left = {p.path for p in errors}
        despite = tuple(p for p in personal if p.path not in left)
        return Verdict(None, action, despite=despite, left_out=errors)
    if personal:
        files = len({p.path for p in personal})
        return Verdict(
            f"not {action.done}: {files} file(s) hold personal data (above); remove it, or "
            f"{action.do} anyway with --force",
            action,
            listed=personal,
        )
    if errors:
        files = len({p.path for p in errors})
        return Verdict(
            f"not {action.done}: {files} file(s) have errors (above); fix them (lofte "
            "validate shows how), or add --force to leave them out",
            action,
            listed=errors,
        )
    return Verdict(None, action)


def files_with_errors(problems: Iterable[Problem]) -> set[Path]:
    """The files with an error other than personal data: left out, or only partly used."""
    return {p.path for p in problems if p.severity == "error" and p.code[:2] != "L3"}
