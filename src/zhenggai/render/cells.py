"""Making user text safe as a spreadsheet cell or a Markdown table cell."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence

from zhenggai.safetext import block, inline

# A cell starting with one of these is a formula to Excel and WPS (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object, lines: bool = False) -> object:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe;
    control characters are shown as escapes (`safetext.inline`, or `safetext.block`
    keeping line breaks with ``lines``)."""
    if isinstance(value, str):
        if value.startswith(_FORMULA_START):
            value = "'" + value
        return block(value) if lines else inline(value)
    return value


def to_csv(header: Sequence[str], rows: Iterable[Sequence[object]], lines: bool = False) -> str:
    """UTF-8 CSV with a BOM, so Excel on Chinese Windows opens it as UTF-8, not GBK.
    With ``lines``, a cell keeps its line breaks (quoted, as spreadsheets read them)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if cell is None else neutralise(cell, lines) for cell in row])
    return "\ufeff" + buffer.getvalue()


# Markdown's inline syntax: a backslash before any of these shows it as itself, so
# user text can make no link (`[x](javascript:…)`), emphasis, code span or heading.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")


def md_text(value: object) -> str:
    """User text as Markdown inline text (a table cell too): one line, syntax and
    pipes escaped, HTML left inert."""
    text = inline("" if value is None else str(value))
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def to_markdown(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    lines = [
        "| " + " | ".join(md_text(h) for h in header) + " |",
        "|" + "|".join(" --- " for _ in header) + "|",
    ]
    lines += ["| " + " | ".join(md_text(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"
