"""A ledger built to attack its reader: text that would act on a terminal or a CI log.

`zhenggai check` runs on pull requests, so whoever can edit a task file or name a
file can put control characters in front of the reviewer. Every output shows
them as escapes (`zhenggai.safetext`); JSON keeps them exact.
"""

from __future__ import annotations

import errno
import json
import marshal
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from tests.helpers import GIT_ENV, build_case, copy_example, git, git_ledger, invoke
from zhenggai.checks.report import CheckReport
from zhenggai.checks.runner import run_checks
from zhenggai.findings import Finding
from zhenggai.ledger import cache as cache_module
from zhenggai.ledger import seal
from zhenggai.ledger.cache import CACHE_DIR, CACHE_FILE
from zhenggai.ledger.load import load_ledger
from zhenggai.render import findings as finding_formats
from zhenggai.render.cells import md_text, to_csv, to_markdown
from zhenggai.render.context import TerminalOptions
from zhenggai.render.table import Column, render_tables
from zhenggai.safetext import block, for_output, inline

# What must never reach an output raw: C0 but newline and tab, DEL, C1, bidi
# controls, line and paragraph separators (CR only as part of CSV's CRLF).
RAW = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]|\r(?!\n)"
)

# An OSC 8 hyperlink, a screen clear, a window title, a right-to-left override,
# a NEL, a line separator, and a line that a CI runner would take as a command.
ATTACK = (
    "\x1b]8;;https://evil.example/\x07点这里\x1b]8;;\x07 \x1b[2J\x1b]0;pwned\x07"
    "\u202eabc\x85\u2028\n::error file=README.md,line=1::INJECTED"
)
# The same, as a YAML double-quoted scalar.
ATTACK_YAML = (
    '"\\e]8;;https://evil.example/\\a点这里\\e]8;;\\a \\e[2J\\e]0;pwned\\a'
    '\\u202Eabc\\N\\L\\n::error file=README.md,line=1::INJECTED"'
)


def _hostile_ledger(tmp_path: Path) -> Path:
    root = build_case("overdue-fail", tmp_path)
    task = root / "tasks" / "TASK-001.yaml"
    text = task.read_text(encoding="utf-8")
    text = text.replace("title: 逾期任务", f"title: {ATTACK_YAML}")
    text = text.replace("what: 形成初稿", f"what: {ATTACK_YAML}")
    text = text.replace("text: 推进中", f"text: {ATTACK_YAML}")
    task.write_text(text, encoding="utf-8")
    settings = root / "zhenggai.yaml"
    text = settings.read_text(encoding="utf-8").replace("title: 测试台账", f"title: {ATTACK_YAML}")
    settings.write_text(text, encoding="utf-8")
    return root


def _assert_safe(text: str) -> None:
    found = RAW.search(text)
    assert found is None, f"raw {found.group()!r} in output" if found else ""
    assert not any(line.lstrip().startswith("::error file=README") for line in text.splitlines())


READING = [
    ["list", "--as-of", "2021-12-01"],
    ["list", "--as-of", "2021-12-01", "--format", "csv"],
    ["list", "--as-of", "2021-12-01", "--format", "md"],
    ["show", "TASK-001", "--as-of", "2021-12-01"],
    ["status", "--as-of", "2021-12-01"],
    ["status", "--as-of", "2021-12-01", "--format", "md"],
    ["check", "--as-of", "2021-12-01"],
    ["check", "--as-of", "2021-12-01", "--format", "github"],
    ["check", "--as-of", "2021-12-01", "--format", "junit"],
    ["check", "--as-of", "2021-12-01", "--format", "gitlab"],
    ["check", "--as-of", "2021-12-01", "--format", "json"],
    ["list", "--as-of", "2021-12-01", "--format", "json"],
    ["show", "TASK-001", "--as-of", "2021-12-01", "--format", "json"],
]


@pytest.mark.parametrize("args", READING, ids=lambda args: " ".join(args[:1] + args[3:]))
def test_no_output_carries_a_raw_control_character(
    args: list[str], tmp_path: Path, runner: CliRunner
) -> None:
    _hostile_ledger(tmp_path)
    _, out, err = invoke(runner, args, cwd=tmp_path)
    assert "\\x1b" in out or "\\u001b" in out  # the attack is there, as text
    _assert_safe(out)
    _assert_safe(err)


