"""The line reader (`yamllines`) answers exactly as libyaml's reader does, or not at all."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhenggai.files.decoding import decode
from zhenggai.files.yaml12 import Refused
from zhenggai.files.yamlio import _build
from zhenggai.files.yamllines import read_plain

REPO = Path(__file__).resolve().parent.parent

# Pieces of lines, many of them on the edge of what plain YAML allows.
KEYS = ["id", "title", "a", "b", "due", "2021", "x-y", "null", "~", "<<", "a b", "键"]
VALUES = [
    "",
    "TASK-001",
    "2021-06-30",
    "042",
    "no",
    "~",
    "null",
    "Null",
    "建立提案质量评价体系",
    "第1方面第7条",
    "a #comment",
    "a#b",
    "a: b",
    "a:",
    "a:b",
    "x,y",
    "[]",
    "[U1, U2]",
    "[U1,U2]",
    "[ U1 ,  U2 ]",
    "[a, , b]",
    "[a, b,]",
    "[a: b]",
    "[~, null]",
    "[中文, 英文]",
    "[a",
    "a]",
    "'quoted'",
    '"quoted"',
    "it's",
    "|",
    ">",
    "&anchor x",
    "*alias",
    "!!str x",
    "- x",
    "-x",
    "? x",
    "% x",
    "@x",
    "`x`",
    "{a: b}",
    "---",
    "...",
    "a  ",
    "a\tb",
    "# only a comment",
    "（全角）：冒号",
]


SAFE_VALUES = ["TASK-001", "2021-06-30", "042", "no", "~", "建立提案质量评价体系", "x,y", "a#b"]


def _scalars() -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(SAFE_VALUES), st.sampled_from(VALUES))


def _trees(depth: int = 3) -> st.SearchStrategy[object]:
    """Values as a ledger holds them: text, short lists, mappings, lists of mappings."""
    leaf = st.one_of(_scalars(), st.lists(st.sampled_from(SAFE_VALUES[:6]), max_size=3))
    if depth == 0:
        return leaf
    inner = _trees(depth - 1)
    mapping = st.dictionaries(st.sampled_from(KEYS[:7]), inner, min_size=1, max_size=4)
    return st.one_of(leaf, leaf, mapping, st.lists(st.one_of(mapping, _scalars()), max_size=3))


def _render(value: object, indent: int, draw: st.DrawFn, lines: list[str], head: str) -> None:
    """Write ``value`` after ``head`` (a "key:" or "-" already indented) in block style."""
    pad = " " * indent
    if isinstance(value, str):
        lines.append(f"{head} {value}".rstrip() if value else head)
    elif isinstance(value, list) and all(isinstance(v, str) for v in value) and draw(st.booleans()):
        lines.append(f"{head} [{', '.join(value)}]")
    elif isinstance(value, list):
        lines.append(head)
        compact = head.endswith(":") and draw(st.booleans())
        step = 0 if compact else 2
        for item in value:
            _render(item, indent + step + 2, draw, lines, f"{pad}{' ' * step}-")
        if not value:
            lines[-1] += " []"
    elif isinstance(value, dict):
        lines.append(head)
        for key, item in value.items():
            _render(item, indent + 2, draw, lines, f"{pad}  {key}:")


@st.composite
def documents(draw: st.DrawFn) -> str:
    top = draw(st.dictionaries(st.sampled_from(KEYS), _trees(), min_size=1, max_size=6))
    lines: list[str] = []
    for key, value in top.items():
        _render(value, 0, draw, lines, f"{key}:")
    # "-" then "  key:" on the next line may share the line: "- key:".
    joined: list[str] = []
    for line in lines:
        if joined and joined[-1].strip() == "-" and draw(st.booleans()):
            joined[-1] = joined[-1] + " " + line.lstrip()
        else:
            joined.append(line)
    for _ in range(draw(st.integers(0, 2))):  # a mutation: comments, blanks, a shifted line
        at = draw(st.integers(0, len(joined)))
        kind = draw(st.sampled_from(["comment", "blank", "shift", "tricky"]))
        if kind == "comment":
            joined.insert(at, " " * draw(st.integers(0, 4)) + "# 说明: x")
        elif kind == "blank":
            joined.insert(at, "")
        elif joined and kind == "shift":
            index = min(at, len(joined) - 1)
            joined[index] = " " * draw(st.integers(1, 3)) + joined[index]
        elif joined:
            index = min(at, len(joined) - 1)
            joined[index] = joined[index] + " " + draw(st.sampled_from(VALUES))
    return "\n".join(joined) + draw(st.sampled_from(["\n", "", "\n\n"]))


def _full(text: str) -> tuple[object, object] | None:
    """libyaml's answer: the value and positions, or None where it refuses the text."""
    import yaml

    try:
        built = _build(text, record_positions=True)
    except (Refused, yaml.YAMLError):
        return None
    return built.value, built.positions


@settings(max_examples=500, deadline=None)
@given(documents())
def test_the_line_reader_agrees_with_libyaml_or_stands_aside(text: str) -> None:
    plain = read_plain(text)
    if plain is not None:
        assert _full(text) == plain


@pytest.mark.parametrize(
    "text",
    [
        "id: TASK-001\nunits: [U1, U2]\nprogress:\n  - date: 2021-01-01\n    text: 开始\n",
        "id: TASK-001\nunits:\n- U1\n- U2\nstatus: done\n",
        "a:\n  b:\n    c: x  # why\n  d: ~\ne:\n",
        "list:\n  - [a, b]\n  -\n    k: v\n  - - x\n",
        "a: 1\n# a comment\n\nb: 2\n",
    ],
)
def test_the_shapes_ledgers_use_are_read_alike(text: str) -> None:
    full = _full(text)
    plain = read_plain(text)
    assert plain is None or full == plain
    if "- - x" not in text:
        assert plain is not None, "a common shape fell back to the slow reader"


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\na: 2\n",  # duplicate key: libyaml's reader words the error
        "a: 'x'\n",
        "a: |\n  text\n",
        "a: x\n  b: y\n",  # a value, then deeper lines: a YAML error
        "- a\nb: c\n",
        "a:\n  - x\n  b: y\n",
        "a: [x\n",
        "a:\tb\n",
        "\ta: b\n",
        "---\na: b\n",
        "a: b\r\n",
        "  a: b\n",
    ],
)
def test_anything_doubtful_is_left_to_libyaml(text: str) -> None:
    assert read_plain(text) is None


def test_every_file_of_the_example_ledger_is_read_alike() -> None:
    files = sorted((REPO / "ledger").rglob("*.yaml"))
    read_by_lines = 0
    for path in files:
        text = decode(path.read_bytes())
        assert isinstance(text, str)
        plain = read_plain(text)
        if plain is not None:
            read_by_lines += 1
            assert _full(text) == plain, path
    assert read_by_lines >= len(files) - 3  # quotes or block text send a few to libyaml
