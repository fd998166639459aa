"""`zhenggai check --since REV`: what a change did, on a real git repository, one commit a scenario."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.helpers import GIT_ENV, git, git_ledger, invoke
from zhenggai.checks.index import CHECKS


@pytest.fixture
def repo(clean_repo: Path) -> Path:
    return clean_repo


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _commit(root: Path, message: str) -> None:
    git(root.parent, "add", "-A")
    git(root.parent, "commit", "-qm", message)


def _since(runner: CliRunner, root: Path, *extra: str) -> tuple[int, str, str]:
    args = ["check", "--as-of", "2021-10-25", "--since", "main~1", *extra]
    return invoke(runner, args, cwd=root.parent)


def test_moving_a_deadline_by_hand_fails_with_an_annotation(repo: Path, runner: CliRunner) -> None:
    _edit(repo / "tasks" / "TASK-003.yaml", "deadline: 2021-12-31", "deadline: 2022-03-31")
    # Keep the task's own chain consistent so only the change check speaks.
    _edit(repo / "tasks" / "TASK-003.yaml", "to: 2021-12-31", "to: 2022-03-31")
    _commit(repo, "move a deadline by hand")
    code, out, _ = _since(runner, repo, "--format", "github")
    assert code == 1
    assert out.startswith(
        "::error file=ledger/tasks/TASK-003.yaml,line=7,col=1,title=deadline-moved::"
        "deadline moved from 2021-12-31 to 2022-03-31 without an extension record"
    )


def test_the_same_move_with_extend_passes(repo: Path, runner: CliRunner) -> None:
    code, _, err = invoke(
        runner,
        ["extend", "TASK-003", "--to", "2022-03-31", "--reason", "待专题协商会审议",
         "--date", "2021-10-25"],
        cwd=repo.parent,
    )  # fmt: skip
    assert code == 0, err
    _commit(repo, "extend")
    code, out, err = _since(runner, repo)
    assert (code, out) == (0, "")
    assert "30 checks" in err  # the 20 state checks and the 6 change checks


def test_editing_a_closed_task(repo: Path, runner: CliRunner) -> None:
    _edit(repo / "tasks" / "TASK-001.yaml", "summary: 规则已印发", "summary: 规则已印发并执行")
    _commit(repo, "touch a closed task")
    code, out, _ = _since(runner, repo)
    assert code == 1
    assert out.splitlines()[0] == (
        "ledger/tasks/TASK-001.yaml:21:1: error: TASK-001 was signed off on 2021-06-28 "
        "and has been edited since (closing) [closed-task-edited]"
    )


def test_removing_accepted_evidence(repo: Path, runner: CliRunner) -> None:
    task = repo / "tasks" / "TASK-001.yaml"
    text = task.read_text(encoding="utf-8")
    start, end = text.index("evidence:\n"), text.index("closing:\n")
    task.write_text(text[:start] + text[end:], encoding="utf-8")
    _commit(repo, "drop evidence")
    code, out, _ = _since(runner, repo)
    assert code == 1
    assert (
        "ledger/tasks/TASK-001.yaml:11:1: error: evidence evidence/TASK-001/纪要.txt accepted "
        "at sign-off was removed [evidence-changed]"
    ) in out
    assert "[evidence-present]" in out


def test_status_backwards_by_hand_and_by_reopen(repo: Path, runner: CliRunner) -> None:
    _edit(repo / "tasks" / "TASK-001.yaml", "status: done", "status: in-progress")
    _commit(repo, "undo by hand")
    code, out, _ = _since(runner, repo, "--select", "change")
    assert code == 1
    assert out.startswith(
        "ledger/tasks/TASK-001.yaml:11:1: error: status went from done to in-progress "
        "without a reopening record [status-backwards]"
    )
    git(repo.parent, "reset", "-q", "--hard", "main~1")
    code, _, err = invoke(
        runner, ["reopen", "TASK-001", "--reason", "回头看：未执行", "--date", "2021-10-25"],
        cwd=repo.parent,
    )  # fmt: skip
    assert code == 0, err
    _commit(repo, "reopen")
    code, out, _ = _since(runner, repo, "--select", "change")
    assert (code, out) == (0, "")


def test_deleting_and_renaming_tasks(repo: Path, runner: CliRunner) -> None:
    (repo / "tasks" / "TASK-002.yaml").unlink()
    shutil.move(repo / "tasks" / "TASK-003.yaml", repo / "tasks" / "TASK-009.yaml")
    _edit(repo / "tasks" / "TASK-009.yaml", "id: TASK-003", "id: TASK-009")
    _commit(repo, "delete and rename")
    code, out, _ = _since(runner, repo, "--select", "change")
    assert code == 1
    assert out.splitlines() == [
        "ledger/tasks/TASK-002.yaml:1:1: error: TASK-002 was deleted [task-removed]",
        "    hint: restore it and cancel it with `zhenggai cancel ID --reason ...`",
        "ledger/tasks/TASK-009.yaml:1:1: error: TASK-003 was renamed to TASK-009: "
        "ids are permanent [task-removed]",
        "    hint: keep the id TASK-003 (and its file name)",
    ]


def test_rewriting_a_progress_note(repo: Path, runner: CliRunner) -> None:
    _edit(repo / "tasks" / "TASK-002.yaml", "text: 第二季度集体学习", "text: 第二季度学习（改）")
    _commit(repo, "rewrite history")
    code, out, _ = _since(runner, repo, "--select", "change")
    assert code == 1
    assert out.startswith(
        "ledger/tasks/TASK-002.yaml:10:5: error: progress entry 1 was rewritten [log-rewritten]"
    )


def test_a_date_put_right_with_correct_passes_and_by_hand_does_not(
    repo: Path, runner: CliRunner
) -> None:
    note = repo / "tasks" / "TASK-002.yaml"
    _edit(note, "date: 2021-09-23", "date: 2021-09-21")
    _commit(repo, "fix a date by hand")
    code, out, _ = _since(runner, repo, "--select", "change")
    assert code == 1
    assert "progress entry 2 was rewritten [log-rewritten]" in out
    git(repo.parent, "reset", "-q", "--hard", "main~1")
    code, _, err = invoke(
        runner,
        ["correct", "TASK-002", "--progress", "2", "--date", "2021-09-21", "--reason", "笔误"],
        cwd=repo.parent,
    )
    assert code == 0, err
    text = note.read_text(encoding="utf-8")
    assert "  - {date: 2021-09-21, text: 第三季度集体学习}" in text
    assert (
        "record: progress[2].date\n    from: 2021-09-23\n    to: 2021-09-21\n    reason: 笔误"
        in text
    )
    _commit(repo, "correct a date")
    assert _since(runner, repo)[:2] == (0, "")
    # The same correction record, but the date changed to something else: still a rewrite.
    _edit(note, "date: 2021-09-21, text", "date: 2021-09-20, text")
    _commit(repo, "a correction that does not say what changed")
    git(repo.parent, "reset", "-q", "--soft", "main~2")
    git(repo.parent, "commit", "-qm", "squash")
    code, out, _ = _since(runner, repo, "--select", "change")
    assert code == 1 and "progress entry 2 was rewritten" in out


def test_correcting_the_sign_off_of_a_closed_task_passes(repo: Path, runner: CliRunner) -> None:
    code, _, err = invoke(
        runner,
        ["correct", "TASK-001", "--closing", "--date", "2021-06-29", "--reason", "笔误"],
        cwd=repo.parent,
    )
    assert code == 0, err
    _commit(repo, "correct the sign-off")
    assert _since(runner, repo)[:2] == (0, "")


def test_appending_is_fine(repo: Path, runner: CliRunner) -> None:
    code, _, err = invoke(
        runner, ["progress", "TASK-002", "第四季度集体学习", "--date", "2021-10-25"],
        cwd=repo.parent,
    )  # fmt: skip
    assert code == 0, err
    _commit(repo, "append")
    assert _since(runner, repo)[:2] == (0, "")


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda root: None, "--since nosuchrev"),
        (lambda root: shutil.rmtree(root.parent / ".git"), "needs a git repository"),
    ],
)
def test_since_usage_errors(
    setup: Callable[[Path], None], message: str, repo: Path, runner: CliRunner
) -> None:
    setup(repo)
    code, _, err = invoke(runner, ["check", "--since", "nosuchrev"], cwd=repo.parent)
    assert code == 2
    assert message in err


CHANGE_SCENARIOS = {
    "deadline-moved": test_moving_a_deadline_by_hand_fails_with_an_annotation,
    "closed-task-edited": test_editing_a_closed_task,
    "evidence-changed": test_removing_accepted_evidence,
    "status-backwards": test_status_backwards_by_hand_and_by_reopen,
    "task-removed": test_deleting_and_renaming_tasks,
    "log-rewritten": test_rewriting_a_progress_note,
}


def test_every_change_check_has_a_scenario() -> None:
    assert set(CHANGE_SCENARIOS) == {c.id for c in CHECKS if c.tier == "change"}


def test_an_approval_edited_after_the_fact_fails_and_one_added_passes(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    for key, value in GIT_ENV.items():
        monkeypatch.setenv(key, value)
    root = git_ledger("request-pending-fail", tmp_path)  # TASK-003 applied for, waiting
    code, _, err = invoke(runner, ["approve", "TASK-003", "--by", "整改办", "--opinion", "同意",
                                   "--date", "2021-10-20"], cwd=root)  # fmt: skip
    assert code == 0, err
    _commit(root, "approved by the office")
    code, out, _ = _since(runner, root, "--select", "change")
    assert code == 0, out  # an act added to the application: no rewrite
    _edit(root / "tasks" / "TASK-003.yaml", "opinion: 同意", "opinion: 不同意")
    _commit(root, "the office's opinion rewritten")
    code, out, _ = _since(runner, root, "--select", "change")
    assert code == 1
    assert "error: requests entry 1 was rewritten [log-rewritten]" in out


def test_the_signed_form_attached_after_a_sign_off_is_no_edit(
    repo: Path, runner: CliRunner, tmp_path: Path
) -> None:
    scan = tmp_path / "销号审批表.pdf"
    scan.write_bytes(b"%PDF-1.4 signed")
    args = ["attach", "TASK-001", "--evidence", str(scan), "--kind", "销号审批表",
            "--date", "2021-07-01"]  # fmt: skip
    code, _, err = invoke(runner, args, cwd=repo)
    assert code == 0, err
    _commit(repo, "the signed form")
    code, out, _ = _since(runner, repo, "--select", "change")
    assert code == 0, out
    _edit(repo / "tasks" / "TASK-001.yaml", "summary: 规则已印发", "summary: 规则已印发并执行")
    _commit(repo, "a sign-off edited")
    code, out, _ = _since(runner, repo, "--select", "change")
    assert code == 1 and "[closed-task-edited]" in out


def test_a_forgotten_note_is_entered_late_in_its_place_and_says_so(
    repo: Path, runner: CliRunner
) -> None:
    """Issue 29, point 5: a note of an earlier day is refused unless `--late-entry`; then
    it goes in its place by date with the day it was entered, `check --since` takes it
    (no log rewritten), and the weekly report of its week, made again, shows it."""
    task = repo / "tasks" / "TASK-003.yaml"
    args = ["progress", "TASK-003", "已与财政部门对接", "--date", "2021-10-18", "--by", "办公厅"]
    code, _, err = invoke(runner, [*args, "--lang", "en"], cwd=repo)
    assert code == 0, err
    _commit(repo, "a note")
    forgotten = ["progress", "TASK-003", "上周已召开协调会", "--date", "2021-10-12", "--by",
                 "办公厅", "--lang", "en"]  # fmt: skip
    before = task.read_text("utf-8")
    code, _, err = invoke(runner, forgotten, cwd=repo)
    assert code == 2 and "--late-entry" in err and task.read_text("utf-8") == before
    code, _, err = invoke(runner, [*forgotten, "--late-entry"], cwd=repo)
    assert code == 0, err
    import yaml

    notes = yaml.safe_load(task.read_text("utf-8"))["progress"]
    dates = [str(note["date"]) for note in notes]
    assert dates == sorted(dates) and "2021-10-12" in dates
    late = next(note for note in notes if note["text"] == "上周已召开协调会")
    assert late.get("entered") is not None  # the day it was entered: today
    _commit(repo, "a forgotten note")
    code, out, _ = _since(runner, repo)
    assert "log-rewritten" not in out, out
    weekly = ["report", "weekly", "--week", "2021-W41", "--lang", "zh"]
    code, out, err = invoke(runner, weekly, cwd=repo.parent)
    assert code == 0 and "上周已召开协调会" in out, err