def test_escapes_are_shown_as_text(tmp_path: Path, runner: CliRunner) -> None:
    _hostile_ledger(tmp_path)
    _, out, _ = invoke(runner, ["show", "TASK-001", "--as-of", "2021-12-01"], cwd=tmp_path)
    assert "\\x1b]8;;https://evil.example/\\x07点这里" in out
    assert "\\u202eabc\\u0085\\u2028" in out
    # The title is one line; the multi-line note keeps its lines, none taken for a command.
    assert out.splitlines()[0].startswith("TASK-001  \\x1b]8;;")
    assert "     \\::error file=README.md,line=1::INJECTED" in out


def test_json_keeps_the_text_exact(tmp_path: Path, runner: CliRunner) -> None:
    _hostile_ledger(tmp_path)
    _, out, _ = invoke(runner, ["list", "--as-of", "2021-12-01", "--format", "json"], cwd=tmp_path)
    assert json.loads(out)["tasks"][0]["title"] == ATTACK
    _, out, _ = invoke(runner, ["check", "--as-of", "2021-12-01", "--format", "json"], cwd=tmp_path)
    messages = [f["message"] for f in json.loads(out)["findings"]]
    assert any(ATTACK in message for message in messages)


def test_text_findings_are_one_line_each(tmp_path: Path, runner: CliRunner) -> None:
    root = _hostile_ledger(tmp_path)
    # A file whose name holds a newline and a workflow command.
    (root / "tasks" / "x\n::error file=README.md,line=1::INJECTED.yaml").write_text("id: [\n")
    _, out, _ = invoke(runner, ["check", "--as-of", "2021-12-01"], cwd=tmp_path)
    finding = re.compile(r"^\S.*:\d+:\d+: (error|warning): .* \[[a-z-]+\]$")
    for line in out.splitlines():
        assert finding.match(line) or line.startswith("    hint: "), line
    assert "x\\x0a" not in out and "ledger/tasks/x ::error" in out


def test_junit_parses_whatever_the_ledger_holds(tmp_path: Path, runner: CliRunner) -> None:
    root = _hostile_ledger(tmp_path)
    (root / "tasks" / "bad\x01name\x1b.yaml").write_text("id: [\n")
    _, out, _ = invoke(
        runner, ["check", "--as-of", "2021-12-01", "--format", "junit"], cwd=tmp_path
    )
    tree = ET.fromstring(out)
    assert tree.attrib["failures"] != "0"
    assert "bad\\x01name\\x1b.yaml" in out


def test_markdown_makes_no_link_from_user_text() -> None:
    cell = md_text("[点我](javascript:alert(1)) *粗* `code` <b>x</b> a|b")
    assert cell == (
        "\\[点我\\](javascript:alert(1)) \\*粗\\* \\`code\\` &lt;b&gt;x&lt;/b&gt; a\\|b"
    )


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("--title", "标题\x1b[2J"),
        ("--title", "两行\n标题"),
        ("--owner", "张三\u202e"),
        ("--tag", "标签\x07"),
    ],
)
def test_new_refuses_control_characters_in_one_line_fields(
    option: str, value: str, tmp_path: Path, runner: CliRunner
) -> None:
    root = build_case("clean", tmp_path)
    before = sorted(p.name for p in (root / "tasks").iterdir())
    args = ["new", "--title", "标题", "--problem", "P01", "--unit", "办公厅", "--lead", "秘书长"]
    args += ["--deadline", "2021-12-31", "--date", "2021-10-01", option, value]
    code, _, err = invoke(runner, args, cwd=tmp_path)
    assert code == 2
    assert f"{option} holds" in err and "one line of plain text" in err
    assert sorted(p.name for p in (root / "tasks").iterdir()) == before


def test_progress_refuses_a_control_character_in_by(tmp_path: Path, runner: CliRunner) -> None:
    root = build_case("overdue-fail", tmp_path)
    before = (root / "tasks" / "TASK-001.yaml").read_bytes()
    args = ["progress", "TASK-001", "推进", "--date", "2021-11-25", "--by", "李\x1b]0;x\x07"]
    code, _, err = invoke(runner, args, cwd=tmp_path)
    assert code == 2 and "--by holds \\x1b" in err
    assert (root / "tasks" / "TASK-001.yaml").read_bytes() == before


