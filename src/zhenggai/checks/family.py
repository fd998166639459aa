"""The checks over many ledgers: each ledger checked with its own settings, levels and
day, its findings' paths made relative to the parent's folder, so that a CI annotation
lands on the right file in a repository of ledgers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

from zhenggai.checks.registry import CHECK_IDS
from zhenggai.checks.report import CheckReport
from zhenggai.checks.runner import run_checks
from zhenggai.findings import Finding
from zhenggai.ledger.baseline import Baseline
from zhenggai.ledger.family import Family, Member
from zhenggai.ledger.loaded import Ledger
from zhenggai.records.model import Level


def run_family_checks(
    family: Family,
    levels_of: Callable[[Ledger], dict[str, Level]],
    day_of: Callable[[Ledger], date],
    real_day_of: Callable[[Ledger], date],
    baseline: Baseline | None = None,
) -> CheckReport:
    """One report: every member's findings and files (paths from the parent's folder),
    and the family's own findings on missing or broken children. ``baseline`` (the
    parent at ``--since``) applies to the parent only."""
    findings: list[Finding] = list(family.findings)
    ran: set[str] = set()
    paths: list[str] = []
    reports: list[tuple[Member, CheckReport]] = []
    for member in family.members:
        ledger = member.ledger
        report = run_checks(
            ledger,
            day_of(ledger),
            levels_of(ledger),
            baseline if not member.prefix else None,
            real_today=real_day_of(ledger),
        )
        reports.append((member, report))
        ran.update(report.checks)
        paths += [member.path(rel) for rel in report.paths]
        findings += [
            replace(finding, path=member.path(finding.path), task=_task(member, finding))
            for finding in report.findings
        ]
    findings.sort(key=Finding.sort_key)
    today = reports[0][1].today
    checks = tuple(check for check in CHECK_IDS if check in ran)
    return CheckReport(today, tuple(findings), checks, tuple(paths))


def _task(member: Member, finding: Finding) -> str | None:
    return member.qualified(finding.task) if finding.task else None
