"""`zhenggai list`, `show` and `status` through the command line."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from tests.helpers import GOLDEN, REPO, build_case, golden, invoke

READING_GOLDEN = {
    "list-overdue-2021-12-01.table": ["list", "--overdue", "--as-of", "2021-12-01"],
    "list-overdue-2021-12-01.json": [
        "list",
        "--overdue",
        "--as-of",
        "2021-12-01",
        "--format",
        "json",
    ],
    "list-overdue-2021-12-01.csv": [
        "list",
        "--overdue",
        "--as-of",
        "2021-12-01",
        "--format",
        "csv",
    ],
    "list-overdue-2021-12-01.md": ["list", "--overdue", "--as-of", "2021-12-01", "--format", "md"],
    "list-2021-10-23-en.table": ["list", "--as-of", "2021-10-23", "--lang", "en", "--sort", "id"],
    "status-2021-10-23.table": ["status", "--as-of", "2021-10-23"],
    "status-2021-10-23-en.table": ["status", "--as-of", "2021-10-23", "--lang", "en"],
    "status-2021-10-23.json": ["status", "--as-of", "2021-10-23", "--format", "json"],
    "status-2021-10-23.csv": ["status", "--as-of", "2021-10-23", "--format", "csv"],
    "status-2021-10-23.md": ["status", "--as-of", "2021-10-23", "--format", "md"],
    "show-TASK-050.txt": ["show", "TASK-050", "--as-of", "2021-10-23"],
    "show-TASK-044-en.txt": ["show", "TASK-044", "--as-of", "2021-10-23", "--lang", "en"],
    "show-TASK-058.json": ["show", "TASK-058", "--as-of", "2021-10-23", "--format", "json"],
}


@pytest.fixture(autouse=True)
def _fixed_width(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.delenv("NO_COLOR", raising=False)


@pytest.mark.parametrize("name", sorted(READING_GOLDEN))
def test_golden_output(name: str, runner: CliRunner) -> None:
    code, out, err = invoke(runner, READING_GOLDEN[name], cwd=REPO)
    assert code == 0, err
    assert out == golden(out, GOLDEN / name)
    assert "\x1b[" not in out  # no colour when not on a terminal


def test_two_runs_are_byte_identical(runner: CliRunner) -> None:
    for args in (
        ["status", "--as-of", "2021-10-23", "--format", "json"],
        ["list", "--as-of", "2021-10-23"],
    ):
        assert invoke(runner, args, cwd=REPO)[1] == invoke(runner, args, cwd=REPO)[1]


def test_list_overdue_names_exactly_the_late_tasks(runner: CliRunner) -> None:
    code, out, _ = invoke(
        runner, ["list", "--overdue", "--as-of", "2021-12-01", "--format", "json"], cwd=REPO
    )
    assert code == 0
    late = {task["id"]: task["days_late"] for task in json.loads(out)["tasks"]}
    # 外宣资料 due 10-31; 预算管理办法 extended to 11-15; two due 11-30 (one after two extensions).
    assert late == {"TASK-022": 31, "TASK-101": 16, "TASK-050": 1, "TASK-077": 1}


def test_nothing_is_overdue_on_the_report_date(runner: CliRunner) -> None:
    code, out, _ = invoke(runner, ["list", "--overdue", "--as-of", "2021-10-23"], cwd=REPO)
    assert (code, out) == (0, "没有符合条件的任务\n")


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--status", "done"], 42),
        (["--status", "ongoing", "--status", "cancelled"], 37),
        (["--unit", "秘书局"], 18),
        (["--lead-unit", "秘书局"], 16),
        (["--problem", "P12"], 6),
        (["--lead", "纪检组长"], 13),
        (["--tag", "制度建设"], 27),
        (["--due-within", "70"], 28),  # every open task falls due 年内
        (["--light", "yellow", "--light", "notice"], 1),
        (["--stale"], 0),
        (["--status", "in-progress", "--unit", "人事局", "--due-within", "100"], 8),
    ],
)
def test_list_filters(args: list[str], expected: int, runner: CliRunner) -> None:
    code, out, _ = invoke(
        runner, ["list", "--as-of", "2021-10-23", "--format", "json", *args], cwd=REPO
    )
    assert code == 0
    assert json.loads(out)["count"] == expected


def test_sort_by_days_late_puts_the_latest_first(runner: CliRunner) -> None:
    _, out, _ = invoke(
        runner,
        ["list", "--as-of", "2021-12-01", "--overdue", "--sort", "days-late", "--format", "json"],
        cwd=REPO,
    )
    assert [t["id"] for t in json.loads(out)["tasks"]] == [
        "TASK-022",
        "TASK-101",
        "TASK-050",
        "TASK-077",
    ]


def test_json_is_the_same_in_both_languages(runner: CliRunner) -> None:
    for command in (["list"], ["status"], ["show", "TASK-050"]):
        args = [*command, "--as-of", "2021-10-23", "--format", "json"]
        zh = invoke(runner, [*args, "--lang", "zh"], cwd=REPO)[1]
        en = invoke(runner, [*args, "--lang", "en"], cwd=REPO)[1]
        assert zh == en


@pytest.mark.parametrize("width", [80, 120])
def test_chinese_columns_align(
    width: int, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    _, out, _ = invoke(runner, ["list", "--as-of", "2021-10-23"], cwd=REPO)
    lines = out.splitlines()
    assert all(cell_len(line) <= width for line in lines)
    rows = [line for line in lines if line.startswith("TASK-")]
    assert len(rows) == 107
    # The deadline column starts at the same cell on every row, whatever the titles hold.
    starts = {cell_len(row[: row.index(" 2021-")]) for row in rows if " 2021-" in row}
    assert len(starts) == 1
    status_out = invoke(runner, ["status", "--as-of", "2021-10-23"], cwd=REPO)[1]
    assert all(cell_len(line) <= width for line in status_out.splitlines())


def _retitle(root: Path, title: str) -> None:
    task = root / "tasks" / "TASK-003.yaml"
    text = task.read_text(encoding="utf-8")
    task.write_text(
        text.replace("title: 研究制定《提案办理协商会议规则》", f"title: '{title}'"), "utf-8"
    )


def test_user_text_is_never_markup(tmp_path: Path, runner: CliRunner) -> None:
    root = build_case("clean", tmp_path)
    _retitle(root, "[bold]粗体[/] [link=http://x]链接[/link] [/]")
    _, out, _ = invoke(runner, ["list", "--as-of", "2021-10-23"], cwd=tmp_path)
    assert "[bold]粗体[/] [link=http://x]链接[/link] [/]" in out
    _, out, _ = invoke(runner, ["show", "TASK-003", "--as-of", "2021-10-23"], cwd=tmp_path)
    assert "[bold]粗体[/]" in out


def test_csv_has_a_bom_and_no_formulas(tmp_path: Path, runner: CliRunner) -> None:
    root = build_case("clean", tmp_path)
    _retitle(root, '=HYPERLINK("http://x","点我")')
    _, out, _ = invoke(runner, ["list", "--as-of", "2021-10-23", "--format", "csv"], cwd=tmp_path)
    assert out.startswith("\ufeff编号,整改举措,")
    assert "'=HYPERLINK" in out
    _, md, _ = invoke(runner, ["list", "--as-of", "2021-10-23", "--format", "md"], cwd=tmp_path)
    assert '=HYPERLINK("http://x","点我")' in md


def test_markdown_cells_escape_pipes_and_html(tmp_path: Path, runner: CliRunner) -> None:
    root = build_case("clean", tmp_path)
    _retitle(root, "a | b <script>")
    _, md, _ = invoke(runner, ["list", "--as-of", "2021-10-23", "--format", "md"], cwd=tmp_path)
    assert "a \\| b &lt;script&gt;" in md


def test_colour_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    from zhenggai.cli.common import render_context
    from zhenggai.ledger.load import load_ledger
    from zhenggai.ledger.queries import select_tasks
    from zhenggai.render.listing import format_table

    ledger = load_ledger(REPO / "ledger")
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    ctx = render_context(ledger, None)
    assert ctx.terminal.color
    from datetime import date

    coloured = format_table(select_tasks(ledger, date(2021, 12, 1)), ctx)
    assert "\x1b[" in coloured
    monkeypatch.setenv("NO_COLOR", "1")
    assert not render_context(ledger, None).terminal.color


def test_broken_files_are_reported_and_the_rest_listed(tmp_path: Path, runner: CliRunner) -> None:
    root = build_case("clean", tmp_path)
    (root / "tasks" / "TASK-004.yaml").write_text("id: TASK-004\ntitle: x\ntitle: y\n", "utf-8")
    code, out, err = invoke(
        runner, ["list", "--as-of", "2021-10-23", "--format", "json", "--lang", "en"], cwd=tmp_path
    )
    assert code == 1
    assert json.loads(out)["count"] == 3
    assert "ledger/tasks/TASK-004.yaml:3:1: error: duplicate key 'title'" in err
    # In the ledger's language (zh), the same findings and the same count, in Chinese.
    _, _, err = invoke(runner, ["list", "--as-of", "2021-10-23"], cwd=tmp_path)
    assert "TASK-004.yaml:3:1: error: 键“title”重复（第一次出现在第 2 行）" in err
    assert "台账文件中有 1 处问题" in err and "zhenggai list：3 项任务中列出 3 项" in err
    code, _, err = invoke(runner, ["status", "--as-of", "2021-10-23"], cwd=tmp_path)
    assert code == 1
    assert "TASK-004.yaml:3:1" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["list", "--unit", "办工厅"], "--unit: unknown '办工厅'"),
        (["list", "--lead", "nobody"], "--lead: unknown 'nobody'"),
        (["list", "--problem", "P99"], "--problem: unknown 'P99'"),
        (["list", "--status", "finished"], "finished is not one of in-progress, done"),
        (["list", "--sort", "title"], "'title' is not one of"),
        (["list", "--due-within", "-1"], "Invalid value for '--due-within'"),
        (["show", "TASK-999"], "no task TASK-999"),
        (["status", "--lang", "fr"], "'fr' is not one of"),
    ],
)
def test_reading_usage_errors_exit_2(
    args: list[str], message: str, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ZHENGGAI_LANG", "en")  # the English words; Chinese: test_messages
    code, out, err = invoke(runner, args, cwd=REPO)
    assert code == 2
    assert message in err
    assert out == ""


def test_a_gbk_console_does_not_crash(tmp_path: Path) -> None:
    root = build_case("clean", tmp_path)
    _retitle(root, "提案规则 ✅ 🚩")
    env = {**os.environ, "PYTHONIOENCODING": "gbk", "COLUMNS": "100"}
    for command in (["list"], ["show", "TASK-003"], ["status"]):
        result = subprocess.run(
            [sys.executable, "-m", "zhenggai", *command, "--as-of", "2021-10-23"],
            cwd=tmp_path,
            capture_output=True,
            env=env,
            check=False,
        )
        assert result.returncode == 0, result.stderr.decode("gbk", "replace")
        out = result.stdout.decode("gbk")
        assert "提案规则" in out or command == ["status"]


@pytest.mark.parametrize("command", [["list"], ["status"], ["show", "TASK-001"], ["check"]])
def test_reading_commands_keep_the_parse_cache(
    command: list[str], tmp_path: Path, runner: CliRunner
) -> None:
    root = build_case("clean", tmp_path)
    code, _, _ = invoke(runner, [*command, "--as-of", "2021-10-23"], cwd=tmp_path)
    assert code == 0
    assert (root / ".zhenggai-cache" / "ledger-v1.marshal").is_file()
    shutil.rmtree(root / ".zhenggai-cache")
    invoke(runner, [*command, "--as-of", "2021-10-23", "--no-cache"], cwd=tmp_path)
    assert not (root / ".zhenggai-cache").exists()