def test_a_pasted_note_loses_its_control_characters(tmp_path: Path, runner: CliRunner) -> None:
    root = build_case("overdue-fail", tmp_path)
    args = ["progress", "TASK-001", "完成\u202e初稿\x1b[31m\r\n第二行", "--date", "2021-11-25"]
    code, _, err = invoke(runner, [*args, "--by", "李"], cwd=tmp_path)
    assert code == 0, err
    text = (root / "tasks" / "TASK-001.yaml").read_text(encoding="utf-8")
    assert "完成初稿[31m" in text and "第二行" in text and "\u202e" not in text


# Property: whatever a string holds, no renderer lets a raw control character
# through, a finding stays one line, and JUnit stays XML.
# Lone surrogates come only from undecodable bytes (surrogateescape: U+DC80-U+DCFF, all
# low), so no high surrogate is drawn: a high one before a low one would read back from
# JSON as one character, whatever a renderer did.
any_text = st.lists(
    st.characters(exclude_categories=["Cs"])
    | st.sampled_from(
        [
            "\x1b",
            "\x07",
            "\x85",
            "\u202e",
            "\u2028",
            "\r",
            "\n",
            "\x00",
            "\udcff",
            "\udc80",
            "::",
            "[x](y)",
        ]
    ),
    max_size=30,
).map("".join)


@settings(max_examples=200, deadline=None)
@given(message=any_text, path=any_text, hint=any_text)
def test_every_finding_format_is_safe(message: str, path: str, hint: str) -> None:
    finding = Finding("overdue", message, path or "x", 3, 4, "error", "TASK-001", hint or None)
    report = CheckReport(date(2021, 12, 1), (finding,), ("overdue",), (finding.path,))
    text = finding_formats.format_text(report, "ledger")
    _assert_safe(text)
    assert len([line for line in text.splitlines() if not line.startswith("    hint: ")]) == 1
    github = finding_formats.format_github(report, "ledger")
    _assert_safe(github)
    assert len(github.splitlines()) == 1 and github.startswith("::error file=ledger/")
    junit = finding_formats.format_junit(report, "ledger")
    _assert_safe(junit)
    ET.fromstring(junit)
    for exact in (finding_formats.format_json, finding_formats.format_gitlab):
        # JSON is exact, and stays so through the output guard.
        rendered = exact(report, "")
        assert json.loads(for_output(rendered)) == json.loads(rendered)


@settings(max_examples=200, deadline=None)
@given(cells=st.lists(any_text, min_size=3, max_size=3), width=st.integers(20, 120))
def test_tables_csv_and_markdown_are_safe(cells: list[str], width: int) -> None:
    columns = [Column("a"), Column("b", grow=True), Column("c", justify="right")]
    table = render_tables([("t", columns, [cells])], TerminalOptions(width=width))
    _assert_safe(table)
    assert len(table.splitlines()) == 4  # title, header, rule, one row
    _assert_safe(to_csv(["a", "b", "c"], [cells]))
    markdown = to_markdown(["a", "b", "c"], [cells])
    _assert_safe(markdown)
    assert len(markdown.splitlines()) == 3


@given(text=any_text)
def test_the_escapes_are_stable(text: str) -> None:
    assert inline(inline(text)) == inline(text)
    assert RAW.search(inline(text)) is None and "\n" not in inline(text)
    assert RAW.search(block(text).replace("\r\n", "\n")) is None


@pytest.fixture
def git_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for key, value in GIT_ENV.items():
        monkeypatch.setenv(key, value)


