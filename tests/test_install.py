"""zhenggai installs like a tool: the wheel `python -m build` makes, in a fresh
virtual environment, gives a working `zhenggai` command (as `pipx install .` does)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.helpers import REPO
from zhenggai import __version__


def test_the_built_wheel_installs_and_runs(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(dist)],
        cwd=REPO, check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    wheel = next(dist.glob("zhenggai-*.whl"))
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    subprocess.run(
        [str(venv / "bin" / "pip"), "install", "-q", str(wheel)],
        check=True, capture_output=True, timeout=600,
    )  # fmt: skip
    result = subprocess.run(
        [str(venv / "bin" / "zhenggai"), "--version"], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == f"zhenggai {__version__}"
    # The installed tool reads the example ledger as the checkout does.
    result = subprocess.run(
        [str(venv / "bin" / "zhenggai"), "check", "--as-of", "2021-10-23"],
        cwd=REPO, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    # The compiled catalogs are in the wheel: the ledger's Chinese, asked for.
    result = subprocess.run(
        [str(venv / "bin" / "zhenggai"), "check", "--as-of", "2021-12-01", "--lang", "zh"],
        cwd=REPO, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert "zhenggai check：0 个错误" in result.stderr and "已逾期" in result.stdout
