"""What a unit's 填报表 shows of each task, defined once for issuing and collecting: the
columns (the facts, locked, and what the liaison fills), a task's facts as text, and
their digest — recorded in the ledger when the form is issued, so that a fact changed
on a returned form is seen even where the form's protection was removed."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from zhenggai.days.dates import said_basis
from zhenggai.ledger.loaded import Ledger
from zhenggai.records.model import Task

#: The facts, as the form's locked columns hold them, in order.
FACTS = ("id", "role", "problem", "measure", "leader", "lead_unit", "deadline", "last_progress")
#: What the liaison fills, in order after the facts.
FILLED = ("progress", "state", "extend_to", "extend_reason", "evidence", "by", "phone", "remarks")
#: The choices of 完成情况, as the form's drop-down offers them.
STATES = ("推进中", "申请销号", "申请延期")
#: The name of the sheet the liaison fills, and of the hidden one that names the form.
SHEET = "填报表"
HIDDEN = "zhenggai"
#: The row of the header on the form (0-based); the tasks follow it.
HEADER_ROW = 3
#: The hidden sheet: what the form is in its first rows (key, value), then from this row
#: each task's row on the form and its id.
IDS_ROW = 10


@dataclass(frozen=True)
class FormRow:
    """A task as its unit's form shows it."""

    task_id: str
    facts: tuple[str, ...]  # in the order of FACTS

    @property
    def digest(self) -> str:
        return facts_digest(self.facts)


def facts_digest(facts: tuple[str, ...]) -> str:
    """The digest of a row's facts: 16 hex digits, as `forms/*.yaml` records it."""
    joined = "\x1f".join(" ".join(fact.split()) for fact in facts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:16]


def form_row(ledger: Ledger, task: Task, unit: str, roles: tuple[str, str]) -> FormRow:
    """``task`` as ``unit``'s form shows it, in the ledger's language; ``roles`` are the
    words for leading and cooperating (牵头, 配合)."""
    from zhenggai.labels import Labels

    label = Labels(ledger.settings.language)
    units = {item.id: item.name for item in ledger.settings.units}
    leaders = {item.id: item.name for item in ledger.settings.leaders}
    problem = ledger.problems.get(task.problem)
    basis = f"（{said_basis(task.deadline_basis)}）" if task.deadline_basis else ""
    if task.deadline is not None:
        deadline = f"{task.deadline}{basis}"
    elif task.cadence is not None:
        deadline = f"{label('term.ongoing')}（{label('cadence.' + task.cadence.value)}）"
    else:
        deadline = label(f"term.{task.term.value}")
    last = task.progress[-1] if task.progress else None
    facts = (
        task.id,
        roles[0] if task.lead_unit == unit else roles[1],
        problem.title if problem is not None else task.problem,
        task.measure or task.title,
        leaders.get(task.lead, task.lead),
        units.get(task.lead_unit, task.lead_unit),
        deadline,
        f"{last.date}：{last.text}" if last is not None else "",
    )
    return FormRow(task.id, facts)


def ledger_key(ledger: Ledger) -> str:
    """Which ledger a form belongs to: its title, inspector and feedback day, digested."""
    source = ledger.settings.source
    return facts_digest((ledger.settings.title, source.inspector, str(source.feedback_date)))
