"""A returned 填报表 planned as one change: each row matched by its task id (never by
its text; a row never makes a task), its facts held to those the form was issued
with, what the liaison filled read as a note, evidence found beside the workbook, and
an application for the office — every bad cell named, and then nothing written."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from zhenggai.findings import LedgerError
from zhenggai.imports.evidence import file_inside
from zhenggai.imports.returned import ReturnedForm, ReturnedRow
from zhenggai.imports.rows import CellProblem
from zhenggai.ledger.form_facts import FACTS, FILLED, facts_digest, form_row, ledger_key
from zhenggai.ledger.loaded import Ledger, LoadedRound
from zhenggai.messages import text as said
from zhenggai.records.forms import IssuedForm
from zhenggai.records.model import Task
from zhenggai.writes.forms import RowRecords, plan_return_record, plan_row
from zhenggai.writes.plan import Plan, open_task

_SPLIT = ("\n", "、", "；", ";", "，", ",")


@dataclass
class Collected:
    """A workbook planned: its round and unit, the task plans, the round's record with
    the return added, what was wrong (then nothing is written), and whether the very
    same workbook was collected before."""

    form: ReturnedForm
    round: LoadedRound | None = None
    unit: str = ""
    plans: list[Plan] = field(default_factory=list)
    record: bytes | None = None
    problems: list[CellProblem] = field(default_factory=list)
    again: bool = False  # this very workbook was collected already


def find_round(ledger: Ledger, form: ReturnedForm) -> tuple[LoadedRound, IssuedForm]:
    """The round and the unit's form that a returned workbook is; LedgerError naming
    what it is instead — another ledger's, another period's, another unit's."""
    meta = form.meta
    if meta.get("form") != "zhenggai 1":
        raise LedgerError(said("{file} is not a form zhenggai issued", file=form.name))
    if meta.get("ledger") != ledger_key(ledger):
        raise LedgerError(said("{file} is a form of another ledger: collect it there",
                               file=form.name))  # fmt: skip
    period = meta.get("period", "")
    round_ = next((r for r in ledger.rounds if r.record.period == period), None)
    if round_ is None:
        raise LedgerError(said("{file} is a form of {period}, and no forms of {period} were "
                               "issued here", file=form.name, period=period))  # fmt: skip
    issued = next((f for f in round_.record.forms if f.unit == meta.get("unit")), None)
    if issued is None:
        raise LedgerError(said("{file}: no form of {period} went to {unit}", file=form.name,
                               period=period, unit=meta.get("unit", "?")))  # fmt: skip
    return round_, issued


def plan_collect(
    ledger: Ledger,
    form: ReturnedForm,
    source: Path,
    beside: Path,
    today: date,
    roles: tuple[str, str],
) -> Collected:
    """The change ``form`` (read from ``source``) makes; its evidence is looked for in
    the folder ``beside`` (where the workbook came, or its zip unpacked)."""
    collected = Collected(form)
    round_, issued = find_round(ledger, form)
    collected.round, collected.unit = round_, issued.unit
    sha256 = hashlib.sha256(source.read_bytes()).hexdigest()
    # The round as it is on disk now: a return collected earlier in this very run counts.
    if sha256 in (ledger.root / round_.path).read_text(encoding="utf-8"):
        collected.again = True
        return collected
    problems = collected.problems
    problems += form.problems
    digests = {row.task: row.digest for row in issued.rows}
    day = form.filled_on or today
    wanted: list[tuple[ReturnedRow, RowRecords]] = []
    opened: dict[str, tuple[Path, str, Task]] = {}
    for row in form.rows:
        records = _row_records(ledger, form, row, issued, digests, beside, roles, problems,
                               opened)  # fmt: skip
        if records is not None:
            wanted.append((row, records))
    if problems:
        return collected
    by = next((row.filled["by"] for row, _ in wanted if row.filled["by"]), None)
    for row, records in wanted:
        try:
            plan = plan_row(ledger, row.task_id, records, day, opened.get(row.task_id))
        except LedgerError as err:
            problems.append(CellProblem(form.at(row.row, 0), err.said()))
            continue
        if plan is not None:
            collected.plans.append(plan)
    if problems:
        return collected
    values = {"unit": issued.unit, "collected": today, "filled": day, "by": by,
              "rows": len(wanted), "sha256": sha256}  # fmt: skip
    collected.record = plan_return_record(ledger, round_, values)
    return collected


