"""What YAML 1.2 refuses and libyaml reads: refused here, from the marks of libyaml's
own events (no second pass over the text).

libyaml lets through a few things YAML 1.2 refuses (cases 9C9N, DK95-01, QB6E,
S98Z, SU5Z and X4QW of the YAML test suite, vendored under tests/). A ledger file
must never be read one way by `zhenggai check` and another by ruamel's writer or
a colleague's editor.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from zhenggai.files.document import ReadError
from zhenggai.findings import Position
from zhenggai.messages import Text
from zhenggai.messages import text as said


class Refused(Exception):
    """A construct the ledger format does not allow."""

    def __init__(self, message: Text, mark: Any, hint: Text | None = None) -> None:
        super().__init__(message.english())
        self.error = ReadError.of(message, Position(mark.line + 1, mark.column + 1), hint)


class _At(NamedTuple):
    """A place found by our own reading, as a libyaml mark gives one (0-based)."""

    line: int
    column: int


_BLOCK_HEADER_COMMENT = re.compile(r"[|>][0-9+-]{0,2}#")


def strict_scalar(text: str, event: Any, indent: int, in_flow: bool) -> None:
    """A quoted or block scalar as YAML 1.2 reads it: a comment after it needs a space
    before it, continuation lines are indented past their key, and a block scalar's
    leading blank lines hold no more spaces than its first line."""
    start, end = event.start_mark, event.end_mark
    if event.style in ("'", '"'):
        if text.startswith("#", end.index):
            raise Refused(
                said("a comment after a quoted value needs a space before the #"),
                end,
                said("put a space between the closing quote and the #"),
            )
        if end.line > start.line and not in_flow:
            _strict_lines(text, start, end, indent)
        return
    header = _BLOCK_HEADER_COMMENT.match(text, start.index)
    if header is not None:
        raise Refused(
            said("a comment after | or > needs a space before the #"),
            start,
            said("put a space between the | or > and the #"),
        )
    if not any(ch.isdigit() for ch in text[start.index : start.index + 3]):
        _strict_block_indent(text, start, indent)


def strict_flow(text: str, start: Any, end: Any, indent: int) -> None:
    if text.startswith("#", end.index):
        raise Refused(
            said("a comment after ] or }} needs a space before the #"),
            end,
            said("put a space between the bracket and the #"),
        )
    if end.line > start.line:
        _strict_lines(text, start, end, indent)


def _strict_lines(text: str, start: Any, end: Any, indent: int) -> None:
    """Every line a quoted value or a [...] list continues on is indented past ``indent``
    (spaces only: a tab is no indentation); blank lines may be less indented."""
    lines = text[start.index : end.index].split("\n")[1:]
    for offset, line in enumerate(lines, start=1):
        if not line.strip(" \t"):
            continue
        spaces = len(line) - len(line.lstrip(" "))
        if spaces <= indent:
            raise Refused(
                said(
                    "a line that continues a quoted value or a [...] list must be indented "
                    "more than its key (with spaces: a tab is no indentation)"
                ),
                _At(start.line + offset, spaces),
                said("indent the continuation lines with spaces, or write the value on one line"),
            )


def _strict_block_indent(text: str, start: Any, indent: int) -> None:
    """YAML 1.2 takes a block scalar's indentation from its first non-blank line, and
    refuses leading blank lines with more spaces than that."""
    most = 0
    line_start = text.find("\n", start.index) + 1
    while 0 < line_start < len(text):
        line_end = text.find("\n", line_start)
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        if line.strip(" "):
            spaces = len(line) - len(line.lstrip(" "))
            if spaces > indent and most > spaces:
                raise Refused(
                    said(
                        "a blank line at the start of a block scalar has more spaces than its "
                        "first line"
                    ),
                    _At(text.count("\n", 0, line_start), 0),
                    said("remove the spaces from the blank lines, or give the indentation (|2)"),
                )
            return
        most = max(most, len(line))
        if line_end < 0:
            return
        line_start = line_end + 1
