"""The 台账 as an Excel workbook, laid out as offices print it (XlsxWriter).

A merged title row, a 填报日期 line, one frozen header row repeated on every printed
page, the section headings as full-width rows, 反馈问题 merged over its measures,
the light as a fill and a word, wrapped text in widths that suit Chinese, A3
landscape fitted to the page width. Every user text is written as a string, so
nothing a ledger holds becomes a formula.
"""

from __future__ import annotations

import io
from datetime import date
from typing import Any

from zhenggai.messages import Language
from zhenggai.records.vocab import Light
from zhenggai.render.sheet import cells, columns_of, headers, word
from zhenggai.render.text import cells as cell_width
from zhenggai.reports.ledger_sheet import LedgerSheet

#: Column widths in Excel's units (about one Latin character; a Chinese one is two).
_WIDTHS = {
    "number": 6,
    "id": 11,
    "problem": 30,
    "measure": 44,
    "leader": 12,
    "lead_unit": 16,
    "other_units": 18,
    "deadline": 12,
    "progress": 40,
    "state": 10,
    "evidence": 22,
    "remarks": 26,
    "ledger": 14,
}
_FILLS = {
    Light.RED: "#F4B6B6",
    Light.YELLOW: "#FCE8A6",
    Light.NOTICE: "#CDE6F7",
    Light.GREEN: "#CDEBCF",
}
_FONT = "宋体"
_LINE_POINTS = 15  # the height of a line of 11 pt text, with its leading
_PAPER_A3 = 8


def workbook_bytes(sheet: LedgerSheet, language: Language) -> bytes:
    import xlsxwriter

    buffer = io.BytesIO()
    # No URL or number guessing: a cell holds exactly the text given.
    book = xlsxwriter.Workbook(
        buffer,
        {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False},
    )
    formats = _formats(book)
    name = "台账" if language == "zh" else "Ledger"
    ws = book.add_worksheet(name)
    columns = columns_of(sheet)
    last = len(columns) - 1
    for index, key in enumerate(columns):
        ws.set_column(index, index, _width(key, columns))

    title = sheet.title
    if sheet.unit:
        title = word("unit_list", language, title=title, unit=sheet.unit)
    if sheet.public_only:
        title += word("public", language)
    ws.merge_range(0, 0, 0, last, title, formats["title"])
    ws.set_row(0, 32)
    ws.merge_range(1, 0, 1, last, word("filled", language, day=sheet.as_of), formats["filled"])
    for index, text in enumerate(headers(language, columns)):
        ws.write_string(2, index, text, formats["header"])
    ws.freeze_panes(3, 0)
    ws.repeat_rows(2)
    ws.autofilter(2, 0, 2, last)

    at = 3
    for section in sheet.sections:
        heading = section.section.title if section.section else word("no_section", language)
        ws.merge_range(at, 0, at, last, heading, formats["section"])
        at += 1
        for group in section.problems:
            title_text = group.problem.title if group.problem else group.problem_id
            first = at
            for row in group.rows:
                values = cells(row, title_text, language, columns)
                _write_row(ws, at, values, row.row.state, formats, columns, language)
                # Spreadsheets do not grow a row to its wrapped text on opening a file:
                # the height is worked out here, as the lines each cell wraps to.
                lines = max(_lines(v, key, columns) for v, key in zip(values, columns, strict=True))
                ws.set_row(at, _LINE_POINTS * lines)
                at += 1
            if at - first > 1:  # the problem's cell spans its measures, as offices merge it
                ws.merge_range(first, 2, at - 1, 2, title_text, formats["text"])

    ws.set_landscape()
    ws.set_paper(_PAPER_A3)
    ws.fit_to_pages(1, 0)
    ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.5)
    ws.center_horizontally()
    ws.set_footer("&C&P / &N")
    book.close()
    return buffer.getvalue()


#: The most characters a spreadsheet cell holds (Excel's, and so every office suite's).
CELL_MAX = 32_767


def fit_cell(text: str, language: Language) -> str:
    """``text`` as a cell holds it: longer than a cell may be, cut with a note that says
    so in the cell itself, never silently (the writer would cut it without a word)."""
    if len(text) <= CELL_MAX:
        return text
    note = word("cut", language)
    return text[: CELL_MAX - len(note)] + note


def _write_row(
    ws: Any,
    at: int,
    values: list[object],
    state: Any,
    formats: dict[str, Any],
    columns: tuple[str, ...],
    language: Language,
) -> None:
    for column, value in enumerate(values):
        key = columns[column]
        if key == "state" and state.is_open:
            style = formats[f"light.{state.light.value}"]
        elif key in ("number", "id", "deadline", "state", "leader"):
            style = formats["centre"]
        else:
            style = formats["text"]
        if isinstance(value, date):
            ws.write_datetime(at, column, value, formats["date"])
        elif isinstance(value, int):
            ws.write_number(at, column, value, style)
        elif value == "":
            ws.write_blank(at, column, None, style)
        else:
            ws.write_string(at, column, fit_cell(str(value), language), style)


def _width(key: str, columns: tuple[str, ...]) -> int:
    """A column's width; over many ledgers the 编号 holds ``提案局:TASK-042``."""
    if key == "id" and "ledger" in columns:
        return 20
    return _WIDTHS[key]


def _lines(value: object, key: str, columns: tuple[str, ...]) -> int:
    """How many lines ``value`` takes in its column once wrapped (a Chinese character is
    two units of width, as `cell_width` counts on a terminal)."""
    if not isinstance(value, str) or not value:
        return 1
    room = max(_width(key, columns) - 1, 1)
    return sum(max(1, -(-cell_width(line) // room)) for line in value.split("\n"))


def _formats(book: Any) -> dict[str, Any]:
    base = {"font_name": _FONT, "font_size": 11, "border": 1, "valign": "vcenter"}
    formats = {
        "title": book.add_format(
            {"font_name": _FONT, "font_size": 18, "bold": True, "align": "center"}
            | {"valign": "vcenter"}
        ),
        "filled": book.add_format({"font_name": _FONT, "font_size": 11, "align": "left"}),
        "header": book.add_format(
            base | {"bold": True, "align": "center", "text_wrap": True, "bg_color": "#D9D9D9"}
        ),
        "section": book.add_format(base | {"bold": True, "bg_color": "#EDEDED"}),
        "text": book.add_format(base | {"text_wrap": True}),
        "centre": book.add_format(base | {"text_wrap": True, "align": "center"}),
        "date": book.add_format(base | {"num_format": "yyyy-mm-dd", "align": "center"}),
    }
    for light, colour in _FILLS.items():
        formats[f"light.{light.value}"] = book.add_format(
            base | {"align": "center", "bg_color": colour, "bold": light is Light.RED}
        )
    return formats
