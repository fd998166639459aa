"""A workbook's sheets measured before any grid is built.

A reader that builds a sheet as a dense grid allocates rows × columns cells: one cell
written at ``XFD1048576`` in a 2 KB file asks for half a terabyte, and the process
dies. An xlsx file is a zip of XML; each worksheet's extent is read here from its XML
as a stream — the largest row and column that any cell, row or the sheet's own
``<dimension>`` names — in bounded memory, so that a sheet over the bound is refused
by its name and extent before it is read.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from zhenggai.messages import TextError
from zhenggai.messages import text as said

#: The OOXML workbooks (zip files): xlsx, and xlsm with its macros never run.
ZIPPED = (".xlsx", ".xlsm")

_CHUNK = 1 << 20
_SHEET = re.compile(rb"<(?:\w+:)?sheet\b[^>]*>")
_ATTRIBUTE = re.compile(rb'([\w:]+)="([^"]*)"')
_RELATION = re.compile(rb"<(?:\w+:)?Relationship\b[^>]*>")
_CELL = re.compile(rb'<(?:\w+:)?c\b[^>]*?\br="([A-Z]{1,3})([0-9]{1,9})"')
_ROW = re.compile(rb'<(?:\w+:)?row\b[^>]*?\br="([0-9]{1,9})"')
_DIMENSION = re.compile(
    rb'<(?:\w+:)?dimension\b[^>]*?\bref="([A-Z]{0,3})([0-9]{0,9}):?([A-Z]{0,3})([0-9]{0,9})"'
)


def workbook_extents(path: Path) -> dict[str, tuple[int, int]]:
    """Each sheet of the workbook ``path``, by name: (rows, columns), by what the file is
    (not by its name): xlsx or xlsm, ods, xls. ValueError for an xlsb, and for a file
    that is none of them nor anything calamine reads (which then says what it is)."""
    from zhenggai.sheets.measure_ods import ods_extents
    from zhenggai.sheets.measure_xls import OLE_MAGIC, xls_extents

    with open(path, "rb") as stream:
        magic = stream.read(len(OLE_MAGIC))
    if magic == OLE_MAGIC:
        return xls_extents(path)
    if not zipfile.is_zipfile(path):
        return {}  # calamine refuses it, saying why
    try:
        with zipfile.ZipFile(path) as book:
            names = set(book.namelist())
        if "xl/workbook.bin" in names:
            raise TextError(
                said("{file} is a binary workbook (xlsb), which is not read: save it as .xlsx",
                     file=path)
            )  # fmt: skip
        if "content.xml" in names:
            return ods_extents(path)
        if "xl/workbook.xml" in names:
            return sheet_extents(path)
    except (zipfile.BadZipFile, KeyError, OSError) as err:
        raise ValueError(str(err) or type(err).__name__) from None
    return {}


def column_number(letters: bytes) -> int:
    """``A`` → 1, ``Z`` → 26, ``AA`` → 27, ``XFD`` → 16384."""
    number = 0
    for letter in letters:
        number = number * 26 + (letter - 64)
    return number


def sheet_extents(path: Path) -> dict[str, tuple[int, int]]:
    """Each worksheet of the xlsx file ``path``, by name: (rows, columns) as far as its
    XML reaches. Raises `zipfile.BadZipFile` or `KeyError` for a file that is not one."""
    with zipfile.ZipFile(path) as book:
        targets = _targets(book)
        extents = {}
        for name, member in _sheets(book, targets):
            extents[name] = _extent(book, member)
        return extents


def _attributes(tag: bytes) -> dict[bytes, bytes]:
    return {key.split(b":")[-1]: value for key, value in _ATTRIBUTE.findall(tag)}


def _targets(book: zipfile.ZipFile) -> dict[bytes, str]:
    """The workbook's relationships: id → the part it points at."""
    try:
        rels = book.read("xl/_rels/workbook.xml.rels")
    except KeyError:
        return {}
    targets = {}
    for tag in _RELATION.findall(rels):
        attributes = _attributes(tag)
        target = attributes.get(b"Target", b"").decode("utf-8", "replace")
        part = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        targets[attributes.get(b"Id", b"")] = part
    return targets


def _sheets(book: zipfile.ZipFile, targets: dict[bytes, str]) -> list[tuple[str, str]]:
    """(sheet name, its part) of every sheet the workbook lists."""
    found = []
    for tag in _SHEET.findall(book.read("xl/workbook.xml")):
        attributes = _attributes(tag)
        part = targets.get(attributes.get(b"id", b""))
        name = attributes.get(b"name", b"").decode("utf-8", "replace")
        if part is not None and part in book.namelist():
            found.append((_unescape(name), part))
    return found


def _unescape(name: str) -> str:
    return (
        name.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
        .replace("&apos;", "'").replace("&amp;", "&")
    )  # fmt: skip


def _extent(book: zipfile.ZipFile, member: str) -> tuple[int, int]:
    rows = columns = 0
    with book.open(member) as stream:
        tail = b""
        while chunk := stream.read(_CHUNK):
            text = tail + chunk
            for letters, number in _CELL.findall(text):
                columns = max(columns, column_number(letters))
                rows = max(rows, int(number))
            for number in _ROW.findall(text):
                rows = max(rows, int(number))
            for first_col, first_row, last_col, last_row in _DIMENSION.findall(text):
                for letters in (first_col, last_col):
                    columns = max(columns, column_number(letters))
                for number in (first_row, last_row):
                    rows = max(rows, int(number or 0))
            # A tag cut by the chunk's end is read whole with the next chunk; a tag longer
            # than a chunk is no spreadsheet's.
            start = text.rfind(b"<")
            tail = text[start:] if start >= 0 and b">" not in text[start:] else b""
            if len(tail) > _CHUNK:
                raise ValueError(f"{member}: a tag longer than {_CHUNK} bytes")
    return rows, columns
