"""A ledger file as read: its plain values, and where each key stands in it.

Kept apart from the YAML reader (`yamlio`) so that a run served from the
parse cache, which reads no YAML, does not import the parser either.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from zhenggai.findings import Position
from zhenggai.messages import Packed, Text

Loc = tuple[str | int, ...]
#: Where each key and list item of a file stands: 1-based (line, column).
Positions = dict[Loc, tuple[int, int]]
#: The plain scalars that mean nothing (YAML's null): every other scalar is its text.
NULLS = frozenset({"", "~", "null", "Null", "NULL"})
#: ``finder(path, text)``: the positions in a file, its text read again if None.
PositionFinder = Callable[[Path, "str | None"], Positions]


@dataclass(frozen=True)
class ReadError:
    """Why a file could not be read as YAML, and where (in English, and as catalog
    messages to be said in the reader's language)."""

    message: str
    position: Position
    hint: str | None = None
    packed: Packed | None = None
    hint_packed: Packed | None = None

    @classmethod
    def of(cls, message: Text, position: Position, hint: Text | None = None) -> ReadError:
        return cls(
            message.english(),
            position,
            hint.english() if hint else None,
            message.packed(),
            hint.packed() if hint else None,
        )


@dataclass
class Document:
    """A file's text and the plain values built from it.

    ``text`` may be None (a task from the parse cache, or parsed in another
    process): it is read from ``path`` again if a position is ever needed.
    """

    path: Path | str  # a str from the cache: 10,000 Path objects cost a tenth of a second
    text: str | None
    data: dict[str, Any]
    # Positions its reader recorded, or that were worked out when first asked for.
    _positions: Positions | None = field(default=None, repr=False, compare=False)
    # Positions from the parse cache.
    given: Positions | None = field(default=None, repr=False, compare=False)
    # Positions its reader recorded in another process, as marshal data: unpacked when asked.
    packed: bytes | None = field(default=None, repr=False, compare=False)
    # How to find positions when none were recorded or given: the reader that made the
    # document says (`yamlio.find_positions`), so this module never imports a parser.
    finder: PositionFinder | None = field(default=None, repr=False, compare=False)

    @classmethod
    def with_positions(
        cls, path: str, given: Positions | None, finder: PositionFinder | None = None
    ) -> Document:
        """A document known only by its path (and, from a cache, its positions)."""
        return cls(path, None, {}, None, given, finder=finder)

    @classmethod
    def with_packed_positions(
        cls, path: str, packed: bytes, finder: PositionFinder | None = None
    ) -> Document:
        """A document known by its path and the positions its reader recorded."""
        return cls(path, None, {}, None, None, packed, finder=finder)

    def locate(self, loc: Loc) -> Position:
        """The position of the key (or list item) at ``loc``, or of its nearest parent.

        Positions are worked out on first use by parsing the text again: most
        files never need one, so reading stays cheap.
        """
        positions = self.given
        if positions is None:
            if self._positions is None:
                self._positions = self._unpacked_positions() or self._find_positions()
            positions = self._positions
        for end in range(len(loc), 0, -1):
            where = positions.get(loc[:end])
            if where is not None:
                return Position(*where)
        return Position(1, 1)

    def computed_positions(self) -> Positions | None:
        """Positions this document worked out itself (not given to it), if any."""
        return self._positions

    def _unpacked_positions(self) -> Positions | None:
        if self.packed is None:
            return None
        import marshal

        unpacked: Positions = marshal.loads(self.packed)
        return unpacked

    def _find_positions(self) -> Positions:
        return self.finder(Path(self.path), self.text) if self.finder is not None else {}


@dataclass
class ReadResult:
    """A document, or the errors that kept the file from being one."""

    document: Document | None
    errors: list[ReadError]
