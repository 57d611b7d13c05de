"""The JSON Schemas of the data files: one compiled validator each, and schema errors turned
into problems that point at the offending line and say what to write instead."""

from __future__ import annotations

import copy
import difflib
import json
from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:  # jsonschema is imported when a file must be checked, not before
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

from lofte_cli.data.document import Document, PathKey
from lofte_cli.data.problem import Problem, problem
from lofte_cli.i18n import N_, _
from lofte_cli.paths import schema_dir

Kind = Literal["pledge", "activity", "followup"]
KINDS: tuple[Kind, ...] = ("pledge", "activity", "followup")

# What a value of each JSON type is called in "'x' should be a whole number".
_TYPE_WORDS = {
    "integer": N_("a whole number"),
    "number": N_("a number"),
    "string": N_("text"),
    "array": N_("a list"),
    "object": N_("a mapping (key: value)"),
    "boolean": N_("true or false"),
    "null": N_("an empty value"),
}


def load_schema(kind: Kind) -> dict[str, Any]:
    """The schema for one kind of file, as shipped with lofte."""
    with (schema_dir() / f"{kind}.schema.json").open(encoding="utf-8") as stream:
        schema: dict[str, Any] = json.load(stream)
    return schema


@cache
def validator(kind: Kind) -> Draft202012Validator:
    """One compiled validator per schema, reused for every file."""
    from jsonschema import Draft202012Validator, FormatChecker

    return Draft202012Validator(load_schema(kind), format_checker=FormatChecker())


@cache
def _compiled(kind: Kind) -> Any:
    """jsonschema-rs's validator for a schema (formats checked), or None without it."""
    try:
        import jsonschema_rs
    except ImportError:  # pragma: no cover - a platform without its wheel
        return None
    return jsonschema_rs.validator_for(load_schema(kind), validate_formats=True)


def is_valid(kind: Kind, data: Any) -> bool:
    """Whether `data` passes the schema. The compiled (Rust) validator answers first, about
    seventy times faster; where it finds fault, jsonschema has the last word, so the two
    can only differ in lofte's favour of reporting (tests hold them to the same answers)."""
    compiled = _compiled(kind)
    if compiled is not None and compiled.is_valid(data):
        return True
    return bool(validator(kind).is_valid(data))


def check_document(kind: Kind, doc: Document) -> list[Problem]:
    """Every schema problem of one document, one per offending value."""
    found: dict[tuple[PathKey, str, str], Problem] = {}
    for error in validator(kind).iter_errors(doc.data):
        for item in _explain(error, doc):
            # One problem per value: a date that breaks both its pattern and its format is
            # one mistake. Unknown and missing keys are one problem each.
            extra = item.message if item.code in ("L113", "L114") else ""
            found.setdefault((tuple(error.absolute_path), item.code, extra), item)
    return sorted(found.values())


def _explain(error: ValidationError, doc: Document) -> Iterator[Problem]:
    path = tuple(error.absolute_path)
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        yield from _unknown_keys(error, doc, path)
    elif error.validator == "required":
        yield from _missing_keys(error, doc, path)
    elif error.validator == "anyOf" and not path and "required" in str(error.validator_value):
        keys = _either([repr(s["required"][0]) for s in error.validator_value])
        message = _("add {keys}: a follow-up needs at least one").format(keys=keys)
        yield problem("L114", doc.path, message, doc.at())
    elif "propertyNames" in error.schema_path:
        what = (
            _("key {key} is not a lowercase id (a-z, 0-9 and single hyphens)")
            if error.validator == "pattern"
            else _("key {key} must not be empty")
        )
        yield problem(
            "L115",
            doc.path,
            _at(path, what.format(key=_show(error.instance))),
            doc.key_at(*path, error.instance),
        )
    elif error.context:
        yield from _alternatives(error, doc, path)
    else:
        yield _value_problem(error, doc, path)


def _type_errors(error: ValidationError) -> list[ValidationError]:
    """The errors of an `anyOf` that say the value itself has another type."""
    path = tuple(error.absolute_path)
    return [
        sub
        for sub in error.context or ()
        if sub.validator == "type" and tuple(sub.absolute_path) == path
    ]


def _fitting(error: ValidationError) -> list[ValidationError]:
    """The errors of the alternatives of an `anyOf` whose type the value has: an alternative
    for text says nothing useful about a number (`by: 42` is neither text nor a list, not
    text with spaces in it)."""
    unfit = {sub.relative_schema_path[0] for sub in _type_errors(error)}
    return [sub for sub in error.context or () if sub.relative_schema_path[0] not in unfit]


