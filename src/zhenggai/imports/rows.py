"""A sheet read row by row: which rows are tasks, section headings, totals or notes,
and each task's cells read as ledger values, every unreadable cell named by address."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date

from zhenggai.days.workdays import WorkCalendar
from zhenggai.imports.columns import Header, find_header
from zhenggai.imports.values import (
    CellError,
    DeadlineCell,
    read_deadline,
    read_state,
    read_text,
    read_units,
)
from zhenggai.messages import Text
from zhenggai.messages import text as said
from zhenggai.records.model import Status, Term
from zhenggai.records.settings import TextMax
from zhenggai.sheets.grid import Grid, Value, address


@dataclass(frozen=True)
class CellProblem:
    """A cell that could not be read (``整改台账!I12``), or a row missing what a task needs."""

    address: str
    message: Text


@dataclass(frozen=True)
class RowTask:
    """One task as the sheet says it."""

    sheet: str
    row: int  # 0-based
    key: str  # what a re-import matches it by: its 编号, else 序号, else its measure
    task_id: str | None  # the 编号 column, where the sheet has one
    section: str | None
    problem: str
    symptom: str | None  # 具体表现: how the problem showed itself
    title: str
    measure: str | None
    leader: str
    units: list[str]
    owner: str | None
    deadline: DeadlineCell
    status: Status
    progress: str | None
    evidence: list[str]
    remarks: str | None
    evidence_cell: str = ""  # the 佐证材料 cell's address: what a refused name is said at

    @property
    def where(self) -> str:
        return f"{self.sheet}!{self.row + 1}"


@dataclass
class Reading:
    """What a sheet held."""

    sheet: str
    header_row: int = -1
    filled: date | None = None  # the 填报日期 written above the header
    tasks: list[RowTask] = field(default_factory=list)
    problems: list[CellProblem] = field(default_factory=list)
    skipped: list[tuple[str, Text]] = field(default_factory=list)  # (row address, why)
    unknown_columns: list[str] = field(default_factory=list)  # "K: 督办人"


_HEADING = re.compile(
    r"^(?:[一二三四五六七八九十百]+、|（[一二三四五六七八九十百]+）|\([一二三四五六七八九十百]+\)|第[一二三四五六七八九十百\d]+[部分方面])"
)
_TOTAL = ("合计", "小计", "总计", "共计", "Total")
_NOTE = ("注", "备注", "说明", "填表说明", "填报说明", "Note")
_FILLED = re.compile(
    r"填报(?:日期|时间)\s*[:：]?\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})"
)


def read_sheet(
    grid: Grid,
    mapping: dict[str, str],
    feedback: date,
    work: WorkCalendar,
    shift: bool,
    bounds: TextMax | None = None,
) -> Reading:
    """Every row of ``grid`` after its header, read as tasks or named as something else;
    a cell longer than the ledger's bound for its field (``bounds``) is a problem."""
    bounds = bounds or TextMax()
    reading = Reading(grid.name)
    rows = grid.filled()
    header = find_header(rows, mapping)
    if header is None:
        reading.problems.append(
            CellProblem(
                f"{grid.name}!1",
                said(
                    "no header row found in the first 20 rows: name the columns 整改措施, "
                    "牵头单位, 完成时限 … or map them with --map"
                ),
            )
        )
        return reading
    reading.header_row = header.row
    reading.unknown_columns = [
        f"{address(grid.name, header.row, col).split('!')[1]}: {text}"
        for col, text in sorted(header.unknown.items())
    ]
    reading.filled = _filled_date(rows[: header.row])
    section: str | None = None
    problem: str | None = None
    for index in range(header.row + 1, len(rows)):
        cells = _cells(rows[index], header)
        texts = [read_text(v) for v in rows[index] if read_text(v)]
        here = f"{grid.name}!{index + 1}"
        if not texts:
            continue
        measure = read_text(cells.get("measure", ""))
        first = texts[0].replace(" ", "")
        # 合计 in one of the first cells (beside the count a formula gave it, say).
        if any(t.replace(" ", "").startswith(_TOTAL) for t in texts[:3]):
            reading.skipped.append((here, said("a total row")))
            continue
        # One value across the row (a merged heading row), or only a heading's text.
        single = len(set(texts)) == 1
        across = single and (len(texts) > 1 or grid.merge_at(index, 0) is not None)
        if single and (across or not measure) and not first.startswith(_NOTE):
            if across or _HEADING.match(texts[0]):
                section, problem = texts[0], None
                continue
            if "problem" in header.columns.values() and read_text(cells.get("problem", "")):
                problem = read_text(cells["problem"])  # a problem's row above its measures
                continue
        if not measure:
            why = (
                said("a note")
                if first.startswith(_NOTE)
                else said("no measure (整改措施): not a task")
            )
            reading.skipped.append((here, why))
            continue
        task = _task(
            grid, index, header, cells, section, problem, reading, feedback, work, shift, bounds
        )
        if task is not None:
            problem = task.problem
            reading.tasks.append(task)
    return reading


def _cells(row: list[Value], header: Header) -> dict[str, Value]:
    return {name: row[col] if col < len(row) else "" for col, name in header.columns.items()}