@pytest.mark.usefixtures("git_env")
def test_log_shows_a_hostile_author_and_subject_as_text(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = git_ledger("overdue-fail", tmp_path)
    task = root / "tasks" / "TASK-001.yaml"
    task.write_text(task.read_text(encoding="utf-8") + "tags: [x]\n", encoding="utf-8")
    monkeypatch.setenv("GIT_AUTHOR_NAME", "坏人\x1b]0;pwned\x07")
    git(tmp_path, "commit", "-qam", "改\u202e标题\x1b[2J")
    code, out, err = invoke(runner, ["log", "TASK-001", "--ledger", str(root)], cwd=tmp_path)
    assert code == 0, err
    _assert_safe(out)
    assert "坏人\\x1b]0;pwned" in out and "改\\u202e标题\\x1b[2J" in out


@pytest.mark.usefixtures("git_env")
def test_a_newline_in_a_base_file_name_shifts_nothing(tmp_path: Path, runner: CliRunner) -> None:
    root = git_ledger("clean", tmp_path)
    # Named so that it sorts first; a batch request by name would read it as two.
    (root / "tasks" / "0\nx.yaml").write_text("id: [\n", encoding="utf-8")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "a file with a newline in its name")
    # The last task, whose content a shifted batch would never read.
    task = root / "tasks" / "TASK-003.yaml"
    text = task.read_text(encoding="utf-8")
    text = text.replace("deadline: 2021-12-31", "deadline: 2022-03-31")
    task.write_text(text.replace("to: 2021-12-31", "to: 2022-03-31"), encoding="utf-8")
    git(tmp_path, "commit", "-qam", "move a deadline by hand")
    args = ["check", "--as-of", "2021-10-25", "--since", "main~1", "--select", "change"]
    code, out, _ = invoke(runner, args, cwd=tmp_path)
    assert code == 1
    assert out.splitlines()[0] == (
        "ledger/tasks/TASK-003.yaml:7:1: error: deadline moved from 2021-12-31 to 2022-03-31 "
        "without an extension record [deadline-moved]"
    )
    assert "TASK-001" not in out and "TASK-002" not in out


# --- Nothing outside the ledger is opened, listed, hashed or written -------------------


class Watch:
    """Every file or folder the process opens or lists from now on, as real paths."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.seen: list[str] = []
        self.on = True
        self.in_os_open = False
        real_open, real_scandir = os.open, os.scandir

        # Noted once they succeed: an open refused (a link met with O_NOFOLLOW) read nothing.
        def watched_open(path: Any, flags: int, mode: int = 0o777, *, dir_fd: Any = None) -> int:
            self.in_os_open = True  # its audit event comes before the open: noted here instead
            try:
                descriptor = real_open(path, flags, mode, dir_fd=dir_fd)
            finally:
                self.in_os_open = False
            self._note(f"/proc/self/fd/{descriptor}", None)
            return descriptor

        def watched_scandir(path: Any = ".") -> Any:
            listing = real_scandir(path)
            self._note(path, None)
            return listing

        monkeypatch.setattr(os, "open", watched_open)
        monkeypatch.setattr(os, "scandir", watched_scandir)
        _AUDITED.append(self)

    def _note(self, path: Any, dir_fd: int | None) -> None:
        if not self.on or isinstance(path, int):
            return
        text = os.fsdecode(path)
        if dir_fd is not None and not os.path.isabs(text):
            text = os.path.join(os.readlink(f"/proc/self/fd/{dir_fd}"), text)
        # What was opened, wherever the path led: /proc/self/fd/N names the file itself.
        self.seen.append(
            os.readlink(text) if text.startswith("/proc/self/fd/") else os.path.realpath(text)
        )

    def touched(self, outside: Path) -> list[str]:
        self.on = False
        _AUDITED.remove(self)
        return [path for path in self.seen if Path(path).is_relative_to(outside.resolve())]


_AUDITED: list[Watch] = []


def _audit(event: str, args: tuple[Any, ...]) -> None:
    # Python's own open() (and io.open) does not go through os.open.
    if event == "open" and _AUDITED and isinstance(args[0], str | bytes):
        for watch in _AUDITED:
            if not watch.in_os_open:
                watch._note(args[0], None)


sys.addaudithook(_audit)


def _outside(tmp_path: Path) -> Path:
    """A folder beside the ledger holding what a link would lead to."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "照片（示例）.txt").write_text("a secret\n", encoding="utf-8")
    (outside / "passwd").write_text("root:x:0:0\n", encoding="utf-8")
    (outside / "TASK-009.yaml").write_text("id: TASK-009\nsecret: [\n", encoding="utf-8")
    return outside


