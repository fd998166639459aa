"""An Excel 97–2003 workbook's (xls) sheets measured before any grid is built.

An xls file is a stream of BIFF records inside an OLE container: the workbook's
records list the sheets and where each begins; a sheet's cell records each carry
their row and column. A reader builds rows × columns from the farthest of them,
so one cell at ``IV65536`` costs a gigabyte; the extent is read here from the
records alone (olefile opens the container), before any grid is built.
"""

from __future__ import annotations

import struct
from pathlib import Path

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

_BOF, _EOF, _BOUNDSHEET = 0x0809, 0x000A, 0x0085
# The records of one cell: row and column are their first two 16-bit fields.
_ONE_CELL = {0x0006, 0x00FD, 0x0203, 0x027E, 0x0201, 0x0205, 0x0204, 0x00D6}
# The records of a run of cells in one row: row, first column … last column (at the end).
_RUN = {0x00BD, 0x00BE}


def xls_extents(path: Path) -> dict[str, tuple[int, int]]:
    """Each worksheet of the xls file ``path``, by name: (rows, columns) as far as its
    cells reach. Raises ValueError for a file that is not one."""
    import olefile

    try:
        with olefile.OleFileIO(str(path)) as container:
            name = next(
                (n for n in ("Workbook", "Book") if container.exists(n)), None
            )  # Book: Excel 5/95
            if name is None:
                raise ValueError("no workbook stream")
            data = container.openstream(name).read()
    except OSError as err:  # olefile's own errors are OSError's
        raise ValueError(str(err)) from None
    extents = {}
    for sheet, offset in _sheets(data):
        extents[sheet] = _extent(data, offset)
    return extents


def _records(data: bytes, offset: int) -> list[tuple[int, bytes]]:
    """The records of the substream that begins at ``offset``, to its own EOF record (a
    chart drawn on a sheet is a substream inside it, with a BOF and an EOF of its own)."""
    found = []
    depth = 0
    while offset + 4 <= len(data):
        kind, length = struct.unpack_from("<HH", data, offset)
        body = data[offset + 4 : offset + 4 + length]
        offset += 4 + length
        depth += (kind == _BOF) - (kind == _EOF)
        if depth > 0:
            found.append((kind, body))  # the chart's own records too: none is a cell
        if depth <= 0:
            break
    return found


def _sheets(data: bytes) -> list[tuple[str, int]]:
    """(name, where its records begin) of each worksheet the workbook lists."""
    sheets = []
    for kind, body in _records(data, 0):
        if kind != _BOUNDSHEET or len(body) < 8:
            continue
        offset, _visibility, sheet_type = struct.unpack_from("<IBB", body)
        if sheet_type != 0:
            continue  # a chart or macro sheet holds no cells a reader builds
        sheets.append((_name(body[6:]), offset))
    return sheets


def _name(raw: bytes) -> str:
    """A BIFF8 short unicode string (length, flag, characters), else BIFF5's bytes."""
    length = raw[0] if raw else 0
    if len(raw) >= 2 + length and raw[1] in (0, 1):
        if raw[1] == 1:
            return raw[2 : 2 + 2 * length].decode("utf-16-le", "replace")
        return raw[2 : 2 + length].decode("latin-1")
    return raw[1 : 1 + length].decode("latin-1")


def _extent(data: bytes, offset: int) -> tuple[int, int]:
    rows = columns = 0
    for kind, body in _records(data, offset):
        if kind in _ONE_CELL and len(body) >= 4:
            row, column = struct.unpack_from("<HH", body)
        elif kind in _RUN and len(body) >= 6:
            row = struct.unpack_from("<H", body)[0]
            column = struct.unpack_from("<H", body, len(body) - 2)[0]
        else:
            continue
        rows, columns = max(rows, row + 1), max(columns, column + 1)
    return rows, columns
