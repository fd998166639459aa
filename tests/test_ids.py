"""Ids as people type them, the same way in every command."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from tests.helpers import REPO, build_case, invoke
from zhenggai.findings import LedgerError
from zhenggai.ledger.ids import resolve_task_id


@pytest.mark.parametrize("typed", ["TASK-042", "42", "042", "task-042", "TASK-42", "Task-0042"])
def test_show_finds_a_task_however_its_id_is_typed(typed: str, runner: CliRunner) -> None:
    code, out, err = invoke(runner, ["show", typed, "--as-of", "2021-12-01"], cwd=REPO)
    assert code == 0, err
    assert out.startswith("TASK-042  ")


@pytest.mark.parametrize(
    "args",
    [
        ["show", "TASK-999", "--as-of", "2021-12-01"],
        ["log", "TASK-999"],
        ["progress", "TASK-999", "推进", "--by", "李"],
        ["close", "TASK-999", "--no-evidence", "--reason", "x", "--by", "李"],
    ],
    ids=lambda args: args[0],
)
def test_an_unknown_id_is_answered_alike_by_every_command(
    args: list[str], tmp_path: Path, runner: CliRunner
) -> None:
    build_case("clean", tmp_path)
    code, _, err = invoke(runner, args, cwd=tmp_path)
    assert code == 2
    assert "no task TASK-999 in the ledger; the nearest:" in err


def test_a_write_takes_the_short_id(tmp_path: Path, runner: CliRunner) -> None:
    root = build_case("overdue-fail", tmp_path)
    args = ["progress", "1", "推进", "--date", "2021-11-25", "--by", "李"]
    code, _, err = invoke(runner, args, cwd=tmp_path)
    assert code == 0, err
    assert "推进" in (root / "tasks" / "TASK-001.yaml").read_text(encoding="utf-8")


def test_an_ambiguous_number_names_the_candidates() -> None:
    with pytest.raises(LedgerError, match="'42' could be TASK-042, X-042: give the whole id"):
        resolve_task_id("42", ["TASK-042", "X-042"])


@given(number=st.integers(1, 9999), width=st.integers(1, 6), lower=st.booleans())
def test_any_padding_and_case_of_a_known_id_resolves(number: int, width: int, lower: bool) -> None:
    known = [f"TASK-{n:03d}" for n in range(1, 120)] + [f"TASK-{number:03d}"]
    typed = f"task-{number:0{width}d}" if lower else f"{number:0{width}d}"
    assert resolve_task_id(typed, known) == f"TASK-{number:03d}"
