"""The benchmark's own parts: the synthetic ledgers it times, and how it judges the targets."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from tests.helpers import REPO
from zhenggai.checks.runner import run_checks
from zhenggai.ledger.load import load_ledger

sys.path.insert(0, str(REPO / "benchmarks"))
from generate import generate
from run import judge


def test_a_synthetic_ledger_holds_every_status_and_the_files_broken_on_purpose(
    tmp_path: Path,
) -> None:
    root = generate(300, tmp_path / "ledger", invalid=3)
    ledger = load_ledger(root)
    assert len(ledger.tasks) + len(ledger.unloaded_task_files) == 300
    assert len(ledger.unloaded_task_files) == 3
    assert len({loaded.timeline.status for loaded in ledger.tasks}) == 4
    findings = run_checks(ledger, date(2024, 6, 30)).findings
    assert {"overdue", "parse"} <= {finding.check for finding in findings}
    assert any(loaded.evidence for loaded in ledger.tasks)


def test_the_targets_are_judged_from_the_rows_measured() -> None:
    rows = [
        ("zhenggai --help", "", 0.05, 19.0),
        ("zhenggai check", "warm", 0.36, 64.0),
        ("zhenggai check", "cold", 0.9, 98.0),
        ("check-jsonschema (peer)", "", 18.0, 57.0),
    ]
    lines = judge(10_000, rows)
    assert "`zhenggai --help`: 0.050 s, target ≤ 0.2 s ✓" in lines[0]
    assert "`zhenggai check` warm: 0.360 s, target ≤ 0.35 s ✗ not met" in lines[1]
    assert "`zhenggai check` warm: 50.0× the peer, target ≥ 40× ✓" in lines[3]
    assert len(lines) == 5  # no row for `list --overdue`: no line for it
    big = judge(100_000, [("zhenggai check", "warm", 1.5, 2048.0)])
    assert big[0].endswith("✓")
    assert big[1].endswith("target ≤ 1024 MiB ✗ not met")
