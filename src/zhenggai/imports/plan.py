"""What importing a sheet will write: registry entries for the units, leaders and
problems it names, a task file per new row, and for a row imported before, its new
progress note and the changes the sheet made — unless the ledger changed the task
since, which is reported as a conflict and left as it is."""

from __future__ import annotations

import difflib
import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

from zhenggai.findings import LedgerError
from zhenggai.imports.evidence import file_inside
from zhenggai.imports.exported import exported_task, plan_exported
from zhenggai.imports.registries import Registry, Sections, require_answered, settings_with
from zhenggai.imports.remarks import remarks_of_known, remarks_of_new
from zhenggai.imports.rows import RowTask
from zhenggai.ledger.evidence import StoredEvidence
from zhenggai.ledger.loaded import Ledger
from zhenggai.ledger.paths import PROBLEMS_FILE, SETTINGS_FILE, TASK_SUFFIX, TASKS_DIR
from zhenggai.messages import Text
from zhenggai.messages import text as said
from zhenggai.records.model import Status, Task, Term
from zhenggai.writes.plan import KEY_ORDER

_NOTE_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})[：:]\s*")
_CLOSED = re.compile(r"(\d{4}-\d{2}-\d{2}) 销号[：:]\s*(.+?)(?:；|$)")


@dataclass
class ImportReport:
    """What the import did, or would do (--dry-run), for the person who ran it."""

    created: list[tuple[str, str]] = field(default_factory=list)  # (task id, row)
    updated: list[tuple[str, str]] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)
    unchanged: int = 0
    conflicts: list[tuple[str, str, Text]] = field(default_factory=list)
    registries: list[Text] = field(default_factory=list)  # units, leaders, problems added
    near_names: list[Text] = field(default_factory=list)  # a typo read as the known name
    evidence_missing: list[tuple[str, str]] = field(default_factory=list)  # (task id, name)
    # Done in the sheet with no day given: signed off on the sheet's day, after the deadline.
    late_by_sheet_day: list[str] = field(default_factory=list)
    # A 备注 that asks for an extension or a sign-off: (task id, row, kind).
    applications: list[tuple[str, str, str]] = field(default_factory=list)


@dataclass
class ImportPlan:
    root: Path
    files: dict[str, bytes]  # relative path → new content (new and changed files)
    copies: list[StoredEvidence]
    report: ImportReport


