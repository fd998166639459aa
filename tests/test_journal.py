"""A write of several files is all or none even when the process is killed between two
of its renames: the journal it wrote first is finished by the next command."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.helpers import REPO, copy_example, invoke

ROWS = 300
#: Kills at the renames of the journal itself — before the temp files are written, and
#: before their renames are recorded (nothing decided yet: nothing changes, no temp file
#: stays) — then at the first rename of a file, in the middle, and near the last (the
#: change was decided: the next command finishes it).
KILL_AT = [1, 2, 3, ROWS // 2, ROWS + 2]

sys.path.insert(0, str(REPO / "benchmarks"))
from killed import KILLER as _KILLER  # noqa: E402  the benchmark's own killer, run as is


def _sheet(path: Path) -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["整改措施", "责任领导", "牵头单位", "完成时限"])
    for number in range(ROWS):
        writer.writerow([f"新举措第{number}项", "新领导", f"新单位{number % 7}", "2021-12-31"])
    path.write_text(buffer.getvalue(), "utf-8")
    return path


@pytest.mark.parametrize("kill_at", KILL_AT)
def test_an_import_killed_between_renames_is_finished_by_the_next_command(
    kill_at: int, tmp_path: Path, runner: CliRunner
) -> None:
    ledger = copy_example(tmp_path / "ledger")
    sheet = _sheet(tmp_path / "台账.csv")
    done = subprocess.run(
        [sys.executable, "-c", _KILLER, "import", "csv", str(sheet), "--date", "2021-10-20"],
        cwd=ledger, env={**os.environ, "KILL_AT": str(kill_at)}, capture_output=True,
    )  # fmt: skip
    assert done.returncode == -9, done.stderr.decode()
    code, out, err = invoke(runner, ["list", "--format", "csv", "--as-of", "2021-10-23"],
                            cwd=ledger)  # fmt: skip
    assert code == 0, err
    tasks = out.count("\n") - 1
    assert tasks == (107 if kill_at <= 2 else 107 + ROWS)
    assert not (ledger / ".zhenggai-journal").exists()
    leftovers = [p.name for p in ledger.rglob("*.tmp")]
    assert leftovers == []
    code, out, _ = invoke(runner, ["check", "--as-of", "2021-10-23"], cwd=ledger)
    assert code == 0 and ": error: " not in out and "stray-temp-file" not in out


def test_a_journal_zhenggai_did_not_write_moves_nothing(tmp_path: Path, runner: CliRunner) -> None:
    ledger = copy_example(tmp_path / "ledger")
    (tmp_path / "evil").write_text("id: TASK-001\n", "utf-8")
    journal = '{"renames": [["../evil", "tasks/TASK-001.yaml"]]}'
    (ledger / ".zhenggai-journal").write_text(journal, "utf-8")
    before = (ledger / "tasks" / "TASK-001.yaml").read_bytes()
    code, _, err = invoke(runner, ["status", "--as-of", "2021-10-23", "--lang", "en"], cwd=ledger)
    assert code == 2 and "is not a journal zhenggai wrote" in err
    assert (ledger / "tasks" / "TASK-001.yaml").read_bytes() == before
    assert (tmp_path / "evil").exists()
