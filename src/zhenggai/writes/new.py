"""A new task, planned (see `plan`): the next free id, checked against the registries."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from zhenggai.findings import LedgerError
from zhenggai.ledger.loaded import Ledger
from zhenggai.ledger.paths import TASK_SUFFIX, TASKS_DIR
from zhenggai.messages import Text
from zhenggai.messages import text as said
from zhenggai.records.model import Status, Term
from zhenggai.safetext import require_one_line
from zhenggai.writes.edits import deadline_from
from zhenggai.writes.plan import KEY_ORDER, Plan, finish, short, task_path


@dataclass(frozen=True)
class NewTask:
    """What `zhenggai new` was given."""

    title: str
    problem: str
    units: tuple[str, ...]
    lead: str
    term: Term
    deadline: str | None = None  # as typed: a date, 年内, +30d, +10wd, 2个月内…
    start: date | None = None  # what relative deadlines count from; default the feedback date
    deadline_basis: str | None = None  # the wording to keep, when not what was typed
    cadence: str | None = None
    measure: str | None = None
    source_ref: str | None = None
    owner: str | None = None
    tags: tuple[str, ...] = ()
    created: date | None = None  # the day it enters the ledger


def next_task_id(ledger: Ledger) -> str:
    """One more than the highest number in use under tasks/, keeping the ledger's width."""
    prefix = ledger.settings.id_prefix
    pattern = re.compile(rf"{re.escape(prefix)}-(\d+){re.escape(TASK_SUFFIX)}")
    numbers, width = [], 3
    folder = ledger.root / TASKS_DIR
    if folder.is_dir():
        for entry in folder.iterdir():
            match = pattern.fullmatch(entry.name)
            if match:
                numbers.append(int(match.group(1)))
                width = max(width, len(match.group(1)))
    return f"{prefix}-{max(numbers, default=0) + 1:0{width}d}"


def plan_new(ledger: Ledger, spec: NewTask) -> Plan:
    """A new task file with the next free id, checked against the registries before it exists."""
    from zhenggai.files.roundtrip import open_for_edit, set_key, text_value

    require_one_line(
        title=spec.title,
        owner=spec.owner,
        tag=spec.tags,
        unit=spec.units,
        lead=spec.lead,
        problem=spec.problem,
        source_ref=spec.source_ref,
        basis=spec.deadline_basis,
    )
    _require_known(ledger, spec)
    due, basis, term, cadence = None, spec.deadline_basis, spec.term, spec.cadence
    warnings: tuple[Text, ...] = ()
    if spec.deadline is not None:
        base = spec.start or ledger.settings.source.feedback_date
        parsed, warnings = deadline_from(ledger, spec.deadline, base, dated=False)
        due, basis = parsed.deadline, basis or parsed.basis
        # The words say the term where the option left it at its default: 立行立改, 长期坚持.
        if parsed.term is not Term.DATED:
            term, cadence = parsed.term, cadence or parsed.cadence
    task_id = next_task_id(ledger)
    from zhenggai.records.schema import FILE_NAMES, SCHEMA_DIR, modeline

    has_schema = (ledger.root / SCHEMA_DIR / FILE_NAMES["task"]).is_file()
    edited = open_for_edit((modeline("task", 1) if has_schema else "") + "{}\n")
    data = edited.data
    data.fa.set_block_style()
    values: dict[str, Any] = {
        "id": task_id,
        "title": spec.title,
        "problem": spec.problem,
        "source_ref": spec.source_ref,
        "measure": spec.measure,
        "lead": spec.lead,
        "units": list(spec.units),
        "owner": spec.owner,
        "term": term.value,
        "deadline": due,
        "deadline_basis": basis,
        "cadence": cadence,
        "status": (Status.ONGOING if term is Term.ONGOING else Status.IN_PROGRESS).value,
        "created": spec.created,
        "tags": list(spec.tags) or None,
    }
    for key, value in values.items():
        if value is None:
            continue
        if isinstance(value, list):
            from ruamel.yaml.comments import CommentedSeq

            flow = CommentedSeq(text_value(v) for v in value)
            flow.fa.set_flow_style()
            value = flow
        set_key(data, key, value, KEY_ORDER)
    return finish(
        task_id,
        task_path(ledger, task_id),
        edited,
        said("new {id}: {title}", id=task_id, title=short(spec.title)),
        created=True,
        warnings=warnings,
    )


def _require_known(ledger: Ledger, spec: NewTask) -> None:
    problems: list[Text] = []
    if ledger.problems_loaded and spec.problem not in ledger.problems:
        problems.append(said("unknown problem {id} (problems.yaml)", id=repr(spec.problem)))
    problems += [
        said("unknown unit {id}", id=repr(unit))
        for unit in spec.units
        if unit not in ledger.unit_ids
    ]
    if spec.lead not in ledger.leader_ids:
        problems.append(said("unknown leader {id}", id=repr(spec.lead)))
    if not spec.units:
        problems.append(said("a task needs at least one unit (--unit, the first is the lead unit)"))
    if spec.term is Term.ONGOING and spec.cadence is None:
        problems.append(said("an ongoing task needs --cadence"))
    if spec.term is not Term.ONGOING and spec.deadline is None:
        problems.append(said("a task needs --deadline (or --term ongoing with --cadence)"))
    if problems:
        raise LedgerError(said("cannot create the task"), details=problems)
