"""The writes of a round of 填报表 (planned, see `plan`): the round's record when the forms
are issued (``forms/2021-W42.yaml``), a return added to it when one is collected, and
what a returned row gives a task — a progress note, evidence pinned by its hash, an
application for the office to approve. A form never signs a task off or moves a
deadline by itself."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from zhenggai.findings import LedgerError
from zhenggai.ledger.evidence import EvidenceRefused, plan_evidence
from zhenggai.ledger.loaded import Ledger, LoadedRound
from zhenggai.ledger.paths import FORMS_DIR
from zhenggai.ledger.reader import read_record
from zhenggai.messages import reason_of
from zhenggai.messages import text as said
from zhenggai.records.forms import FormsRound, ReturnLines
from zhenggai.records.model import Task
from zhenggai.writes.plan import KEY_ORDER, Plan, finish, kind_of, open_for_edit, open_task


def plan_round(
    ledger: Ledger,
    period: str,
    issued: date,
    due: date,
    by: str | None,
    key: str,
    forms: list[tuple[str, str, list[tuple[str, str]]]],
) -> tuple[Path, bytes]:
    """The record of a round issued: each unit's form (unit, file, rows of task and
    digest), read back by the ledger's strict reader first."""

    def q(text: str) -> str:
        return json.dumps(text, ensure_ascii=False)

    rel = f"{FORMS_DIR}/{period}.yaml"
    path = ledger.root / rel
    folder = ledger.root / FORMS_DIR
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        raise LedgerError(said("refusing to write {file}: {folder}/ is not a real folder of "
                               "the ledger (a link or a file); make it one", file=rel,
                               folder=FORMS_DIR))  # fmt: skip
    if path.exists():
        raise LedgerError(said("the forms of {period} were issued already ({file}); issue "
                               "them for another period", period=period, file=rel))  # fmt: skip
    lines = ["# 填报表的发放与回收（zhenggai forms issue / forms collect）",
             f"period: {period}", f"issued: {issued}", f"due: {due}"]  # fmt: skip
    if by:
        lines.append(f"by: {q(by)}")
    # Quoted: a digest of digits and one "e" would read as a number (1e50, .inf).
    lines += [f"ledger: {q(key)}", "forms:"]
    for unit, file, rows in forms:
        lines += [f"  - unit: {q(unit)}", f"    file: {q(file)}", "    rows:"]
        lines += [f"      - {{task: {q(task)}, digest: {q(digest)}}}" for task, digest in rows]
        if not rows:
            lines[-1] = "    rows: []"
    return path, _checked(ledger, path, rel, "\n".join(lines) + "\n")


def plan_return_record(ledger: Ledger, round_: LoadedRound, values: dict[str, Any]) -> bytes:
    """The round's record with a return added (unit, collected, filled, by, rows,
    sha256): a line appended under ``returns:``, which `plan_round` writes last and
    only this appends to — a round of a province holds thousands of rows, and a
    round trip through the YAML editor took seconds a workbook."""

    def plain(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False) if isinstance(value, str) else str(value)

    path = ledger.root / round_.path
    text = path.read_text(encoding="utf-8")
    if not text.endswith("\n"):
        text += "\n"
    lines = text.splitlines()
    at = next((i for i, line in enumerate(lines) if line.startswith("returns:")), None)
    if at is None:
        text += "returns:\n"
    elif lines[at] != "returns:" or not all(x.startswith("  - {") for x in lines[at + 1 :]):
        raise LedgerError(said("{file}: returns: is not the last key, one return a line, as "
                               "zhenggai writes it: put it back so", file=round_.path))  # fmt: skip
    fields = ", ".join(f"{key}: {plain(v)}" for key, v in values.items() if v is not None)
    line = f"  - {{{fields}}}\n"
    # What is new is read back on its own: a round holds a row for every task issued,
    # and reading it all again for each of a hundred workbooks took seconds.
    _, checked, findings = read_record(f"returns:\n{line}".encode(), str(path), round_.path,
                                       ReturnLines)  # fmt: skip
    if checked is None:
        raise LedgerError(said("refusing to write {file}: it does not validate",
                               file=round_.path), findings, ledger.root)  # fmt: skip
    return (text + line).encode("utf-8")


def _checked(ledger: Ledger, path: Path, rel: str, text: str) -> bytes:
    content = text.encode("utf-8")
    _, value, findings = read_record(content, str(path), rel, FormsRound)
    if value is None:
        raise LedgerError(said("refusing to write {file}: it does not validate", file=rel),
                          findings, ledger.root)  # fmt: skip
    return content


@dataclass(frozen=True)
class RowRecords:
    """What one returned row gives its task."""

    note: str | None  # the progress (and 备注), dated the fill day
    by: str | None  # 填报人
    evidence: tuple[Path, ...]  # files found beside the workbook
    kind: str | None  # an application: signoff | extension
    applicant: str  # the unit that applies
    fields: dict[str, Any]  # the application's summary, or its to, basis and reason


