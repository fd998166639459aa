"""`status` over many ledgers: each ledger's report made with its own settings, then put
together — a by-ledger table (worst first), and the usual tables over all, their keys
qualified by the ledger's name (a unit of one child is not the unit of the same id in
another)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import fields, replace
from typing import Any, TypeVar

from zhenggai.ledger.family import Family
from zhenggai.ledger.loaded import Ledger
from zhenggai.ledger.qualified import qualify
from zhenggai.reports.status import (
    ProblemCount,
    SectionTallies,
    StatusReport,
    Tally,
)
from zhenggai.reports.weekly import Act, Late, Waiting, WeeklyReport

_COUNTED = [f.name for f in fields(Tally) if f.name not in ("key", "name")]


def add_tallies(key: str, name: str, tallies: Iterable[Tally]) -> Tally:
    """The counts of several tallies together (the rates follow from them)."""
    items = list(tallies)
    return Tally(key, name, **{field: sum(getattr(t, field) for t in items) for field in _COUNTED})


def _same(parent: Ledger, tallies: list[Tally]) -> tuple[Tally, ...]:
    """Units the parent says are one (``same_units``) counted as one, under its id."""
    mapped = {unit: same for same in parent.settings.same_units for unit in same.units}
    merged: dict[str, list[Tally]] = {}
    out: list[Tally | str] = []
    for tally in tallies:
        same = mapped.get(tally.key)
        if same is None:
            out.append(tally)
            continue
        if same.id not in merged:
            merged[same.id] = []
            out.append(same.id)  # its place: where the first of them stood
        merged[same.id].append(tally)
    names = {same.id: same.name for same in parent.settings.same_units}
    return tuple(
        add_tallies(item, names[item], merged[item]) if isinstance(item, str) else item
        for item in out
    )


def build_family_status(family: Family, member_reports: list[StatusReport]) -> StatusReport:
    """The members' own reports (in the family's order) as one."""
    parent = family.parent
    reports = list(zip(family.members, member_reports, strict=True))

    def qualified(prefix: str, tally: Tally) -> Tally:
        if not prefix:
            return tally
        return replace(tally, key=qualify(prefix, tally.key), name=qualify(prefix, tally.name))

    by_ledger = [
        replace(report.overall, key=member.name or "·", name=member.name or parent.settings.title)
        for member, report in reports
        if report.overall.total or member.name
    ]
    by_ledger.sort(key=lambda t: (-t.overdue, float(t.rate) if t.rate is not None else 1.0, t.key))
    sections = [
        SectionTallies(
            qualify(member.name, s.key),
            qualify(member.name, s.name),
            qualified(member.name, s.tally),
            tuple(qualified(member.name, p) for p in s.problems),
            s.problem_count,
            s.early,
        )
        for member, report in reports
        for s in report.sections
    ]
    first = reports[0][1]
    return StatusReport(
        title=parent.settings.title,
        today=first.today,
        notice_days=first.notice_days,
        overall=add_tallies("all", parent.settings.title, (r.overall for _, r in reports)),
        problem_count=ProblemCount(
            sum(r.problem_count.total for _, r in reports),
            sum(r.problem_count.rectified for _, r in reports),
        ),
        sections=tuple(sections),
        lead_units=_same(parent, [qualified(m.name, t) for m, r in reports for t in r.lead_units]),
        cooperating_units=_same(
            parent, [qualified(m.name, t) for m, r in reports for t in r.cooperating_units]
        ),
        leaders=tuple(qualified(m.name, t) for m, r in reports for t in r.leaders),
        regulations=tuple(
            (
                action,
                sum(r.regulations[i][1] for _, r in reports),
                sum(r.regulations[i][2] for _, r in reports),
            )
            for i, (action, _, _) in enumerate(first.regulations)
        ),
        reopened_by_review=sum(r.reopened_by_review for _, r in reports),
        by_ledger=tuple(by_ledger),
    )


Item = TypeVar("Item", Late, Act, Waiting)


def _together(
    parts: list[tuple[str, WeeklyReport]],
    pick: Callable[[WeeklyReport], Iterable[Item]],
    order: Callable[[Item], Any],
) -> tuple[Item, ...]:
    """One list of every member's items, each task and unit named by its ledger."""
    items = (
        replace(item, task_id=qualify(name, item.task_id), lead_unit=qualify(name, item.lead_unit))
        for name, report in parts
        for item in pick(report)
    )
    return tuple(sorted(items, key=order))


def build_family_weekly(parts: list[tuple[str, WeeklyReport]], title: str) -> WeeklyReport:
    """The members' weekly reports (name, report; "" for the parent) as one: totals added
    up, every list together with units qualified by the ledger's name."""

    def named(name: str, text: str) -> str:
        return qualify(name, text)

    first = parts[0][1]
    return WeeklyReport(
        title=title,
        start=first.start,
        end=first.end,
        now=add_tallies("all", title, (r.now for _, r in parts)),
        before=add_tallies("all", title, (r.before for _, r in parts)),
        closed=tuple(
            replace(c, task_id=named(n, c.task_id), lead_unit=named(n, c.lead_unit))
            for n, r in parts
            for c in r.closed
        ),
        progress=tuple(
            replace(
                u,
                unit=named(n, u.unit),
                notes=tuple(replace(note, task_id=named(n, note.task_id)) for note in u.notes),
            )
            for n, r in parts
            for u in r.progress
        ),
        overdue=_together(parts, lambda r: r.overdue, lambda x: (-x.days, x.task_id)),
        due_soon=_together(parts, lambda r: r.due_soon, lambda x: (x.days, x.task_id)),
        extended=tuple(
            replace(x, task_id=named(n, x.task_id)) for n, r in parts for x in r.extended
        ),
        reviews_due=tuple(
            replace(x, task_id=named(n, x.task_id), lead_unit=named(n, x.lead_unit))
            for n, r in parts
            for x in r.reviews_due
        ),
        silent_units=tuple(named(n, unit) for n, r in parts for unit in r.silent_units),
        reopened=(sum(r.reopened[0] for _, r in parts), sum(r.reopened[1] for _, r in parts)),
        acts=_together(parts, lambda r: r.acts, lambda a: (a.day, a.task_id)),
        waiting=_together(parts, lambda r: r.waiting, lambda x: (-x.days, x.task_id)),
        chained=any(r.chained for _, r in parts),
        reporting=tuple(
            replace(item, unit=qualify(n, item.unit)) for n, r in parts for item in r.reporting
        ),
        by_ledger=tuple(
            sorted(
                (replace(r.now, key=n or "·", name=n or title) for n, r in parts if r.now.total),
                key=lambda t: (-t.overdue, float(t.rate) if t.rate is not None else 1.0, t.key),
            )
        ),
    )
