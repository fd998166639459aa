"""The runner stamps each finding with the id of the check that yielded it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.helpers import build_case
from zhenggai.checks import runner
from zhenggai.checks.base import Check, CheckContext
from zhenggai.checks.index import CHECKS
from zhenggai.findings import Finding
from zhenggai.ledger.load import load_ledger
from zhenggai.records.model import Level


def test_findings_carry_the_id_of_the_check_that_yielded_them(tmp_path: Path) -> None:
    ledger = load_ledger(build_case("overdue-fail", tmp_path))
    report = runner.run_checks(ledger, date(2021, 12, 1))
    # The check functions name no id; every finding has its check's, and its level.
    assert {(f.check, f.severity) for f in report.findings} == {("overdue", "warning")}
    assert len(report.findings) == 2


def test_a_check_that_names_another_check_fails_loudly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def confused(ctx: CheckContext) -> list[Finding]:
        del ctx
        return [Finding("stale", "said by the wrong check", "tasks/TASK-001.yaml")]

    ledger = load_ledger(build_case("clean", tmp_path))
    checks = (*CHECKS, Check("confused", "basic", Level.ERROR, confused))
    monkeypatch.setattr(runner, "CHECKS", checks)
    levels = {**runner.levels_for(ledger), "confused": Level.ERROR}
    with pytest.raises(ValueError, match="check 'confused' yielded a finding of 'stale'"):
        runner.run_checks(ledger, date(2021, 10, 25), levels)


def test_a_memo_naming_an_unknown_check_fails_loudly(tmp_path: Path) -> None:
    ledger = load_ledger(build_case("clean", tmp_path))
    own_findings_of = runner.OneFileChecks(ledger)
    loaded = ledger.tasks[0]
    loaded.own_findings = (own_findings_of.key, [Finding("no-such-check", "?", loaded.path)])
    with pytest.raises(ValueError, match="an unknown check 'no-such-check'"):
        runner.run_checks(ledger, date(2021, 10, 25))
