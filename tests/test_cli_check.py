"""`zhenggai check` through the command line: output, formats, exit codes, errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.helpers import EXAMPLE_LEDGER, GOLDEN, REPO, build_case, golden, invoke

FORMATS = {
    "text": "txt",
    "json": "json",
    "github": "github",
    "gitlab": "gitlab.json",
    "junit": "junit.xml",
}


def test_example_ledger_is_clean_on_its_report_date(runner: CliRunner) -> None:
    code, out, err = invoke(runner, ["check", "--as-of", "2021-10-23"], cwd=REPO)
    assert (code, out) == (0, "")
    assert "0 errors, 0 warnings; 109 files, 24 checks, as of 2021-10-23" in err


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_example_ledger_golden_output(fmt: str, runner: CliRunner) -> None:
    code, out, _ = invoke(runner, ["check", "--as-of", "2021-12-01", "--format", fmt], cwd=REPO)
    assert out == golden(out, GOLDEN / f"check-2021-12-01.{FORMATS[fmt]}")
    assert code == 0  # overdue and stale are warnings unless asked


def test_check_list_golden(runner: CliRunner) -> None:
    code, out, _ = invoke(runner, ["check", "--list"])
    assert code == 0
    assert out == golden(out, GOLDEN / "check-list.txt")


def test_without_as_of_reports_what_has_gone_overdue_since(runner: CliRunner) -> None:
    # The example ledger stopped in October 2021: on any later day, open tasks are late.
    code, out, _ = invoke(runner, ["check"], cwd=REPO)
    assert code == 0
    assert "warning: overdue by" in out
    assert ": error: " not in out


def test_fail_on_makes_late_work_fail_the_pipeline(runner: CliRunner) -> None:
    code, out, _ = invoke(
        runner, ["check", "--as-of", "2021-12-01", "--fail-on", "overdue"], cwd=REPO
    )
    assert code == 1
    assert "error: overdue by" in out
    assert "warning: no progress note" in out  # stale stays a warning


def test_select_and_ignore(runner: CliRunner) -> None:
    args = ["check", "--as-of", "2021-12-01", "--format", "json"]
    _, out, _ = invoke(runner, [*args, "--select", "overdue"], cwd=REPO)
    checks = {f["check"] for f in json.loads(out)["findings"]}
    assert checks == {"overdue"}
    _, out, _ = invoke(runner, [*args, "--ignore", "timeliness"], cwd=REPO)
    assert json.loads(out)["findings"] == []
    assert "stale" not in json.loads(out)["summary"]["checks"]


def test_ledger_settings_raise_a_check_level(tmp_path: Path, runner: CliRunner) -> None:
    root = build_case("stale-fail", tmp_path)
    settings = root / "zhenggai.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "checks:\n  stale: error\n", "utf-8")
    code, out, _ = invoke(runner, ["check", "--as-of", "2021-10-23"], cwd=tmp_path)
    assert code == 1
    assert "error: no progress note for 64 days" in out


def test_github_format_is_chosen_on_github_actions(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    _, out, _ = invoke(runner, ["check", "--as-of", "2021-12-01"], cwd=REPO)
    assert out == golden(out, GOLDEN / "check-2021-12-01.github")


def test_github_format_cannot_be_injected(tmp_path: Path, runner: CliRunner) -> None:
    root = build_case("overdue-fail", tmp_path)
    task = root / "tasks" / "TASK-001.yaml"
    text = task.read_text(encoding="utf-8").replace(
        "what: 形成初稿", 'what: "初稿\\n::error file=x::injected, 100%"'
    )
    task.write_text(text, encoding="utf-8")
    _, out, _ = invoke(
        runner, ["check", "--as-of", "2021-12-01", "--format", "github"], cwd=tmp_path
    )
    lines = out.splitlines()
    assert len(lines) == 2
    assert all(line.startswith("::warning file=ledger/tasks/TASK-001.yaml,") for line in lines)
    assert "初稿%0A::error file=x::injected, 100%25" in out
    _, text_out, _ = invoke(runner, ["check", "--as-of", "2021-12-01"], cwd=tmp_path)
    assert not any(line.startswith("::error") for line in text_out.splitlines())


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["check", "--as-of", "2021-02-30"], "not a real date"),
        (["check", "--as-of", "yesterday"], "2026/12/31"),
        (["check", "--format", "xml"], "'xml' is not one of"),
        (["check", "--select", "overdu"], "unknown check 'overdu'"),
        (["check", "--fail-on", "late"], "unknown check 'late'"),
        (["check", "--ledger", "nowhere"], "no ledger at nowhere"),
        (["nosuchcommand"], "No such command"),
    ],
)
def test_usage_errors_exit_2(args: list[str], message: str, runner: CliRunner) -> None:
    code, out, err = invoke(runner, args, cwd=REPO)
    assert code == 2
    assert message in err
    assert out == ""
    assert "Traceback" not in err


def test_no_ledger_found_exits_2(tmp_path: Path, runner: CliRunner) -> None:
    code, _, err = invoke(runner, ["check"], cwd=tmp_path)
    assert code == 2
    assert "no ledger found" in err
    assert "zhenggai init" in err


def test_broken_settings_exit_2_with_positions(tmp_path: Path, runner: CliRunner) -> None:
    root = build_case("clean", tmp_path)
    (root / "zhenggai.yaml").write_text(
        "title: 台账\nsource:\n  kind: 巡查组\n  inspector: x\n  feedback_date: 2021-02-04\n"
        "timezone: Mars/Olympus\n",
        encoding="utf-8",
    )
    code, out, err = invoke(runner, ["check"], cwd=tmp_path)
    assert code == 2
    assert out == ""
    assert "ledger/zhenggai.yaml:3:3: error: source.kind: Input should be '巡视'" in err
    assert "ledger/zhenggai.yaml:6:1: error: timezone: Value error" not in err
    assert "ledger/zhenggai.yaml:6:1: error: timezone: unknown timezone 'Mars/Olympus'" in err
    assert "cannot read the ledger's settings" in err


def test_unknown_check_in_settings_exits_2(tmp_path: Path, runner: CliRunner) -> None:
    root = build_case("clean", tmp_path)
    settings = root / "zhenggai.yaml"
    settings.write_text(
        settings.read_text(encoding="utf-8") + "checks:\n  overdu: error\n", "utf-8"
    )
    code, _, err = invoke(runner, ["check"], cwd=tmp_path)
    assert code == 2
    assert "ledger/zhenggai.yaml:14:3: error: unknown check 'overdu' under checks:" in err


def test_internal_error_exits_2_without_traceback(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("zhenggai.checks.runner.run_checks", explode)
    code, _, err = invoke(runner, ["check", "--as-of", "2021-10-23"], cwd=REPO)
    assert code == 2
    assert "internal error: RuntimeError: boom" in err
    assert "Traceback" not in err


def test_ledger_is_found_by_option_env_and_upward_search(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = build_case("stale-fail", tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    args = ["check", "--as-of", "2021-10-23"]
    _, out, _ = invoke(runner, [*args, "--ledger", str(root / "zhenggai.yaml")], cwd=elsewhere)
    assert "[stale]" in out
    monkeypatch.setenv("ZHENGGAI_LEDGER", str(root))
    _, out, _ = invoke(runner, args, cwd=elsewhere)
    assert "[stale]" in out
    monkeypatch.delenv("ZHENGGAI_LEDGER")
    _, out, _ = invoke(runner, args, cwd=root / "tasks")
    assert out.startswith("../tasks/TASK-001.yaml:9:1: warning: no progress note")


def _installed_zhenggai() -> str:
    script = Path(sys.executable).parent / "zhenggai"
    return str(script) if script.exists() else "zhenggai"


def test_installed_command_runs_as_a_real_process() -> None:
    result = subprocess.run(
        [_installed_zhenggai(), "check", "--as-of", "2021-12-01", "--select", "overdue"],
        cwd=REPO,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("[overdue]") == 5
    assert "5 warnings" in result.stderr


@pytest.mark.parametrize(
    ("args", "status"),
    [
        (["check", "--as-of", "2021-12-01", "--fail-on", "overdue", "--format", "json"], 1),
        (["check", "--as-of", "2021-12-01", "--format", "json"], 0),
        (["check", "--as-of", "not-a-date"], 2),
        (["--version"], 0),
    ],
)
def test_a_real_process_ends_with_the_status_and_all_its_output(
    args: list[str], status: int
) -> None:
    # The process ends without freeing the ledger (os._exit): its output must be out first.
    result = subprocess.run(
        [sys.executable, "-m", "zhenggai", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert result.returncode == status, result.stderr
    if "json" in args:  # the whole document, as in the golden file
        assert len(json.loads(result.stdout)["findings"]) == 35
        assert "35 warnings" in result.stderr or "5 errors, 30 warnings" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_closed_pipe_ends_the_process_quietly() -> None:
    reader, writer = os.pipe()
    os.close(reader)  # as `| head` does once it has read enough
    result = subprocess.run(
        [sys.executable, "-m", "zhenggai", "list", "--as-of", "2021-12-01"],
        cwd=REPO,
        stdout=writer,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
    )
    os.close(writer)
    assert "Traceback" not in result.stderr
    assert result.returncode != 0


def test_python_dash_m_and_a_gbk_console(tmp_path: Path) -> None:
    root = build_case("overdue-fail", tmp_path)
    task = root / "tasks" / "TASK-001.yaml"
    task.write_text(task.read_text(encoding="utf-8").replace("形成初稿", "形成初稿 ✅"), "utf-8")
    env = {**os.environ, "PYTHONIOENCODING": "gbk"}
    result = subprocess.run(
        [sys.executable, "-m", "zhenggai", "check", "--as-of", "2021-12-01"],
        cwd=tmp_path,
        capture_output=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode("gbk")
    assert "milestone '形成初稿 ?' overdue by 31 days" in out


def test_example_ledger_exists() -> None:
    assert (EXAMPLE_LEDGER / "zhenggai.yaml").is_file()


@pytest.mark.parametrize(
    ("code", "status", "said"), [(None, 0, ""), (3, 3, ""), ("gone", 1, "gone\n")]
)
def test_the_script_ends_with_the_status_sys_exit_would_give(
    code: object, status: int, said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from zhenggai.cli.app import _exit_status

    assert _exit_status(code) == status
    assert capsys.readouterr().err == said