def _replaced_by_link(folder: Path, outside: Path) -> None:
    shutil.rmtree(folder)
    folder.symlink_to(outside, target_is_directory=True)


def _checked_touching_nothing(
    outside: Path, cwd: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch, *extra: str
) -> str:
    """`zhenggai check`'s findings (it must find errors), having opened nothing outside."""
    watch = Watch(monkeypatch)
    code, out, _ = invoke(runner, ["check", "--as-of", "2021-12-01", "--no-cache", *extra], cwd=cwd)
    assert watch.touched(outside) == []
    assert code == 1
    return out


def test_a_linked_evidence_folder_is_an_error_and_never_entered(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = copy_example(tmp_path / "ledger")
    outside = _outside(tmp_path)
    _replaced_by_link(root / "evidence" / "TASK-004", outside)
    out = _checked_touching_nothing(
        outside, tmp_path, runner, monkeypatch, "--select", "evidence-intact"
    )
    assert (
        "ledger/evidence/TASK-004:1:1: error: evidence/TASK-004 is a symbolic link: it may lead "
        "outside the ledger, and is never followed [evidence-intact]"
    ) in out
    assert (
        "evidence evidence/TASK-004/照片（示例）.txt passes through evidence/TASK-004, a symbolic link"
        in out
    )
    assert "sha256 is" not in out


def test_evidence_itself_a_link_lists_nothing_and_close_writes_nothing(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = copy_example(tmp_path / "ledger")
    outside = _outside(tmp_path)
    _replaced_by_link(root / "evidence", outside)
    out = _checked_touching_nothing(outside, tmp_path, runner, monkeypatch)
    assert "ledger/evidence:1:1: error: evidence is a symbolic link" in out
    assert "passwd" not in out  # the folder it leads to is not listed
    before = sorted(p.name for p in outside.iterdir())
    proof = tmp_path / "纪要.pdf"
    proof.write_bytes(b"%PDF-1.4 minutes")
    args = ["close", "TASK-002", "--evidence", str(proof), "--by", "李", "--date", "2021-11-01"]
    code, _, err = invoke(runner, [*args, "--summary", "完成"], cwd=tmp_path)
    assert code == 2
    assert "evidence is a symbolic link: evidence is copied only into a real folder" in err
    assert sorted(p.name for p in outside.iterdir()) == before


def test_linked_task_files_and_folders_are_refused_unread(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = build_case("clean", tmp_path)
    outside = _outside(tmp_path)
    (root / "tasks" / "TASK-009.yaml").symlink_to(outside / "TASK-009.yaml")
    os.mkfifo(root / "tasks" / "TASK-010.yaml")  # would hang a reader that waits
    out = _checked_touching_nothing(outside, tmp_path, runner, monkeypatch)
    assert "tasks/TASK-009.yaml:1:1: error: cannot read file: it is a symbolic link" in out
    assert "tasks/TASK-010.yaml:1:1: error: cannot read file: it is not a regular file" in out
    assert "secret" not in out
    # The whole task folder a link.
    _replaced_by_link(root / "tasks", outside)
    out = _checked_touching_nothing(outside, tmp_path, runner, monkeypatch)
    assert "ledger/tasks:1:1: error: tasks/ is a symbolic link" in out


def test_a_linked_cache_folder_is_neither_read_nor_written(
    tmp_path: Path, runner: CliRunner
) -> None:
    root = build_case("clean", tmp_path)
    outside = _outside(tmp_path)
    (root / ".zhenggai-cache").symlink_to(outside, target_is_directory=True)
    before = sorted(p.name for p in outside.iterdir())
    code, _, _ = invoke(runner, ["check", "--as-of", "2021-10-25"], cwd=tmp_path)
    assert code == 0
    assert sorted(p.name for p in outside.iterdir()) == before


# --- A cache that cannot lie ------------------------------------------------------------


@pytest.fixture
def machine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str], None]]:
    """Switch to another machine: another user cache folder, hence another secret."""

    def use(name: str) -> None:
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / f"home-{name}"))
        seal.machine_secret.cache_clear()

    use("a")
    yield use
    seal.machine_secret.cache_clear()


