"""Every command, given a wrong option, a missing argument or a bad value, answers in
the language of the ledger at hand: no English sentence on stderr in a Chinese ledger,
no Chinese one in an English ledger (but the user's own words, which stay as written).

The commands are found by walking the command tree, so a new command is held too.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.main import get_command
from typer.testing import CliRunner

from tests.helpers import copy_example, invoke
from zhenggai.cli.app import app

pytestmark = pytest.mark.ledger_language

#: Two words with a lowercase letter each, side by side: an English sentence.
_ENGLISH = re.compile(r"[A-Za-z]*[a-z][A-Za-z]*[ ]+[A-Za-z]*[a-z][A-Za-z]*")
_CHINESE = re.compile(r"[\u3400-\u9fff\uff01-\uff5e\u3000-\u303f]")
#: What may stand in a Chinese line in Latin letters: the program, options, metavars,
#: paths and values (the user's), and the names of the things on the command line.
_ALLOWED_LATIN = (
    re.compile(r"zhenggai(?: [a-z][a-z-]*)*"),
    re.compile(r"--?[A-Za-z][A-Za-z0-9-]*"),
    re.compile(r"\S*[/\\.]\S*"),
    re.compile(r"[{<\[][^}>\]]*[}>\]]"),
)


def _leaves(command: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    subs = getattr(command, "commands", None)
    if subs is None:
        yield path, command
        return
    for name, sub in sorted(subs.items()):
        yield from _leaves(sub, (*path, name))


COMMANDS = list(_leaves(get_command(app)))


def _bad_values(command: Any) -> Iterator[tuple[str, str]]:
    """An option of each kind this command has, with a value it cannot take."""
    seen = set()
    for param in command.params:
        if param.param_type_name != "option" or param.is_flag or param.name in ("help",):
            continue
        type_name = type(param.type).__name__
        metavar = str(param.metavar or "")
        kind = (
            "date"
            if "YYYY" in metavar
            else "number"
            if type_name in ("IntParamType", "FloatParamType", "IntRange", "FloatRange")
            else "choice"
            if hasattr(param.type, "choices")
            else None
        )
        if kind is None or kind in seen:
            continue
        seen.add(kind)
        bad = {"date": "2026-13-45", "number": "many", "choice": "nonesuch"}[kind]
        yield param.opts[0], bad


def _arguments(command: Any) -> list[str]:
    """A value for every required argument: the first choice, else an id."""
    values = []
    for param in command.params:
        if param.param_type_name == "argument" and param.required:
            choices = getattr(param.type, "choices", None)
            count = param.nargs if param.nargs > 0 else 1
            values += [str(next(iter(choices))) if choices else "1"] * count
    return values


def _command_lines(command: Any, path: tuple[str, ...]) -> Iterator[list[str]]:
    args = _arguments(command)
    yield [*path, *args, "--no-such-option"]
    if args:
        yield list(path)  # the arguments missing
    else:
        yield [*path, "surplus", "surplus", "surplus"]  # more than any command takes
    for option, bad in _bad_values(command):
        yield [*path, *args, option, bad]


def _user_words(root: Path) -> list[str]:
    """Every text of the ledger's files: the user's words, which stay as written."""
    found: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, str):
            found.add(value)
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(key)
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for path in root.rglob("*.yaml"):
        walk(yaml.safe_load(path.read_text("utf-8")))
    return sorted((word for word in found if len(word) > 1), key=len, reverse=True)


def _english_in(stderr: str, typed: list[str]) -> list[str]:
    found = []
    for line in stderr.splitlines():
        for word in sorted(typed, key=len, reverse=True):
            line = line.replace(word, " ")
        for allowed in _ALLOWED_LATIN:
            line = allowed.sub(" ", line)
        found += _ENGLISH.findall(line)
    return found


def _chinese_in(stderr: str, user_words: list[str]) -> list[str]:
    found = []
    for line in stderr.splitlines():
        for word in user_words:
            line = line.replace(word, " ")
        found += _CHINESE.findall(line)
    return found


@pytest.fixture(scope="module")
def zh_ledger(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_example(tmp_path_factory.mktemp("zh") / "ledger")


@pytest.fixture(scope="module")
def en_ledger(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_example(tmp_path_factory.mktemp("en") / "ledger")
    settings = root / "zhenggai.yaml"
    settings.write_text(
        settings.read_text("utf-8").replace("\nlanguage: zh", "\nlanguage: en"), "utf-8"
    )
    assert "\nlanguage: en" in settings.read_text("utf-8")
    return root


def test_the_commands_are_all_found() -> None:
    names = {" ".join(path) for path, _ in COMMANDS}
    assert {"list", "init", "report weekly", "unit add", "forms issue"} <= names


def _answered(
    runner: CliRunner, ledger: Path, path: tuple[str, ...], command: Any,
    foreign: Callable[[str, list[str]], list[str]],
) -> None:  # fmt: skip
    """Every wrong line of ``command`` refused, with something said and nothing foreign."""
    for line in _command_lines(command, path):
        code, _, stderr = invoke(runner, line, ledger)
        assert code != 0, line
        assert stderr.strip(), line
        found = foreign(stderr, line)
        assert not found, f"{line}: another language on stderr: {found}\n{stderr}"


@pytest.fixture(scope="module")
def en_user_words(en_ledger: Path) -> list[str]:
    return _user_words(en_ledger)


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[" ".join(p) for p, _ in COMMANDS])
def test_a_wrong_command_line_is_answered_in_chinese(
    path: tuple[str, ...], command: Any, zh_ledger: Path, runner: CliRunner,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.delenv("ZHENGGAI_LANG", raising=False)
    _answered(runner, zh_ledger, path, command, _english_in)


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[" ".join(p) for p, _ in COMMANDS])
def test_a_wrong_command_line_is_answered_in_english(
    path: tuple[str, ...], command: Any, en_ledger: Path, en_user_words: list[str],
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.delenv("ZHENGGAI_LANG", raising=False)
    _answered(runner, en_ledger, path, command, lambda err, _: _chinese_in(err, en_user_words))


def test_a_fault_of_the_system_is_said_in_chinese(
    zh_ledger: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ZHENGGAI_LANG", raising=False)
    # /proc takes no new file: the system says ENOENT, in Chinese here
    code, _, stderr = invoke(runner, ["export", "xlsx", "-o", "/proc/台账.xlsx"], zh_ledger)
    assert (code, stderr) == (2, "zhenggai: /proc/台账.xlsx: 没有这个文件或文件夹\n")
    code, _, stderr = invoke(runner, ["close", "1", "--evidence", "无此文件.pdf"], zh_ledger)
    assert code == 2 and "无法读取 无此文件.pdf：没有这个文件" in stderr, stderr
