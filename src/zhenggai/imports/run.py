"""An import from start to end, without the terminal: read the file, pick the sheet,
read its rows, plan the files, check every file reads back: one change, which the
unit of work writes all or none."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from zhenggai.findings import LedgerError
from zhenggai.imports.columns import parse_map
from zhenggai.imports.plan import ImportPlan, plan_import
from zhenggai.imports.rows import Reading, read_sheet
from zhenggai.imports.values import CellError
from zhenggai.ledger.loaded import Ledger
from zhenggai.messages import text as said
from zhenggai.messages import text_n as said_n
from zhenggai.sheets.grid import Workbook
from zhenggai.sheets.read import read_csv, read_workbook
from zhenggai.writes.change import Change
from zhenggai.writes.plan import record_day


@dataclass(frozen=True)
class ImportRequest:
    source: Path
    kind: str  # "xlsx" (any workbook) or "csv"
    sheet: str | None = None
    maps: list[str] = field(default_factory=list)
    day: date | None = None  # --date
    evidence_dir: Path | None = None
    encoding: str | None = None
    cadence: str = "quarterly"
    by: str = "导入"
    # Names one edit from a registered unit or leader that are new ones (--new-unit,
    # --new-leader).
    new_units: frozenset[str] = frozenset()
    new_leaders: frozenset[str] = frozenset()


@dataclass
class ImportResult:
    reading: Reading
    hidden_skipped: list[str]
    day: date
    plan: ImportPlan | None  # None: rows could not be read, nothing planned


def read_source(request: ImportRequest, max_cells: int = 2_000_000) -> Workbook:
    if request.kind == "csv":
        return read_csv(request.source, request.encoding, max_cells)
    return read_workbook(request.source, max_cells)


def prepare_import(
    ledger: Ledger, request: ImportRequest, today: date, keep_going: bool
) -> ImportResult:
    """Everything up to the files to write; nothing is written."""
    require_whole(ledger)
    book = read_source(request, ledger.settings.sheet_max_cells)
    names = [grid.name for grid in book.sheets]
    if request.sheet is not None:
        chosen = next((grid for grid in book.sheets if grid.name == request.sheet), None)
        if chosen is None:
            raise LedgerError(
                said(
                    "no sheet {name} in {file}; its sheets: {names}",
                    name=repr(request.sheet),
                    file=request.source,
                    names="、".join(names),
                )
            )
    else:
        visible = book.visible()
        if not visible:
            raise LedgerError(said("{file} has no visible sheet", file=request.source))
        chosen = visible[0]
    hidden = [name for name in names if name in book.hidden and name != chosen.name]
    try:
        mapping = parse_map(request.maps)
    except CellError as err:
        raise LedgerError(err.text) from None
    settings = ledger.settings
    reading = read_sheet(
        chosen,
        mapping,
        settings.source.feedback_date,
        ledger.work_calendar(),
        settings.shift_deadline_to_workday,
        settings.text_max,
    )
    day = record_day(request.day or reading.filled, today)
    if reading.header_row < 0 or (reading.problems and not keep_going):
        return ImportResult(reading, hidden, day, None)
    plan = plan_import(
        ledger,
        reading.tasks,
        day,
        request.evidence_dir,
        request.cadence,
        request.by,
        (request.new_units, request.new_leaders),
    )
    _read_back(plan)
    return ImportResult(reading, hidden, day, plan)


def require_whole(ledger: Ledger) -> None:
    """An import writes only into a ledger it read whole: LedgerError when a file of it
    did not read (a row could take the id of a task it never saw) or when its folders
    or registries are links (it would write where they lead)."""
    from zhenggai.ledger.paths import (
        EVIDENCE_DIR,
        PROBLEMS_FILE,
        REVIEWS_DIR,
        SETTINGS_FILE,
        TASKS_DIR,
    )

    names = (SETTINGS_FILE, PROBLEMS_FILE, TASKS_DIR, EVIDENCE_DIR, REVIEWS_DIR)
    links = [name for name in names if (ledger.root / name).is_symlink()]
    if links:
        raise LedgerError(
            said("refusing to import: {names} in the ledger is a link; an import writes "
                 "only into the ledger's own files and folders", names="、".join(links))
        )  # fmt: skip
    errors = [finding for finding in ledger.findings if finding.severity == "error"]
    if errors:
        raise LedgerError(
            said("refusing to import: files of the ledger do not read (above); fix these "
                 "first (`zhenggai check`)"),
            errors,
            ledger.root,
        )  # fmt: skip


def _read_back(plan: ImportPlan) -> None:
    """Every file as the ledger's reader will see it: a file it would refuse is never
    written (a value the sheet holds that the ledger cannot)."""
    from zhenggai.ledger.paths import PROBLEMS_FILE, SETTINGS_FILE, TASKS_DIR
    from zhenggai.ledger.reader import read_record, read_task
    from zhenggai.records.model import ProblemsFile, Settings

    findings = []
    for rel, content in plan.files.items():
        path = str(plan.root / rel)
        if rel.startswith(f"{TASKS_DIR}/"):
            findings += read_task(content, path, rel).findings
        elif rel == SETTINGS_FILE:
            findings += read_record(content, path, rel, Settings)[2]
        elif rel == PROBLEMS_FILE:
            findings += read_record(content, path, rel, ProblemsFile)[2]
    if findings:
        raise LedgerError(
            said("refusing to import: the files it would write do not read back (below)"),
            findings,
            plan.root,
        )


def import_change(plan: ImportPlan, source: Path) -> Change:
    """The files an import writes and the evidence it copies in, as one change."""
    files = tuple((plan.root / rel, content) for rel, content in plan.files.items())
    message = said_n("import {file}: {n} new task", "import {file}: {n} new tasks",
                     len(plan.report.created), file=source.name)  # fmt: skip
    return Change(plan.root, message, files, tuple(plan.copies), shows_files=False)