def plan_row(
    ledger: Ledger,
    task_id: str,
    records: RowRecords,
    day: date,
    opened: tuple[Path, str, Task] | None = None,
) -> Plan | None:
    """The task edited with what its row gives, skipping what it holds already (a form
    collected twice changes nothing); None when nothing is new. ``opened``: the task
    as `open_task` read it already."""
    from zhenggai.files.roundtrip import append_item
    from zhenggai.writes.approvals import application

    path, source, task = opened or open_task(ledger, task_id)
    fresh = records.note and not any(
        n.date == day and n.text == records.note for n in task.progress
    )
    if fresh and not records.evidence and records.kind is None and records.note:
        quick = _note_appended(task_id, path, source, task, records, day)
        if quick is not None:
            return quick
    edited = open_for_edit(source)
    data, changed = edited.data, False
    if fresh:
        if task.last_progress is not None and day < task.last_progress:
            raise LedgerError(
                said("{id} has a note of {last}, after the form's fill day {day}", id=task_id,
                     last=task.last_progress, day=day)
            )  # fmt: skip
        append_item(data, "progress", {"date": day, "text": records.note, "by": records.by},
                    KEY_ORDER)  # fmt: skip
        changed = True
    limit = ledger.settings.evidence_max_mb * 1024 * 1024
    try:
        stored = plan_evidence(ledger.root, task_id, list(records.evidence), limit, task.evidence)
    except EvidenceRefused as err:
        raise LedgerError(reason_of(err)) from None
    for item in stored:
        record = {"path": item.path, "sha256": item.sha256, "size": item.size, "added": day,
                  "kind": kind_of(item.path)}  # fmt: skip
        append_item(data, "evidence", record, KEY_ORDER)
        changed = True
    if records.kind is not None and not any(
        r.kind == records.kind and r.date == day and r.by == records.applicant
        for r in task.requests
    ):
        fields = dict(records.fields)
        if records.kind == "signoff":
            held = [*(e.path for e in task.evidence), *(e.path for e in stored)]
            fields["evidence"] = list(dict.fromkeys(held)) or None
        request = application(ledger, task, task_id, records.kind, records.applicant, day,
                              **fields)  # fmt: skip
        append_item(data, "requests", request, KEY_ORDER)
        changed = True
    if not changed:
        return None
    message = said("collect {id} from its form", id=task_id)
    return finish(task_id, path, edited, message, copies=tuple(i for i in stored if i.copy))


_PLAIN = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`][^#:\n]*")


def _scalar(text: str) -> str:
    """``text`` as a YAML scalar: plain where nothing in it could be misread, else a
    double-quoted JSON string (which YAML reads the same)."""
    from zhenggai.files.roundtrip import AMBIGUOUS

    plain = (
        _PLAIN.fullmatch(text)
        and text == text.strip()
        and not AMBIGUOUS.match(text)
        and not any(c.isspace() and c != " " for c in text)  # a tab PyYAML misreads
    )
    return text if plain else json.dumps(text, ensure_ascii=False)


def _note_appended(
    task_id: str, path: Path, source: str, task: Task, records: RowRecords, day: date
) -> Plan | None:
    """The task with only a progress note appended, written as text in the style of the
    notes above it — a hundred forms append to two thousand task files, and the round-
    trip editor took most of the time. None where the list is not one this can extend
    (the editor then does it); what it writes is read back like any edit."""
    if "\r" in source or source.startswith("\ufeff"):
        return None  # CRLF or a BOM: kept as they are by the editor
    lines = source.splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith("progress:")), None)
    if start is None or lines[start].strip() != "progress:" or task.last_progress is None:
        return None
    if day < task.last_progress:
        return None  # the editor's path says why
    end = start + 1
    while end < len(lines) and (not lines[end] or lines[end][0] in " -#"):
        end += 1
    items = [line for line in lines[start + 1 : end] if line.lstrip().startswith("- ")]
    if not items:
        return None
    first = items[0]
    indent = first[: len(first) - len(first.lstrip())]
    values = [("date", day.isoformat()), ("text", _scalar(records.note or ""))]
    if records.by:
        values.append(("by", _scalar(records.by)))
    if first.lstrip().startswith("- {"):
        added = [f"{indent}- {{" + ", ".join(f"{k}: {v}" for k, v in values) + "}"]
    else:
        added = [f"{indent}- {values[0][0]}: {values[0][1]}"]
        added += [f"{indent}  {key}: {value}" for key, value in values[1:]]
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1  # after the last item, before any blank line
    text = "\n".join([*lines[:end], *added, *lines[end:]]) + "\n"

    class _Written:
        def dump(self) -> bytes:
            return text.encode("utf-8")

    try:
        plan = finish(task_id, path, _Written(), said("collect {id} from its form", id=task_id))
    except LedgerError:
        return None  # not read back: the editor does it
    note = plan.task.progress[-1]
    if len(plan.task.progress) != len(task.progress) + 1 or (note.date, note.text, note.by) != (
        day,
        records.note,
        records.by,
    ):
        return None  # not read back as meant: the editor does it
    return plan
