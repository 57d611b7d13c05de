"""What may go out to the public or be shared (pages, feeds, calendars, the report, the
export, coverage): the data as `lofte validate` judges it, the files with errors taken out,
and what holds a publication back — personal data wherever it would appear (the files, and
the git author names when the change history is published with them) and files with
errors. The command line asks `verdict` what to refuse and what to say; nothing here
prints."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from lofte_cli.data.history import Revision
from lofte_cli.data.history_cache import pledge_histories
from lofte_cli.data.loader import LoadResult, PledgeFiles, load_catalog
from lofte_cli.data.model import Catalog, PledgeData
from lofte_cli.data.privacy import find_personal_data
from lofte_cli.data.problem import Problem, problem
from lofte_cli.i18n import N_, _, ngettext


@dataclass(frozen=True)
class Publication:
    """The catalog of what may be published, and what keeps it back."""

    catalog: Catalog  # every file without an error; personal data is a separate matter
    personal: tuple[Problem, ...]  # L3xx in the files and in the change history
    errors: tuple[Problem, ...]  # every other error; their files are left out
    left_out: tuple[Path, ...]  # the files those errors are in
    histories: dict[str, list[Revision]]
    # Per pledge folder, its files as loaded; and a pledge with all its activities and
    # follow-ups where the catalog was loaded without those of unchanged pledges.
    folders: Mapping[str, PledgeFiles] = field(default_factory=dict)
    complete: Callable[[str], PledgeData] | None = None

    def full(self, key: str) -> PledgeData:
        """The pledge in folder `key` with every file it may publish."""
        data = self.catalog.pledges[key]
        if self.complete is None or data.activities or data.followups:
            return data
        whole = Catalog(self.catalog.root, {key: self.complete(key)})
        return without_files(whole, set(self.left_out)).pledges[key]


@dataclass(frozen=True)
class Action:
    """What a command does, in the code's English: ("published", "publish", "publishing").
    What the command line says of it is in whole sentences, by the action's name in
    ACTIONS (`_refusal` here), so that each can be translated as a whole."""

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
    root: Path,
    *,
    today: date,
    use_cache: bool = True,
    history: bool = False,
    history_authors: bool = False,
    only_changed: bool = False,
) -> Publication:
    """Load the data, check it as `lofte validate` does (the cross-file rules too), and
    take out the files with errors; with `history`, read each pledge's revisions from git.
    The pages show who made a revision only with `history_authors`, and only then are
    those names searched for personal data: a name that is not published is not checked.
    With `only_changed`, pledges whose files are as the cache knows them come without
    their activities and follow-ups (see `Publication.full`)."""
    from lofte_cli.data.validate import cross_file_problems

    loaded = load_catalog(root, use_cache=use_cache, only_changed=only_changed)
    problems = [*loaded.problems, *cross_file_problems(loaded, today=today)]
    found = publication_of(
        loaded, problems, history=history, history_authors=history_authors, use_cache=use_cache
    )
    if not only_changed:
        return found
    return dataclasses.replace(found, folders=loaded.folders, complete=loaded.full)


def publication_of(
    loaded: LoadResult,
    problems: list[Problem],
    *,
    history: bool,
    history_authors: bool = False,
    use_cache: bool = False,
) -> Publication:
    personal = _personal(problems)
    errors = sorted({p for p in problems if p.severity == "error" and p.code[:2] != "L3"})
    left_out = sorted({p.path for p in errors})
    catalog = without_files(loaded.catalog, set(left_out))
    histories: dict[str, list[Revision]] = {}
    if history:
        histories = pledge_histories(catalog.root, catalog.pledges, use_cache=use_cache)
        for key, data in catalog.pledges.items():
            if history_authors:
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


# By the kind of personal data found (privacy.Finding.kind); {commit} is a git commit id.
_IN_AUTHOR_NAME = {
    "personnummer": N_(
        "personnummer {text} in the git author name of commit {commit} (shown in the change "
        "history)"
    ),
    "samordningsnummer": N_(
        "samordningsnummer {text} in the git author name of commit {commit} (shown in the "
        "change history)"
    ),
    "e-mail address": N_(
        "e-mail address {text} in the git author name of commit {commit} (shown in the "
        "change history)"
    ),
    "phone number": N_(
        "phone number {text} in the git author name of commit {commit} (shown in the change "
        "history)"
    ),
}


def history_findings(data: PledgeData, revisions: Iterable[Revision]) -> list[Problem]:
    """Personal data in the author names the change history shows, found as in the files."""
    found: list[Problem] = []
    for revision in revisions:
        for finding in find_personal_data(revision.author):
            message = _(_IN_AUTHOR_NAME[finding.kind]).format(
                text=repr(finding.text), commit=revision.commit
            )
            found.append(problem(finding.code, data.pledge.doc.path, message))
    return found


def verdict(publication: Publication, *, force: bool, action: str = "publish") -> Verdict:
    """Refuse while personal data or errors remain, listing them; with `force`, go ahead
    and name every finding that goes out and every error that keeps a file out."""
    return _verdict(publication.personal, publication.errors, force=force, action=action)


def personal_data_verdict(
    problems: Iterable[Problem], *, force: bool, action: str = "show"
) -> Verdict:
    """The same for an output that shows the data as it loaded (coverage): only personal
    data holds it back."""
    return _verdict(tuple(_personal(problems)), (), force=force, action=action)


def _personal(problems: Iterable[Problem]) -> list[Problem]:
    return sorted({p for p in problems if p.severity == "error" and p.code[:2] == "L3"})


def _verdict(
    personal: tuple[Problem, ...], errors: tuple[Problem, ...], *, force: bool, action: str
) -> Verdict:
    if force:
        # A file left out for its errors is not published, personal data or not.
        left = {p.path for p in errors}
        despite = tuple(p for p in personal if p.path not in left)
        return Verdict(None, ACTIONS[action], despite=despite, left_out=errors)
    if personal:
        refusal = _refusal(action, "personal", len({p.path for p in personal}))
        return Verdict(refusal, ACTIONS[action], listed=personal)
    if errors:
        refusal = _refusal(action, "errors", len({p.path for p in errors}))
        return Verdict(refusal, ACTIONS[action], listed=errors)
    return Verdict(None, ACTIONS[action])


def _refusal(action: str, held_back_by: str, files: int) -> str:
    """Why nothing goes out, in the active language: `files` files hold personal data, or
    have errors ("not published: 2 file(s) have errors (above); …")."""
    # The English says "file(s)" in both forms; a translation has the form for the count.
    personal = {
        "publish": ngettext(
            "not published: {count} file(s) hold personal data (above); remove it, or "
            "publish anyway with --force",
            "not published: {count} file(s) hold personal data (above); remove it, or "
            "publish anyway with --force",
            files,
        ),
        "report": ngettext(
            "not written: {count} file(s) hold personal data (above); remove it, or write "
            "the report anyway with --force",
            "not written: {count} file(s) hold personal data (above); remove it, or write "
            "the report anyway with --force",
            files,
        ),
        "export": ngettext(
            "not exported: {count} file(s) hold personal data (above); remove it, or export "
            "anyway with --force",
            "not exported: {count} file(s) hold personal data (above); remove it, or export "
            "anyway with --force",
            files,
        ),
        "show": ngettext(
            "not shown: {count} file(s) hold personal data (above); remove it, or show it "
            "anyway with --force",
            "not shown: {count} file(s) hold personal data (above); remove it, or show it "
            "anyway with --force",
            files,
        ),
    }
    if held_back_by == "personal":
        return personal[action].format(count=files)
    errors = {
        "publish": ngettext(
            "not published: {count} file(s) have errors (above); fix them (lofte validate "
            "shows how), or add --force to leave them out",
            "not published: {count} file(s) have errors (above); fix them (lofte validate "
            "shows how), or add --force to leave them out",
            files,
        ),
        "report": ngettext(
            "not written: {count} file(s) have errors (above); fix them (lofte validate "
            "shows how), or add --force to leave them out",
            "not written: {count} file(s) have errors (above); fix them (lofte validate "
            "shows how), or add --force to leave them out",
            files,
        ),
        "export": ngettext(
            "not exported: {count} file(s) have errors (above); fix them (lofte validate "
            "shows how), or add --force to leave them out",
            "not exported: {count} file(s) have errors (above); fix them (lofte validate "
            "shows how), or add --force to leave them out",
            files,
        ),
        "show": ngettext(
            "not shown: {count} file(s) have errors (above); fix them (lofte validate "
            "shows how), or add --force to leave them out",
            "not shown: {count} file(s) have errors (above); fix them (lofte validate "
            "shows how), or add --force to leave them out",
            files,
        ),
    }
    return errors[action].format(count=files)


def files_with_errors(problems: Iterable[Problem]) -> set[Path]:
    """The files with an error other than personal data: left out, or only partly used."""
    return {p.path for p in problems if p.severity == "error" and p.code[:2] != "L3"}
