"""`status` over many ledgers: each ledger's report made with its own settings, then put
together — a by-ledger table (worst first), and the usual tables over all, their keys
qualified by the ledger's name (a unit of one child is not the unit of the same id in
another)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import fields, replace

from zhenggai.ledger.family import Family
from zhenggai.reports.status import (
    ProblemCount,
    SectionTallies,
    StatusReport,
    Tally,
)

_COUNTED = [f.name for f in fields(Tally) if f.name not in ("key", "name")]


def add_tallies(key: str, name: str, tallies: Iterable[Tally]) -> Tally:
    """The counts of several tallies together (the rates follow from them)."""
    items = list(tallies)
    return Tally(key, name, **{field: sum(getattr(t, field) for t in items) for field in _COUNTED})


def build_family_status(family: Family, member_reports: list[StatusReport]) -> StatusReport:
    """The members' own reports (in the family's order) as one."""
    parent = family.parent
    reports = list(zip(family.members, member_reports, strict=True))

    def qualified(prefix: str, tally: Tally) -> Tally:
        if not prefix:
            return tally
        return replace(tally, key=f"{prefix}:{tally.key}", name=f"{prefix}:{tally.name}")

    by_ledger = [
        replace(report.overall, key=member.name or "·", name=member.name or parent.settings.title)
        for member, report in reports
        if report.overall.total or member.name
    ]
    by_ledger.sort(key=lambda t: (-t.overdue, float(t.rate) if t.rate is not None else 1.0, t.key))
    sections = [
        SectionTallies(
            f"{member.name}:{s.key}" if member.name else s.key,
            f"{member.name}:{s.name}" if member.name else s.name,
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
        lead_units=tuple(qualified(m.name, t) for m, r in reports for t in r.lead_units),
        cooperating_units=tuple(
            qualified(m.name, t) for m, r in reports for t in r.cooperating_units
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
