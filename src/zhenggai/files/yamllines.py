"""The plain subset of YAML most ledger files are written in, read line by line.

A task file is mostly ``key: value`` lines, lists of ``- key: value`` items
and short ``[a, b]`` lists. libyaml spends most of a file's reading time
building an event object per scalar; this reader takes such a file apart
with one regular expression and builds the values in one pass over its
lines, about twice as fast.

It is a fast path, never a second judge: it answers only for text whose
every line it fully understands (where YAML leaves no room for doubt) and
gives up on anything else: quotes at the start of a value, block scalars,
flow mappings, anchors, tags, tabs, comments it cannot place, odd
indentation, duplicate keys, several documents. `yamlio` then reads the file
with libyaml, which also words every error. A property test holds the two
readers to the same values and positions.
"""

from __future__ import annotations

import re
from typing import Any

from zhenggai.files.document import NULLS, Loc, Positions

#: Nesting this deep is handed to the full reader, which knows the limit and says so.
_MAX_DEPTH = 16

# Anything libyaml would treat specially anywhere in a file: tabs, carriage returns,
# other line breaks, a BOM inside the text, and characters YAML does not allow.
_UNSAFE_TEXT = re.compile(
    "[\t\r\x85\u2028\u2029\ufeff\x00-\x08\x0b-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]"
)
# One line: its indent, an optional "- ", an optional key with its colon, and the rest.
# A key is plain ASCII text; the colon must be followed by a space or the line's end.
# Every line of a text gives exactly one match (an empty line an empty match), so
# `findall` takes a whole file apart in one call: (indent, dash, key, spaces, rest).
_LINES = re.compile(
    r"^( *)(-(?: |$))?(?:([A-Za-z0-9_][A-Za-z0-9_\-]*):(?= |$))?( *)(.*)$", re.MULTILINE
)
# A plain scalar's first character may not be one of YAML's indicators.
_INDICATOR_FIRST = frozenset("-?:,[]{}#&*!|>'\"%@`")
_FLOW_FORBIDDEN = re.compile(r"[\[\]{}#&*!|>'\"%@`]|: |:$")


class _GiveUp(Exception):
    """The text is not in the plain subset: the full reader decides."""


def read_plain(text: str) -> tuple[dict[str, Any], Positions] | None:
    """The mapping a file in the plain subset holds, with the position of every key
    and list item (1-based line and column); None for anything else."""
    if _UNSAFE_TEXT.search(text):
        return None
    lines = _tokens(text)
    if lines is None or not lines or lines[0][1] != 0 or lines[0][5]:
        return None
    reader = _Reader(lines)
    try:
        value = reader.mapping(0, ())
    except _GiveUp:
        return None
    if reader.at < len(lines):
        return None
    return value, reader.positions


# A line that holds something: (line number, indent, key or None, the rest of the
# line or None, the rest's column, whether it starts with "- "). "- key: value" is
# two tokens on one line: the bare dash, then the key indented past it.
_Token = tuple[int, int, "str | None", "str | None", int, bool]


def _tokens(text: str) -> list[_Token] | None:
    found: list[_Token] = []
    for number, (indent_text, dash, key, spaces, rest) in enumerate(_LINES.findall(text), 1):
        if not dash and not key:
            if not rest or rest[0] == "#":
                continue  # blank or a comment line
            return None  # neither a key nor a list item (document markers among them)
        indent = len(indent_text)
        # The column where the rest of the line starts, 1-based.
        column = indent + len(dash) + (len(key) + 1 if key else 0) + len(spaces) + 1
        if dash:
            if not key:
                found.append((number, indent, None, rest or None, column, True))
                continue
            found.append((number, indent, None, None, column, True))
            indent += 2  # the key stands right after "- "
        found.append((number, indent, key, rest or None, column, False))
    return found


