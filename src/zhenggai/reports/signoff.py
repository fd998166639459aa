"""The form each level signs (销号审批表, 延期申请表): a task's facts, what was applied
for, the evidence pinned by its hash, and every level's opinion, by and date where
recorded — a blank for each level still to act."""

from __future__ import annotations

from dataclasses import dataclass

from zhenggai.days.dates import said_basis
from zhenggai.ledger.loaded import Ledger
from zhenggai.records.model import Request, Task


@dataclass(frozen=True)
class EvidenceLine:
    name: str
    kind: str
    size: int
    sha256: str


@dataclass(frozen=True)
class LevelLine:
    """One level of the chain on the form: acted (opinion, by, date) or still to act."""

    name: str
    action: str  # approved | returned | applied | "" (still to act)
    opinion: str
    by: str
    day: str


@dataclass(frozen=True)
class SignoffForm:
    """One task's form, for its latest application of ``kind``."""

    kind: str  # signoff | extension
    task_id: str  # qualified over many ledgers
    title: str
    problem: str
    measure: str
    leader: str
    lead_unit: str
    cooperating: tuple[str, ...]
    deadline: str  # the deadline in force now, with its wording
    extensions: tuple[str, ...]  # each: from → to, why, approved on
    applied: str
    applied_by: str
    summary: str  # a sign-off: what was done; an extension: the deadline asked and why
    evidence: tuple[EvidenceLine, ...]
    levels: tuple[LevelLine, ...]
    returned: tuple[str, ...]  # earlier applications sent back: when, where, why


def latest_request(task: Task, kind: str | None) -> Request | None:
    """The task's latest application (of ``kind``, when given)."""
    chosen = [r for r in task.requests if kind is None or r.kind == kind]
    return chosen[-1] if chosen else None


def build_form(ledger: Ledger, task: Task, request: Request, task_id: str) -> SignoffForm:
    """The form of ``request``, an application of ``task`` in ``ledger``."""
    settings = ledger.settings
    units = {unit.id: unit.name for unit in settings.units}
    leaders = {leader.id: leader.name for leader in settings.leaders}
    problem = ledger.problems.get(task.problem)
    basis = f"（{said_basis(task.deadline_basis)}）" if task.deadline_basis else ""
    held = {item.path: item for item in task.evidence}
    wanted = request.evidence if request.kind == "signoff" else []
    evidence = tuple(
        EvidenceLine(path.rsplit("/", 1)[-1], held[path].kind or "", held[path].size,
                     held[path].sha256)
        for path in wanted
        if path in held
    )  # fmt: skip
    chain = settings.approval.levels(request.kind)
    levels = [LevelLine(chain[0].name if chain else "", "applied", "", request.by,
                        str(request.date))]  # fmt: skip
    acts = request.steps
    for index, level in enumerate(chain[1:] if chain else ()):
        step = acts[index] if index < len(acts) else None
        if step is None:
            levels.append(LevelLine(level.name, "", "", "", ""))
        else:
            levels.append(LevelLine(level.name, step.action, step.opinion or "", step.by,
                                    str(step.date)))  # fmt: skip
    summary = (
        request.summary or ""
        if request.kind == "signoff"
        else f"{request.to}（{request.basis}）：{request.reason}"
        if request.basis
        else f"{request.to}：{request.reason}"
    )
    returned = tuple(
        f"{r.date} → {s.date} {s.level}：{s.opinion or ''}"
        for r in task.requests
        if r is not request and r.kind == request.kind
        for s in r.steps
        if s.action == "returned"
    )
    return SignoffForm(
        kind=request.kind,
        task_id=task_id,
        title=task.title,
        problem=f"{problem.title}" if problem else task.problem,
        measure=task.measure or task.title,
        leader=leaders.get(task.lead, task.lead),
        lead_unit=units.get(task.lead_unit, task.lead_unit),
        cooperating=tuple(units.get(unit, unit) for unit in task.units[1:]),
        deadline=f"{task.deadline}{basis}" if task.deadline else "",
        extensions=tuple(
            f"{x.from_} → {x.to}：{x.reason}" + (f"（{x.date}）" if x.date else "")
            for x in task.extensions
        ),
        applied=str(request.date),
        applied_by=request.by,
        summary=summary,
        evidence=evidence,
        levels=tuple(levels),
        returned=returned,
    )
