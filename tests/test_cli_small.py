"""Smaller things a user ran into: colour in CI logs, grammar, a second --ledger, the
day of a commit, the columns of a spreadsheet."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.helpers import GIT_ENV, REPO, build_case, git, git_ledger, invoke


def test_force_color_colours_a_pipe_and_no_color_wins(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    args = ["list", "--overdue", "--as-of", "2021-12-01"]
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert "\x1b[" in invoke(runner, args, cwd=REPO)[1]
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in invoke(runner, args, cwd=REPO)[1]


def test_counts_are_said_in_good_english(tmp_path: Path, runner: CliRunner) -> None:
    root = build_case("clean", tmp_path)
    (root / "tasks" / "TASK-009.yaml").write_text("id: [\n", encoding="utf-8")
    code, _, err = invoke(runner, ["list", "--as-of", "2021-10-25"], cwd=tmp_path)
    assert code == 1
    assert "zhenggai: 1 problem in the ledger's files" in err
    _, _, err = invoke(runner, ["check", "--as-of", "2021-10-25"], cwd=tmp_path)
    assert "zhenggai check: 1 error, 0 warnings;" in err


def test_a_write_to_two_ledgers_is_refused_not_ignored(tmp_path: Path, runner: CliRunner) -> None:
    root = build_case("clean", tmp_path)
    args = ["progress", "TASK-001", "x", "--ledger", str(root), "--ledger", str(REPO / "ledger")]
    code, out, err = invoke(runner, args, cwd=tmp_path)
    assert (code, out) == (2, "")
    assert "--ledger given 2 times: a write goes to one ledger" in err


def test_log_dates_a_commit_by_the_ledger_s_clock(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    for key, value in GIT_ENV.items():
        monkeypatch.setenv(key, value)
    root = git_ledger("clean", tmp_path)
    task = root / "tasks" / "TASK-002.yaml"
    task.write_text(task.read_text(encoding="utf-8") + "tags: [x]\n", encoding="utf-8")
    # 20:30 in London is 04:30 the next morning in Beijing, the ledger's timezone.
    monkeypatch.setenv("GIT_AUTHOR_DATE", "2021-10-24T20:30:00+01:00")
    git(tmp_path, "commit", "-qam", "late in the evening, in London")
    code, out, err = invoke(runner, ["log", "2", "--ledger", str(root)], cwd=tmp_path)
    assert code == 0, err
    assert out.splitlines()[0].split("  ")[1] == "2021-10-25"


def test_the_csv_carries_what_a_spreadsheet_filters_on(runner: CliRunner) -> None:
    args = ["list", "--as-of", "2021-12-01", "--format", "csv", "--lang", "en"]
    _, out, _ = invoke(runner, args, cwd=REPO)
    rows = list(csv.DictReader(io.StringIO(out.lstrip("\ufeff"))))
    assert len(rows) == 107
    late = next(row for row in rows if row["ID"] == "TASK-022")
    assert late["Problem"] == "P02" and late["Lead unit"] == "新闻局"
    assert late["Days left (negative: late)"] == "-31" and late["Light"] == "overdue"
    done = next(row for row in rows if row["Signed off"])
    assert done["Days left (negative: late)"] == "" and done["Light"] == ""
