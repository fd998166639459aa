"""The Chinese user guide names only commands and options that exist."""

from __future__ import annotations

import re
import shlex
from typing import Any

import pytest
import typer.main

from tests.helpers import REPO
from zhenggai.cli.app import app

GUIDE = (REPO / "docs" / "zh" / "使用指南.md").read_text(encoding="utf-8")


def _uses() -> list[list[str]]:
    """Every `zhenggai ...` the guide shows, in its code blocks and inline code."""
    text = GUIDE.replace("\\\n", " ")
    blocks = "\n".join(re.findall(r"```sh\n(.*?)```", text, re.S))
    found = re.findall(r"^(zhenggai [^#\n]*)", blocks, re.M)
    found += re.findall(r"`(zhenggai [^`]*)`", text)
    return [shlex.split(use) for use in found]


@pytest.mark.parametrize("words", _uses(), ids=lambda words: " ".join(words[:3]))
def test_every_command_in_the_guide_exists(words: list[str]) -> None:
    command: Any = typer.main.get_command(app)
    rest = words[1:]
    while hasattr(command, "commands") and rest and rest[0] in command.commands:
        command = command.commands[rest.pop(0)]
    options = {opt for param in command.params for opt in param.opts}
    options |= {"--help", "--install-completion", "--show-completion"}
    used = [word for word in rest if word.startswith("--")]
    assert not hasattr(command, "commands") or words[1].startswith("--"), words
    assert [opt for opt in used if opt not in options] == [], words


def test_the_readme_links_the_guide() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "docs/zh/使用指南.md" in readme
