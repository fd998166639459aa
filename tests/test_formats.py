"""Every format a command offers has its renderer, and every renderer is offered.

The command line's choices are enums (built without importing the renderers, so
that `zhenggai --help` starts fast); this ties each to its formatter table, so a
format added on one side only fails here, not in a user's hands.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any

import pytest
import typer

from zhenggai.cli.app import app
from zhenggai.cli.check import CheckFormat
from zhenggai.cli.common import TextOrJson
from zhenggai.cli.reading import ListFormat
from zhenggai.render import findings, history, listing, status, task

PAIRS: list[tuple[str, type[StrEnum], Mapping[str, Any]]] = [
    ("check", CheckFormat, findings.FORMATS),
    ("list", ListFormat, listing.FORMATS),
    ("status", ListFormat, status.FORMATS),
    ("show", TextOrJson, task.FORMATS),
    ("log", TextOrJson, history.FORMATS),
]


@pytest.mark.parametrize(("command", "choices", "formatters"), PAIRS, ids=[p[0] for p in PAIRS])
def test_each_choice_has_its_formatter(
    command: str, choices: type[StrEnum], formatters: Mapping[str, Any]
) -> None:
    assert {choice.value for choice in choices} == set(formatters)


def test_every_command_with_a_format_is_paired() -> None:
    command = typer.main.get_command(app)
    with_format = {
        name
        for name, sub in command.commands.items()  # type: ignore[attr-defined]
        if any("--format" in param.opts for param in sub.params)
    }
    assert with_format == {pair[0] for pair in PAIRS}
