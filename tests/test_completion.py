"""Shell completion, as bash asks for it: the program run with the completion variables."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.helpers import REPO


def _complete(words: str, cwd: Path = REPO) -> list[str]:
    """What bash would offer after ``words`` (the last word being completed)."""
    parts = words.split(" ")
    env = {
        **os.environ,
        "_ZHENGGAI_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(parts) - 1),
    }
    env.pop("ZHENGGAI_LEDGER", None)
    result = subprocess.run(
        [str(Path(sys.executable).parent / "zhenggai")], cwd=cwd, env=env, capture_output=True,
        text=True,
        check=True, timeout=30,
    )  # fmt: skip
    return result.stdout.split()


def test_commands_complete() -> None:
    assert _complete("zhenggai sho") == ["show"]


def test_task_ids_complete_from_the_ledger_at_hand() -> None:
    assert _complete("zhenggai show TASK-10") == [f"TASK-10{n}" for n in range(8)]
    assert _complete("zhenggai close TASK-00")[:2] == ["TASK-001", "TASK-002"]


def test_registry_ids_complete() -> None:
    assert "秘书局" in _complete("zhenggai list --unit 秘")
    assert _complete("zhenggai new --problem P1") == ["P10", "P11", "P12"]
    assert all(name.startswith("副秘书长") for name in _complete("zhenggai edit 1 --lead 副"))


def test_outside_a_ledger_nothing_is_offered(tmp_path: Path) -> None:
    assert _complete("zhenggai show TASK-", cwd=tmp_path) == []