class _Reader:
    """Builds values from tokens by indentation, recording positions as `yamlio` does:
    every key, and every list item (where its scalar or collection starts)."""

    def __init__(self, lines: list[_Token]) -> None:
        self.lines = lines
        self.at = 0
        self.positions: Positions = {}

    def mapping(self, indent: int, path: Loc) -> dict[str, Any]:
        if len(path) > _MAX_DEPTH:
            raise _GiveUp
        lines, positions = self.lines, self.positions
        found: dict[str, Any] = {}
        while self.at < len(lines):
            number, line_indent, key, rest, column, dash = lines[self.at]
            if line_indent < indent:
                break
            if line_indent > indent or dash or key is None or key in found or key in NULLS:
                raise _GiveUp
            key_path = (*path, key)
            positions[key_path] = (number, line_indent + 1)
            self.at += 1
            if rest is None:
                found[key] = self._under_key(indent, key_path)
            elif rest[0] == "[":
                found[key] = _flow_list(rest, number, column, key_path, positions)
            else:
                found[key] = _plain(rest)
        return found

    def sequence(self, indent: int, path: Loc, *, compact: bool) -> list[Any]:
        """The ``- `` items at ``indent``; ``compact`` when they stand at their key's
        own indent (``key:`` then ``- a``), so that the next key ends them."""
        if len(path) > _MAX_DEPTH:
            raise _GiveUp
        lines, positions = self.lines, self.positions
        items: list[Any] = []
        while self.at < len(lines):
            number, line_indent, _, rest, column, dash = lines[self.at]
            if line_indent < indent or (compact and line_indent == indent and not dash):
                break
            if line_indent > indent or not dash:
                raise _GiveUp
            item_path = (*path, len(items))
            self.at += 1
            if rest is not None:
                positions[item_path] = (number, column)
                if rest[0] == "[":
                    items.append(_flow_list(rest, number, column, item_path, positions))
                else:
                    items.append(_plain(rest))
                continue
            following = lines[self.at] if self.at < len(lines) else None
            if following is None or following[1] <= indent:
                raise _GiveUp  # an empty item: rare, and libyaml places it its own way
            positions[item_path] = (following[0], following[1] + 1)
            if following[5]:
                items.append(self.sequence(following[1], item_path, compact=False))
            else:
                # "- key: value" (a mapping starting on the dash's line), or deeper lines.
                items.append(self.mapping(following[1], item_path))
        return items

    def _under_key(self, indent: int, path: Loc) -> dict[str, Any] | list[Any] | None:
        """The block under a key with nothing after its colon: deeper lines, a list at
        the key's own indent, or nothing (null)."""
        if self.at >= len(self.lines):
            return None
        _, line_indent, _, _, _, dash = self.lines[self.at]
        if line_indent > indent:
            if dash:
                return self.sequence(line_indent, path, compact=False)
            return self.mapping(line_indent, path)
        if dash and line_indent == indent:
            return self.sequence(indent, path, compact=True)
        return None


def _plain(rest: str) -> str | None:
    """A plain scalar written after its key or dash: text, or None for the null words."""
    comment = rest.find(" #")
    if comment >= 0:
        rest = rest[:comment]
    rest = rest.rstrip(" ")
    if rest[0] in _INDICATOR_FIRST or ": " in rest or rest.endswith(":"):
        raise _GiveUp
    return None if rest in NULLS else rest


def _flow_list(rest: str, line: int, column: int, path: Loc, positions: Positions) -> list[Any]:
    """A ``[a, b]`` list of plain scalars, written after its key or dash."""
    body = rest.rstrip(" ")
    if not body.endswith("]"):
        raise _GiveUp
    inner = body[1:-1]
    if _FLOW_FORBIDDEN.search(inner):
        raise _GiveUp
    if not inner.strip(" "):
        return []
    items: list[Any] = []
    start = column + 1  # the column just after "["
    for part in inner.split(","):
        text = part.strip(" ")
        if not text or text[0] in _INDICATOR_FIRST:
            raise _GiveUp
        positions[(*path, len(items))] = (line, start + len(part) - len(part.lstrip(" ")))
        items.append(None if text in NULLS else text)
        start += len(part) + 1
    return items
