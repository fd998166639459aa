"""The README documents what the tool does: every check, every check option, the Quick start."""

from __future__ import annotations

import re

import pytest

from tests.helpers import REPO
from zhenggai.checks.index import CHECK_IDS, CHECKS
from zhenggai.cli.app import app

README = (REPO / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("check_id", CHECK_IDS)
def test_every_check_is_in_the_readme_table(check_id: str) -> None:
    check = next(c for c in CHECKS if c.id == check_id)
    assert re.search(rf"^\| `{check_id}` \| {check.tier} \| {check.level.value} \|", README, re.M)


@pytest.mark.parametrize("check_id", CHECK_IDS)
def test_every_check_documents_a_failing_and_a_passing_example(check_id: str) -> None:
    doc = next(c for c in CHECKS if c.id == check_id).doc
    assert "Fails" in doc
    assert "Passes" in doc


def _commands() -> dict[str, object]:
    import typer.main

    group = typer.main.get_command(app)
    return dict(group.commands)  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", sorted(_commands()))
def test_every_command_and_option_is_in_the_readme(name: str) -> None:
    assert f"`zhenggai {name}" in README
    command = _commands()[name]
    options = [opt for param in command.params for opt in param.opts if opt.startswith("--")]  # type: ignore[attr-defined]
    for option in options:
        if option != "--help":
            assert f"`{option}" in README, option


def test_quick_start_is_two_commands_and_ci_runs_the_second() -> None:
    quick = README.split("## Quick start", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    commands = [line for line in quick.strip().splitlines() if line.strip()]
    assert len(commands) == 2
    assert commands[1] == "bash .ci/run"  # the set-up and the suite, as CI runs them
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "set -euo pipefail" in ci
    assert "apt-get install" in ci and "libreoffice-calc-nogui" in ci
    assert ci.rstrip().endswith(".venv/bin/python -m pytest")