def _findings(root: Path, use_cache: bool) -> list[Finding]:
    ledger = load_ledger(root, use_cache=use_cache, hash_evidence=True)
    found = list(run_checks(ledger, date(2021, 12, 1)).findings)
    ledger.save_cache()
    return found


def _check_out(root: Path, *extra: str) -> tuple[int, str]:
    """`zhenggai check` in a process of its own, so a hang or a blow-up is seen as one."""
    result = subprocess.run(
        [sys.executable, "-m", "zhenggai", "check", "--as-of", "2021-12-01", *extra],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "COLUMNS": "100"},
    )
    return result.returncode, result.stdout


def test_a_forged_cache_committed_to_the_repository_is_not_believed(
    tmp_path: Path, machine: Callable[[str], None]
) -> None:
    root = copy_example(tmp_path / "ledger")
    _findings(root, use_cache=True)  # the attacker's machine writes a cache...
    broken = b"id: TASK-002\ntitle: [\n"
    task = root / "tasks" / "TASK-002.yaml"
    task.write_bytes(broken)
    # ...says the broken file's bytes are those of the good record, and seals it again.
    path = root / CACHE_DIR / CACHE_FILE
    raw = path.read_bytes()
    header, *parts = marshal.loads(raw[40:])
    parts[4]["tasks/TASK-002.yaml"] = cache_module.digest(broken)
    payload = marshal.dumps((header, *parts))
    path.write_bytes(raw[:8] + seal.seal(root, payload) + payload)
    assert any(f.check == "parse" for f in _findings(root, use_cache=False))
    # A fresh clone on the CI machine: new inodes and mtimes, the cache committed along.
    clone = tmp_path / "clone"
    shutil.copytree(root, clone)
    machine("ci")
    expected = _findings(clone, use_cache=False)
    assert any(f.check == "parse" and f.path == "tasks/TASK-002.yaml" for f in expected)
    (clone / CACHE_DIR / CACHE_FILE).write_bytes(path.read_bytes())
    assert _findings(clone, use_cache=True) == expected


@pytest.mark.parametrize("kind", ["dev-zero", "fifo", "folder"])
def test_a_cache_that_is_no_regular_file_is_ignored(tmp_path: Path, kind: str) -> None:
    root = copy_example(tmp_path / "ledger")
    expected = _check_out(root, "--no-cache")
    assert expected[0] == 0 and "TASK-" in expected[1]
    (root / CACHE_DIR).mkdir(exist_ok=True)
    path = root / CACHE_DIR / CACHE_FILE
    if kind == "dev-zero":
        path.symlink_to("/dev/zero")
    elif kind == "fifo":
        os.mkfifo(path)
    else:
        path.mkdir()
    assert _check_out(root) == expected
    assert _check_out(root) == expected  # and again, with whatever the first run left


@pytest.fixture(scope="module")
def warm(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes, list[Finding]]:
    """A copy of the example ledger with a cache old enough to be trusted in full, the
    cache's bytes, and the findings of a run without it."""
    root = copy_example(tmp_path_factory.mktemp("flip") / "ledger")
    expected = _findings(root, use_cache=False)
    assert _findings(root, use_cache=True) == expected
    an_hour_ago = time.time() - 3600
    for path in root.rglob("*"):
        os.utime(path, (an_hour_ago, an_hour_ago))
    _findings(root, use_cache=True)
    return root, (root / CACHE_DIR / CACHE_FILE).read_bytes(), expected


@settings(max_examples=40, deadline=None)
@given(offset=st.integers(min_value=0), bit=st.integers(min_value=0, max_value=7))
def test_a_flipped_byte_anywhere_gives_the_findings_of_no_cache(
    warm: tuple[Path, bytes, list[Finding]], offset: int, bit: int
) -> None:
    root, cache, expected = warm
    flipped = bytearray(cache)
    flipped[offset % len(flipped)] ^= 1 << bit
    (root / CACHE_DIR / CACHE_FILE).write_bytes(bytes(flipped))
    assert _findings(root, use_cache=True) == expected


# --- Faults of the system are told plainly ----------------------------------------------


def _fail_with(code: int) -> Callable[..., Any]:
    def fail(*args: Any, **kwargs: Any) -> Any:
        raise OSError(code, os.strerror(code))

    return fail


