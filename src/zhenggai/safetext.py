"""One rule for user text on its way out: control and bidi characters become visible.

A ledger is untrusted input (``zhenggai check`` runs on pull requests), and its
text reaches terminals and CI logs. An ESC can clear a screen, set a window
title or forge a hyperlink; a U+202E turns a line around; a newline starts a
line the reader did not write. Every such character is shown as an escape a
person can read (``\\x1b``, ``\\u202e``) instead. The escapes are chosen so
that JSON stays exact: a raw C0 character never appears in JSON (the encoder
writes ``\\u001b``), and ``\\uNNNN`` is JSON's own escape for the rest.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from zhenggai.findings import LedgerError
from zhenggai.messages import text as said

# C0 controls and DEL, C1 controls (U+0080–U+009F, NEL among them), the bidi
# embedding, override and isolate controls and marks, the line and paragraph
# separators, the interlinear annotation marks, and
# the non-characters and lone surrogates (a file name that is not UTF-8) XML refuses.
_CONTROL = "\x00-\x1f\x7f-\x9f"
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_OTHER = "\u2028\u2029\ufff9-\ufffb\ufffe\uffff\ud800-\udfff"

_UNSAFE = re.compile(f"[{_CONTROL}{_BIDI}{_OTHER}]")
# In text of several lines, the newline itself is kept (and a tab, which no terminal
# acts on beyond moving the cursor right); a CR is kept only in a CRLF line end (CSV's),
# which `_escaped` decides: one character class, the fastest search `re` has.
_IN_BLOCK = f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}{_OTHER}]"
_UNSAFE_IN_BLOCK = re.compile(_IN_BLOCK)
# An SGR sequence (colour, bold), as rich writes it: let through where we coloured.
_UNSAFE_KEEPING_SGR = re.compile(f"\x1b\\[[0-9;]*m|{_IN_BLOCK}")
_LINE_BREAK = re.compile("\r\n|\r|\n")


def escape_char(ch: str) -> str:
    """``\\x1b`` for a C0 character, ``\\u202e`` for any other."""
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x20 else f"\\u{code:04x}"


def _escaped(match: re.Match[str]) -> str:
    text = match.group()
    if text == "\r" and match.string.startswith("\n", match.end()):
        return text  # a CRLF line end
    return escape_char(text)


def _escaped_unless_sgr(match: re.Match[str]) -> str:
    text = match.group()
    return text if text.startswith("\x1b[") else _escaped(match)


def inline(text: str) -> str:
    """``text`` for one line: line breaks become spaces, other unsafe characters escapes."""
    if text.isprintable():  # the common case, decided in C
        return text
    return _UNSAFE.sub(_escape_one, _LINE_BREAK.sub(" ", text))


def _escape_one(match: re.Match[str]) -> str:
    return escape_char(match.group())


def block(text: str) -> str:
    """``text`` of several lines: its newlines kept, every other unsafe character escaped."""
    return _UNSAFE_IN_BLOCK.sub(_escaped, text)


def for_output(text: str, *, keep_colour: bool = False) -> str:
    """What a stream may carry: `block`, and with ``keep_colour`` the SGR sequences
    of our own colouring (only ever asked for on a terminal that wants colour)."""
    pattern = _UNSAFE_KEEPING_SGR if keep_colour else _UNSAFE_IN_BLOCK
    if pattern.search(text) is None:
        return text
    return pattern.sub(_escaped_unless_sgr if keep_colour else _escaped, text)


def drop_unsafe(text: str) -> str:
    """``text`` of several lines with every unsafe character but the newline and the
    tab left out: what a pasted note is recorded as."""
    return _UNSAFE_IN_BLOCK.sub("", text.replace("\r\n", "\n"))


def first_unsafe(text: str) -> str | None:
    """The first character a one-line field must not hold (shown as its escape), or None."""
    if text.isprintable():
        return None
    match = _UNSAFE.search(text)
    return escape_char(match.group()) if match else None


def no_command_start(line: str) -> str:
    """A line that would start with ``::`` (a CI runner's workflow command, after any
    leading blanks) gets a backslash before it, so it is shown, never run."""
    stripped = line.lstrip()
    if stripped.startswith("::"):
        return line[: len(line) - len(stripped)] + "\\" + stripped
    return line


def require_one_line(**fields: str | Sequence[str] | None) -> None:
    """Refuse a one-line field (a title, a name, an id) that holds a line break, a
    control or a direction character: it would be recorded as typed and could act on
    the terminal of whoever reads the ledger. The keyword is the option's name."""
    for name, value in fields.items():
        values = [value] if isinstance(value, str) else list(value or ())
        for text in values:
            found = first_unsafe(text)
            if found is not None:
                option = "--" + name.replace("_", "-")
                raise LedgerError(
                    said(
                        "{option} holds {found}, a line break or control character: "
                        "{option} is one line of plain text; type it again without it",
                        option=option,
                        found=found,
                    )
                )
