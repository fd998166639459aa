"""The 台账's cells: the columns an office prints, and what each task shows in them.

One source for every sheet-like export (xlsx, CSV), so the two always agree, and for
`zhenggai import`, which recognises these headers when a sheet comes back.
"""

from __future__ import annotations

from datetime import date

from zhenggai.days.dates import said_basis
from zhenggai.labels import Labels, Words
from zhenggai.ledger.qualified import qualify
from zhenggai.messages import Language
from zhenggai.records.model import Status, Term
from zhenggai.render.listing import state_word
from zhenggai.reports.ledger_sheet import LedgerSheet, SheetRow

#: The columns, in print order, by key; the headers are their labels.
COLUMNS = (
    "number",
    "id",
    "problem",
    "measure",
    "leader",
    "lead_unit",
    "other_units",
    "deadline",
    "progress",
    "state",
    "evidence",
    "remarks",
)
_HEADERS = Words(
    "header",
    {
        "number": "No.",
        "id": "ID",
        "problem": "Problem",
        "measure": "Measure detail",
        "leader": "Leader",
        "lead_unit": "Lead unit",
        "other_units": "Cooperating units",
        "deadline": "Deadline",
        "progress": "Progress",
        "state": "Status",
        "evidence": "Evidence",
        "remarks": "Remarks",
        "ledger": "Ledger",
    },
)
_WORDS = Words(
    "sheet",
    {
        "filled": "As of {day}",
        "unit_list": "{title} ({unit}: task list)",
        "public": " (public version)",
        "ongoing_every": "ongoing ({every})",
        "no_section": "Other",
        "closed": "signed off {day}: {summary}",
        "cancelled": "cancelled: {reason}",
        "extended": "original deadline {original}, extended {n}×",
        "basis": "deadline as written: {basis}",
        "immediate": "immediate",
        "separator": "; ",
        "cut": "… (cut at a spreadsheet cell's 32,767 characters; the ledger holds it whole)",
    },
)


def columns_of(sheet: LedgerSheet) -> tuple[str, ...]:
    """The sheet's columns: over many ledgers, a 台账 column last (the merges and widths
    of the others stay where offices expect them)."""
    return (*COLUMNS, "ledger") if any(row.row.ledger for row in sheet.rows) else COLUMNS


def headers(language: Language, columns: tuple[str, ...] = COLUMNS) -> list[str]:
    return [_HEADERS.say(key, language) for key in columns]


def word(key: str, language: Language, **values: object) -> str:
    return _WORDS.say(key, language, **values)


def header_names() -> dict[str, str]:
    """Every header in both languages, to the column key it names (for import)."""
    return {name: key for language in ("zh", "en") for key, name in
            _HEADERS.in_language(language).items()}  # fmt: skip


def measure_text(row: SheetRow) -> str:
    """The title, then the measure in full after a blank line where it says more:
    printed whole, and split back the same way on import."""
    task = row.task
    if task.measure and task.measure != task.title:
        return f"{task.title}\n\n{task.measure}"
    return task.title


def deadline_value(row: SheetRow, language: Language) -> date | str:
    """The deadline in force on the day as a date, or 长期坚持（每季度） for ongoing work."""
    deadline = row.row.state.deadline
    if deadline is not None:
        return deadline
    cadence = row.task.cadence
    if cadence is None:
        return ""
    every = Labels(language)(f"cadence.{cadence.value}")
    return word("ongoing_every", language, every=every)


def progress_text(row: SheetRow) -> str:
    note = row.latest_note
    return f"{note.date.isoformat()}：{note.text}" if note else ""


def evidence_text(row: SheetRow) -> str:
    return "\n".join(item.path.rsplit("/", 1)[-1] for item in row.task.evidence)


def remarks_text(row: SheetRow, language: Language) -> str:
    task, state = row.task, row.row.state
    parts = []
    if state.status is Status.DONE and task.closing is not None:
        closing = task.closing
        parts.append(word("closed", language, day=closing.date, summary=closing.summary))
    if state.status is Status.CANCELLED:
        reason = task.cancelled.reason if task.cancelled else task.cancel_reason
        parts.append(word("cancelled", language, reason=reason or ""))
    if state.extensions:
        parts.append(
            word("extended", language, original=task.original_deadline, n=state.extensions)
        )
    if task.deadline_basis:
        parts.append(word("basis", language, basis=said_basis(task.deadline_basis, language)))
    if task.term is Term.IMMEDIATE and not (task.deadline_basis or "").startswith("立行立改"):
        parts.append(word("immediate", language))  # the term, where no wording says it
    # A part that ends a sentence (。) is not followed by a second mark (；).
    return word("separator", language).join(part.rstrip("。；;") for part in parts)


def cells(
    row: SheetRow, problem_title: str, language: Language, columns: tuple[str, ...] = COLUMNS
) -> list[object]:
    """The row's cells in ``columns`` order: text, numbers, and the deadline as a date."""
    labels = Labels(language)
    from zhenggai.render.context import RenderContext

    ledger = [row.row.ledger] if len(columns) > len(COLUMNS) else []
    return [
        row.number,
        qualify(row.row.ledger, row.task.id),
        problem_title,
        measure_text(row),
        row.leader,
        row.lead_unit,
        "、".join(row.other_units),
        deadline_value(row, language),
        progress_text(row),
        state_word(row.row, RenderContext(labels)),
        evidence_text(row),
        remarks_text(row, language),
        *ledger,
    ]
