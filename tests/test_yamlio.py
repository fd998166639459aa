"""The strict reader: every bad input gives a positioned error, never an exception."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhenggai.files.yamlio import MAX_DEPTH, MAX_FILE_BYTES, parse_bytes, read_file
from zhenggai.findings import Position

BOMB = b"""a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""

BAD_INPUTS = {
    "syntax": (b"id: TASK-001\ntitle: a: b\n", (2, 9), "YAML syntax error"),
    "unclosed-quote": (b'id: TASK-001\ntitle: "abc\n', (3, 1), "YAML syntax error"),
    "duplicate-key": (b"id: a\ntitle: x\nid: b\n", (3, 1), "duplicate key 'id' (first at line 1)"),
    "anchor": (b"a: &x 1\nb: 2\n", (1, 4), "anchors (&x) are not allowed"),
    "alias": (b"a: [1]\nb: *x\n", (2, 4), "aliases (*x) are not allowed"),
    "merge-key": (b"a: 1\n<<: {b: 2}\n", (2, 1), "merge keys (<<) are not allowed"),
    "tag": (b"a: !!int 3\n", (1, 4), "tags (tag:yaml.org,2002:int) are not allowed"),
    "python-tag": (b"a: !!python/object:os.system x\n", (1, 4), "tags"),
    "complex-key": (b"? [a, b]\n: 1\n", (1, 3), "a key must be text"),
    "null-key": (b"~: 1\n", (1, 1), "empty key"),
    "conflict-marker": (b"a: 1\n<<<<<<< HEAD\nb: 2\n", (2, 1), "git conflict marker"),
    "empty": (b"", (1, 1), "file is empty"),
    "only-comments": (b"# nothing here\n", (1, 1), "file is empty"),
    "list-at-top": (b"- a\n- b\n", (1, 1), "found a list"),
    "scalar-at-top": (b"hello\n", (1, 1), "found a single value"),
    "two-documents": (b"a: 1\n---\nb: 2\n", (2, 1), "one YAML document"),
    "gbk": ("id: TASK-001\ntitle: 学习制度\n".encode("gbk"), (2, 8), "looks like GBK"),
    "latin1": (b"id: caf\xe9\n", (1, 8), "byte 0xe9"),
    "utf16": ("id: x\n".encode("utf-16"), (1, 1), "UTF-16"),
    "tab-indent": (b"a:\n\tb: 1\n", (2, 1), "a tab character"),
    "control-char": (b"a: b\x07c\n", (1, 5), "control character U+0007"),
    "deep-nesting": (
        b"a: " + b"[" * 100 + b"]" * 100 + b"\n",
        (1, 3 + MAX_DEPTH),
        "nesting deeper",
    ),
    "alias-bomb": (BOMB, (1, 4), "anchors (&a) are not allowed"),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_is_refused_with_a_position(name: str) -> None:
    raw, (line, column), message = BAD_INPUTS[name]
    result = parse_bytes(raw, Path("t.yaml"))
    assert result.document is None
    first = result.errors[0]
    assert message in first.message
    assert first.position == Position(line, column)


def test_alias_bomb_is_refused_before_any_expansion() -> None:
    # No value is ever expanded, so the bomb costs what its 443 bytes cost to scan.
    started = time.perf_counter()
    result = parse_bytes(BOMB, Path("bomb.yaml"))
    assert result.document is None
    assert time.perf_counter() - started < 1.0


@pytest.mark.parametrize(
    ("text", "key", "value"),
    [
        ("title: no\n", "title", "no"),
        ("title: yes\n", "title", "yes"),
        ("title: on\n", "title", "on"),
        ("id: 042\n", "id", "042"),
        ("id: 0o17\n", "id", "0o17"),
        ("time: 12:30\n", "time", "12:30"),
        ("n: 1_000\n", "n", "1_000"),
        ("d: 2021-07-31\n", "d", "2021-07-31"),
        ("f: .inf\n", "f", ".inf"),
        ("q: 'null'\n", "q", "null"),
        ("s: !!str 3\n", "s", "3"),
        ("v: ~\n", "v", None),
        ("v:\n", "v", None),
        ("v: null\n", "v", None),
    ],
)
def test_scalars_stay_the_text_that_was_typed(text: str, key: str, value: str | None) -> None:
    # YAML 1.1 would turn these into booleans, octal 34, sexagesimal 750, dates...
    result = parse_bytes(text.encode(), Path("t.yaml"))
    assert result.document is not None
    assert result.document.data == {key: value}


def test_bom_and_crlf_are_accepted() -> None:
    result = parse_bytes("\ufeffid: TASK-001\r\ntitle: 学习\r\n".encode(), Path("t.yaml"))
    assert result.document is not None
    assert result.document.data == {"id": "TASK-001", "title": "学习"}
    assert result.document.locate(("title",)) == Position(2, 1)


def test_positions_point_at_keys_and_list_items() -> None:
    text = "id: T\nprogress:\n  - date: 2021-01-01\n    text: a\n  - {date: x, text: b}\n"
    result = parse_bytes(text.encode(), Path("t.yaml"))
    assert result.document is not None
    locate = result.document.locate
    assert locate(("progress",)) == Position(2, 1)
    assert locate(("progress", 0)) == Position(3, 5)
    assert locate(("progress", 0, "text")) == Position(4, 5)
    assert locate(("progress", 1, "date")) == Position(5, 6)
    # A key that is not there: its nearest parent.
    assert locate(("progress", 1, "by")) == Position(5, 5)
    assert locate(("nowhere",)) == Position(1, 1)


def test_oversized_file_is_refused_unread(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"a: " + b"x" * MAX_FILE_BYTES + b"\n")
    result = read_file(big)
    assert result.document is None
    assert "larger than" in result.errors[0].message


def test_unreadable_file_is_an_error_not_an_exception(tmp_path: Path) -> None:
    result = read_file(tmp_path / "missing.yaml")
    assert result.document is None
    assert "cannot read file" in result.errors[0].message


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_give_a_document_or_errors(raw: bytes) -> None:
    result = parse_bytes(raw, Path("fuzz.yaml"))
    assert (result.document is None) == bool(result.errors)
    for error in result.errors:
        assert error.position.line >= 1
        assert error.position.column >= 1


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab:- \n\t[]{}&*!'\"#|>?,~学\r")), max_size=120))
def test_any_yaml_like_text_gives_a_document_or_errors(text: str) -> None:
    result = parse_bytes(text.encode("utf-8"), Path("fuzz.yaml"))
    assert (result.document is None) == bool(result.errors)
    if result.document is not None:
        assert isinstance(result.document.data, dict)
