"""Running the checks: choosing them, setting their levels, collecting every finding."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from datetime import date

from zhenggai.checks.base import CheckContext
from zhenggai.checks.index import CHECK_IDS, CHECKS, TIERS
from zhenggai.checks.report import CheckReport
from zhenggai.findings import Finding, LedgerError, Severity
from zhenggai.ledger.baseline import Baseline
from zhenggai.ledger.cache import OwnFindings
from zhenggai.ledger.loaded import Ledger, LoadedTask
from zhenggai.ledger.paths import PROBLEMS_FILE, SETTINGS_FILE
from zhenggai.messages import text as said
from zhenggai.records.model import Level


def expand_names(names: Iterable[str], option: str) -> list[str]:
    """Check ids from ids and tier names; LedgerError for a name that is neither."""
    chosen: list[str] = []
    for name in names:
        if name in TIERS:
            chosen.extend(check.id for check in CHECKS if check.tier == name)
        elif name in CHECK_IDS:
            chosen.append(name)
        else:
            raise LedgerError(
                said(
                    "{option}: unknown check {name}; known checks: {known} (or a tier: {tiers})",
                    option=option,
                    name=repr(name),
                    known=", ".join(CHECK_IDS),
                    tiers=", ".join(TIERS),
                )
            )
    return chosen


def levels_for(
    ledger: Ledger,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    fail_on: Iterable[str] = (),
) -> dict[str, Level]:
    """Each check's level after the ledger's settings and the command-line options.

    Precedence, lowest first: the check's default, ``checks:`` in zhenggai.yaml,
    ``--select`` (turns an ``off`` check on), ``--fail-on`` (makes it an
    error), ``--ignore`` (turns it off).
    """
    levels = {check.id: check.level for check in CHECKS}
    for name, level in ledger.settings.checks.items():
        if name not in levels:
            position = ledger.settings_document.locate(("checks", name))
            raise LedgerError(
                said("unknown check {name} in {file}", name=repr(name), file=SETTINGS_FILE),
                [
                    Finding.at(
                        "schema",
                        f"unknown check '{name}' under checks:",
                        SETTINGS_FILE,
                        position,
                        hint=f"known checks: {', '.join(CHECK_IDS)}",
                    )
                ],
                ledger.root,
            )
        levels[name] = level
    selected = expand_names(select, "--select")
    if selected:
        for check_id in levels:
            if check_id not in selected:
                levels[check_id] = Level.OFF
            elif levels[check_id] is Level.OFF:
                levels[check_id] = Level.WARNING
    for check_id in expand_names(fail_on, "--fail-on"):
        levels[check_id] = Level.ERROR
    for check_id in expand_names(ignore, "--ignore"):
        levels[check_id] = Level.OFF
    return levels


def run_checks(
    ledger: Ledger,
    today: date,
    levels: dict[str, Level] | None = None,
    baseline: Baseline | None = None,
    *,
    real_today: date | None = None,
) -> CheckReport:
    """Run every check that is not off; never stops at the first finding.

    The change checks run only when a ``baseline`` (the ledger at ``--since``) is given.
    ``real_today`` is the day it really is (see `CheckContext`); ``today`` the day
    the checks answer for.
    """
    levels = levels if levels is not None else levels_for(ledger)
    context = CheckContext(ledger, today, baseline, real_today)
    findings: list[Finding] = []
    ran: list[str] = []
    for check in CHECKS:
        level = levels[check.id]
        if level is Level.OFF or (check.tier == "change" and baseline is None):
            continue
        ran.append(check.id)
        findings.extend(_stamped(check.run(context), check.id, level))
    per_task = {check_id: levels[check_id] for check_id in ran if check_id in _PER_TASK_IDS}
    if per_task:
        findings.extend(_per_task_findings(context, per_task))
    findings.sort(key=Finding.sort_key)
    return CheckReport(today, tuple(findings), tuple(ran), tuple(ledger.files))


_PER_TASK = tuple(check for check in CHECKS if check.each_task is not None)
_PER_TASK_IDS = frozenset(check.id for check in _PER_TASK)


def _per_task_findings(context: CheckContext, levels: dict[str, Level]) -> Iterator[Finding]:
    """The findings of every check's one-file part, from each task's own findings (kept
    with its record) while they hold.

    A task's own findings are every such check's findings (whichever are asked for), for the
    settings and registries it was made with; a change to either makes it stale.
    """
    ledger = context.ledger
    own_findings_of = OneFileChecks(ledger)
    key = own_findings_of.key
    for loaded in ledger.tasks:
        own_findings = loaded.own_findings
        if own_findings is None or own_findings[0] != key:
            own_findings = own_findings_of(loaded)
            ledger.remember(loaded, own_findings)
        for finding in own_findings[1]:
            if finding.check not in _PER_TASK_IDS:
                raise ValueError(f"a kept finding names an unknown check {finding.check!r}")
            level = levels.get(finding.check)
            if level is not None:  # kept: every one-file check's findings
                yield finding.stamped(finding.check, _SEVERITY[level])


class OneFileChecks:
    """Every check's one-file part, with the ledger's settings and registries: called
    on a task, its own findings (the key of what else was read, and the findings).

    ``ledger`` needs no tasks: the loader runs these checks on each file it reads.
    """

    def __init__(self, ledger: Ledger) -> None:
        self.key = own_findings_key(ledger)
        # The one-file checks never read the day (their findings are kept across days).
        self._context = CheckContext(ledger, date.min)

    def __call__(self, loaded: LoadedTask) -> OwnFindings:
        context = self._context
        found = [
            finding.stamped(check.id, finding.severity)
            for check in _PER_TASK
            if check.each_task is not None
            for finding in check.each_task(context, loaded)
        ]
        return self.key, found


def own_findings_key(ledger: Ledger) -> str:
    """What the one-file checks read besides the file: the settings and the registries."""
    digest = hashlib.sha256()
    for name in (SETTINGS_FILE, PROBLEMS_FILE):
        try:
            digest.update((ledger.root / name).read_bytes())
        except OSError:
            digest.update(b"\0missing")
    return digest.hexdigest()


_SEVERITY: dict[Level, Severity] = {Level.ERROR: "error", Level.WARNING: "warning"}


def _stamped(findings: Iterable[Finding], check_id: str, level: Level) -> Iterator[Finding]:
    """What a check yielded, with its id and the severity of its level."""
    severity = _SEVERITY[level]
    for finding in findings:
        yield finding.stamped(check_id, severity)