def _alternatives(error: ValidationError, doc: Document, path: PathKey) -> Iterator[Problem]:
    """For `anyOf`: the problem within the shape the value has, or which shapes would do."""
    fitting = _fitting(error)
    if fitting:
        # The alternative that got furthest into the value is the one the writer meant.
        depth = max(len(sub.absolute_path) for sub in fitting)
        from jsonschema.exceptions import best_match

        yield from _explain(best_match(s for s in fitting if len(s.absolute_path) == depth), doc)
        return
    shapes = [_type_word(sub.validator_value) for sub in _type_errors(error)]
    message = _("{value} should be {kinds}").format(
        value=_show(error.instance), kinds=_either(shapes)
    )
    yield problem("L115", doc.path, _at(path, message), doc.at(*path))


# Keys a Swedish writer may use for the English ones.
_SWEDISH_KEYS = {
    "titel": "title",
    "rubrik": "title",
    "beskrivning": "description",
    "datum": "date",
    "slutdatum": "end_date",
    "plats": "place",
    "deltagare": "participants",
    "timmar": "hours",
    "lankar": "links",
    "länkar": "links",
    "partner": "partners",
    "samarbetspartner": "partners",
    "malgrupper": "target_groups",
    "målgrupper": "target_groups",
    "mått": "measures",
    "prestationer": "measures",
    "åtaganden": "commitments",
    "ataganden": "commitments",
    "av": "by",
    "parter": "parties",
    "mål": "goal",
    "period": "period",
    "bedömningar": "assessments",
    "indikatorer": "indicators",
}


def _unknown_keys(error: ValidationError, doc: Document, path: PathKey) -> Iterator[Problem]:
    known = list(error.schema.get("properties", {}))
    for key in error.instance:
        if key in known:
            continue
        near = (
            [_SWEDISH_KEYS[key.lower()]]
            if _SWEDISH_KEYS.get(key.lower()) in known
            else (difflib.get_close_matches(key, known, n=1))
        )
        if near:
            message = _("unknown key {key}; did you mean {near}?").format(
                key=_show(key), near=repr(near[0])
            )
        else:
            message = _("unknown key {key} (allowed: {keys})").format(
                key=_show(key), keys=", ".join(known)
            )
        yield problem("L113", doc.path, _at(path, message), doc.key_at(*path, key))


def _missing_keys(error: ValidationError, doc: Document, path: PathKey) -> Iterator[Problem]:
    for key in error.validator_value:
        if key not in error.instance:
            message = _("missing required key {key}").format(key=repr(key))
            yield problem("L114", doc.path, _at(path, message), doc.at(*path))


def _value_problem(error: ValidationError, doc: Document, path: PathKey) -> Problem:
    value, rule = error.instance, error.validator
    shown = _show(value)
    position = doc.at(*path)
    if rule == "format" and error.validator_value == "date":
        message = _("{value} is not a real date (YYYY-MM-DD)").format(value=shown)
        return problem("L201", doc.path, _at(path, message), position)
    if rule == "pattern" and "\\d{4}" in error.validator_value:
        message = _("{value} is not a date; write YYYY-MM-DD").format(value=shown)
        return problem("L201", doc.path, _at(path, message), position)
    if error.schema.get("pattern") == "^https?://":
        message = _("{value} is not an http(s) address").format(value=shown)
        return problem("L116", doc.path, _at(path, message), position)
    if error.schema.get("pattern") == "^https://":
        message = _("{value} is not an https address (write https://…)").format(value=shown)
        return problem("L116", doc.path, _at(path, message), position)
    message = _describe(error)
    if rule == "type" and "string" in str(error.validator_value) and _is_number(value):
        # TRANSLATORS: {problem} is e.g. "303 should be text"; {raw} is the value as written
        # in the file (0303), which YAML reads as a number unless it is quoted.
        message = _("{problem}; put it in quotes ('{raw}') so that it is read as text").format(
            problem=message, raw=_raw_scalar(doc, position)
        )
    return problem("L115", doc.path, _at(path, message), position)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _raw_scalar(doc: Document, position: Any) -> str:
    """The value as written in the file (`0303`, which YAML reads as the number 303)."""
    line = doc.lines[position.line - 1] if position.line <= len(doc.lines) else ""
    return line[position.col - 1 :].split(" #")[0].strip().rstrip(",]}")


