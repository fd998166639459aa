"""Shared fixtures."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.helpers import build_case, copy_example


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        help="Write the golden files (tests/golden/, tests/cases/*/expected*.txt) from "
        "what the code gives now, instead of comparing; review `git diff tests/` after.",
    )


def pytest_configure(config: pytest.Config) -> None:
    from tests.helpers import UPDATING_GOLDENS

    UPDATING_GOLDENS[:] = [True] if config.getoption("--update-goldens") else []


@pytest.fixture
def case_ledger(tmp_path: Path) -> Callable[[str], Path]:
    def make(name: str) -> Path:
        return build_case(name, tmp_path)

    return make


@pytest.fixture
def clean_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The clean case ledger committed on branch main of a fresh repository, its
    commits by 整改办; returns the ledger root."""
    from tests.helpers import GIT_ENV, git_ledger

    for key, value in GIT_ENV.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("ZHENGGAI_USER", "整改办")
    return git_ledger("clean", tmp_path)


@pytest.fixture
def example_copy(tmp_path: Path) -> Path:
    """A copy of the example ledger that a test may change."""
    target = tmp_path / "ledger"
    copy_example(target)
    return target


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


#: The modules whose expectations are the ledgers' own language (tables in Chinese).
_IN_THE_LEDGER_S_LANGUAGE = frozenset({"tests.test_cli_reading", "tests.test_messages"})


@pytest.fixture(autouse=True)
def _english_messages(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Findings and summaries in English unless a test asks for Chinese: the English
    case goldens are the specification, and the Chinese ones are rendered beside them
    (`test_messages`). Tables keep the ledger's language where a test expects it."""
    in_ledger_language = request.node.get_closest_marker("ledger_language") is not None
    if request.module.__name__ not in _IN_THE_LEDGER_S_LANGUAGE and not in_ledger_language:
        monkeypatch.setenv("ZHENGGAI_LANG", "en")