def plan_import(
    ledger: Ledger,
    rows: list[RowTask],
    day: date,
    evidence_dir: Path | None,
    cadence: str,
    by: str,
    confirmed: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset()),
) -> ImportPlan:
    """The files the import writes; the ledger is read, nothing is written."""
    report = ImportReport()
    units = Registry(
        {u.id: u.name for u in ledger.settings.units}, {u for row in rows for u in row.units}
    )
    leaders = Registry({x.id: x.name for x in ledger.settings.leaders}, {r.leader for r in rows})
    sections = Sections(ledger)
    existing: dict[str, list[Task]] = {}
    for loaded in ledger.tasks:
        if loaded.task.imported is not None:
            existing.setdefault(loaded.task.imported.key, []).append(loaded.task)
    files: dict[str, bytes] = {}
    copies: list[StoredEvidence] = []
    from zhenggai.ledger.ids import task_ids_in

    # Every id a file holds is taken, read or not: a file that did not read is never
    # replaced by a row that takes its id.
    taken = _numbers(ledger, {loaded.id for loaded in ledger.tasks} | set(task_ids_in(ledger.root)))
    next_number = max(taken, default=0) + 1
    for row in rows:
        lead = (
            leaders.resolve(row.leader, report.near_names, "leader", row.where, confirmed[1])
            if row.leader
            else ""
        )
        unit_ids = [units.resolve(unit, report.near_names, "unit", row.where, confirmed[0])
                    for unit in row.units]  # fmt: skip
        unit_ids = list(dict.fromkeys(unit_ids))
        problem_id = sections.problem_for(row.section, row.problem, row.symptom)
        values = _values(row, problem_id, lead, unit_ids, cadence)
        digest = _digest(values)
        native = exported_task(ledger, row)
        if native is not None:  # a row of our own export: its 编号 is the task
            written, told = plan_exported(ledger, native, row, _note(row, day, by), day, by)
            report.near_names += told
            if written is None:
                report.unchanged += 1
            else:
                files[f"{TASKS_DIR}/{native.id}{TASK_SUFFIX}"] = written
                report.updated.append((native.id, row.where))
            continue
        known = _match(existing, row, report)
        if known is False:
            continue
        if known is None:
            task_id = row.task_id if _free_id(row.task_id, taken, ledger) else None
            if task_id is None:
                task_id = f"{ledger.settings.id_prefix}-{next_number:03d}"
                next_number += 1
                if row.task_id:  # the sheet's 编号 is not the ledger's form, or is taken
                    report.near_names.append(
                        said("{row}: 编号 {typed} not taken (taken already, or not in the "
                             "ledger's form); the task is {id}", row=row.where,
                             typed=repr(row.task_id), id=task_id)
                    )  # fmt: skip
            taken |= _numbers(ledger, {task_id})
            record = {"id": task_id, **values}
            stored = _evidence(ledger, task_id, row, evidence_dir, report)
            copies += [item for item in stored if item.copy]
            _finish(record, row, day, by, stored)
            remarks_of_new(ledger, record, row, day, by, report.applications, report.near_names)
            closing = record.get("closing")
            due = row.deadline.deadline
            if closing and closing["date"] == day and due is not None and day > due:
                report.late_by_sheet_day.append(task_id)
            record["imported"] = {"key": row.key, "digest": digest}
            files[f"{TASKS_DIR}/{task_id}{TASK_SUFFIX}"] = _dump(record)
            report.created.append((task_id, row.where))
            continue
        change = _reimport(ledger, known, row, values, digest, day, by, report)
        if change is None:
            report.unchanged += 1
        else:
            files[f"{TASKS_DIR}/{known.id}{TASK_SUFFIX}"] = change
    require_answered(units.questions + leaders.questions)
    if units.added or leaders.added:
        files[SETTINGS_FILE] = settings_with(ledger, units.added, leaders.added)
        report.registries += [said("unit {id} added", id=u) for u, _ in units.added]
        report.registries += [said("leader {id} added", id=x) for x, _ in leaders.added]
    if sections.added_any:
        files[PROBLEMS_FILE] = sections.content()
        report.registries += sections.report
    return ImportPlan(ledger.root, files, copies, report)


def _match(
    existing: dict[str, list[Task]], row: RowTask, report: ImportReport
) -> Task | Literal[False] | None:
    """The task this row was imported as, None for a new one, False for a row left out.

    By its key (编号 or 序号) while the task holds a like measure; else by the same
    title anywhere (offices renumber 序号 as rows come and go). A key whose task holds
    another measure: a new task if that task is as imported (the row is another one),
    else a conflict (both may have been edited: never a second task, never overwritten).
    """
    keyed = existing.get(row.key, [])
    for known in keyed:
        if difflib.SequenceMatcher(None, known.title, row.title).ratio() >= 0.5:
            return known
    same = [task for tasks in existing.values() for task in tasks if task.title == row.title]
    if len(same) == 1:
        return same[0]
    edited = [t for t in keyed if t.imported and _digest(_task_values(t)) != t.imported.digest]
    for known in edited[:1]:
        report.conflicts.append(
            (
                known.id,
                row.where,
                said(
                    "its row key {key} now holds another measure ({title}), and the task was "
                    "changed in the ledger: left out; check the row",
                    key=row.key,
                    title=row.title,
                ),
            )
        )
        return False
    return None


