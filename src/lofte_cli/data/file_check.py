"""The checks of one file on its own: parse, schema, personal data. They need nothing but
the file's bytes and its pledge's official contacts, so they run in worker processes and
their results can be kept by content (see `cache`)."""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lofte_cli.data.document import Document, ParseFailure, PathKey
from lofte_cli.data.privacy import find_personal_data, is_contact_point
from lofte_cli.data.privacy_places import comment_problems, name_problems
from lofte_cli.data.problem import Problem, problem
from lofte_cli.data.schema import Kind, check_document, is_valid, salvage
from lofte_cli.data.yaml_io import parse_bytes
from lofte_cli.errors import system_reason
from lofte_cli.i18n import N_, _, active_language, ngettext, speaking

_NOT_PUBLIC_TEXT = {"id", "url", "date", "end_date", "start", "end", "status", "language"}


@dataclass(frozen=True)
class FileResult:
    """What one file holds for the model (None when nothing usable), and its problems."""

    data: Any
    problems: tuple[Problem, ...]


def check_file(kind: Kind, path: Path, raw: bytes, contacts: tuple[str, ...] = ()) -> FileResult:
    """Parse and check one file, its name too (kept in the cache with the rest). Valid
    files are parsed once, without positions; a file with a problem is parsed again with
    them, to say where."""
    found = _check_content(kind, path, raw, contacts)
    named = name_problems([str(path)])
    return FileResult(found.data, tuple(sorted((*found.problems, *named)))) if named else found


def _check_content(kind: Kind, path: Path, raw: bytes, contacts: tuple[str, ...]) -> FileResult:
    fast = parse_bytes(raw, path, positions=False)
    if isinstance(fast, ParseFailure):
        return FileResult(None, (problem(fast.code, path, fast.message, fast.position),))
    if is_valid(kind, fast.data):
        data, problems, located = fast.data, [], None
    else:
        located = _located(raw, path)
        problems = check_document(kind, located)
        data = salvage(kind, located.data)
        if data is not None and not _model_takes(kind, path, data):
            data = None
    raw_data = fast.data  # personal data is looked for in all of it, valid or not
    if kind == "pledge" and isinstance(raw_data.get("contacts"), list):
        contacts = tuple(str(c) for c in raw_data["contacts"])
    findings = list(personal_data(raw_data, contacts))
    findings += list(contact_problems(raw_data) if kind == "pledge" else ())
    findings += list(_odd_values(raw_data, ()))
    if findings:
        doc = located or _located(raw, path)
        problems += _located_findings(findings, doc, path)
    problems += comment_problems(raw, path, contacts)
    return FileResult(data, tuple(sorted(problems)))


_MAX_FINDINGS = 25


def _located_findings(findings: list[Finding], doc: Document, path: Path) -> list[Problem]:
    """The first findings with their lines; a file full of them gets one line for the rest."""
    shown = [
        problem(code, path, message, doc.find(needle, *where))
        for code, message, needle, where in findings[:_MAX_FINDINGS]
    ]
    if len(findings) > _MAX_FINDINGS:
        code = findings[_MAX_FINDINGS][0]
        more = len(findings) - _MAX_FINDINGS
        message = ngettext(
            "and {count} more like this in this file",
            "and {count} more like these in this file",
            more,
        ).format(count=more)
        shown.append(problem(code, path, message))
    return shown


def _model_takes(kind: Kind, path: Path, data: Any) -> bool:
    """Whether the typed model can be built from what the schema check left."""
    from lofte_cli.data import model

    build = {"pledge": model.build_pledge, "followup": model.build_followup}.get(kind)
    try:
        if build is None:
            model.build_activity(Document(path, data), None)
        else:
            build(Document(path, data))
    except (KeyError, TypeError, ValueError, AttributeError):
        return False
    return True


def contact_problems(data: Any) -> Iterator[Finding]:
    """Each entry of `contacts` must be an e-mail address or a phone number; a personal
    identity number there is personal data like anywhere else."""
    contacts = data.get("contacts")
    if not isinstance(contacts, list):
        return
    for i, entry in enumerate(contacts):
        text = str(entry)
        where = ("contacts", i)
        if is_contact_point(text):
            continue  # a bare 10-digit phone number may also pass as a personnummer
        numbers = [f for f in find_personal_data(text) if f.code == "L301"]
        if numbers:
            message = _(_IN_CONTACTS[numbers[0].kind]).format(text=repr(numbers[0].text))
            yield "L301", message, text, where
        else:
            message = _(
                "contacts[{index}]: {text} is neither an e-mail address nor a phone number"
            ).format(index=i + 1, text=repr(text))
            yield "L115", message, text, where


