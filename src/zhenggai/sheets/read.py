"""Reading a workbook (xlsx, xls, ods: python-calamine) or a CSV file into grids.

calamine gives a formula cell's cached value and a text cell's text, so a text that
only looks like a formula (``=HYPERLINK(...)``) stays text. CSV comes from Excel or
WPS as UTF-8 (with or without a BOM) or GB18030/GBK, comma or tab separated.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from zhenggai.findings import LedgerError
from zhenggai.messages import text as said
from zhenggai.sheets.grid import Grid, Merge, Value, Workbook

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods")


def read_workbook(path: Path) -> Workbook:
    """Every sheet of ``path``; LedgerError if it is not a workbook calamine can read."""
    from python_calamine import CalamineError, CalamineWorkbook

    if not path.is_file():
        raise LedgerError(said("{file} does not exist", file=path))
    try:
        book = CalamineWorkbook.from_path(str(path))
        sheets, hidden = [], set()
        for meta in book.sheets_metadata:
            if str(meta.typ).rsplit(".", 1)[-1] != "WorkSheet":
                continue  # a chart sheet holds no cells
            if str(meta.visible).rsplit(".", 1)[-1] != "Visible":
                hidden.add(meta.name)
            sheet = book.get_sheet_by_name(meta.name)
            rows: list[list[Value]] = sheet.to_python(skip_empty_area=False)
            merges = [
                Merge(first[0], first[1], last[0], last[1])
                for first, last in (sheet.merged_cell_ranges or [])
            ]
            sheets.append(Grid(meta.name, rows, merges))
    except (CalamineError, ValueError, OSError) as err:
        if isinstance(err, FileNotFoundError):
            raise LedgerError(said("{file} does not exist", file=path)) from None
        raise LedgerError(
            said(
                "cannot read {file} as a workbook: {why}",
                file=path,
                why=str(err) or type(err).__name__,
            )
        ) from None
    return Workbook(sheets, frozenset(hidden))


def read_csv(path: Path, encoding: str | None = None) -> Workbook:
    """A CSV file as a one-sheet workbook named after the file."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise LedgerError(said("{file} does not exist", file=path)) from None
    text = decode_csv(raw, encoding, path)
    sample = text[:8192]
    delimiter = "\t" if sample.count("\t") > sample.count(",") else ","
    rows: list[list[Value]] = [
        list(row) for row in csv.reader(io.StringIO(text), delimiter=delimiter)
    ]
    return Workbook([Grid(path.stem, rows)])


def decode_csv(raw: bytes, encoding: str | None, path: Path) -> str:
    """UTF-8 (a BOM or not), else GB18030 (which reads every GBK file); or as asked."""
    if encoding:
        try:
            return raw.decode(encoding)
        except LookupError:
            raise LedgerError(said("unknown encoding {name}", name=repr(encoding))) from None
        except UnicodeDecodeError as err:
            raise LedgerError(
                said(
                    "{file} is not {name} (byte {offset}); give the encoding it was saved in",
                    file=path,
                    name=encoding,
                    offset=err.start,
                )
            ) from None
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="strict")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError as err:
        raise LedgerError(
            said(
                "{file} is neither UTF-8 nor GBK (byte {offset}): save it as CSV UTF-8, "
                "or give --encoding",
                file=path,
                offset=err.start,
            )
        ) from None
