"""Where the files `lofte init` and `lofte forms` write install lofte from.

The person who sets up a data repository names it once (`--lofte-source`): a version of
lofte, a git address or a path inside the repository. The workflows, the pre-commit
configuration and the README then all install that lofte, and all say where to change it,
so that nothing points at a placeholder that fails without saying why.

Pure: text in, text out."""

from __future__ import annotations

import json
import re
from pathlib import PurePosixPath

from lofte_cli import __version__
from lofte_cli.errors import UsageError
from lofte_cli.i18n import _

# pip's version syntax (PEP 440), as far as a person writes it: 0.3.0, 1.0rc1, v0.3.0.
VERSION = re.compile(r"v?(\d+(?:\.\d+)*(?:(?:a|b|rc)\d+)?(?:\.post\d+)?(?:\.dev\d+)?)")
# A requirement naming lofte itself: lofte, lofte==0.3.0, lofte>=0.3,<1, lofte[extra].
REQUIREMENT = re.compile(
    r"lofte(\[[\w,-]+\])?\s*([<>=!~]=?\s*[\w.*+!-]+\s*(,\s*[<>=!~]=?\s*[\w.*+!-]+\s*)*)?"
)
ADDRESS = re.compile(r"(git\+(https|ssh|file)|https)://[^\s\"'`$\\]+")
# Where the line that holds the source is in a file lofte wrote: `LOFTE_SOURCE: "…"`.
SOURCE_LINE = re.compile(r'^\s*LOFTE_SOURCE: ("(?:[^"\\]|\\.)*")\s*$', re.MULTILINE)


def default_source() -> str:
    """The lofte that writes the files: its forms and their reader belong together."""
    return f"lofte=={__version__}"


def pip_requirement(source: str) -> str:
    """What pip installs for `source`: a version gives `lofte==VERSION`; a requirement on
    lofte, a git or https address and a relative path inside the repository stay as
    written (a path as `./…`). Anything else is a UsageError saying what to write."""
    text = source.strip()
    if text and text.isprintable() and not text.startswith("-"):
        if version := VERSION.fullmatch(text):
            return f"lofte=={version.group(1)}"
        if REQUIREMENT.fullmatch(text) or ADDRESS.fullmatch(text):
            return text
        if _looks_like_path(text):
            return _repository_path(source, text)
    raise UsageError(
        _(
            "--lofte-source {source!r}: write a version (0.3.0), a git address "
            "(git+https://github.com/OWNER/lofte@v0.3.0) or a path inside the "
            "repository (./verktyg/lofte)"
        ).format(source=source)
    )


def is_path(requirement: str) -> bool:
    """A source that is a folder or file of the repository, not something pip downloads."""
    return requirement.startswith("./")


def source_in(text: str) -> str | None:
    """The source a workflow lofte wrote installs (its `LOFTE_SOURCE:` line), if any."""
    found = SOURCE_LINE.search(text)
    if found is None:
        return None
    try:
        value = json.loads(found.group(1))
    except ValueError:
        return None
    return value if isinstance(value, str) else None


# A path as pip takes it and a shell cannot misread: letters (å, ä, ö too), digits, . _ - + /.
PATH = re.compile(r"[\w.+/-]+")


def _looks_like_path(text: str) -> bool:
    shaped = "/" in text or text.endswith((".whl", ".tar.gz", ".zip")) or text in (".", "..")
    return shaped and (PATH.fullmatch(text) is not None or text.startswith(("/", "~")))


def _repository_path(source: str, text: str) -> str:
    """`text` as `./…` when it stays inside the repository; the workflows run on the git
    host's machines, where a path of this computer does not exist."""
    path = PurePosixPath(text)
    if path.is_absolute() or text.startswith("~") or ".." in path.parts:
        raise UsageError(
            _(
                "--lofte-source {source!r}: the workflows run on the git host's machines, "
                "which have only the repository: give a path inside it, like ./verktyg/lofte"
            ).format(source=source)
        )
    posix = path.as_posix()
    return "./" if posix == "." else f"./{posix}"
