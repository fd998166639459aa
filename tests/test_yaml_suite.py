"""Every input of the YAML test suite, read as a ledger file is read.

An input YAML 1.2 refuses must be refused with a positioned finding; a valid
one must read as libyaml reads it (every scalar text, as the ledger keeps
them), or be refused for a reason the ledger states (anchors, tags, a top
level that is not a mapping…). A ledger file is then never read one way by
`zhenggai check` and another by an editor or ruamel's round-trip writer.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from tests.helpers import build_case, invoke
from zhenggai.files.yamlio import parse_bytes

SUITE = Path(__file__).parent / "yaml-test-suite"
CASES = sorted(path.name for path in SUITE.iterdir() if (path / "in.yaml").exists())
INVALID = [name for name in CASES if (SUITE / name / "error").exists()]

# What the ledger refuses in valid YAML, each for a reason it states.
STATED = re.compile(
    r"expected a mapping of keys at the top level|anchors \(|tags \(|aliases \(|"
    r"a ledger file holds one YAML document|a key must be text|file is empty|empty key|"
    r"merge keys|duplicate key"
)


class _TextScalars(yaml.CSafeLoader):
    """libyaml's reading with the ledger's one rule: a scalar is the text typed, and
    only a plain empty, ~ or null is nothing."""


_TextScalars.yaml_implicit_resolvers = {}
_TextScalars.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)


def test_the_suite_is_all_there() -> None:
    assert (len(CASES), len(INVALID)) == (402, 94)


@pytest.mark.parametrize("name", CASES)
def test_each_input_is_read_as_yaml_1_2_reads_it(name: str) -> None:
    raw = (SUITE / name / "in.yaml").read_bytes()
    result = parse_bytes(raw, "tasks/TASK-001.yaml")
    if name in INVALID:
        assert result.document is None, f"{name} is invalid YAML and was read"
        error = result.errors[0]
        assert error.position.line >= 1 and error.position.column >= 1
        return
    try:
        expected: Any = yaml.load(raw, Loader=_TextScalars)
    except yaml.YAMLError:
        # Valid YAML libyaml itself cannot read (explicit keys, empty keys...): refused
        # the same way, never read some other way.
        assert result.document is None, f"{name}: libyaml fails, and it was read"
        message = result.errors[0].message
        assert message.startswith("YAML syntax error") or STATED.search(message), message
        return
    if result.document is None:
        message = result.errors[0].message
        assert STATED.search(message), f"{name} is valid YAML, refused with: {message}"
        return
    assert result.document.data == expected


# The six that libyaml reads and YAML 1.2 refuses, planted as task files.
LAX = {
    "9C9N": "3:1: error: a line that continues a quoted value or a [...] list must be indented",
    "DK95-01": "2:1: error: a line that continues a quoted value or a [...] list must be",
    "QB6E": "3:1: error: a line that continues a quoted value or a [...] list must be indented",
    "S98Z": "5:1: error: a blank line at the start of a block scalar has more spaces than",
    "SU5Z": "1:13: error: a comment after a quoted value needs a space before the #",
    "X4QW": "1:8: error: a comment after | or > needs a space before the #",
}


@pytest.mark.parametrize("name", sorted(LAX))
def test_what_libyaml_lets_through_is_a_positioned_finding(
    name: str, tmp_path: Path, runner: CliRunner
) -> None:
    root = build_case("clean", tmp_path)
    (root / "tasks" / "TASK-001.yaml").write_bytes((SUITE / name / "in.yaml").read_bytes())
    code, out, _ = invoke(runner, ["check", "--as-of", "2021-10-25", "--no-cache"], cwd=tmp_path)
    assert code == 1
    assert f"ledger/tasks/TASK-001.yaml:{LAX[name]}" in out