def _row_records(
    ledger: Ledger,
    form: ReturnedForm,
    row: ReturnedRow,
    issued: IssuedForm,
    digests: dict[str, str],
    beside: Path,
    roles: tuple[str, str],
    problems: list[CellProblem],
    opened: dict[str, tuple[Path, str, Task]],
) -> RowRecords | None:
    """What ``row`` gives its task, or None (nothing filled, or a problem said)."""
    task_at = form.at(row.row, 0)
    if row.task_id not in digests:
        problems.append(CellProblem(task_at, said("{id} is not on {unit}'s form: a row is "
                                                  "collected only for its own unit",
                                                  id=row.task_id, unit=issued.unit)))  # fmt: skip
        return None
    try:
        found = _task(ledger, row.task_id)
    except LedgerError as err:  # a task file that does not read now
        problems.append(CellProblem(task_at, err.said()))
        return None
    if found is None:
        problems.append(CellProblem(task_at, said("{id} is not a task of this ledger",
                                                  id=row.task_id)))  # fmt: skip
        return None
    opened[row.task_id] = found
    task = found[2]
    if facts_digest(row.facts) != digests[row.task_id]:
        now = form_row(ledger, task, issued.unit, roles).facts
        changed = [i for i, (seen, fact) in enumerate(zip(row.facts, now, strict=True))
                   if " ".join(seen.split()) != " ".join(fact.split())] or [0]  # fmt: skip
        for index in changed:
            problems.append(CellProblem(
                form.at(row.row, index),
                said("{column} was changed on the form: it was issued as {issued}; the "
                     "form's facts are the ledger's, change them there",
                     column=FACTS[index], issued=repr(now[index])),
            ))  # fmt: skip
        return None
    filled = row.filled
    if not any(filled.values()):
        return None  # nothing reported on this task this time
    evidence: list[Path] = []
    evidence_at = form.at(row.row, len(FACTS) + FILLED.index("evidence"))
    limit = ledger.settings.evidence_max_mb * 1024 * 1024
    for name in _names(filled["evidence"]):
        try:
            beside_it = file_inside(beside, name, evidence_at, limit, "the workbook's folder")
        except LedgerError as err:
            problems.append(CellProblem(evidence_at, err.said()))
            continue
        if beside_it is None:
            problems.append(CellProblem(evidence_at, said(
                "evidence {name} is not beside the workbook: put the file in the same folder "
                "(or zip) as the form", name=repr(name))))  # fmt: skip
        else:
            evidence.append(beside_it)
    state = filled["state"]
    kind = {"申请销号": "signoff", "申请延期": "extension"}.get(state)
    fields: dict[str, object] = {}
    note = filled["progress"]
    if filled["remarks"]:
        note = f"{note}（备注：{filled['remarks']}）" if note else f"备注：{filled['remarks']}"
    if kind == "signoff":
        last = task.progress[-1].text if task.progress else None
        fields["summary"] = filled["progress"] or last or task.title
    elif kind == "extension":
        to_at = form.at(row.row, len(FACTS) + FILLED.index("extend_to"))
        if row.extend_to is None:
            problems.append(CellProblem(to_at, said("申请延期 needs the new deadline in this "
                                                    "cell (YYYY-MM-DD)")))  # fmt: skip
        elif task.deadline is None or row.extend_to <= task.deadline:
            problems.append(CellProblem(to_at, said("{to} is not after the deadline now ({now})",
                                                    to=row.extend_to,
                                                    now=task.deadline or "—")))  # fmt: skip
        reason_at = form.at(row.row, len(FACTS) + FILLED.index("extend_reason"))
        if not filled["extend_reason"]:
            problems.append(CellProblem(reason_at, said("申请延期 needs its reason in this "
                                                        "cell")))  # fmt: skip
        fields.update(to=row.extend_to, basis=None, reason=filled["extend_reason"])
    return RowRecords(note or None, filled["by"] or None, tuple(evidence), kind, issued.unit,
                      fields)  # fmt: skip


def _task(ledger: Ledger, task_id: str) -> tuple[Path, str, Task] | None:
    """The task ``task_id`` read from its file (a returned form reads only its own
    tasks, never the whole ledger); None when the ledger has no such task file."""
    from zhenggai.writes.plan import task_path

    if not task_path(ledger, task_id).is_file():
        return None
    return open_task(ledger, task_id)


def _names(cell: str) -> list[str]:
    parts = [cell]
    for mark in _SPLIT:
        parts = [piece for part in parts for piece in part.split(mark)]
    return [part.strip() for part in parts if part.strip()]