@pytest.mark.parametrize(
    ("where", "code", "said"),
    [
        ("tempfile.mkstemp", errno.EACCES, "Permission denied (no permission: check the"),
        ("tempfile.mkstemp", errno.EROFS, "Read-only file system (the file system is read-only)"),
        ("os.fsync", errno.ENOSPC, "No space left on device (the disk is full: free some"),
        ("os.replace", errno.EPERM, "Operation not permitted (not permitted: check the file's"),
    ],
)
def test_os_faults_name_the_file_and_the_cause(
    where: str,
    code: int,
    said: str,
    tmp_path: Path,
    runner: CliRunner,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = build_case("overdue-fail", tmp_path)
    task = root / "tasks" / "TASK-001.yaml"
    before = task.read_bytes()
    module, name = where.split(".")
    monkeypatch.setattr({"tempfile": tempfile, "os": os}[module], name, _fail_with(code))
    args = ["progress", "TASK-001", "推进", "--date", "2021-11-25", "--by", "李"]
    status, _, err = invoke(runner, args, cwd=tmp_path)
    monkeypatch.undo()
    assert status == 2
    assert err == f"zhenggai: {task}: {said}" + err.split(said, 1)[1]
    assert "internal error" not in err and "Traceback" not in err
    assert task.read_bytes() == before
    assert sorted(p.name for p in task.parent.iterdir()) == ["TASK-001.yaml", "TASK-002.yaml"]


def test_a_failed_close_leaves_no_evidence_folder(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = build_case("overdue-fail", tmp_path)
    proof = tmp_path / "纪要.pdf"
    proof.write_bytes(b"%PDF-1.4 minutes")
    real_replace = os.replace

    def full_disk_for_tasks(source: Any, target: Any) -> None:
        if str(target).endswith(".yaml"):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", full_disk_for_tasks)
    args = ["close", "TASK-001", "--evidence", str(proof), "--by", "李", "--date", "2021-11-25"]
    code, _, err = invoke(runner, [*args, "--summary", "完成"], cwd=tmp_path)
    monkeypatch.undo()
    assert code == 2 and "No space left on device" in err
    assert not (root / "evidence").exists()


def test_evidence_size_is_that_of_the_bytes_copied(tmp_path: Path, runner: CliRunner) -> None:
    root = build_case("overdue-fail", tmp_path)
    args = ["close", "TASK-001", "--evidence", "/proc/cpuinfo", "--by", "李"]
    code, _, err = invoke(
        runner, [*args, "--date", "2021-11-25", "--summary", "完成"], cwd=tmp_path
    )
    assert code == 0, err
    copied = root / "evidence" / "TASK-001" / "cpuinfo"
    text = (root / "tasks" / "TASK-001.yaml").read_text(encoding="utf-8")
    assert f"size: {copied.stat().st_size}" in text and copied.stat().st_size > 0
    args = ["check", "--as-of", "2021-11-25", "--select", "evidence-intact"]
    assert invoke(runner, args, cwd=tmp_path)[:2] == (0, "")


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["progress", "TASK-001", "推进", "--date", "9999-12-31"], "the year must be 1900–2999"),
        (["extend", "TASK-001", "--to", "+1000000wd", "--reason", "等"], "more than 100 years"),
        (["extend", "TASK-001", "--to", "3000-01-01", "--reason", "等"], "the year must be"),
    ],
)
def test_absurd_dates_and_spans_are_refused_up_front(
    args: list[str], said: str, tmp_path: Path, runner: CliRunner
) -> None:
    root = build_case("overdue-fail", tmp_path)
    before = (root / "tasks" / "TASK-001.yaml").read_bytes()
    started = time.perf_counter()
    code, _, err = invoke(
        runner, [*args, "--by" if args[0] == "progress" else "--approved-by", "李"], cwd=tmp_path
    )
    assert time.perf_counter() - started < 5
    assert code == 2 and said in err, err
    assert "Traceback" not in err and "internal error" not in err
    assert (root / "tasks" / "TASK-001.yaml").read_bytes() == before


# --- Everything at once -------------------------------------------------------------------


