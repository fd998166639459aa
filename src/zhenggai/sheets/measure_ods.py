"""An OpenDocument spreadsheet's tables measured before any grid is built.

An ods file says "this row, a hundred thousand times" and "this cell, a thousand times"
in two attributes: 1.3 KB of XML asks a reader for a hundred million cells. The
extent of each table is summed here from those attributes as ``content.xml`` streams
past, in bounded memory; only rows and cells that hold something count, as a
LibreOffice file ends with repeated empty rows that no reader builds.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.parsers import expat

_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_CELLS = (f"{_TABLE} table-cell", f"{_TABLE} covered-table-cell")
_CHUNK = 1 << 20
#: The largest repeat a file may say: more rows than any spreadsheet program has.
_MOST = 1 << 24


class _Extents:
    """The expat handlers, and each table's (rows, columns) as far as its content."""

    def __init__(self) -> None:
        self.found: dict[str, tuple[int, int]] = {}
        self.table: str | None = None
        self.rows = self.columns = 0  # the current table's extent so far
        self.row = self.row_repeat = 0  # rows before the current one; its repeat
        self.column = self.width = 0  # cells before the current one; the row's content end
        self.cell_repeat = 0
        self.cell_filled = False
        self.in_cell = False

    def start(self, name: str, attributes: dict[str, str]) -> None:
        if name == f"{_TABLE} table":
            self.table = attributes.get(f"{_TABLE} name", str(len(self.found) + 1))
            self.rows = self.columns = self.row = 0
        elif name == f"{_TABLE} table-row":
            self.row_repeat = _repeat(attributes.get(f"{_TABLE} number-rows-repeated"))
            self.column = self.width = 0
        elif name in _CELLS:
            self.cell_repeat = _repeat(attributes.get(f"{_TABLE} number-columns-repeated"))
            self.cell_filled = f"{_OFFICE} value-type" in attributes
            self.in_cell = True
        elif self.in_cell:
            self.cell_filled = True  # a paragraph or anything else inside it

    def end(self, name: str) -> None:
        if name in _CELLS:
            self.column += self.cell_repeat
            if self.cell_filled:
                self.width = self.column
            self.in_cell = False
        elif name == f"{_TABLE} table-row":
            self.row += self.row_repeat
            if self.width:
                self.rows, self.columns = self.row, max(self.columns, self.width)
        elif name == f"{_TABLE} table" and self.table is not None:
            self.found[self.table] = (self.rows, self.columns)
            self.table = None


def _repeat(value: str | None) -> int:
    if value is None:
        return 1
    if not value.isdigit() or not 1 <= int(value) <= _MOST:
        raise ValueError(f"a repeat of {value!r}")
    return int(value)


def ods_extents(path: Path) -> dict[str, tuple[int, int]]:
    """Each table of the ods file ``path``, by name: (rows, columns) as far as its
    content reaches. Raises ValueError (and zipfile's errors) for a file that is not
    one, or whose XML declares a document type (entities: no spreadsheet needs them)."""
    extents = _Extents()
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = extents.start
    parser.EndElementHandler = extents.end

    def refuse(*_: object) -> None:
        raise ValueError("content.xml declares a document type")

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    with zipfile.ZipFile(path) as book, book.open("content.xml") as stream:
        try:
            while chunk := stream.read(_CHUNK):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
        except expat.ExpatError as err:
            raise ValueError(f"content.xml: {err}") from None
    return extents.found