def _values(
    row: RowTask, problem_id: str, lead: str, units: list[str], cadence: str
) -> dict[str, Any]:
    """The keys the sheet decides, in the order a task file has them."""
    deadline = row.deadline
    values: dict[str, Any] = {
        "title": row.title,
        "problem": problem_id,
        "measure": row.measure,
        "lead": lead,
        "units": units,
        "owner": row.owner,
        "term": deadline.term.value,
        "deadline": deadline.deadline,
        "deadline_basis": deadline.basis,
        "cadence": (deadline.cadence or cadence) if deadline.term is Term.ONGOING else None,
        "status": row.status.value,
    }
    return {key: value for key, value in values.items() if value not in (None, "")}


def _digest(values: dict[str, Any]) -> str:
    plain = json.dumps(values, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(plain.encode()).hexdigest()[:16]


def _task_values(task: Task) -> dict[str, Any]:
    """The same keys as `_values`, as the task holds them now."""
    values: dict[str, Any] = {
        "title": task.title,
        "problem": task.problem,
        "measure": task.measure,
        "lead": task.lead,
        "units": list(task.units),
        "owner": task.owner,
        "term": task.term.value,
        "deadline": task.original_deadline if task.extensions else task.deadline,
        "deadline_basis": task.deadline_basis,
        "cadence": task.cadence.value if task.cadence else None,
        "status": task.status.value,
    }
    return {key: value for key, value in values.items() if value not in (None, "")}


def _finish(
    record: dict[str, Any], row: RowTask, day: date, by: str, stored: list[StoredEvidence]
) -> None:
    """Progress, evidence and the sign-off of a new task, from the row."""
    note = _note(row, day, by)
    if note is not None:
        record["progress"] = [note]
    if stored:
        record["evidence"] = [
            {"path": item.path, "sha256": item.sha256, "size": item.size, "added": day}
            for item in stored
        ]
    if row.status is Status.DONE:
        closed_on, summary = _closing_of(row, day)
        record["closing"] = {"date": closed_on, "by": by, "summary": summary}
    if row.status is Status.CANCELLED:
        record["cancelled"] = {
            "date": day,
            "reason": row.remarks or row.progress or "导入时已撤销",
            "by": by,
        }


def _note(row: RowTask, day: date, by: str) -> dict[str, Any] | None:
    if not row.progress:
        return None
    words, when = row.progress, day
    dated = _NOTE_DATE.match(words)
    if dated:  # as `zhenggai export` writes the latest note: its own date first
        when, words = date.fromisoformat(dated.group(1)), words[dated.end() :]
    return {"date": min(when, day), "text": words, "by": by} if words.strip() else None


def _closing_of(row: RowTask, day: date) -> tuple[date, str]:
    """The sign-off's day and summary: as `export` writes them in 备注 where it did,
    else the day of the row's note (the report of completion), else the sheet's day."""
    found = _CLOSED.search(row.remarks or "")
    if found:
        return date.fromisoformat(found.group(1)), found.group(2)
    note = _note(row, day, "")
    summary = (note or {}).get("text") or row.remarks or row.title
    return (note["date"] if note else day), summary


def _evidence(
    ledger: Ledger, task_id: str, row: RowTask, folder: Path | None, report: ImportReport
) -> list[StoredEvidence]:
    """The files named in 佐证材料, found under ``--evidence-dir``: to be copied in. A
    name that would reach outside that folder, or a file over the ledger's
    ``evidence_max_mb``, refuses the import, said at its cell."""
    from zhenggai.ledger.evidence import EvidenceRefused, plan_evidence

    limit = ledger.settings.evidence_max_mb * 1024 * 1024
    found = []
    for name in row.evidence:
        source = file_inside(folder, name, row.evidence_cell, limit) if folder else None
        if source is not None:
            found.append(source)
        else:
            report.evidence_missing.append((task_id, name))
    if not found:
        return []
    try:
        return plan_evidence(ledger.root, task_id, found, limit, [])
    except EvidenceRefused as err:
        why = err.text.english()  # a message inside a message is said in English
        raise LedgerError(said("{cell}: {why}", cell=row.evidence_cell, why=why)) from None


def _reimport(
    ledger: Ledger,
    task: Task,
    row: RowTask,
    values: dict[str, Any],
    digest: str,
    day: date,
    by: str,
    report: ImportReport,
) -> bytes | None:
    """A row imported before: its new note, and what the sheet changed where the ledger
    did not; None when nothing changes."""
    from zhenggai.files.roundtrip import append_item, open_for_edit, set_key

    assert task.imported is not None
    path = ledger.root / TASKS_DIR / f"{task.id}{TASK_SUFFIX}"
    edited = open_for_edit(path.read_text(encoding="utf-8"))
    changed = False
    sheet_changed = digest != task.imported.digest
    ledger_changed = _digest(_task_values(task)) != task.imported.digest
    if sheet_changed and ledger_changed:
        report.conflicts.append(
            (
                task.id,
                row.where,
                said(
                    "changed both in the sheet and in the ledger since the last import: "
                    "left as the ledger has it; put it right with `zhenggai edit`"
                ),
            )
        )
    elif sheet_changed:
        for key in ("title", "measure", "lead", "units", "owner", "problem"):
            if values.get(key) != _task_values(task).get(key) and key in values:
                set_key(edited.data, key, values[key], KEY_ORDER)
                changed = True
        if (values.get("deadline"), values.get("status")) != (
            _task_values(task).get("deadline"),
            task.status.value,
        ):
            report.conflicts.append(
                (
                    task.id,
                    row.where,
                    said(
                        "the sheet moves its deadline or state: record it with "
                        "`zhenggai extend`, `zhenggai close` or `zhenggai cancel`"
                    ),
                )
            )
        set_key(edited.data, "imported", {"key": row.key, "digest": digest}, KEY_ORDER)
        changed = True
        report.updated.append((task.id, row.where))
    note = _note(row, day, by)
    last = task.progress[-1] if task.progress else None
    new = note is not None and all(n.text != note["text"] for n in task.progress)
    if note is not None and new and (last is None or note["date"] >= last.date):
        append_item(edited.data, "progress", note, KEY_ORDER)
        changed = True
        report.notes.append((task.id, row.where))
    if remarks_of_known(ledger, task, edited.data, row, day, by, report.applications,
                        report.near_names):  # fmt: skip
        changed = True
        if (task.id, row.where) not in report.notes:
            report.notes.append((task.id, row.where))
    return edited.dump() if changed else None


def _numbers(ledger: Ledger, taken: set[str]) -> set[int]:
    """The numbers the ids ``taken`` hold (TASK-042: 42)."""
    prefix = re.escape(ledger.settings.id_prefix)
    return {int(m.group(1)) for t in taken for m in [re.fullmatch(rf"{prefix}-([0-9]+)", t)] if m}


def _free_id(task_id: str | None, taken: set[int], ledger: Ledger) -> bool:
    """Whether the sheet's 编号 can be the task's id: in the ledger's own form (its
    prefix, ASCII digits, three or more without a needless leading zero) and free,
    its number not ``taken`` by another (TASK-1 and TASK-0001 are TASK-001)."""
    prefix = re.escape(ledger.settings.id_prefix)
    found = re.fullmatch(rf"{prefix}-([0-9]{{3,}})", task_id or "")
    if found is None or (len(found.group(1)) > 3 and found.group(1).startswith("0")):
        return False
    return int(found.group(1)) not in taken


def _dump(record: dict[str, Any]) -> bytes:
    """A new task file, its keys in the ledger's order (read back before it is written)."""
    from zhenggai.files.yamlemit import dump_record

    return dump_record({key: record[key] for key in KEY_ORDER if key in record}).encode("utf-8")
