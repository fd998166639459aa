"""Every format a command offers has its formatter, every formatter is offered, and
every command writes every one of its formats.

The command line's choices are enums (built without importing the renderers, so
that `zhenggai --help` starts fast); each command's formats are one table of
`render.output`, all of one shape. This ties the two, so a format added on one
side only fails here, not in a user's hands — and runs each command in each of its
formats on the example ledger, to standard output or, where it is a file, to one.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from tests.helpers import copy_example, git, invoke
from zhenggai.cli.app import app
from zhenggai.cli.check import CheckFormat
from zhenggai.cli.common import TextOrJson
from zhenggai.cli.exporting import ExportFormat
from zhenggai.cli.reading import ListFormat
from zhenggai.cli.reporting import ReportFormat
from zhenggai.render.output import TABLES

#: Each command with --format (or a kind argument), and the choices it offers.
CHOICES: dict[str, type[StrEnum]] = {
    "check": CheckFormat,
    "list": ListFormat,
    "status": ListFormat,
    "show": TextOrJson,
    "log": TextOrJson,
    "report weekly": ReportFormat,
    "report bulletin": ReportFormat,
    "report notice": ReportFormat,
    "report signoff": ReportFormat,
    "export": ExportFormat,
}
#: The commands of one format: what they write, whatever is asked.
SINGLE = {"report dashboard": "html", "unit list": "table", "leader list": "table",
          "problem list": "table", "sample": "text", "forms status": "table"}  # fmt: skip
#: How each command is run on the example ledger, and whether its output is a file.
RUNS: dict[str, list[str]] = {
    "check": ["check", "--as-of", "2022-06-30", "--select", "overdue", "--format"],
    "list": ["list", "--as-of", "2021-10-23", "--format"],
    "status": ["status", "--as-of", "2021-10-23", "--format"],
    "show": ["show", "TASK-001", "--as-of", "2021-10-23", "--format"],
    "log": ["log", "TASK-001", "--format"],
    "report weekly": ["report", "weekly", "--as-of", "2021-10-23", "--format"],
    "report bulletin": ["report", "bulletin", "--as-of", "2021-10-23", "--format"],
    "report notice": ["report", "notice", "--as-of", "2021-10-23", "--format"],
    "report signoff": ["report", "signoff", "--pending", "--as-of", "2021-10-23", "--format"],
    "report dashboard": ["report", "dashboard", "--as-of", "2021-10-23"],
    "export": ["export", "--as-of", "2021-10-23"],
    "unit list": ["unit", "list"],
    "leader list": ["leader", "list"],
    "problem list": ["problem", "list"],
    "sample": ["sample", "3", "--seed", "1", "--as-of", "2021-10-23"],
    "forms status": ["forms", "status", "--as-of", "2021-10-23"],
}
BINARY = {"docx", "xlsx"}  # files only


@pytest.mark.parametrize("command", sorted(CHOICES))
def test_each_choice_has_its_formatter(command: str) -> None:
    assert {choice.value for choice in CHOICES[command]} == set(TABLES[command]())


def test_every_command_with_a_format_is_paired_and_every_table_is_a_command() -> None:
    def commands(group: Any, prefix: str = "") -> dict[str, Any]:
        found: dict[str, Any] = {}
        for name, sub in group.commands.items():
            if hasattr(sub, "commands"):  # a group: its commands by their full name
                found |= commands(sub, f"{prefix}{name} ")
            else:
                found[f"{prefix}{name}"] = sub
        return found

    every = commands(typer.main.get_command(app))
    with_format = {name for name, sub in every.items()
                   if any("--format" in param.opts for param in sub.params)}  # fmt: skip
    assert with_format | {"export"} == set(CHOICES)
    assert set(TABLES) == set(CHOICES) | set(SINGLE) and set(TABLES) <= set(every)
    for command, only in SINGLE.items():
        assert set(TABLES[command]()) == {only}


def _every_run() -> list[tuple[str, str]]:
    runs = [(command, choice.value) for command, enum in CHOICES.items() for choice in enum]
    return runs + list(SINGLE.items())


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example ledger in a git repository (for `log`)."""
    root = copy_example(tmp_path_factory.mktemp("formats") / "ledger")
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "the example ledger")
    return root


@pytest.mark.parametrize(("command", "name"), _every_run(), ids=lambda value: str(value))
def test_every_command_writes_every_format(
    command: str, name: str, example: Path, runner: CliRunner
) -> None:
    args = list(RUNS[command])
    if command == "export":
        args.insert(1, name)
    elif command not in SINGLE:
        args.append(name)
    target = example.parent / f"out-{command.replace(' ', '-')}.{name}"
    if name in BINARY or command == "report dashboard":
        args += ["--output", str(target)]
    code, out, err = invoke(runner, args, cwd=example)
    assert code in (0, 1) and "Traceback" not in err, err  # check: 1 is its findings
    written: Any = target.read_bytes() if target.exists() else out
    assert written, f"{command} --format {name} wrote nothing"
    if name in BINARY:
        assert written.startswith(b"PK"), "an Office file is a zip"
