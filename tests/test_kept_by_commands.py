"""A ledger set up and kept for a month with commands only, never an editor: each
change is one commit, and each commit changes only the lines it is about."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.helpers import GIT_ENV, git, invoke


def _last_commit(repo: Path) -> dict[str, tuple[int, int]]:
    """The files the last commit changed: lines added and removed."""
    changed = {}
    for line in git(repo, "show", "--numstat", "--format=", "HEAD").splitlines():
        added, removed, name = line.split("\t")
        # A binary file (the evidence) shows "-": what counts is that it is there.
        changed[name] = (int(added) if added != "-" else 0, int(removed) if removed != "-" else 0)
    return changed


def test_a_month_of_upkeep_with_commands_only(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    for key, value in GIT_ENV.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("ZHENGGAI_USER", "整改办")
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    code, _, err = invoke(runner, ["init", "ledger", "--feedback-date", "2021-02-04"], repo)
    assert code == 0, err
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "a new ledger")
    proof = tmp_path / "印发通知.pdf"
    proof.write_bytes(b"%PDF-1.4 notice")
    task_1, task_2 = "ledger/tasks/TASK-001.yaml", "ledger/tasks/TASK-002.yaml"
    new = ["new", "--problem", "P02", "--unit", "宣传部", "--lead", "副组长"]
    steps: list[tuple[list[str], dict[str, tuple[int, int]]]] = [
        # the first entry of each registry turns init's `[]` into a list of entries
        (["unit", "add", "宣传部", "--name", "机关宣传部", "--liaison", "李四"],
         {"ledger/zhenggai.yaml": (4, 1)}),
        (["leader", "add", "副组长", "--name", "整改工作领导小组副组长"],
         {"ledger/zhenggai.yaml": (3, 1)}),
        (["section", "add", "S1", "--title", "（一）第一方面"],
         {"ledger/problems.yaml": (3, 1)}),
        (["problem", "add", "P02", "--title", "制度执行不严", "--section", "S1"],
         {"ledger/problems.yaml": (3, 0)}),
        ([*new, "--title", "完善学习制度", "--deadline", "2021-06-30", "--date", "2021-02-10"],
         {task_1: (10, 0)}),
        ([*new, "--title", "修订考勤办法", "--deadline", "2021-05-31", "--date", "2021-02-10"],
         {task_2: (10, 0)}),
        (["progress", "1", "形成制度初稿", "--date", "2021-03-01"], {task_1: (4, 0)}),
        (["edit", "1", "--owner", "王五"], {task_1: (1, 0)}),
        (["cancel", "2", "--reason", "并入TASK-001", "--date", "2021-03-05"], {task_2: (5, 1)}),
        (["close", "1", "--evidence", str(proof), "--date", "2021-03-10", "--summary", "已印发"],
         {task_1: (10, 1), "ledger/evidence/TASK-001/印发通知.pdf": (0, 0)}),
        (["unit", "rename", "宣传部", "宣传处"],
         {"ledger/zhenggai.yaml": (2, 1), task_1: (1, 1), task_2: (1, 1)}),
    ]  # fmt: skip
    for args, changed in steps:
        code, _, err = invoke(runner, [*args, "--commit"], cwd=repo)
        assert code == 0, (args, err)
        assert _last_commit(repo) == changed, args
    assert git(repo, "status", "--porcelain") == ""
    code, out, err = invoke(runner, ["check", "--as-of", "2021-03-31"], cwd=repo)
    assert (code, out) == (0, ""), err
    _, out, _ = invoke(runner, ["list", "--as-of", "2021-03-31", "--lang", "en"], cwd=repo)
    states = {line.split()[0]: line.split()[-1] for line in out.splitlines()[2:]}
    assert states == {"TASK-001": "done", "TASK-002": "cancelled"}
