"""Shared fixtures."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.helpers import build_case, copy_example


@pytest.fixture
def case_ledger(tmp_path: Path) -> Callable[[str], Path]:
    def make(name: str) -> Path:
        return build_case(name, tmp_path)

    return make


@pytest.fixture
def example_copy(tmp_path: Path) -> Path:
    """A copy of the example ledger that a test may change."""
    target = tmp_path / "ledger"
    copy_example(target)
    return target


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()
