"""What the YAML parser says is wrong with a file, in words for people: the syntax error
with advice for the usual causes, and characters YAML text may not hold. libyaml and
ruamel.yaml speak English; the texts they use are in the catalog, so the messages follow
the active language (a text not listed is shown as the parser says it)."""

from __future__ import annotations

from typing import Any

from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.reader import ReaderError

from lofte_cli.i18n import N_, _


def syntax_message(exc: MarkedYAMLError, text: str) -> str:
    """The parser's complaint about `text`, with what usually causes it."""
    problem = (exc.problem or "").strip()
    if "expected a single document" in (exc.context or ""):
        return _("a second YAML document starts here; one file holds one document (remove '---')")
    if _tab_near(exc.problem_mark, text):
        return _("YAML syntax error: a tab character; YAML is indented with spaces, not tabs")
    shown = _parser_text(problem)
    context = _parser_text(exc.context.strip()) if exc.context else ""
    advice = _SYNTAX_ADVICE.get(problem)
    if advice and context:
        return _("YAML syntax error: {problem} ({context}); {advice}").format(
            problem=shown, context=context, advice=_(advice)
        )
    if advice:
        return _("YAML syntax error: {problem}; {advice}").format(problem=shown, advice=_(advice))
    if context:
        return _("YAML syntax error: {problem} ({context})").format(problem=shown, context=context)
    return _("YAML syntax error: {problem}").format(problem=shown)


def _parser_text(said: str) -> str:
    """What the YAML parser said, in the active language where the catalog has it."""
    return _(said) if said in _PARSER_TEXTS else said


# What usually causes the parser's complaint, for someone who writes text, not YAML.
_QUOTE_ADVICE = N_(
    "a text holding ': ' (as in 'Kontakt: Anna') needs quotes around the whole text, "
    "or write it as a block after '|'"
)
_SYNTAX_ADVICE = {
    "mapping values are not allowed here": _QUOTE_ADVICE,
    "mapping values are not allowed in this context": _QUOTE_ADVICE,
    "found character '\t' that cannot start any token": N_("indent with spaces, not tabs"),
    "found character that cannot start any token": N_(
        "put quotes around a text that starts with @, ` or %"
    ),
}

# The problems and contexts libyaml and ruamel.yaml report, in their words (the English
# text of the catalog); a text not listed here is shown as the parser says it.
_PARSER_TEXTS = frozenset(
    (
        # TRANSLATORS: the texts below are what the YAML parser says is wrong in a file;
        # they follow "YAML syntax error: ". A context ("while …") stands in parentheses
        # after a problem.
        N_("block sequence entries are not allowed in this context"),
        N_("could not find expected ':'"),
        N_("did not find expected ',' or ']'"),
        N_("did not find expected ',' or '}'"),
        N_("did not find expected '-' indicator"),
        N_("did not find expected <document start>"),
        N_("did not find expected alphabetic or numeric character"),
        N_("did not find expected comment or line break"),
        N_("did not find expected hexdecimal number"),
        N_("did not find expected key"),
        N_("did not find expected node content"),
        N_("did not find expected whitespace or line break"),
        N_("did not find the expected '>'"),
        N_("could not find expected directive name"),
        N_("found duplicate %YAML directive"),
        N_("found duplicate %TAG directive"),
        N_("found incompatible YAML document"),
        N_("found a tab character that violates indentation"),
        N_("found a tab character where an indentation space is expected"),
        N_("found an indentation indicator equal to 0"),
        N_("found character that cannot start any token"),
        N_("found character '\t' that cannot start any token"),
        N_("found undefined alias"),
        N_("found undefined tag handle"),
        N_("found unexpected ':'"),
        N_("found unexpected document indicator"),
        N_("found unexpected end of stream"),
        N_("found invalid Unicode character escape code"),
        N_("found unknown escape character"),
        N_("mapping keys are not allowed in this context"),
        N_("mapping values are not allowed here"),
        N_("mapping values are not allowed in this context"),
        N_("while parsing a block collection"),
        N_("while parsing a block mapping"),
        N_("while parsing a block node"),
        N_("while parsing a flow mapping"),
        N_("while parsing a flow node"),
        N_("while parsing a flow sequence"),
        N_("while parsing a node"),
        N_("while parsing a quoted scalar"),
        N_("while parsing a tag"),
        N_("while scanning a block scalar"),
        N_("while scanning a plain scalar"),
        N_("while scanning a quoted scalar"),
        N_("while scanning a simple key"),
        N_("while scanning a tag"),
        N_("while scanning a directive"),
        N_("while scanning an alias"),
        N_("while scanning an anchor"),
        N_("while scanning for the next token"),
        # TRANSLATORS: why a character may not stand in YAML text (in parentheses).
        N_("control characters are not allowed"),
    )
)


def _tab_near(mark: Any, text: str) -> bool:
    """Whether the line of a syntax error has a tab before the error's column."""
    if mark is None:
        return False
    lines = text.splitlines()
    return mark.line < len(lines) and "\t" in lines[mark.line][: mark.column + 1]


def reader_message(exc: ReaderError) -> str:
    """A character the YAML reader refuses, named by its code point."""
    char = exc.character
    code = ord(char) if isinstance(char, str) else int(char)
    return _("character {character} is not allowed in YAML text ({reason})").format(
        character=f"U+{code:04X}", reason=_parser_text(str(exc.reason))
    )
