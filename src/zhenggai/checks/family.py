"""The checks over many ledgers: each ledger checked with its own settings, levels and
day, its findings' paths made relative to the parent's folder, so that a CI annotation
lands on the right file in a repository of ledgers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

from zhenggai.checks.index import CHECK_IDS
from zhenggai.checks.report import CheckReport
from zhenggai.checks.runner import run_checks
from zhenggai.findings import Finding
from zhenggai.ledger.baseline import Baseline
from zhenggai.ledger.family import Family, Member
from zhenggai.ledger.loaded import Ledger
from zhenggai.records.model import Level


def member_checks(
    member: Member,
    load: Callable[[Member], Ledger],
    levels_of: Callable[[Ledger], dict[str, Level]],
    day_of: Callable[[Ledger], date],
    real_day_of: Callable[[Ledger], date],
    baseline_of: Callable[[Member], Baseline | None] = lambda member: None,
) -> CheckReport:
    """One ledger checked with its own settings (``load`` reads it whole); with
    ``--since``, against itself at that revision (``baseline_of``), from its own git."""
    ledger = load(member)
    report = run_checks(
        ledger,
        day_of(ledger),
        levels_of(ledger),
        baseline_of(member),
        real_today=real_day_of(ledger),
    )
    ledger.save_cache()
    return report


def family_report(family: Family, reports: list[CheckReport]) -> CheckReport:
    """The members' reports (in the family's order) as one: paths from the parent's
    folder, the family's own findings on missing or broken children added."""
    findings: list[Finding] = list(family.findings)
    ran: set[str] = set()
    paths: list[str] = []
    for member, report in zip(family.members, reports, strict=True):
        ran.update(report.checks)
        paths += [member.path(rel) for rel in report.paths]
        findings += [
            replace(finding, path=member.path(finding.path), task=_task(member, finding))
            for finding in report.findings
        ]
    findings.sort(key=Finding.sort_key)
    checks = tuple(check for check in CHECK_IDS if check in ran)
    return CheckReport(reports[0].today, tuple(findings), checks, tuple(paths))


def _task(member: Member, finding: Finding) -> str | None:
    return member.qualified(finding.task) if finding.task else None
