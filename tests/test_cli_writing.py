"""The write commands through the CLI, on ledgers in real git repositories."""

from __future__ import annotations

import difflib
import os
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from tests.helpers import (
    GIT_ENV,
    GOLDEN,
    TESTS,
    build_case,
    copy_example,
    git,
    git_ledger,
    golden,
    invoke,
    listed_folders,
)
from zhenggai.ledger.load import load_ledger

FIXTURE = TESTS / "fixtures" / "edits" / "TASK-003.yaml"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The clean case ledger, committed in a fresh git repository; returns the ledger root."""
    for key, value in GIT_ENV.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("ZHENGGAI_USER", "整改办")
    return git_ledger("clean", tmp_path, task_003=FIXTURE)


def run(runner: CliRunner, root: Path, *args: str) -> tuple[int, str, str]:
    return invoke(runner, list(args), cwd=root.parent)


def diff_of(before: str, after: str) -> str:
    return "".join(difflib.unified_diff(before.splitlines(True), after.splitlines(True), n=1))


EDITS = {
    "progress": ["progress", "TASK-003", "12:30 召开专题会议", "--date", "2021-10-20"],
    "extend": [
        "extend", "TASK-003", "--to", "+1m", "--reason", "待专题协商会审议",
        "--approved-by", "秘书长", "--date", "2021-10-20",
    ],
    "close": [
        "close", "TASK-003", "--evidence", "{evidence}", "--summary", "规则已印发",
        "--date", "2021-10-25",
    ],
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(EDITS))
def test_edit_changes_only_its_lines(name: str, repo: Path, runner: CliRunner) -> None:
    task = repo / "tasks" / "TASK-003.yaml"
    before = task.read_text(encoding="utf-8")
    evidence = repo.parent / "印发通知.pdf"
    evidence.write_bytes(b"%PDF-1.4 notice\n")
    args = [arg.replace("{evidence}", str(evidence)) for arg in EDITS[name]]
    code, _, err = run(runner, repo, *args)
    assert code == 0, err
    after = task.read_text(encoding="utf-8")
    diff = diff_of(before, after)
    assert diff == golden(diff, GOLDEN / f"edit-{name}.diff")


def test_edit_keeps_bom_and_crlf(repo: Path, runner: CliRunner) -> None:
    task = repo / "tasks" / "TASK-003.yaml"
    original = FIXTURE.read_text(encoding="utf-8")
    task.write_bytes(("\ufeff" + original.replace("\n", "\r\n")).encode("utf-8"))
    code, _, err = run(runner, repo, "progress", "TASK-003", "征求意见", "--date", "2021-10-20")
    assert code == 0, err
    raw = task.read_bytes()
    assert raw.startswith("\ufeff".encode())
    assert raw.count(b"\r\n") == raw.count(b"\n")
    text = raw.decode("utf-8-sig").replace("\r\n", "\n")
    note = "  - date: 2021-10-20\n    text: 征求意见\n    by: 整改办\n"
    assert text == original.replace("    by: 办公厅\n", "    by: 办公厅\n" + note)


def test_close_on_the_example_ledger_is_one_clean_commit(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    for key, value in GIT_ENV.items():
        monkeypatch.setenv(key, value)
    checkout = tmp_path / "checkout"
    root = checkout / "ledger"
    shutil.copytree(TESTS.parent / "ledger", root)
    git(checkout, "init", "-q")
    git(checkout, "add", "-A")
    git(checkout, "commit", "-qm", "example ledger")
    pdf = tmp_path / "some.pdf"
    pdf.write_bytes(b"%PDF-1.4\n" + bytes(range(256)))
    code, _, err = run(
        runner, root, "close", "TASK-016", "--evidence", str(pdf), "--by", "整改办",
        "--date", "2021-10-25", "--commit",
    )  # fmt: skip
    assert code == 0, err
    assert "committed" in err
    assert git(checkout, "rev-list", "--count", "HEAD").strip() == "2"
    changed = git(checkout, "show", "--name-status", "--format=%s", "HEAD").split("\n")
    assert changed[0] == "close TASK-016: 研究制定《提案办理协商会议规则》，年内印发"
    assert set(filter(None, changed[1:])) == {
        "A\tledger/evidence/TASK-016/some.pdf",
        "M\tledger/tasks/TASK-016.yaml",
    }
    diff = git(checkout, "show", "--format=", "-U0", "HEAD", "--", "ledger/tasks")
    removed = [line for line in diff.splitlines() if line.startswith("-") and line[1:2] != "-"]
    assert removed == ["-status: in-progress"]
    added = {
        line.split(":")[0].strip("+ -")
        for line in diff.splitlines()
        if line.startswith("+") and not line.startswith("+++")
    }
    assert added == {
        "status", "evidence", "path", "sha256", "size", "added", "closing", "date", "by",
        "summary",
    }  # fmt: skip
    assert git(checkout, "status", "--porcelain") == ""  # nothing left behind, no lock file
    code, out, _ = run(runner, root, "check", "--as-of", "2021-10-25")
    assert (code, out) == (0, "")


def test_close_then_check_and_tamper(repo: Path, runner: CliRunner) -> None:
    pdf = repo.parent / "纪要.pdf"
    pdf.write_bytes(b"minutes")
    code, _, err = run(
        runner, repo, "close", "TASK-003", "--evidence", str(pdf), "--date", "2021-10-25"
    )
    assert code == 0, err
    code, out, _ = run(runner, repo, "check", "--as-of", "2021-10-25")
    assert (code, out) == (0, "")
    stored = repo / "evidence" / "TASK-003" / "纪要.pdf"
    stored.write_bytes(b"minutez")
    code, out, _ = run(runner, repo, "check", "--as-of", "2021-10-25")
    assert code == 1
    assert "ledger/tasks/TASK-003.yaml:" in out
    assert "evidence file evidence/TASK-003/纪要.pdf has changed: sha256 is " in out
    assert "the record says " in out
    assert "[evidence-intact]" in out


def _snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(root)): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["close", "TASK-003"], "needs evidence"),
        (["close", "TASK-001", "--evidence", "{pdf}"], "already closed on 2021-06-28"),
        (["close", "TASK-003", "--evidence", "{folder}"], "is a folder"),
        (["close", "TASK-003", "--evidence", "{link}"], "is a symbolic link"),
        (["close", "TASK-003", "--evidence", "{fifo}"], "not a regular file"),
        (["close", "TASK-003", "--evidence", "{missing}"], "cannot read"),
        (["close", "TASK-003", "--no-evidence", "--reason", "口头汇报"], "does not allow"),
        (["close", "TASK-003", "--evidence", "{pdf}", "--no-evidence"], "not both"),
        (["close", "TASK-009", "--evidence", "{pdf}"], "no task TASK-009"),
        (["close", "../x", "--evidence", "{pdf}"], "'../x' is not a task id"),
        (["progress", "TASK-003", "补记", "--date", "2021-09-30"], "already has a note of 2021-10-15"),
        (["progress", "TASK-003", "   "], "empty"),
        (["progress", "TASK-003", "x", "--date", "2021-13-01"], "not a real date"),
        (["extend", "TASK-003", "--to", "2021-11-30", "--reason", "x"], "is not after"),
        (["extend", "TASK-001", "--to", "2022-06-30", "--reason", "x"], "is done"),
        (["extend", "TASK-003", "--to", "明年", "--reason", "x"], "cannot read the deadline"),
        (["extend", "TASK-003", "--to", "2022-06-30", "--reason", " "], "needs a reason"),
        (["reopen", "TASK-003", "--reason", "x"], "not closed"),
        (["reopen", "TASK-001", "--reason", "x", "--date", "2021-06-01"], "was closed on"),
        (
            ["new", "--title", "x", "--problem", "P01", "--unit", "办工厅", "--lead", "秘书长",
             "--deadline", "年内"],
            "--unit: unknown '办工厅'; the nearest: 办公厅",
        ),
        (
            ["new", "--title", "x", "--problem", "P09", "--unit", "办公厅", "--lead", "秘书",
             "--deadline", "年内"],
            "--problem: unknown 'P09'",
        ),
        (
            ["new", "--title", "x", "--problem", "P01", "--unit", "办公厅", "--lead", "秘书长",
             "--term", "ongoing"],
            "needs --cadence",
        ),
        (
            ["new", "--title", "x", "--problem", "P01", "--unit", "办公厅", "--lead", "秘书长"],
            "needs --deadline",
        ),
        (["init", "{root}"], "already a ledger"),
    ],
)  # fmt: skip
def test_refusals_change_nothing(
    args: list[str], message: str, repo: Path, runner: CliRunner
) -> None:
    tmp = repo.parent
    (tmp / "a.pdf").write_bytes(b"pdf")
    (tmp / "folder").mkdir()
    (tmp / "link.pdf").symlink_to(tmp / "a.pdf")
    os.mkfifo(tmp / "fifo")
    places = {
        "{pdf}": tmp / "a.pdf",
        "{folder}": tmp / "folder",
        "{link}": tmp / "link.pdf",
        "{fifo}": tmp / "fifo",
        "{missing}": tmp / "missing.pdf",
        "{root}": repo,
    }
    args = [str(places.get(arg, arg)) for arg in args]
    before = _snapshot(repo)
    code, out, err = run(runner, repo, *args)
    assert code == 2, (out, err)
    assert message in err
    assert "Traceback" not in err
    assert _snapshot(repo) == before


def test_oversized_evidence_is_refused(repo: Path, runner: CliRunner) -> None:
    settings = repo / "zhenggai.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "evidence_max_mb: 1\n", "utf-8")
    big = repo.parent / "scan.pdf"
    big.write_bytes(b"\0" * (1024 * 1024 + 1))
    code, _, err = run(runner, repo, "close", "TASK-003", "--evidence", str(big))
    assert code == 2
    assert "over the ledger's limit of 1 MiB" in err
    assert not (repo / "evidence" / "TASK-003").exists()


def test_an_approver_is_required_where_the_ledger_says(repo: Path, runner: CliRunner) -> None:
    settings = repo / "zhenggai.yaml"
    text = settings.read_text(encoding="utf-8") + "signoff_requires_approver: true\n"
    settings.write_text(text, "utf-8")
    pdf = repo.parent / "a.pdf"
    pdf.write_bytes(b"pdf")
    code, _, err = run(runner, repo, "close", "TASK-003", "--evidence", str(pdf))
    assert code == 2
    assert "requires an approver" in err
    code, _, err = run(
        runner, repo, "close", "TASK-003", "--evidence", str(pdf), "--approved-by", "秘书长"
    )
    assert code == 0, err
    assert load_ledger(repo).by_id["TASK-003"].task.closing.approved_by == "秘书长"  # type: ignore[union-attr]


def test_close_without_evidence_where_allowed(repo: Path, runner: CliRunner) -> None:
    settings = repo / "zhenggai.yaml"
    text = settings.read_text(encoding="utf-8") + "allow_close_without_evidence: true\n"
    settings.write_text(text, "utf-8")
    code, _, err = run(
        runner, repo, "close", "TASK-003", "--no-evidence", "--reason", "涉密，材料存档于机要室"
    )
    assert code == 0, err
    closing = load_ledger(repo).by_id["TASK-003"].task.closing
    assert closing is not None and closing.no_evidence_reason == "涉密，材料存档于机要室"
    code, out, _ = run(runner, repo, "check", "--as-of", "2021-10-25", "--select", "strict")
    assert code == 0, out


def test_same_content_is_stored_once(repo: Path, runner: CliRunner) -> None:
    one = repo.parent / "通知.pdf"
    two = repo.parent / "通知 (副本).pdf"
    odd = repo.parent / "..hidden name?.pdf"
    one.write_bytes(b"same")
    two.write_bytes(b"same")
    odd.write_bytes(b"other")
    code, _, err = run(
        runner, repo, "close", "TASK-003", "--evidence", str(one), "--evidence", str(two),
        "--evidence", str(odd),
    )  # fmt: skip
    assert code == 0, err
    records = load_ledger(repo).by_id["TASK-003"].task.evidence
    assert [r.path for r in records] == [
        "evidence/TASK-003/通知.pdf",
        "evidence/TASK-003/hidden_name.pdf",
    ]
    assert sorted(p.name for p in (repo / "evidence" / "TASK-003").iterdir()) == [
        "hidden_name.pdf",
        "通知.pdf",
    ]


def test_reopen_keeps_the_old_sign_off(repo: Path, runner: CliRunner) -> None:
    code, _, err = run(
        runner, repo, "reopen", "TASK-001", "--reason", "回头看：规则未执行", "--date", "2021-09-10"
    )
    assert code == 0, err
    task = load_ledger(repo).by_id["TASK-001"].task
    assert task.status.value == "in-progress"
    assert task.closing is None
    assert task.reopenings[0].previous_closing.summary == "规则已印发"
    assert task.evidence  # the evidence accepted then stays on record
    code, out, _ = run(runner, repo, "check", "--as-of", "2021-09-10", "--select", "basic,strict")
    assert code == 0, out
    code, _, err = run(runner, repo, "close", "TASK-001", "--evidence", str(FIXTURE))
    assert code == 0, err


def test_new_assigns_the_next_id_and_counts_working_days(repo: Path, runner: CliRunner) -> None:
    settings = repo / "zhenggai.yaml"
    settings.write_text(
        settings.read_text(encoding="utf-8") + "shift_deadline_to_workday: true\n", "utf-8"
    )
    base = ["new", "--problem", "P01", "--unit", "办公厅", "--unit", "机关党委", "--lead", "秘书长"]
    base += ["--date", "2021-02-10"]
    code, out, err = run(runner, repo, *base, "--title", "清明前后", "--deadline", "+2m")
    assert (code, out) == (0, "TASK-004\n"), err
    code, out, err = run(
        runner, repo, *base, "--title", "春节前后", "--deadline", "+10wd", "--tag", "no"
    )
    assert (code, out) == (0, "TASK-005\n"), err
    ledger = load_ledger(repo)
    four, five = ledger.by_id["TASK-004"].task, ledger.by_id["TASK-005"].task
    assert (str(four.deadline), four.deadline_basis) == ("2021-04-06", "+2m")
    assert (str(five.deadline), five.deadline_basis) == ("2021-02-23", "+10wd")
    assert five.tags == ["no"]
    made = (repo / "tasks" / "TASK-005.yaml").read_text(encoding="utf-8")
    assert made == golden(made, GOLDEN / "new-TASK-005.yaml")
    # +10wd is kept as typed in the file, and read as people say it (issue 29, point 7)
    for args, said in ((["show", "TASK-005", "--lang", "zh"], "（10个工作日）"),
                       (["show", "TASK-005", "--lang", "en"], "10 working days"),
                       (["export", "csv", "--lang", "zh"], "时限原文：10个工作日")):  # fmt: skip
        code, out, err = run(runner, repo, *args, "--as-of", "2021-02-10")
        assert code == 0 and said in out, err
        assert "+10wd" not in out


def test_working_days_beyond_the_calendar_warn(repo: Path, runner: CliRunner) -> None:
    code, _, err = run(
        runner, repo, "new", "--title", "远期", "--problem", "P01", "--unit", "办公厅",
        "--lead", "秘书长", "--deadline", "+10wd", "--from", "2030-03-01",
    )  # fmt: skip
    assert code == 0, err
    assert "no official holiday calendar for 2030" in err
    (repo / "holidays.yaml").write_text(
        "years:\n  2030:\n    holidays: [2030-03-04]\n    workdays: []\n", "utf-8"
    )
    code, _, err = run(
        runner, repo, "new", "--title", "远期2", "--problem", "P01", "--unit", "办公厅",
        "--lead", "秘书长", "--deadline", "+1wd", "--from", "2030-03-01",
    )  # fmt: skip
    assert code == 0, err
    assert "no official holiday calendar" not in err
    assert str(load_ledger(repo).by_id["TASK-005"].task.deadline) == "2030-03-05"


def test_init_creates_a_ledger_that_checks_clean(tmp_path: Path, runner: CliRunner) -> None:
    code, _, err = invoke(
        runner, ["init", "new-ledger", "--title", "某省巡视整改台账", "--feedback-date", "2024-05-10"],
        cwd=tmp_path,
    )  # fmt: skip
    assert code == 0, err
    root = tmp_path / "new-ledger"
    assert sorted(p.name for p in root.iterdir()) == [
        ".gitattributes", ".gitignore", "bulletin", "evidence", "problems.yaml", "schema",
        "tasks", "zhenggai.yaml",
    ]  # fmt: skip
    assert "*.yaml text eol=lf" in (root / ".gitattributes").read_text(encoding="utf-8")
    code, out, _ = invoke(runner, ["check", "--as-of", "2024-05-10"], cwd=root)
    assert (code, out) == (0, "")
    # no placeholder to remove: the registries start empty and are filled by command
    settings = (root / "zhenggai.yaml").read_text(encoding="utf-8")
    assert "units: []" in settings and "leaders: []" in settings and "联络员" not in settings
    for step in (
        ["unit", "add", "办公室", "--name", "局办公室", "--liaison", "张三"],
        ["leader", "add", "组长", "--name", "整改工作领导小组组长"],
        ["section", "add", "S1", "--title", "（一）第一方面"],
        ["problem", "add", "P01", "--section", "S1", "--title", "理论学习不深入"],
    ):
        code, _, err = invoke(runner, step, cwd=root)
        assert code == 0, err
    code, out, err = invoke(
        runner,
        ["new", "--title", "t", "--problem", "P01", "--unit", "办公室", "--lead", "组长",
         "--deadline", "年内"],
        cwd=root,
    )  # fmt: skip
    assert (code, out) == (0, "TASK-001\n"), err


def test_outside_git_it_writes_and_says_so(tmp_path: Path, runner: CliRunner) -> None:
    root = build_case("clean", tmp_path)
    code, _, err = run(runner, root, "progress", "TASK-003", "推进", "--by", "x", "--commit")
    assert code == 0
    assert "not a git repository" in err
    assert load_ledger(root).by_id["TASK-003"].task.progress[-1].text == "推进"


def test_commit_setting_and_log_with_chinese_names(repo: Path, runner: CliRunner) -> None:
    settings = repo / "zhenggai.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "commit: true\n", "utf-8")
    git(repo.parent, "commit", "-qam", "commit by default")
    pdf = repo.parent / "会议纪要（终稿）.pdf"
    pdf.write_bytes(b"minutes")
    run(runner, repo, "progress", "TASK-003", "定稿", "--date", "2021-10-20")
    run(runner, repo, "close", "TASK-003", "--evidence", str(pdf), "--date", "2021-10-25")
    code, out, _ = run(runner, repo, "log", "TASK-003")
    assert code == 0
    lines = out.splitlines()
    assert [line.split("  ", 3)[3] for line in lines] == [
        "close TASK-003: 研究制定《提案办理协商会议规则》",
        "progress TASK-003: 定稿",
        "base",
    ]
    assert all("  整改办  " in line for line in lines)
    files = git(repo.parent, "show", "--name-only", "--format=", "HEAD").split()
    assert "ledger/evidence/TASK-003/会议纪要（终稿）.pdf" in files
    code, out, _ = run(runner, repo, "log", "TASK-003", "--format", "json")
    assert '"subject": "progress TASK-003: 定稿"' in out


def test_a_conflicted_or_invalid_task_is_refused(repo: Path, runner: CliRunner) -> None:
    task = repo / "tasks" / "TASK-003.yaml"
    task.write_text(FIXTURE.read_text(encoding="utf-8") + "<<<<<<< HEAD\n", "utf-8")
    code, _, err = run(runner, repo, "progress", "TASK-003", "x")
    assert code == 2
    assert "ledger/tasks/TASK-003.yaml:24:1: error: git conflict marker" in err
    task.write_text(FIXTURE.read_text(encoding="utf-8").replace("status:", "statu:"), "utf-8")
    code, _, err = run(runner, repo, "progress", "TASK-003", "x")
    assert code == 2
    assert "unknown key 'statu'" in err


def test_a_failed_write_leaves_the_file_and_no_temp(
    repo: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    task = repo / "tasks" / "TASK-003.yaml"
    before = _snapshot(repo)

    def fail(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("zhenggai.files.atomic.os.replace", fail)
    pdf = repo.parent / "a.pdf"
    pdf.write_bytes(b"pdf")
    code, _, err = run(runner, repo, "close", "TASK-003", "--evidence", str(pdf))
    assert code == 2
    assert "No space left on device" in err
    assert _snapshot(repo) == before
    assert not any(p.name.endswith(".tmp") for p in repo.rglob("*"))
    assert task.read_text(encoding="utf-8") == FIXTURE.read_text(encoding="utf-8")


def test_file_mode_is_kept(repo: Path, runner: CliRunner) -> None:
    task = repo / "tasks" / "TASK-003.yaml"
    task.chmod(0o640)
    code, _, _ = run(runner, repo, "progress", "TASK-003", "x")
    assert code == 0
    assert task.stat().st_mode & 0o777 == 0o640


def _zhenggai() -> list[str]:
    return [sys.executable, "-m", "zhenggai"]


def test_parallel_writers_never_collide(repo: Path) -> None:
    env = {**os.environ, **GIT_ENV, "ZHENGGAI_USER": "整改办"}
    pdf = repo.parent / "a.pdf"
    pdf.write_bytes(b"pdf")
    new = [
        *_zhenggai(), "new", "--problem", "P01", "--unit", "办公厅", "--lead", "秘书长",
        "--deadline", "年内", "--title",
    ]  # fmt: skip
    processes = [
        subprocess.Popen([*new, f"并发任务{i}"], cwd=repo.parent, env=env, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE)
        for i in range(14)
    ] + [
        subprocess.Popen([*_zhenggai(), "close", "TASK-003", "--evidence", str(pdf)],
                         cwd=repo.parent, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(6)
    ]  # fmt: skip
    results = [(p.wait(timeout=120), p.stdout.read(), p.stderr.read()) for p in processes]  # type: ignore[union-attr]
    new_ids = [out.decode().strip() for code, out, _ in results[:14] if code == 0]
    assert len(new_ids) == 14
    assert len(set(new_ids)) == 14
    closes = [code for code, _, _ in results[14:]]
    assert sorted(closes) == [0, 2, 2, 2, 2, 2]
    assert all(b"already closed" in err for code, _, err in results[14:] if code == 2)
    ledger = load_ledger(repo)
    assert ledger.findings == []
    assert len(ledger.tasks) == 3 + 14
    code = subprocess.run([*_zhenggai(), "check", "--as-of", "2021-10-25"], cwd=repo.parent,
                          env=env, capture_output=True, check=False).returncode  # fmt: skip
    assert code == 0


TRICKY = ["no", "042", "12:30", "a\tb", "yes", "~", "null", "0o17", "1e3", "- x", "a: b", "# c",
          "'q'", '"dq"', "[x]", "{y}", "&a", "*a", "!t", "%p", "@a", "`b", "多行\n第二行", "  两端  "]  # fmt: skip


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.one_of(st.sampled_from(TRICKY), st.text(min_size=1, max_size=40)))
def test_progress_round_trip_keeps_everything_else(tmp_path: Path, text: str) -> None:
    from datetime import date

    from zhenggai.findings import LedgerError
    from zhenggai.records.model import ProgressNote
    from zhenggai.writes.change import apply_change, of_plan
    from zhenggai.writes.edits import plan_progress
    from zhenggai.writes.plan import clean_text

    folder = tmp_path / str(abs(hash(text)))
    root = build_case("clean", folder) if not (folder / "ledger").exists() else folder / "ledger"
    shutil.copyfile(FIXTURE, root / "tasks" / "TASK-003.yaml")
    before = load_ledger(root).by_id["TASK-003"].task
    day = date(2021, 10, 20)
    try:
        plan = plan_progress(load_ledger(root, task_files=[]), "TASK-003", day, text, "整改办")
    except LedgerError as err:
        # Only a note that is empty once stripped may be refused.
        assert not clean_text(text), err.message
        return
    apply_change(of_plan(plan))
    after = load_ledger(root).by_id["TASK-003"].task
    note = ProgressNote(date=day, text=clean_text(text), by="整改办")
    assert after.progress == [*before.progress, note]
    assert replace(after, progress=[]) == replace(before, progress=[])


def test_a_killed_holder_never_leaves_a_stale_lock(repo: Path, runner: CliRunner) -> None:
    import signal

    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time\n"
         "from pathlib import Path\n"
         "from zhenggai.files.lock import ledger_lock\n"
         "with ledger_lock(Path(sys.argv[1])):\n"
         "    print('locked', flush=True)\n"
         "    time.sleep(60)\n",
         str(repo)],
        stdout=subprocess.PIPE,
    )  # fmt: skip
    assert holder.stdout is not None and holder.stdout.readline() == b"locked\n"
    from zhenggai.files.lock import ledger_lock
    from zhenggai.findings import LedgerError

    with pytest.raises(LedgerError, match="busy"), ledger_lock(repo, timeout=0.2):
        pass
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    code, _, err = run(runner, repo, "progress", "TASK-003", "锁已释放")
    assert code == 0, err


def test_reopen_changes_only_its_lines(repo: Path, runner: CliRunner) -> None:
    task = repo / "tasks" / "TASK-001.yaml"
    before = task.read_text(encoding="utf-8")
    code, _, err = run(
        runner, repo, "reopen", "TASK-001", "--reason", "回头看：规则未执行", "--date", "2021-09-10"
    )
    assert code == 0, err
    after = task.read_text(encoding="utf-8")
    diff = diff_of(before, after)
    assert diff == golden(diff, GOLDEN / "edit-reopen.diff")


def test_log_refusals_and_a_task_without_history(tmp_path: Path, runner: CliRunner) -> None:
    root = build_case("clean", tmp_path)
    code, _, err = run(runner, root, "log", "TASK-003")
    assert code == 2
    assert "is not in a git repository" in err
    git(tmp_path, "init", "-q")
    code, _, err = run(runner, root, "log", "TASK-003", "--format", "xml")
    assert code == 2
    assert "'xml' is not one of" in err
    code, out, err = run(runner, root, "log", "TASK-003")
    assert (code, out) == (0, "")
    assert "no commits touch TASK-003" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["init", "L", "--kind", "检查"], "--kind must be one of 巡视, 巡察, 审计, 督查"),
        (["init", "full"], "is not empty"),
        (["init", "L", "--feedback-date", "2024-13-01"], "not a real date"),
    ],
)
def test_init_refusals(args: list[str], message: str, tmp_path: Path, runner: CliRunner) -> None:
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "notes.txt").write_text("x", "utf-8")
    code, _, err = invoke(runner, args, cwd=tmp_path)
    assert code == 2
    assert message in err
    assert not (tmp_path / "L").exists()


def test_the_check_after_a_write_looks_only_at_the_task_s_own_evidence(
    repo: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    mine = repo / "evidence" / "TASK-003"
    theirs = repo / "evidence" / "TASK-001"
    for folder in (mine, theirs):
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "stray.pdf").write_bytes(b"%PDF")
    listed = listed_folders(monkeypatch)
    code, _, err = run(runner, repo, "progress", "TASK-003", "征求意见", "--date", "2021-10-20")
    assert code == 0, err
    assert "evidence file evidence/TASK-003/stray.pdf is not recorded by any task" in err
    assert "TASK-001" not in err
    # Only the task's own folder is listed: not evidence/ whole, whatever its size.
    assert [path for path in listed if "evidence" in path] == [str(mine)]


# --- dates: no record in the future, no write that leaves an error -----------


@pytest.mark.parametrize(
    "args",
    [
        ["progress", "TASK-003", "明年的进展", "--date", "2999-01-01"],
        ["extend", "TASK-003", "--to", "2999-06-30", "--reason", "待审议", "--date", "2999-01-01"],
        ["close", "TASK-003", "--no-evidence", "--reason", "无", "--date", "2999-01-01"],
        ["correct", "TASK-003", "--progress", "1", "--date", "2999-01-01", "--reason", "笔误"],
        ["new", "--title", "未来", "--problem", "P01", "--unit", "办公厅", "--lead", "秘书长",
         "--deadline", "2999-12-31", "--date", "2999-01-01"],
    ],
)  # fmt: skip
def test_a_record_dated_in_the_future_is_refused(
    args: list[str], repo: Path, runner: CliRunner
) -> None:
    before = {path: path.read_bytes() for path in repo.rglob("*") if path.is_file()}
    code, out, err = run(runner, repo, *args)
    assert (code, out) == (2, ""), err
    assert "2999-01-01 is after today (" in err and "cannot be dated in the future" in err
    assert {path: path.read_bytes() for path in repo.rglob("*") if path.is_file()} == before


def test_a_write_that_would_leave_an_error_is_refused(repo: Path, runner: CliRunner) -> None:
    before = {path: path.read_bytes() for path in repo.rglob("*") if path.is_file()}
    code, out, err = run(
        runner, repo, "new", "--title", "年份写错", "--problem", "P01", "--unit", "办公厅",
        "--lead", "秘书长", "--deadline", "2012-06-30", "--date", "2021-03-01",
    )  # fmt: skip
    assert (code, out) == (2, ""), err
    assert "refusing to write tasks/TASK-004.yaml" in err
    assert "2012-06-30 is before the inspection began (2020-10-12) [dates-in-order]" in err
    # A correction that would put the notes out of order is refused the same way.
    code, _, err = run(
        runner, repo, "correct", "TASK-002", "--progress", "1", "--date", "2021-09-30",
        "--reason", "笔误",
    )  # fmt: skip
    assert code == 2
    assert "progress note of 2021-09-23 comes after one of 2021-09-30 [dates-in-order]" in err
    assert {path: path.read_bytes() for path in repo.rglob("*") if path.is_file()} == before


def test_a_task_already_broken_takes_no_write_until_it_is_fixed(
    repo: Path, runner: CliRunner
) -> None:
    task = repo / "tasks" / "TASK-003.yaml"
    task.write_text(
        task.read_text(encoding="utf-8").replace("units: [办公厅,", "units: [办工厅,"), "utf-8"
    )
    broken = task.read_bytes()
    code, _, err = run(runner, repo, "progress", "TASK-003", "进展", "--date", "2021-10-20")
    assert code == 2
    assert "unknown unit" in err and "[known-references]" in err
    assert task.read_bytes() == broken


def test_warnings_after_a_write_are_judged_on_today_not_on_the_record_day(
    repo: Path, runner: CliRunner
) -> None:
    # Back-filled as of 20 October 2021, but the deadline (2021-12-31) is long past now.
    code, _, err = run(runner, repo, "progress", "TASK-003", "征求意见", "--date", "2021-10-20")
    assert code == 0, err
    assert "warning: overdue by" in err and "[overdue]" in err
    assert "征求意见" in (repo / "tasks" / "TASK-003.yaml").read_text(encoding="utf-8")


def test_correct_records_what_changed_and_why(repo: Path, runner: CliRunner) -> None:
    task = repo / "tasks" / "TASK-001.yaml"
    before = task.read_text(encoding="utf-8")
    code, _, err = run(
        runner, repo, "correct", "TASK-001", "--regulation", "1", "--date", "2021-06-29",
        "--reason", "按印发文件日期更正", "--by", "整改办",
    )  # fmt: skip
    assert code == 0, err
    assert "correct TASK-001 regulations[1].date: 按印发文件日期更正" in err
    assert diff_of(before, task.read_text(encoding="utf-8")) == (
        "--- \n+++ \n@@ -25,2 +25,9 @@\n"
        " regulations:\n"
        "-  - {name: 机关党组会议工作规则, action: 立, date: 2021-06-28}\n"
        "+  - {name: 机关党组会议工作规则, action: 立, date: 2021-06-29}\n"
        "+corrections:\n"
        f"+  - date: {load_ledger(repo).by_id['TASK-001'].task.corrections[0].date}\n"
        "+    record: regulations[1].date\n"
        "+    from: 2021-06-28\n"
        "+    to: 2021-06-29\n"
        "+    reason: 按印发文件日期更正\n"
        "+    by: 整改办\n"
    )
    _, out, _ = run(runner, repo, "show", "TASK-001", "--as-of", "2021-10-23")
    assert "regulations[1].date: 2021-06-28 → 2021-06-29  按印发文件日期更正" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--progress", "5"],
            "TASK-002 has 2 progress entries: give --progress N with N from 1 to 2",
        ),
        (["--extension", "1"], "TASK-002 has no extensions entries to correct"),
        (["--closing"], "TASK-002 has no closing.date to correct"),
        (["--progress", "1", "--closing"], "say which date to correct: one of --progress N"),
        ([], "say which date to correct"),
        (["--progress", "1", "--reason", " "], "a correction needs a reason"),
        (["--progress", "2", "--date", "2021-09-23"], "is 2021-09-23 already: nothing to correct"),
    ],
)
def test_correct_usage_errors(args: list[str], message: str, repo: Path, runner: CliRunner) -> None:
    full = ["correct", "TASK-002", *args]
    if "--date" not in args:
        full += ["--date", "2021-09-20"]
    if "--reason" not in args:
        full += ["--reason", "笔误"]
    code, _, err = run(runner, repo, *full)
    assert code == 2
    assert message in " ".join(err.split()), err


def test_the_example_ledger_moves_a_computed_deadline_off_a_rest_day(
    tmp_path: Path, runner: CliRunner
) -> None:
    # As the README says: 2个月内 from the feedback of 2021-02-04 is 2021-04-04, a Sunday in
    # the 清明 holiday; the example ledger's shift_deadline_to_workday makes it 2021-04-06.
    ledger = copy_example(tmp_path / "ledger")
    args = ["new", "--problem", "P01", "--unit", "秘书局", "--lead", "党组书记", "--title",
            "两个月内完成", "--deadline", "2个月内", "--date", "2021-02-10", "--ledger",
            str(ledger)]  # fmt: skip
    code, out, err = invoke(runner, args)
    assert code == 0, err
    task = load_ledger(ledger).by_id[out.strip()].task
    assert (str(task.deadline), task.deadline_basis) == ("2021-04-06", "2个月内")
