"""The files other tools read: pre-commit hooks, CI pipelines, JSON Schema."""

from __future__ import annotations

import json
import re
import shlex
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import typer.main
import yaml
from jsonschema import Draft7Validator
from typer.testing import CliRunner

from tests.helpers import EXAMPLE_LEDGER, REPO, invoke
from zhenggai.cli.app import app
from zhenggai.records.schema import json_schema


def _validate_command(line: str) -> None:
    """Parse a `zhenggai ...` command line as the CLI would, without running it."""
    words = shlex.split(line)
    assert words[0] == "zhenggai", line
    group: Any = typer.main.get_command(app)
    command = group.commands.get(words[1])
    assert command is not None, f"no command {words[1]!r} in: {line}"
    command.make_context(words[1], words[2:])  # raises on an unknown option or bad value


def _zhenggai_commands(text: str) -> list[str]:
    """Every `zhenggai <command> ...` invocation in a pipeline, variables filled in."""
    group: Any = typer.main.get_command(app)
    lines = []
    for match in re.finditer(r"zhenggai ([a-z]+)[^\n>|]*", text):
        if match.group(1) not in group.commands:
            continue  # "pip install zhenggai # ..." is not an invocation
        line = match.group(0).split(" #")[0].split(" ||")[0].strip()
        line = line.replace('"origin/${{ github.base_ref }}"', "origin/main")
        lines.append(line.replace("$SINCE", "--since HEAD"))
    return lines


@pytest.mark.parametrize("name", ["github-actions.yml", "gitlab-ci.yml"])
def test_pipelines_parse_and_run_real_commands(name: str) -> None:
    text = (REPO / "docs" / "ci" / name).read_text(encoding="utf-8")
    assert isinstance(yaml.safe_load(text), dict)
    commands = _zhenggai_commands(text)
    assert any(c.startswith("zhenggai check") for c in commands)
    assert any(c.startswith("zhenggai list --overdue") for c in commands)
    for command in commands:
        _validate_command(command)


def test_pre_commit_hooks() -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = hooks
    assert hook["id"] == "zhenggai-check"
    assert hook["pass_filenames"] is False
    _validate_command(hook["entry"])
    files = re.compile(hook["files"])
    for path in ["ledger/tasks/TASK-001.yaml", "zhenggai.yaml", "x/problems.yaml",
                 "ledger/evidence/TASK-001/a.pdf"]:  # fmt: skip
        assert files.search(path), path
    assert not files.search("src/zhenggai/model.py")
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    (local,) = config["repos"][0]["hooks"]
    assert local["id"] == hook["id"]
    _validate_command(local["entry"])


def _as_editor_sees(path: Path) -> Any:
    """The file as a YAML 1.2 editor reads it (dates stay ISO strings, as in JSON)."""
    from ruamel.yaml import YAML

    def plain(value: Any) -> Any:
        if isinstance(value, dict):
            return {str(k): plain(v) for k, v in value.items()}
        if isinstance(value, list):
            return [plain(v) for v in value]
        if isinstance(value, date):
            return value.isoformat()
        return value

    return plain(YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8")))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_example_file_validates_against_its_schema(lang: str) -> None:
    validators = {
        kind: Draft7Validator(json_schema(kind, lang))  # type: ignore[arg-type]
        for kind in ("task", "settings", "problems")
    }
    for validator in validators.values():
        Draft7Validator.check_schema(validator.schema)
    files = [
        ("settings", EXAMPLE_LEDGER / "zhenggai.yaml"),
        ("problems", EXAMPLE_LEDGER / "problems.yaml"),
    ]
    files += [("task", path) for path in sorted((EXAMPLE_LEDGER / "tasks").glob("*.yaml"))]
    assert len(files) == 109
    for kind, path in files:
        errors = list(validators[kind].iter_errors(_as_editor_sees(path)))
        assert errors == [], (path, errors[0].message if errors else "")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"deadlne": "2021-12-31"},
            "Additional properties are not allowed ('deadlne' was unexpected)",
        ),
        ({"status": "finished"}, "'finished' is not one of"),
        ({"units": []}, "should be non-empty"),
        ({"id": 42}, "42 is not of type 'string'"),
        ({"title": None}, "None is not of type 'string'"),
    ],
)
def test_bad_task_files_fail_the_schema(change: dict[str, Any], message: str) -> None:
    task = _as_editor_sees(EXAMPLE_LEDGER / "tasks" / "TASK-016.yaml")
    task.update(change)
    errors = [e.message for e in Draft7Validator(json_schema("task", "en")).iter_errors(task)]
    assert any(message in error for error in errors), errors


def test_schema_command_and_modelines(tmp_path: Path, runner: CliRunner) -> None:
    code, out, _ = invoke(runner, ["schema", "task", "--lang", "en"])
    assert code == 0
    schema = json.loads(out)
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert "$defs" not in out and "#/definitions/Evidence" in out
    assert schema["properties"]["deadline_basis"]["description"].startswith("The deadline's")
    # Defaults made by a factory are shown like any other (editors offer them).
    assert schema["properties"]["progress"]["default"] == []
    settings_schema = json.loads(invoke(runner, ["schema", "settings"])[1])
    thresholds = settings_schema["properties"]["thresholds"]["default"]
    assert thresholds == {"notice_days": 20, "yellow_days": 10}
    assert settings_schema["properties"]["checks"]["default"] == {}
    zh = json.loads(invoke(runner, ["schema", "task"])[1])
    assert zh["properties"]["deadline_basis"]["description"] == "时限的原文表述，如“年内”"
    code, _, _ = invoke(runner, ["schema", "--output", str(tmp_path / "s")])
    assert code == 0
    assert sorted(p.name for p in (tmp_path / "s").iterdir()) == [
        "holidays.schema.json", "problems.schema.json", "settings.schema.json", "task.schema.json",
    ]  # fmt: skip
    invoke(runner, ["init", str(tmp_path / "new")])
    settings = (tmp_path / "new" / "zhenggai.yaml").read_text(encoding="utf-8")
    assert settings.startswith("# yaml-language-server: $schema=schema/settings.schema.json\n")
    assert (tmp_path / "new" / "schema" / "task.schema.json").is_file()


def test_the_pre_commit_example_names_this_release() -> None:
    """The tag users pin is the version's tag, and the changelog says what is in it."""
    from zhenggai import __version__

    tag = f"v{__version__}"
    for path in ("README.md", ".pre-commit-hooks.yaml"):
        revs = re.findall(r"rev: (\S+)", (REPO / path).read_text(encoding="utf-8"))
        assert revs == [tag], path
    changelog = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    assert re.search(rf"^## {re.escape(__version__)} — \d{{4}}-\d{{2}}-\d{{2}}$", changelog, re.M)
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert f'version = "{__version__}"' in pyproject