def _odd_values(value: Any, path: PathKey) -> Iterator[Finding]:
    """Not-a-number and infinity: valid YAML, never a count, hours or a measured value."""
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        message = _("{field}: {value} is not a number you can count with")
        yield "L115", message.format(field=_field(path), value=value), "", path
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _odd_values(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _odd_values(item, (*path, i))


def _located(raw: bytes, path: Path) -> Document:
    doc = parse_bytes(raw, path)
    assert isinstance(doc, Document)  # it parsed a moment ago
    return doc


Finding = tuple[str, str, str, PathKey]  # code, message, matched text, where

# By the kind of personal data found (privacy.Finding.kind); {field} is where in the file.
_IN_PUBLIC_TEXT = {
    "personnummer": N_("personnummer {text} in public text ({field})"),
    "samordningsnummer": N_("samordningsnummer {text} in public text ({field})"),
    "e-mail address": N_("e-mail address {text} in public text ({field})"),
    "phone number": N_("phone number {text} in public text ({field})"),
}
_IN_CONTACTS = {
    "personnummer": N_("personnummer {text} in contacts"),
    "samordningsnummer": N_("samordningsnummer {text} in contacts"),
}


def personal_data(data: Any, contacts: tuple[str, ...]) -> Iterator[Finding]:
    """(code, message, matched text, path) for personal data in the public text of a file."""
    for where, text in _public_strings(data, ()):
        for finding in find_personal_data(text, contacts):
            message = _(_IN_PUBLIC_TEXT[finding.kind]).format(
                text=repr(finding.text), field=_field(where)
            )
            yield finding.code, message, finding.text, where


def _public_strings(value: Any, path: PathKey) -> list[tuple[PathKey, str]]:
    """Every text value with its path, but ids, dates, addresses and the contact list."""
    found: list[tuple[PathKey, str]] = []
    pending: list[tuple[PathKey, Any]] = [(path, value)]
    while pending:
        where, item = pending.pop()
        if where[:1] == ("contacts",) or (where and where[-1] in _NOT_PUBLIC_TEXT):
            continue
        if isinstance(item, str):
            if not (len(where) >= 2 and where[-2] == "links"):  # a link as a bare address
                found.append((where, item))
        elif isinstance(item, dict):
            pending.extend(((*where, k), v) for k, v in item.items())
            if where and where[-1] == "measures":  # a measure's name is shown, like a label
                found.extend((where, str(k)) for k in item)
        elif isinstance(item, list):
            pending.extend(((*where, i), v) for i, v in enumerate(item))
    found.reverse()
    return found


def _field(path: PathKey) -> str:
    return ".".join(str(p + 1) if isinstance(p, int) else p for p in path)


Task = tuple[Kind, Path, tuple[str, ...]]


class _Checker:
    """`read_and_check`: a function that takes the language along to worker processes. A
    worker that is started rather than forked (spawn on macOS and Windows, forkserver on
    Linux from Python 3.14) begins in English; this checker, pickled to be sent to it, is
    unpickled holding the language the sending process speaks, and speaks it there."""

    def __init__(self, language: str | None = None) -> None:
        self.language = language

    def __call__(self, task: Task) -> tuple[Path, FileResult, Any]:
        if self.language is None or self.language == active_language():
            return _read_and_check(task)
        with speaking(self.language):
            return _read_and_check(task)

    def __reduce__(self) -> tuple[type[_Checker], tuple[str]]:
        return (_Checker, (active_language(),))


read_and_check = _Checker()
"""For worker processes: read a file and check it; also its stat signature and hash."""


def _read_and_check(task: Task) -> tuple[Path, FileResult, Any]:
    from lofte_cli.data.cache import signature_and_hash

    kind, path, contacts = task
    try:
        raw = path.read_bytes() if path.stat().st_size <= 1024 * 1024 + 1 else _head(path)
    except OSError as exc:
        message = _("cannot read the file: {reason}").format(reason=_reason(exc))
        failure = problem("L101", path, message)
        return path, FileResult(None, (failure,)), None
    return path, check_file(kind, path, raw, contacts), signature_and_hash(path, raw)


def _reason(exc: OSError) -> str:
    """Why a file could not be read: in the active language for the usual reasons, else as
    the system says it."""
    if isinstance(exc, FileNotFoundError):
        return _("the file is gone (removed while lofte was reading)")
    return system_reason(exc)


def unreadable(problems: Iterable[Problem]) -> list[Problem]:
    """The problems that say the system would not let lofte read a file or a folder (no
    permission, too many open files …): a failure of the machine, not of the data."""
    heads = tuple(
        _(text).partition("{reason}")[0]
        for text in ("cannot read the file: {reason}", "cannot read the folder ({reason})")
    )
    return [p for p in problems if p.code == "L101" and p.message.startswith(heads)]


def _head(path: Path) -> bytes:
    with path.open("rb") as stream:
        return stream.read(1024 * 1024 + 1)  # enough to say it is too large
