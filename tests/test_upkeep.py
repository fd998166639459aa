"""`zhenggai cancel` and `zhenggai edit`: planned, validated, atomic, and only the lines
asked for change."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.helpers import build_case, invoke
from zhenggai.cli.app import app


def _changed_lines(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), n=0, lineterm="")
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


@pytest.mark.ledger_language
def test_cancel_records_why_and_changes_only_the_status(tmp_path: Path, runner: CliRunner) -> None:
    root = build_case("clean", tmp_path)
    task = root / "tasks" / "TASK-003.yaml"
    before = task.read_text(encoding="utf-8")
    args = ["cancel", "3", "--reason", "与TASK-002合并", "--by", "整改办", "--date", "2021-10-20"]
    code, _, err = invoke(runner, args, cwd=tmp_path)
    assert code == 0, err
    assert _changed_lines(before, task.read_text(encoding="utf-8")) == [
        "-status: in-progress",
        "+status: cancelled",
        "+cancelled:",
        "+  date: 2021-10-20",
        "+  reason: 与TASK-002合并",
        "+  by: 整改办",
    ]
    code, out, _ = invoke(runner, ["list", "--as-of", "2021-10-25"], cwd=tmp_path)
    assert next(line for line in out.splitlines() if "TASK-003" in line).endswith("撤销")
    assert invoke(runner, ["check", "--as-of", "2021-10-25"], cwd=tmp_path)[:2] == (0, "")
    # A day before the cancellation the task was still in progress.
    code, out, _ = invoke(runner, ["show", "3", "--as-of", "2021-10-19"], cwd=tmp_path)
    assert "推进中" in out


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["cancel", "1", "--reason", "x"], "TASK-001 is signed off: reopen it first"),
        (["cancel", "3", "--reason", " "], "a cancellation needs a reason"),
        (["edit", "1", "--title", "新"], "TASK-001 was signed off on 2021-06-28: editing it"),
        (["edit", "3"], "nothing to change: give --title"),
        (["edit", "3", "--unit", "宣传部"], "cannot edit TASK-003: --unit: unknown '宣传部'"),
        (["edit", "3", "--lead", "主席"], "unknown '主席'"),
        (["edit", "3", "--title", "两\n行"], "--title holds"),
    ],
)
def test_refusals_name_the_reason_and_change_nothing(
    args: list[str], said: str, tmp_path: Path, runner: CliRunner
) -> None:
    root = build_case("clean", tmp_path)
    before = {p: p.read_bytes() for p in (root / "tasks").iterdir()}
    code, _, err = invoke(runner, [*args, "--by", "李"] if args[0] == "cancel" else args, tmp_path)
    assert code == 2
    assert said in err
    assert {p: p.read_bytes() for p in (root / "tasks").iterdir()} == before


def test_edit_changes_only_the_keys_named(tmp_path: Path, runner: CliRunner) -> None:
    root = build_case("clean", tmp_path)
    task = root / "tasks" / "TASK-003.yaml"
    before = task.read_text(encoding="utf-8")
    args = ["edit", "TASK-3", "--title", "制定《提案办理协商会议规则》", "--unit", "办公厅"]
    args += ["--unit", "机关党委", "--owner", "王五", "--private"]
    code, _, err = invoke(runner, args, cwd=tmp_path)
    assert code == 0, err
    assert sorted(_changed_lines(before, task.read_text(encoding="utf-8"))) == [
        "+owner: 王五",
        "+public: false",
        "+title: 制定《提案办理协商会议规则》",
        "+units: [办公厅, 机关党委]",
        "-title: 研究制定《提案办理协商会议规则》",
        "-units: [办公厅]",
    ]
    assert invoke(runner, ["check", "--as-of", "2021-10-25"], cwd=tmp_path)[:2] == (0, "")


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["unit", "add", "办公厅", "--name", "x"], "unit 办公厅 is already in zhenggai.yaml"),
        (["unit", "add", "新\x1b单位", "--name", "x"], "--id holds \\x1b"),
        (["unit", "rename", "宣传部", "新闻局"], "OLD-ID: unknown '宣传部'"),
        (["unit", "rename", "办公厅", "机关党委"], "unit 机关党委 is already in zhenggai.yaml"),
        (["leader", "add", "秘书长", "--name", "x"], "leader 秘书长 is already in"),
        (["problem", "add", "P01", "--title", "x", "--section", "S1"], "problem P01 is already"),
        (["problem", "add", "P09", "--title", "x", "--section", "S9"], "no section S9 in"),
    ],
)
def test_registry_refusals_change_nothing(
    args: list[str], said: str, tmp_path: Path, runner: CliRunner
) -> None:
    root = build_case("clean", tmp_path)
    before = {p: p.read_bytes() for p in root.rglob("*.yaml")}
    code, _, err = invoke(runner, args, cwd=tmp_path)
    assert code == 2
    assert said in err
    assert {p: p.read_bytes() for p in root.rglob("*.yaml")} == before


def test_a_rename_reaches_every_task_of_the_unit(tmp_path: Path, runner: CliRunner) -> None:
    root = build_case("clean", tmp_path)
    code, _, err = invoke(
        runner, ["unit", "rename", "办公厅", "秘书局", "--name", "秘书局"], tmp_path
    )
    assert code == 0, err
    assert "unit rename 办公厅 -> 秘书局 (2 tasks)" in err
    for task in ("TASK-001", "TASK-003"):
        text = (root / "tasks" / f"{task}.yaml").read_text(encoding="utf-8")
        assert "秘书局" in text and "办公厅" not in text
    assert invoke(runner, ["check", "--as-of", "2021-10-25"], cwd=tmp_path)[:2] == (0, "")
    _, out, _ = invoke(runner, ["unit", "list"], cwd=tmp_path)
    assert any(line.split()[:2] == ["秘书局", "秘书局"] for line in out.splitlines())


def test_milestones_and_counters_by_command(tmp_path: Path, runner: CliRunner) -> None:
    root = build_case("clean", tmp_path)
    task = root / "tasks" / "TASK-003.yaml"
    before = task.read_text(encoding="utf-8")
    steps = [
        ["milestone", "add", "3", "--due", "2021-11-30", "--what", "提交专题协商会审议"],
        ["milestone", "done", "3", "2", "--date", "2021-10-20"],
        ["counter", "3", "--what", "配套文件", "--done", "1", "--total", "3"],
        ["counter", "3", "--done", "2"],
    ]
    for args in steps:
        code, _, err = invoke(runner, args, cwd=tmp_path)
        assert code == 0, (args, err)
    assert sorted(_changed_lines(before, task.read_text(encoding="utf-8"))) == sorted(
        [
            "+  - {due: 2021-11-30, what: 提交专题协商会审议, done: 2021-10-20}",
            "+counters:",
            "+  - what: 配套文件",
            "+    done: 2",
            "+    total: 3",
        ]
    )
    assert invoke(runner, ["check", "--as-of", "2021-10-25"], cwd=tmp_path)[:2] == (0, "")


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (
            ["milestone", "add", "3", "--due", "2022-01-31", "--what", "x"],
            "after the deadline of TASK-003 (2021-12-31)",
        ),
        (["milestone", "done", "3", "1"], "milestone 1 of TASK-003 was reached on 2021-09-28"),
        (["milestone", "done", "3", "5"], "TASK-003 has 1 milestone: give 1"),
        (
            ["milestone", "add", "1", "--due", "2021-06-01", "--what", "x"],
            "TASK-001 is signed off: reopen it first",
        ),
        (
            ["counter", "3", "--done", "1"],
            "TASK-003 has no counter: make one with --what and --total",
        ),
        (["counter", "3", "--what", "x", "--done", "5", "--total", "3"], "5 done is more than"),
    ],
)
def test_milestone_and_counter_refusals(
    args: list[str], said: str, tmp_path: Path, runner: CliRunner
) -> None:
    root = build_case("clean", tmp_path)
    before = {p: p.read_bytes() for p in root.rglob("*.yaml")}
    code, _, err = invoke(runner, args, cwd=tmp_path)
    assert code == 2 and said in err, err
    assert {p: p.read_bytes() for p in root.rglob("*.yaml")} == before


def test_new_asks_on_a_terminal_for_what_it_was_not_given(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    from zhenggai.cli import creating

    root = build_case("clean", tmp_path)
    monkeypatch.setattr(creating, "interactive", lambda: True)
    monkeypatch.chdir(tmp_path)
    answers = "完善提案办理制度\nP02\n办公厅，机关党委\n秘书长\n年内\n"
    result = runner.invoke(app, ["new", "--date", "2021-10-20"], input=answers)
    assert result.exit_code == 0, result.output
    assert "办公厅  全国政协办公厅" in result.output  # the known ids are shown
    text = (root / "tasks" / "TASK-004.yaml").read_text(encoding="utf-8")
    assert "title: 完善提案办理制度" in text and "units: [办公厅, 机关党委]" in text
    assert "deadline: 2021-12-31" in text and "deadline_basis: 年内" in text


@pytest.mark.ledger_language
def test_init_asks_in_chinese_for_what_it_was_not_given(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    from zhenggai.cli import creating

    monkeypatch.setattr(creating, "interactive", lambda: True)
    monkeypatch.delenv("ZHENGGAI_LANG", raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")  # an office's machine in English
    monkeypatch.chdir(tmp_path)
    # kind, inspector, feedback date, subject, issuer (the default: the subject),
    # office (the default offered), phone (none)
    answers = "巡察\n县委第二巡察组\n2026/09/10\n中共某县财政局党组\n\n\n\n"
    result = runner.invoke(app, ["init", "县财政局台账"], input=answers)
    assert result.exit_code == 0, result.output
    for question in ("这次是巡视、巡察、审计还是督查？", "巡视（巡察、审计、督查）组的名称",
                     "反馈意见的日期", "被巡视（巡察、审计、督查）的对象", "发文机关",
                     "编发单位", "联系电话"):  # fmt: skip
        assert question in result.output
    assert "已在 县财政局台账 建立台账" in result.output
    settings = (tmp_path / "县财政局台账" / "zhenggai.yaml").read_text(encoding="utf-8")
    assert "feedback_date: 2026-09-10" in settings and "language: zh" in settings
    assert 'issuer: "中共某县财政局党组"' in settings
    assert 'issuer: "中共某县财政局党组巡察整改工作领导小组办公室"' in settings
    assert "# 反馈意见的日期" in settings and "feedback_date" in settings  # comments in Chinese
    code, out, err = invoke(runner, ["report", "bulletin", "--as-of", "2026-12-07"],
                            tmp_path / "县财政局台账")  # fmt: skip
    assert code == 0, err
    assert "根据县委统一部署，县委第二巡察组对中共某县财政局党组开展了巡察" in out


def test_init_writes_its_comments_in_the_ledger_s_language(
    tmp_path: Path, runner: CliRunner
) -> None:
    for lang, comment in (("zh", "# 台账设置与名录"), ("en", "# The ledger's settings")):
        code, _, err = invoke(runner, ["init", lang, "--lang", lang, "--inspector", "x"],
                              tmp_path)  # fmt: skip
        assert code == 0, err
        settings = (tmp_path / lang / "zhenggai.yaml").read_text(encoding="utf-8")
        assert comment in settings and f"language: {lang}" in settings
        problems = (tmp_path / lang / "problems.yaml").read_text(encoding="utf-8")
        assert "sections: []" in problems


def test_new_never_asks_in_a_pipe(tmp_path: Path, runner: CliRunner) -> None:
    root = build_case("clean", tmp_path)
    code, _, err = invoke(runner, ["new", "--title", "x", "--problem", "P01"], cwd=tmp_path)
    assert code == 2
    assert "zhenggai new needs --unit, --lead, --deadline (on a terminal it asks for them)" in err
    assert sorted(p.name for p in (root / "tasks").iterdir()) == [
        "TASK-001.yaml",
        "TASK-002.yaml",
        "TASK-003.yaml",
    ]


def test_a_rename_is_no_edit_of_a_signed_off_task(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.helpers import GIT_ENV, git_ledger

    for key, value in GIT_ENV.items():
        monkeypatch.setenv(key, value)
    root = git_ledger("clean", tmp_path)
    code, _, err = invoke(runner, ["unit", "rename", "办公厅", "秘书局", "--commit"], tmp_path)
    assert code == 0, err
    assert "formerly: [办公厅]" in (root / "zhenggai.yaml").read_text(encoding="utf-8")
    since = ["check", "--as-of", "2021-10-25", "--since", "main~1", "--select", "change"]
    assert invoke(runner, since, cwd=tmp_path)[:2] == (0, "")
    # The same change by hand, without the record of the rename: an edit after sign-off.
    settings = root / "zhenggai.yaml"
    settings.write_text(
        settings.read_text(encoding="utf-8").replace(", formerly: [办公厅]", ""), "utf-8"
    )
    code, out, _ = invoke(runner, since, cwd=tmp_path)
    assert code == 1 and "[closed-task-edited]" in out


def test_one_content_under_two_names_is_stored_once_with_both_names(
    tmp_path: Path, runner: CliRunner
) -> None:
    root = build_case("overdue-fail", tmp_path)
    first, second = tmp_path / "会议纪要.pdf", tmp_path / "纪要（扫描件）.pdf"
    first.write_bytes(b"%PDF-1.4 minutes")
    second.write_bytes(b"%PDF-1.4 minutes")
    args = ["close", "1", "--evidence", str(first), "--evidence", str(second), "--by", "李"]
    code, _, err = invoke(runner, [*args, "--date", "2021-11-25", "--summary", "完成"], tmp_path)
    assert code == 0, err
    assert [p.name for p in (root / "evidence" / "TASK-001").iterdir()] == ["会议纪要.pdf"]
    text = (root / "tasks" / "TASK-001.yaml").read_text(encoding="utf-8")
    assert text.count("sha256:") == 1
    assert "also:" in text and "纪要（扫描件）.pdf" in text
    assert invoke(runner, ["check", "--as-of", "2021-11-25"], cwd=tmp_path)[0] == 0
