"""A unit's 填报表 as an xlsx workbook: the facts locked (sheet protection), the liaison's
columns open with a drop-down for 完成情况 and a date check on 申请延期至, a 填报说明
sheet, and a hidden sheet that names the ledger, the period, the unit and each row's
task — so that a form returned by mail is matched by id, never by its text.

Every user text is written with ``write_string``: no cell of a form becomes a formula.
"""

from __future__ import annotations

import io
from datetime import date

from zhenggai.labels import Words
from zhenggai.ledger.form_facts import FACTS, FILLED, HEADER_ROW, HIDDEN, IDS_ROW, SHEET, STATES
from zhenggai.messages import Language
from zhenggai.render.xlsx import fit_cell
from zhenggai.reports.forms import UnitForm

_WORDS = Words(
    "form",
    {
        "title": "{unit}: progress of the rectification tasks, {period}",
        "filled_on": "Filled on (YYYY-MM-DD):",
        "due": "Return by {due}",
        "guide": "How to fill",
        "id": "ID",
        "role": "Role",
        "problem": "Problem",
        "measure": "Measure",
        "leader": "Lead",
        "lead_unit": "Lead unit",
        "deadline": "Deadline",
        "last_progress": "Last reported",
        "progress": "Progress this period",
        "state": "Status",
        "extend_to": "Extend to",
        "extend_reason": "Why extend",
        "evidence": "Evidence",
        "by": "Filled by",
        "phone": "Phone",
        "remarks": "Remarks",
        "lead": "leads",
        "cooperate": "joins",
        "guide_text": (
            "1. Fill only the white columns: progress this period, the state (推进中, "
            "申请销号 to apply for sign-off, 申请延期 to apply for an extension), the "
            "new deadline and why, the evidence files' names (the files go with this "
            "workbook, in the same folder or zip), who filled it and a phone.\n"
            "2. The grey columns are the ledger's facts: they cannot be changed here.\n"
            "3. Put the day you filled it in at the top.\n"
            "4. Return this workbook by {due} to {office}."
        ),
    },
)
_PAPER_A4 = 9
# Column widths in characters: 201 in all, which A4 landscape prints at some 70 %.
_WIDTHS = {"id": 10, "role": 5, "problem": 14, "measure": 26, "leader": 8, "lead_unit": 10,
           "deadline": 12, "last_progress": 20, "progress": 26, "state": 9, "extend_to": 10,
           "extend_reason": 12, "evidence": 12, "by": 7, "phone": 10, "remarks": 10}  # fmt: skip
_LINE_POINTS = 14


def _lines(text: str, width: int) -> int:
    """How many lines ``text`` wraps to in a column ``width`` characters wide (a Chinese
    character is two): office suites do not grow a row to its text on opening a file."""
    from zhenggai.render.text import cells

    return sum(max(1, -(-cells(line) // max(width - 1, 1))) for line in text.split("\n"))


def roles(language: Language) -> tuple[str, str]:
    """The words for a unit that leads a task and one that cooperates on it."""
    return _WORDS.say("lead", language), _WORDS.say("cooperate", language)


def form_workbook(form: UnitForm, ledger_key: str, office: str, language: Language) -> bytes:
    """The workbook of ``form``; ``office`` is who it goes back to (name, phone)."""
    import xlsxwriter

    def w(key: str, **values: object) -> str:
        return _WORDS.say(key, language, **values)

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False})
    base = {"font_name": "宋体" if language == "zh" else "Arial", "font_size": 10,
            "text_wrap": True, "valign": "top", "border": 1}  # fmt: skip
    locked = book.add_format({**base, "bg_color": "#EEEEEE", "locked": True})
    open_ = book.add_format({**base, "locked": False})
    open_date = book.add_format({**base, "locked": False, "num_format": "yyyy-mm-dd"})
    header = book.add_format({**base, "bold": True, "align": "center", "bg_color": "#D9D9D9"})
    title = book.add_format({"bold": True, "font_size": 16, "align": "center"})
    plain = book.add_format({"font_size": 11})

    ws = book.add_worksheet(SHEET)
    columns = (*FACTS, *FILLED)
    last = len(columns) - 1
    for index, key in enumerate(columns):
        ws.set_column(index, index, _WIDTHS[key])
    ws.merge_range(0, 0, 0, last, w("title", unit=form.name, period=form.period), title)
    ws.write_string(1, 0, w("filled_on"), plain)
    ws.write_blank(1, 2, None, open_date)  # the day it was filled: the one open cell above
    ws.write_string(1, 4, w("due", due=form.due), plain)
    ws.data_validation(1, 2, 1, 2, {"validate": "date", "criteria": ">=",
                                    "value": date(2000, 1, 1)})  # fmt: skip
    for index, key in enumerate(columns):
        ws.write_string(HEADER_ROW - 1, index, w(key), header)
    first = HEADER_ROW
    for offset, row in enumerate(form.rows):
        at = first + offset
        for index, fact in enumerate(row.facts):
            ws.write_string(at, index, fit_cell(fact, language), locked)
        tallest = max(
            _lines(fact, _WIDTHS[key]) for fact, key in zip(row.facts, FACTS, strict=True)
        )
        ws.set_row(at, _LINE_POINTS * min(max(tallest, 3), 15))  # room to write: three lines
        for index, key in enumerate(FILLED, start=len(FACTS)):
            ws.write_blank(at, index, None, open_date if key == "extend_to" else open_)
    end = first + max(len(form.rows), 1) - 1
    state_column = len(FACTS) + FILLED.index("state")
    date_column = len(FACTS) + FILLED.index("extend_to")
    ws.data_validation(first, state_column, end, state_column,
                       {"validate": "list", "source": list(STATES)})  # fmt: skip
    after_2000 = {"validate": "date", "criteria": ">=", "value": date(2000, 1, 1)}
    ws.data_validation(first, date_column, end, date_column, after_2000)
    ws.freeze_panes(HEADER_ROW, 1)
    ws.repeat_rows(HEADER_ROW - 1)
    ws.set_landscape()
    ws.set_paper(_PAPER_A4)
    ws.fit_to_pages(1, 0)
    ws.set_footer("&C&P / &N")
    ws.protect("", {"format_columns": True, "format_rows": True})

    guide = book.add_worksheet(w("guide"))
    guide.set_column(0, 0, 100)
    guide.write_string(0, 0, w("guide_text", due=form.due, office=office),
                       book.add_format({"text_wrap": True, "valign": "top"}))  # fmt: skip
    guide.protect()

    hidden = book.add_worksheet(HIDDEN)
    for at, (key, value) in enumerate(
        (("form", "zhenggai 1"), ("ledger", ledger_key), ("period", form.period),
         ("unit", form.unit), ("issued", str(form.issued)), ("due", str(form.due)))
    ):  # fmt: skip
        hidden.write_string(at, 0, key)
        hidden.write_string(at, 1, value)
    for offset, row in enumerate(form.rows):
        hidden.write_string(IDS_ROW + offset, 0, str(first + offset + 1))  # the form's row
        hidden.write_string(IDS_ROW + offset, 1, row.task_id)
        hidden.write_string(IDS_ROW + offset, 2, row.digest)
    hidden.protect()
    hidden.very_hidden()
    ws.activate()
    book.close()
    return buffer.getvalue()
