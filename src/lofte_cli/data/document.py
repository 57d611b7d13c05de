"""A parsed data file: its values, and where in the text each value stands (line and
column), so that every problem can point at its line; or why the file did not parse."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

PathKey = tuple[str | int, ...]


@dataclass(frozen=True, order=True)
class Position:
    """A 1-based line and column in a file."""

    line: int
    col: int


START = Position(1, 1)


class Document:
    """One parsed data file: plain values, and where each value and key starts.

    Positions are found lazily for documents read without them (the fast path): the file
    is read again, with positions, the first time a check needs to point at a line. Few
    files ever have a problem, so most are parsed once."""

    __slots__ = ("_key_positions", "_lines", "_path", "_positions", "_text", "data")

    def __init__(
        self,
        path: Path | str,
        data: Any,
        text: str | None = None,
        positions: dict[PathKey, Position] | None = None,
        key_positions: dict[PathKey, Position] | None = None,
    ) -> None:
        self._path = path  # text until asked: most documents never need a Path object
        self.data = data
        self._text = text
        self._positions = positions
        self._key_positions = key_positions
        self._lines: list[str] | None = None

    def __repr__(self) -> str:
        return f"Document({self._path!s})"

    @property
    def location(self) -> str:
        """The file's path as text, without making a Path object."""
        return self._path if isinstance(self._path, str) else str(self._path)

    @property
    def path(self) -> Path:
        if isinstance(self._path, str):
            self._path = Path(self._path)
        return self._path

    def with_data(self, data: Any) -> Document:
        """The same file and positions with other values (what a schema check left)."""
        return Document(self._path, data, self._text, self._positions, self._key_positions)

    def _locate(self) -> None:
        if self._positions is not None and self._text is not None:
            return
        from lofte_cli.data.yaml_io import read_document  # the reader makes documents

        again = read_document(self.path)
        if isinstance(again, Document):
            self._text, self._positions = again.text, again.positions
            self._key_positions = again.key_positions
        else:  # changed under us since it was read: point at the file
            self._text, self._positions, self._key_positions = "", {}, {}

    @property
    def text(self) -> str:
        self._locate()
        assert self._text is not None
        return self._text

    @property
    def lines(self) -> list[str]:
        """The text's lines as editors count them (split at line feeds only)."""
        if self._lines is None:
            self._lines = self.text.split("\n")
        return self._lines

    @property
    def positions(self) -> dict[PathKey, Position]:
        self._locate()
        assert self._positions is not None
        return self._positions

    @property
    def key_positions(self) -> dict[PathKey, Position]:
        self._locate()
        assert self._key_positions is not None
        return self._key_positions

    def at(self, *path: str | int) -> Position:
        """Where the value at `path` starts, or its nearest enclosing value."""
        positions = self.positions
        key: PathKey = tuple(path)
        while key not in positions and key:
            key = key[:-1]
        return positions.get(key, START)

    def key_at(self, *path: str | int) -> Position:
        """Where the mapping key at `path` stands (the value's position for list items)."""
        return self.key_positions.get(tuple(path)) or self.at(*path)

    def find(self, needle: str, *path: str | int) -> Position:
        """Where `needle` occurs in the text of the value at `path`: exact for most strings,
        the value's start when the needle was folded across lines."""
        start = self.at(*path)
        lines = self.lines
        for offset, line in enumerate(lines[start.line - 1 :]):
            col = line.find(needle, start.col - 1 if offset == 0 else 0)
            if col >= 0:
                return Position(start.line + offset, col + 1)
        return start


@dataclass(frozen=True)
class ParseFailure:
    """A file that could not be read into a document, with the code that says why."""

    path: Path
    code: str
    message: str
    position: Position = START
