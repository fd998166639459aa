"""回头看: `zhenggai sample` draws the same picks for the same seed on any machine,
stratified when asked; `--record` writes a record that re-runs to the same picks;
`zhenggai review` records outcomes, a fail reopening its task; `review-pending`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from tests.helpers import REPO, copy_example, invoke

DAY = "2021-10-23"
#: The picks of `zhenggai sample 5 --seed 2021 --by unit` on the example ledger on DAY.
GOLDEN_PICKS = ["TASK-032", "TASK-068", "TASK-048", "TASK-010", "TASK-039"]


def _sample(runner: CliRunner, *args: str, ledger: Path | None = None) -> tuple[int, str, str]:
    where = ["--ledger", str(ledger)] if ledger else []
    return invoke(runner, ["sample", *args, "--as-of", DAY, *where], cwd=REPO)


def test_the_picks_of_a_seed_are_a_golden(runner: CliRunner) -> None:
    code, out, err = _sample(runner, "5", "--seed", "2021", "--by", "unit")
    assert code == 0, err
    assert [line.split()[0] for line in out.splitlines()] == GOLDEN_PICKS
    assert "drew 5 of 42 closed tasks (done on 2021-10-23); seed 2021, in proportion by unit" in err


def test_the_same_seed_draws_the_same_on_another_machine(tmp_path: Path) -> None:
    """Another process with another hash seed, and the files listed in another order."""
    ledger = copy_example(tmp_path / "ledger")
    env = {**os.environ, "PYTHONHASHSEED": "12345", "ZHENGGAI_LANG": "en"}
    args = [sys.executable, "-m", "zhenggai", "sample", "5", "--seed", "2021", "--by", "unit",
            "--as-of", DAY, "--ledger", str(ledger), "--no-cache"]  # fmt: skip
    first = subprocess.run(args, capture_output=True, text=True, env=env, check=True).stdout
    for path in sorted((ledger / "tasks").iterdir(), reverse=True):  # new inodes, new order
        data = path.read_bytes()
        path.unlink()
        path.write_bytes(data)
    env["PYTHONHASHSEED"] = "999"
    second = subprocess.run(args, capture_output=True, text=True, env=env, check=True).stdout
    assert first == second and [line.split()[0] for line in first.splitlines()] == GOLDEN_PICKS


def test_a_record_re_runs_to_the_same_picks(runner: CliRunner, tmp_path: Path) -> None:
    ledger = copy_example(tmp_path / "ledger")
    code, out, err = _sample(runner, "5", "--seed", "2021", "--by", "unit", "--record",
                             ledger=ledger)  # fmt: skip
    assert code == 0, err
    record = yaml.safe_load((ledger / "reviews" / "REVIEW-2021-01.yaml").read_text("utf-8"))
    assert [pick["task"] for pick in record["picks"]] == GOLDEN_PICKS
    assert (record["seed"], record["method"], str(record["date"])) == (2021, "by-unit", DAY)
    assert record["population"] == {"size": 42, "rule": "done on 2021-10-23"}
    by = {"random": [], "by-unit": ["--by", "unit"], "by-problem": ["--by", "problem"]}
    again = ["sample", str(len(record["picks"])), "--seed", str(record["seed"]),
             *by[record["method"]], "--as-of", str(record["date"]), "--ledger", str(ledger)]  # fmt: skip
    assert invoke(runner, again)[1] == out
    # the next record of the year takes the next number; the ledger still checks clean
    assert _sample(runner, "2", "--seed", "7", "--record", ledger=ledger)[0] == 0
    assert (ledger / "reviews" / "REVIEW-2021-02.yaml").exists()
    assert invoke(runner, ["check", "--as-of", DAY, "--ledger", str(ledger)])[0] == 0


def test_a_failed_review_reopens_its_task(runner: CliRunner, tmp_path: Path) -> None:
    ledger = copy_example(tmp_path / "ledger")
    assert _sample(runner, "5", "--seed", "2021", "--by", "unit", "--record", ledger=ledger)[0] == 0
    base = ["--ledger", str(ledger), "--by", "督查组"]
    code, _, err = invoke(runner, ["review", "TASK-032", "--result", "pass", "--date",
                                   "2021-11-01", *base])  # fmt: skip
    assert code == 0, err
    code, _, err = invoke(runner, ["review", "68", "--result", "fail", "--note",
                                   "二级单位未建立报告台账", "--date", "2021-11-02", *base])  # fmt: skip
    assert code == 0 and "fail, reopened" in err, err
    task = yaml.safe_load((ledger / "tasks" / "TASK-068.yaml").read_text("utf-8"))
    assert task["status"] == "in-progress" and "closing" not in task
    reopening = task["reopenings"][-1]
    assert reopening["review"] == "REVIEW-2021-01"
    assert reopening["reason"] == "回头看 REVIEW-2021-01：二级单位未建立报告台账"
    record = yaml.safe_load((ledger / "reviews" / "REVIEW-2021-01.yaml").read_text("utf-8"))
    assert record["picks"][0]["result"] == "pass" and record["picks"][1]["result"] == "fail"
    # status and the weekly report count it
    _, out, _ = invoke(runner, ["status", "--as-of", "2021-11-05", "--format", "json",
                                "--ledger", str(ledger)])  # fmt: skip
    assert '"reopened_by_review": 1' in out
    _, out, _ = invoke(runner, ["report", "weekly", "--as-of", "2021-11-05", "--lang", "zh",
                                "--ledger", str(ledger)])  # fmt: skip
    assert "| 回头看重新打开 | 1 | 0 |" in out
    # the three picks left without an outcome are reported once review_days have passed
    _, out, _ = invoke(runner, ["check", "--as-of", "2021-12-10", "--ledger", str(ledger)])
    pending = [line for line in out.splitlines() if "[review-pending]" in line]
    assert [line.split()[2] for line in pending] == ["TASK-048", "TASK-010", "TASK-039"]
    assert all("reviews/REVIEW-2021-01.yaml:" in line for line in pending)


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["sample", "43", "--seed", "1"], "43 is more than the 42 closed tasks"),
        (["sample", "0"], "N is at least 1"),
        (["review", "TASK-001", "--result", "pass"], "waits in no sampling record"),
    ],
)
def test_bad_input_is_said(args: list[str], said: str, runner: CliRunner, tmp_path: Path) -> None:
    ledger = copy_example(tmp_path / "ledger")
    before = {p.name: p.read_bytes() for p in (ledger / "tasks").iterdir()}
    code, out, err = invoke(runner, [*args, "--ledger", str(ledger)] +
                            (["--as-of", DAY] if args[0] == "sample" else []))  # fmt: skip
    assert code == 2 and out == "" and said in err, err
    assert "Traceback" not in err and not (ledger / "reviews").exists()
    assert {p.name: p.read_bytes() for p in (ledger / "tasks").iterdir()} == before


@settings(max_examples=60, deadline=None)
@given(
    sizes=st.lists(st.integers(min_value=1, max_value=8), min_size=1, max_size=9),
    count=st.integers(min_value=1, max_value=40),
    seed=st.integers(min_value=0, max_value=10**9),
)
def test_every_stratum_is_drawn_from_when_n_allows(sizes: list[int], count: int, seed: int) -> None:
    from types import SimpleNamespace

    from zhenggai.reports.sampling import draw

    rows = [
        SimpleNamespace(loaded=SimpleNamespace(id=f"T-{s}-{i}", stratum=f"S{s}"), ledger="")
        for s, size in enumerate(sizes)
        for i in range(size)
    ]
    count = min(count, len(rows))

    def stratum(row: Any) -> str:
        return str(row.loaded.stratum)

    picks = draw(rows, count, seed, stratum)  # type: ignore[arg-type]
    assert len(picks) == len(set(picks)) == count
    drawn = {task_id.split("-")[1] for task_id in picks}
    if count >= len(sizes):
        assert drawn == {str(s) for s in range(len(sizes))}  # every stratum represented
    assert picks == draw(rows, count, seed, stratum)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["TASK-032", "--result", "fail"], "a failed review needs --note"),
        (["TASK-032", "--result", "pass", "--date", "2021-10-01"],
         "REVIEW-2021-01 was drawn on 2021-10-23, after 2021-10-01"),
        (["TASK-032", "--result", "pass", "--sample", "REVIEW-2020-09"],
         "no sampling record REVIEW-2020-09 in reviews/"),
    ],
)  # fmt: skip
def test_a_review_that_cannot_be_recorded_changes_nothing(
    args: list[str], said: str, runner: CliRunner, tmp_path: Path
) -> None:
    ledger = copy_example(tmp_path / "ledger")
    assert _sample(runner, "5", "--seed", "2021", "--by", "unit", "--record", ledger=ledger)[0] == 0
    before = {p: p.read_bytes() for p in ledger.rglob("*.yaml")}
    code, out, err = invoke(runner, ["review", *args, "--ledger", str(ledger)])
    assert code == 2 and out == "" and said in err, err
    assert "Traceback" not in err
    assert {p: p.read_bytes() for p in ledger.rglob("*.yaml")} == before
