"""Reading a workbook (xlsx, xls, ods: python-calamine) or a CSV file into grids.

calamine gives a formula cell's cached value and a text cell's text, so a text that
only looks like a formula (``=HYPERLINK(...)``) stays text. CSV comes from Excel or
WPS as UTF-8 (with or without a BOM) or GB18030/GBK, comma or tab separated.
"""

from __future__ import annotations

import csv
import io
import os
import stat
from pathlib import Path

from zhenggai.findings import LedgerError
from zhenggai.messages import TextError
from zhenggai.messages import text as said
from zhenggai.sheets.grid import Grid, Merge, Value, Workbook

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods")
#: The largest sheet file read, in bytes: a 10,000-row 台账 is some 2 MB as xlsx and
#: 5 MB as CSV; a file a hundred times larger is no office's sheet.
MAX_SHEET_BYTES = 256 * 1024 * 1024


def require_sheet_file(path: Path) -> int:
    """The size of the regular file at ``path``; LedgerError, said plainly, for what is
    not one — missing, a folder, a pipe or a device (which would hang or read for
    ever) — or is larger than any sheet an office keeps."""
    try:
        info = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        raise LedgerError(said("{file} does not exist", file=path)) from None
    if stat.S_ISDIR(info.st_mode):
        raise LedgerError(said("{file} is a folder: give the sheet's file", file=path))
    if not stat.S_ISREG(info.st_mode):
        raise LedgerError(
            said("{file} is not a regular file (a pipe or a device): save the sheet as a "
                 "file and give that", file=path)
        )  # fmt: skip
    if info.st_size > MAX_SHEET_BYTES:
        raise LedgerError(
            said("{file} is {size} MB, more than the {limit} MB a sheet may be", file=path,
                 size=info.st_size // 2**20, limit=MAX_SHEET_BYTES // 2**20)
        )  # fmt: skip
    return info.st_size


def read_workbook(path: Path, max_cells: int = 2_000_000) -> Workbook:
    """Every sheet of ``path``; LedgerError if it is not a workbook calamine can read,
    or if a sheet spans more than ``max_cells`` (measured before it is built)."""
    from python_calamine import CalamineError, CalamineWorkbook

    require_sheet_file(path)
    require_measured(path, max_cells)
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


def require_measured(path: Path, max_cells: int) -> None:
    """LedgerError naming the first sheet of the workbook ``path`` over ``max_cells``, by
    its extent, read from the file before any grid is built (xlsx and xlsm, xls, ods);
    LedgerError for a binary workbook (xlsb), which no office's 台账 needs."""
    from zhenggai.sheets.measure import workbook_extents

    try:
        extents = workbook_extents(path)
    except TextError as err:
        raise LedgerError(err.text) from None
    except ValueError as err:
        raise LedgerError(
            said("cannot read {file} as a workbook: {why}", file=path, why=str(err))
        ) from None
    for name, (rows, columns) in extents.items():
        if rows * columns > max_cells:
            raise LedgerError(
                said("{file}: sheet {sheet} spans {rows} rows × {columns} columns, more than "
                     "the {limit} cells an import reads (sheet_max_cells in zhenggai.yaml)",
                     file=path, sheet=repr(name), rows=rows, columns=columns, limit=max_cells)
            )  # fmt: skip


def read_csv(path: Path, encoding: str | None = None, max_cells: int = 2_000_000) -> Workbook:
    """A CSV file as a one-sheet workbook named after the file."""
    require_sheet_file(path)
    with open(path, "rb") as stream:
        raw = stream.read(MAX_SHEET_BYTES + 1)  # a file that grew since: still bounded
    if len(raw) > MAX_SHEET_BYTES:
        raise LedgerError(said("{file} grew while it was read; try again", file=path))
    text = decode_csv(raw, encoding, path)
    sample = text[:8192]
    delimiter = "\t" if sample.count("\t") > sample.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    rows: list[list[Value]] = []
    width = 0
    try:
        for row in reader:
            rows.append(list(row))
            width = max(width, len(row))
            if len(rows) * width > max_cells:
                raise LedgerError(
                    said("{file}: sheet {sheet} spans {rows} rows × {columns} columns, more "
                         "than the {limit} cells an import reads (sheet_max_cells in "
                         "zhenggai.yaml)", file=path, sheet=repr(path.stem),
                         rows=f"{len(rows)}+", columns=width, limit=max_cells)
                )  # fmt: skip
    except csv.Error as err:
        if "field larger than field limit" in str(err):
            raise LedgerError(
                said("cannot read {file} as CSV: a cell on line {line} is longer than "
                     "{limit} characters", file=path, line=reader.line_num,
                     limit=csv.field_size_limit())
            ) from None  # fmt: skip
        raise LedgerError(
            said("cannot read {file} as CSV, line {line}: {why}", file=path,
                 line=reader.line_num, why=str(err))
        ) from None  # fmt: skip
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