def _describe(error: ValidationError) -> str:
    """What is wrong with the value, for the schema rules the data files use."""
    value, rule, wanted = error.instance, error.validator, error.validator_value
    shown = _show(value)
    if rule == "type":
        kinds = wanted if isinstance(wanted, list) else [wanted]
        words = _either([_type_word(k) for k in kinds])
        return _("{value} should be {kinds}").format(value=shown, kinds=words)
    if rule == "enum":
        choices = _either([str(w) for w in wanted])
        near = difflib.get_close_matches(str(value), [str(w) for w in wanted], n=1)
        if near:
            return _("{value} is not one of {choices}; did you mean {near}?").format(
                value=shown, choices=choices, near=repr(near[0])
            )
        return _("{value} is not one of {choices}").format(value=shown, choices=choices)
    if rule == "pattern":
        return _(_PATTERN_WORDS.get(wanted, _NOT_AN_ID)).format(value=shown)
    if rule == "not":
        return _("{value} must not hold spaces or line breaks").format(value=shown)
    if rule in ("minimum", "exclusiveMinimum"):
        return _("{value} is below the minimum {minimum}").format(value=shown, minimum=wanted)
    if rule in ("minItems", "minLength", "minProperties"):
        return _("must not be empty")
    if rule == "maxLength":
        return _("is longer than {count} characters; shorten it").format(count=wanted)
    if rule == "uniqueItems":
        return _("lists the same value twice")
    # A rule the schemas do not use yet: jsonschema's own words, in English.
    return str(error.message)


_NOT_AN_ID = N_("{value} is not a lowercase id (a-z, 0-9 and single hyphens; å, ä → a, ö → o)")
_PATTERN_WORDS = {
    # Blank: what Python's and ECMA-262's \\s both count, so both validators agree.
    "[^\\s\\x1c-\\x1f\\x85\\ufeff]": N_("{value} is blank: write some text, or leave the key out"),
    "^[a-z]{2,3}(-[A-Za-z]{2,4})?$": N_("{value} is not a language code such as sv or en"),
}


def _type_word(kind: Any) -> str:
    """`integer` → "a whole number", in the active language."""
    word = _TYPE_WORDS.get(str(kind))
    return _(word) if word is not None else str(kind)


def _either(items: list[str]) -> str:
    """ "a, b or c" in the active language (English has no comma before the "or")."""
    if len(items) < 2:
        return "".join(items)
    # TRANSLATORS: the last choice of a list: "a whole number or text", "'a', 'b' or 'c'".
    return _("{choices} or {last}").format(choices=", ".join(items[:-1]), last=items[-1])


def _show(value: Any) -> str:
    """A value as a message shows it: quoted text, cut short when long."""
    if isinstance(value, str):
        return repr(value if len(value) <= 60 else value[:57] + "…")
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return _("an empty value")
    if isinstance(value, dict):
        return _("a mapping")
    if isinstance(value, list):
        return _("a list")
    return str(value)


def _at(path: PathKey, message: str) -> str:
    """The message with the place of the value in the file: `commitments[2].by: …`."""
    if not path:
        # TRANSLATORS: a problem with the file's outermost keys ("top level: missing required
        # key 'title'"); the line and column are shown before it.
        return _("top level: {problem}").format(problem=message)
    return f"{_where(path)}: {message}"


def _where(path: PathKey) -> str:
    """`commitments[2].by` for a path (the keys as written in the file)."""
    out = ""
    for part in path:  # list items counted from 1, as a reader counts them
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def salvage(kind: Kind, data: Any, *, rounds: int = 8) -> Any | None:
    """A copy of `data` without the values whose type or form the model cannot take, or
    None when a required one is among them. Values of the right type that break only a
    rule of form (an empty title, an id with capitals, an unknown status word) are kept:
    the cross-file rules then check the rest of the file, and what refers to such a value
    is not reported missing, so that one run reports every problem and no false one.

    Only mapping keys are dropped, never list items, so positions by index stay right."""
    pruned = copy.deepcopy(data)
    for _round in range(rounds):
        hard = [e for e in validator(kind).iter_errors(pruned) if not _is_soft(e)]
        if not hard:
            return pruned
        if not any(_drop_deepest_key(pruned, _error_path(e)) for e in hard):
            return None
    return None


_SOFT = {"pattern", "minLength", "maxLength", "minItems", "minProperties", "not"}


def _is_soft(error: ValidationError) -> bool:
    """Whether the value keeps a type the model can hold despite this error."""
    if "propertyNames" in error.schema_path or error.validator in _SOFT:
        return True
    if error.validator == "format":
        return bool(error.validator_value != "date")  # dates are parsed; addresses only shown
    if error.validator in ("anyOf", "oneOf") and error.context:
        fitting = _fitting(error)
        return bool(fitting) and all(_is_soft(sub) for sub in fitting)
    return False


def _error_path(error: ValidationError) -> PathKey:
    path = tuple(error.absolute_path)
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        known = error.schema.get("properties", {})
        extra = next((k for k in error.instance if k not in known), None)
        return (*path, extra) if extra is not None else path
    return path


def _drop_deepest_key(data: Any, path: PathKey) -> bool:
    """Delete the last mapping key on `path` (the value that failed, or its holder)."""
    for cut in range(len(path), 0, -1):
        if isinstance(path[cut - 1], str):
            holder = data
            for part in path[: cut - 1]:
                holder = holder[part]
            if isinstance(holder, dict) and path[cut - 1] in holder:
                del holder[path[cut - 1]]
                return True
    return False
