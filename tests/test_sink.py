"""The one sink: a command's output goes to stdout or a file, never into a ledger's own
files and folders, and a pipe or a device named as the file is written into, never
replaced by a regular file."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.helpers import copy_example, invoke

DAY = "2021-10-23"


@pytest.fixture
def ledger(tmp_path: Path) -> Path:
    return copy_example(tmp_path / "ledger")


@pytest.mark.parametrize(
    ("args", "target", "part"),
    [
        (["report", "weekly"], "tasks/TASK-013.yaml", "tasks"),
        (["export", "json"], "zhenggai.yaml", "zhenggai.yaml"),
        (["export", "csv"], "tasks/x.csv", "tasks"),
        (["report", "bulletin", "--format", "html"], "bulletin/part1.md", "bulletin"),
        (["report", "dashboard"], "evidence/TASK-001/page.html", "evidence"),
        (["report", "notice", "--format", "docx"], ".git/notice.docx", ".git"),
    ],
    ids=["task", "settings", "new-in-tasks", "bulletin-text", "evidence", "git"],
)
def test_output_into_a_ledgers_own_files_is_refused(
    args: list[str], target: str, part: str, ledger: Path, runner: CliRunner
) -> None:
    (ledger / ".git").mkdir(exist_ok=True)
    path = ledger / target
    before = path.read_bytes() if path.exists() else None
    code, out, err = invoke(runner, [*args, "--as-of", DAY, "-o", str(path), "--lang", "en"],
                            cwd=ledger.parent)  # fmt: skip
    assert code == 2 and out == ""
    assert f"refusing to write {path}: it is part of the ledger in" in err and f"({part})" in err
    assert (path.read_bytes() if path.exists() else None) == before


def test_output_through_a_link_into_the_ledger_is_refused(
    ledger: Path, runner: CliRunner, tmp_path: Path
) -> None:
    link = tmp_path / "looks-harmless.md"
    link.symlink_to(ledger / "tasks" / "TASK-013.yaml")
    before = (ledger / "tasks" / "TASK-013.yaml").read_bytes()
    code, _, err = invoke(runner, ["report", "weekly", "--as-of", DAY, "-o", str(link)],
                          cwd=ledger.parent)  # fmt: skip
    assert code == 2 and "part of the ledger" in err
    assert (ledger / "tasks" / "TASK-013.yaml").read_bytes() == before


def test_output_beside_the_ledger_is_written(ledger: Path, runner: CliRunner) -> None:
    code, _, err = invoke(runner, ["export", "csv", "--as-of", DAY, "-o", "台账.csv"],
                          cwd=ledger)  # fmt: skip
    assert (code == 0 and "wrote 台账.csv" in err) or "已写入" in err
    assert (ledger / "台账.csv").read_bytes().startswith("\ufeff".encode())


def test_a_fifo_is_written_into_not_replaced(
    ledger: Path, runner: CliRunner, tmp_path: Path
) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    code, _, err = invoke(runner, ["export", "csv", "--as-of", DAY, "-o", str(fifo)], cwd=ledger)
    reader.join(timeout=30)
    assert code == 0, err
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert received and "TASK-001" in received[0].decode("utf-8")


def test_a_device_is_written_into_not_replaced(ledger: Path, runner: CliRunner) -> None:
    code, _, err = invoke(runner, ["report", "weekly", "--as-of", DAY, "-o", "/dev/null"],
                          cwd=ledger)  # fmt: skip
    assert code == 0, err
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_dash_is_standard_output(ledger: Path, runner: CliRunner) -> None:
    code, out, _ = invoke(runner, ["export", "csv", "--as-of", DAY, "-o", "-"], cwd=ledger)
    assert code == 0 and "TASK-001" in out
    assert not (ledger / "-").exists()


def test_a_folder_is_no_output_file(ledger: Path, runner: CliRunner, tmp_path: Path) -> None:
    code, out, err = invoke(runner, ["export", "csv", "--as-of", DAY, "-o", str(tmp_path),
                                     "--lang", "en"], cwd=ledger)  # fmt: skip
    assert code == 2 and out == ""
    assert f"{tmp_path} is a folder: give the name of a file" in err


def test_an_output_under_a_file_is_said_plainly(
    ledger: Path, runner: CliRunner, tmp_path: Path
) -> None:
    (tmp_path / "a-file").write_text("x", "utf-8")
    target = tmp_path / "a-file" / "out.csv"
    code, out, err = invoke(runner, ["export", "csv", "--as-of", DAY, "-o", str(target),
                                     "--lang", "en"], cwd=ledger)  # fmt: skip
    assert code == 2 and out == ""
    assert f"cannot write {target}: a part of its path is a file" in err