def test_a_ledger_built_to_attack_gets_nowhere(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
    from attack import build_attack

    root = build_attack(tmp_path / "ledger", tmp_path / "outside")
    expected = _check_out(root, "--no-cache")
    watch = Watch(monkeypatch)
    code, out, err = invoke(runner, ["check", "--as-of", "2021-12-01"], cwd=root)
    assert watch.touched(tmp_path / "outside") == []
    assert (code, out) == expected  # the forged cache is not believed
    _assert_safe(out)
    _assert_safe(err)
    found = {line.rsplit("[", 1)[1].rstrip("]") for line in out.splitlines() if "[" in line}
    assert {"parse", "schema", "evidence-intact", "stray-temp-file"} <= found
    for said in [
        "evidence/TASK-004 is a symbolic link",
        "tasks/TASK-901.yaml:1:1: error: cannot read file: it is a symbolic link",
        "tasks/TASK-902.yaml:1:1: error: cannot read file: it is not a regular file",
        "tasks/TASK-907.yaml:1:13: error: a comment after a quoted value needs a space",
        "tasks/x ::error file=README.md,line=1::INJECTED.yaml:",
        "the year must be 1900–2999",
        "tasks/.TASK-024.yaml.k2j4x9qa.tmp is the temp file of a write",
    ]:
        assert said in out, said
    for number in range(903, 909):
        assert f"tasks/TASK-{number}.yaml:" in out


def test_a_pipeline_secret_lets_fresh_runners_share_a_cache(
    tmp_path: Path, machine: Callable[[str], None], monkeypatch: pytest.MonkeyPatch
) -> None:
    from zhenggai.ledger import load as loader
    from zhenggai.ledger import workers

    read: list[list[str]] = []
    real_read_all = workers.read_all

    def spy(root: Path, rels: list[str], *extras: Any) -> Any:
        read.append(rels)
        return real_read_all(root, rels, *extras)

    root = copy_example(tmp_path / "ledger")
    monkeypatch.setenv("ZHENGGAI_CACHE_SECRET", "s3cret")
    machine("runner-1")
    _findings(root, use_cache=True)
    monkeypatch.setattr(loader, "read_all", spy)
    for runner_name, secret, parsed in [("runner-2", "s3cret", 0), ("runner-3", "other", 107)]:
        clone = tmp_path / runner_name
        shutil.copytree(root, clone)
        monkeypatch.setenv("ZHENGGAI_CACHE_SECRET", secret)
        machine(runner_name)
        read.clear()
        load_ledger(clone, use_cache=True)
        assert sum(len(rels) for rels in read) == parsed, runner_name


def _yaml_quoted(text: str) -> str:
    """``text`` as a YAML double-quoted scalar, every character but printable ASCII
    escaped (a lone surrogate cannot be held by a UTF-8 file: it stands as U+FFFD)."""
    out = []
    for ch in text:
        code = ord(ch)
        if 0xD800 <= code <= 0xDFFF:
            code = 0xFFFD
        if 0x20 <= code < 0x7F and ch not in '"\\':
            out.append(ch)
        else:
            out.append(f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")
    return '"' + "".join(out) + '"'


@settings(max_examples=25, deadline=None)
@given(title=any_text.filter(lambda text: text.strip() != ""))
def test_list_and_show_are_safe_whatever_the_title(title: str) -> None:
    import tempfile as temp

    with temp.TemporaryDirectory() as folder:
        root = build_case("overdue-fail", Path(folder))
        task = root / "tasks" / "TASK-001.yaml"
        quoted = _yaml_quoted(title)
        text = task.read_text(encoding="utf-8").replace("title: 逾期任务", f"title: {quoted}")
        task.write_text(text, encoding="utf-8")
        runner = CliRunner()
        for args in (["list"], ["list", "--format", "csv"], ["list", "--format", "md"]):
            code, out, err = invoke(runner, [*args, "--as-of", "2021-12-01"], cwd=Path(folder))
            assert code == 0, err
            _assert_safe(out)
            rows = [line for line in out.splitlines() if "TASK-00" in line]
            assert len(rows) == 2  # one line a task, whatever its title holds
        code, out, err = invoke(runner, ["show", "TASK-001", "--as-of", "2021-12-01"], Path(folder))
        assert code == 0, err
        _assert_safe(out)
        assert out.startswith("TASK-001  ") and "\n" not in out.split("\n", 1)[0]
