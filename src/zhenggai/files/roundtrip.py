"""Editing a YAML file in place: ruamel.yaml round-trip, keeping what a person wrote.

Comments, key order, quoting, flow lists, blank lines, a BOM and CRLF line
endings all survive; only the keys an edit touches change. Reading the whole
ledger stays on the fast strict reader in `yamlio`; this module is for the one
file being edited.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

_BOM = "\ufeff"
# Text that a YAML 1.1 reader (or a spreadsheet import) would take for something else.
AMBIGUOUS = re.compile(
    r"""(?ix)
    ( y|yes|n|no|true|false|on|off|null|~|
      [-+]?[0-9_.:]+ |                       # numbers, octal, sexagesimal 12:30
      [-+]?\.(inf|nan) |
      0x[0-9a-f_]+ | 0o[0-7_]+ |
      \d{4}-\d{1,2}-\d{1,2}([Tt ].*)? )$""",
)


@dataclass
class EditableFile:
    """A parsed file ready to edit, and how to write it back the way it came."""

    data: CommentedMap
    yaml: YAML
    bom: bool
    newline: str

    def dump(self) -> bytes:
        buffer = io.StringIO()
        self.yaml.dump(self.data, buffer)
        text = buffer.getvalue()
        if self.newline != "\n":
            text = text.replace("\n", self.newline)
        return ((_BOM if self.bom else "") + text).encode("utf-8")


def open_for_edit(text: str) -> EditableFile:
    """Parse ``text`` (already checked by the strict reader) for a round-trip edit."""
    bom = text.startswith(_BOM)
    text = text.removeprefix(_BOM)
    newline = "\r\n" if "\r\n" in text else "\n"
    text = text.replace("\r\n", "\n")
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap a long line someone wrote
    # One date object used twice (evidence added, closing date) must not become an anchor:
    # the ledger's reader refuses anchors.
    yaml.representer.ignore_aliases = lambda data: True
    mapping, sequence, offset = _guess_indent(text)
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    data = yaml.load(text)
    if not isinstance(data, CommentedMap):
        raise ValueError("expected a mapping at the top level")
    return EditableFile(data, yaml, bom, newline)


def _guess_indent(text: str) -> tuple[int, int, int]:
    """(mapping indent, sequence indent, dash offset) as the file already uses them.

    Defaults to the house style, two spaces and dashes indented under their key.
    """
    mapping, offset = 2, 2
    lines = text.splitlines()
    for index, line in enumerate(lines[:-1]):
        if not line.rstrip().endswith(":") or line.lstrip().startswith("#"):
            continue
        parent = len(line) - len(line.lstrip())
        child = lines[index + 1]
        stripped = child.lstrip()
        if not stripped or stripped.startswith("#"):
            continue
        depth = len(child) - len(stripped) - parent
        if stripped.startswith("- "):
            offset = depth
            break
        if depth > 0:
            mapping = depth
    return mapping, offset + 2, offset


# Characters a literal block may hold as they are (YAML 1.2 "printable", less the line breaks
# that a block would turn into plain newlines).
_BLOCK_UNSAFE = re.compile(
    "[^\t\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)


def text_value(value: str) -> Any:
    """A string as it should be written: quoted when a YAML 1.1 reader would misread it,
    as a literal block when it has several lines (and nothing a block cannot hold)."""
    if "\n" in value and not _BLOCK_UNSAFE.search(value):
        return LiteralScalarString(value)
    if (
        AMBIGUOUS.match(value)
        or value != value.strip()
        or _BLOCK_UNSAFE.search(value)
        or ("\n" in value)
    ):
        return DoubleQuotedScalarString(value)
    return value


def new_mapping(values: dict[str, Any], like: Any = None) -> CommentedMap:
    """A mapping of plain values, in flow style when ``like`` (a sibling) is."""
    mapping = CommentedMap()
    for key, value in values.items():
        if value is None:
            continue
        mapping[key] = text_value(value) if isinstance(value, str) else value
    flow = getattr(like, "fa", None)
    if flow is not None and flow.flow_style():
        mapping.fa.set_flow_style()
    return mapping


def append_item(data: CommentedMap, key: str, item: dict[str, Any], order: Sequence[str]) -> None:
    """Append ``item`` to the list under ``key``, creating the list where it belongs."""
    items = data.get(key)
    if items is None:
        items = CommentedSeq()
        set_key(data, key, items, order)
    items.append(new_mapping(item, like=items[-1] if len(items) else None))


def insert_item(
    data: CommentedMap, key: str, at: int, item: dict[str, Any], order: Sequence[str]
) -> None:
    """Insert ``item`` at index ``at`` of the list under ``key`` (appended past its end)."""
    items = data.get(key)
    if items is None or at >= len(items):
        append_item(data, key, item, order)
        return
    items.insert(at, new_mapping(item, like=items[at]))


def set_key(data: CommentedMap, key: str, value: Any, order: Sequence[str]) -> None:
    """Set ``key``; a new key goes after the keys that come before it in ``order``."""
    if isinstance(value, str):
        value = _keep_style(data.get(key), value)
    if key in data:
        data[key] = value
        return
    rank = {name: index for index, name in enumerate(order)}
    mine = rank.get(key, len(order))
    position = 0
    for index, existing in enumerate(data):
        if rank.get(existing, len(order)) <= mine:
            position = index + 1
    data.insert(position, key, value)


def _keep_style(old: Any, value: str) -> Any:
    # A value that was quoted stays quoted the same way.
    if old is not None and type(old) is not str and isinstance(old, str):
        return type(old)(value)
    return text_value(value)
