"""Each case under tests/cases/ is a small ledger with the exact `zhenggai check` output beside it.

The failing case of every check pins its findings to the line and column; the
`clean` case is the passing counterpart for all of them.
"""

from __future__ import annotations

import os
import shlex
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.helpers import CASES, build_case, golden, invoke
from zhenggai.checks.index import CHECKS
from zhenggai.ledger import preload

CASE_NAMES = sorted(p.name for p in CASES.iterdir() if p.is_dir() and not p.name.startswith("_"))


def _args(name: str) -> list[str]:
    args_file = CASES / name / "args.txt"
    if args_file.exists():
        return shlex.split(args_file.read_text(encoding="utf-8"))
    return ["--as-of", "2021-10-23"]


@pytest.mark.parametrize("name", CASE_NAMES)
def test_case_output(
    name: str, tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_case(name, tmp_path)
    an_hour_ago = time.time() - 3600  # older than the cache's racily-clean window
    for path in tmp_path.rglob("*"):
        os.utime(path, (an_hour_ago, an_hour_ago))
    expected: str | None = None
    # Read afresh (the cache is written), from the cache, and from the cache with the
    # task folder and evidence/ taken stock of in a child process: the same output.
    for way in ("cold", "warm", "apart"):
        if way == "apart":
            monkeypatch.setattr(preload, "PRELOAD_MIN_CACHE_BYTES", 0)
        code, out, err = invoke(runner, ["check", *_args(name)], cwd=tmp_path)
        expected = expected or golden(out, CASES / name / "expected.txt")
        assert out == expected, way
        assert code == (1 if ": error: " in expected else 0), err
        assert "Traceback" not in err


# Change checks need a git history; tests/test_changes.py has a scenario for each.
STATE_CHECKS = [check.id for check in CHECKS if check.tier != "change"]


@pytest.mark.parametrize("check_id", STATE_CHECKS)
def test_every_check_has_a_failing_case(check_id: str) -> None:
    expected = CASES / f"{check_id}-fail" / "expected.txt"
    assert expected.exists(), f"add tests/cases/{check_id}-fail/"
    assert f"[{check_id}]" in expected.read_text(encoding="utf-8")


def test_clean_case_passes_every_check(tmp_path: Path, runner: CliRunner) -> None:
    build_case("clean", tmp_path)
    code, out, err = invoke(runner, ["check", "--as-of", "2021-10-23"], cwd=tmp_path)
    assert (code, out) == (0, "")
    assert "0 errors, 0 warnings" in err
    assert f"{len(STATE_CHECKS)} checks" in err