def _task(
    grid: Grid,
    index: int,
    header: Header,
    cells: dict[str, Value],
    section: str | None,
    problem: str | None,
    reading: Reading,
    feedback: date,
    work: WorkCalendar,
    shift: bool,
    bounds: TextMax,
) -> RowTask | None:
    column = {name: col for col, name in header.columns.items()}

    def at(name: str) -> str:
        return address(grid.name, index, column.get(name, 0))

    def fail(name: str, message: Text) -> None:
        reading.problems.append(CellProblem(at(name), message))

    before = len(reading.problems)
    # Each cell within the bound of the field it fills: a problem or symptom becomes a
    # paragraph of problems.yaml, a name a one-line field, 进展 and 备注 notes.
    for name, bound in (
        ("measure", bounds.measure), ("problem", bounds.measure), ("symptom", bounds.measure),
        ("leader", bounds.title), ("units", bounds.title), ("cooperating", bounds.title),
        ("owner", bounds.title), ("progress", bounds.note), ("remarks", bounds.note),
    ):  # fmt: skip
        length = len(read_text(cells.get(name, "")))
        if length > bound:
            fail(name, said("{length} characters, more than the {bound} this column may hold "
                            "(text_max in zhenggai.yaml)", length=length, bound=bound))  # fmt: skip
    text = read_text(cells["measure"])
    title, measure = _title_and_measure(text, bounds.title)
    problem_text = read_text(cells.get("problem", "")) or problem or section or grid.name
    leader = read_text(cells.get("leader", ""))
    if "leader" in column and not leader:
        fail("leader", said("no leader (责任领导)"))
    units = read_units(cells.get("units", ""))
    for unit in read_units(cells.get("cooperating", "")):
        if unit not in units:
            units.append(unit)
    if not units:
        fail("units" if "units" in column else "measure", said("no unit (牵头单位)"))
    try:
        status = read_state(cells.get("state", ""))
    except CellError as err:
        fail("state", err.text)
        status = Status.IN_PROGRESS
    deadline = DeadlineCell(Term.DATED, None, None)
    raw_deadline = cells.get("deadline", "")
    if read_text(raw_deadline):
        try:
            deadline = read_deadline(raw_deadline, feedback, work, shift)
        except CellError as err:
            fail("deadline", err.text)
    elif status is Status.ONGOING:
        deadline = DeadlineCell(Term.ONGOING, None, None)
    elif status is not Status.CANCELLED:
        fail("deadline" if "deadline" in column else "measure", said("no deadline"))
    if status is None:
        status = Status.ONGOING if deadline.term is Term.ONGOING else Status.IN_PROGRESS
    elif status is Status.ONGOING and deadline.term is not Term.ONGOING:
        deadline = DeadlineCell(Term.ONGOING, None, deadline.basis, deadline.cadence)
    if len(reading.problems) > before:
        return None
    deadline = _with_wording(deadline, read_text(cells.get("remarks", "")))
    task_id = read_text(cells.get("id", "")) or None
    number = read_text(cells.get("number", ""))
    key = task_id or number or hashlib.sha256(text.encode()).hexdigest()[:12]
    evidence = [
        part.strip()
        for part in re.split(r"[\n、；;]+", read_text(cells.get("evidence", "")))
        if part.strip()
    ]
    return RowTask(
        sheet=grid.name,
        row=index,
        key=key,
        task_id=task_id,
        section=section,
        problem=problem_text,
        symptom=read_text(cells.get("symptom", "")) or None,
        title=title,
        measure=measure,
        leader=leader or "",
        units=units,
        owner=read_text(cells.get("owner", "")) or None,
        deadline=deadline,
        status=status,
        progress=read_text(cells.get("progress", "")) or None,
        evidence=evidence,
        remarks=read_text(cells.get("remarks", "")) or None,
        evidence_cell=at("evidence"),
    )


_WORDING = re.compile(r"(?:时限原文|deadline as written)[:：]\s*(.+?)(?:；|; |$)")
_IMMEDIATE_MARK = re.compile(r"(?:^|；|; )(?:立行立改|immediate)(?:；|; |$)")


def _with_wording(deadline: DeadlineCell, remarks: str) -> DeadlineCell:
    """The deadline's wording where 备注 keeps it (as `export` writes it), and the term:
    a wording that begins 立行立改, or 立行立改 alone among the remarks, makes the task
    immediate again."""
    if deadline.deadline is None:
        return deadline
    found = _WORDING.search(remarks)
    wording = found.group(1).strip() if found is not None else deadline.basis
    immediate = (wording or "").startswith("立行立改") or bool(_IMMEDIATE_MARK.search(remarks))
    term = Term.IMMEDIATE if immediate else deadline.term
    return DeadlineCell(term, deadline.deadline, wording, deadline.cadence)


def _title_and_measure(text: str, longest: int) -> tuple[str, str | None]:
    """A title and, where the cell says more, the measure in full: our export writes
    ``title``, a blank line, ``measure``; an office's cell of several lines is a title
    (its first line) and the measure (the whole). A title over ``longest`` characters
    is its first sentence, or its start and "…", with the whole cell as the measure."""
    head, blank, rest = text.partition("\n\n")
    if blank and rest.strip():
        title, measure = " ".join(head.split()), rest.strip()
    else:
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        if len(lines) > 1:
            title, measure = lines[0], "\n".join(lines)
        else:
            title, measure = " ".join(text.split()), None
    if len(title) <= longest:
        return title, measure
    sentence = _SENTENCE.match(title)
    short = sentence.group()[:-1] if sentence and len(sentence.group()) <= longest else None
    return short or title[: longest - 1] + "…", measure or title


_SENTENCE = re.compile(r"[^。；;！？!?]+[。；;！？!?]")


def _filled_date(rows: list[list[Value]]) -> date | None:
    for row in rows:
        for value in row:
            found = _FILLED.search(read_text(value))
            if found:
                try:
                    return date(int(found.group(1)), int(found.group(2)), int(found.group(3)))
                except ValueError:
                    return None
    return None
