"""Messages in Chinese and English from the gettext catalogs.

Every message the code writes with `messages.text`/`text_n` has its Chinese in
the catalog, the compiled `.mo` is the `.po` compiled, and the case suite's
findings are rendered in both languages beside each other (golden files).
"""

from __future__ import annotations

import gettext
import io
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from typer.testing import CliRunner

from tests.helpers import CASES, GOLDEN, REPO, build_case, golden, invoke
from tests.test_cases import _args
from zhenggai.labels import Words
from zhenggai.messages import LOCALE_DIR, language_of
from zhenggai.records.vocab import Cadence

PO = LOCALE_DIR / "zh" / "LC_MESSAGES" / "zhenggai.po"


def _catalog() -> dict[object, object]:
    """The messages' Chinese by msgid (the words of tables, with a context, apart)."""
    with open(PO, "rb") as stream:
        return {m.id: m.string for m in read_po(stream) if m.id and not m.context}


def _words() -> dict[str, tuple[str, str]]:
    """The words of every table, by context (``table:key``): (English, Chinese)."""
    with open(PO, "rb") as stream:
        return {m.context: (str(m.id), str(m.string)) for m in read_po(stream) if m.context}


def _tables() -> list[Words]:
    """Every word table in the code: found, not listed, so that a new one is held too."""
    import importlib
    import pkgutil

    import zhenggai

    found: dict[int, Words] = {}
    for module in pkgutil.walk_packages(zhenggai.__path__, "zhenggai."):
        if module.name.endswith("__main__"):
            continue
        for value in vars(importlib.import_module(module.name)).values():
            if isinstance(value, Words):
                found[id(value)] = value
    assert len(found) >= 10
    return list(found.values())


def _in_code() -> set[object]:
    found = extract_from_dir(
        str(REPO / "src" / "zhenggai"),
        method_map=[("**.py", "python")],
        # `said` is how a module names `text` when it has a `text` of its own.
        keywords={"text": None, "text_n": (1, 2), "said": None, "said_n": (1, 2)},
    )
    return {message if isinstance(message, str) else tuple(message) for _, _, message, *_ in found}


def test_every_message_in_the_code_has_its_chinese() -> None:
    catalog = _catalog()
    missing = sorted(str(message) for message in _in_code() if not catalog.get(message))
    assert missing == [], "add them to locale/zh/LC_MESSAGES/zhenggai.po"


def test_every_word_of_every_table_has_its_chinese_and_no_other() -> None:
    words = _words()
    wanted = {f"{t.table}:{key}": t.english[key] for t in _tables() for key in t}
    missing = sorted(context for context in wanted if not words.get(context, ("", ""))[1])
    assert missing == [], "add them to the .po with msgctxt TABLE:KEY"
    stale = sorted(context for context in words if context not in wanted)
    assert stale == [], "words the code no longer has"
    drifted = sorted(c for c, english in wanted.items() if words[c][0] != english)
    assert drifted == [], "the msgid is the English in the code"


def test_one_english_term_for_each_chinese_term() -> None:
    """A Chinese word or sentence is said in English one way, wherever it is defined:
    the messages of the code and the words of every table. (What libyaml and the
    validator say is theirs, several sentences to one Chinese, and not counted.)"""
    catalog = _catalog()
    english_of: dict[str, set[str]] = {}
    said = [(str(catalog[m]), str(m)) for m in _in_code() if isinstance(m, str) and catalog.get(m)]
    said += [(chinese, english) for english, chinese in _words().values()]
    for chinese, english in said:
        english_of.setdefault(chinese, set()).add(english.casefold())
    drifted = {chinese: sorted(e) for chinese, e in english_of.items() if len(e) > 1}
    assert drifted == {}


def test_every_cadence_word_has_its_chinese() -> None:
    catalog = _catalog()
    assert all(catalog.get(cadence.value) for cadence in Cadence)


def test_the_compiled_catalog_is_the_po_compiled() -> None:
    # Compared as translations, not bytes: a compiled header carries the time it was made.
    with open(PO, "rb") as stream:
        messages = read_po(stream)
    compiled = io.BytesIO()
    write_mo(compiled, messages, use_fuzzy=False)
    compiled.seek(0)
    with open(PO.with_suffix(".mo"), "rb") as stream:
        shipped = gettext.GNUTranslations(stream)
    expected = gettext.GNUTranslations(compiled)
    assert _entries(shipped) == _entries(expected), "compile them: python -m zhenggai.messages"


def _entries(translations: gettext.GNUTranslations) -> dict[object, str]:
    catalog: dict[object, str] = translations._catalog  # type: ignore[attr-defined]
    return {key: value for key, value in catalog.items() if key != ""}


@pytest.mark.parametrize(
    ("option", "environ", "setting", "expected"),
    [
        ("en", {"ZHENGGAI_LANG": "zh"}, "zh", "en"),
        (None, {"ZHENGGAI_LANG": "en"}, "zh", "en"),
        (None, {}, "zh", "zh"),
        (None, {"LANG": "zh_CN.UTF-8"}, None, "zh"),
        (None, {"LC_ALL": "C.UTF-8", "LANG": "zh_CN.UTF-8"}, None, "en"),
        (None, {}, None, "en"),
    ],
)
def test_the_language_asked_for(
    option: str | None, environ: dict[str, str], setting: str | None, expected: str
) -> None:
    assert language_of(option, environ, setting) == expected


def test_the_example_ledger_checks_in_chinese_and_in_english(runner: CliRunner) -> None:
    args = ["check", "--as-of", "2021-12-01"]
    code, out, err = invoke(runner, args, cwd=REPO)  # the ledger's language: zh
    assert code == 0
    assert out == golden(out, GOLDEN / "check-2021-12-01.zh.txt")
    assert err == "zhenggai check：0 个错误，35 个警告；109 个文件，24 项检查，截至 2021-12-01\n"
    code, out, err = invoke(runner, [*args, "--lang", "en"], cwd=REPO)
    assert out == golden(out, GOLDEN / "check-2021-12-01.txt")
    assert err.startswith("zhenggai check: 0 errors, 35 warnings; 109 files, 24 checks")


CASE_NAMES = sorted(path.name for path in CASES.iterdir() if (path / "expected.txt").exists())


@pytest.mark.parametrize("name", CASE_NAMES)
def test_each_case_in_chinese(name: str, tmp_path: Path, runner: CliRunner) -> None:
    build_case(name, tmp_path)
    _, out, _ = invoke(runner, ["check", *_args(name), "--lang", "zh"], cwd=tmp_path)
    assert out == golden(out, CASES / name / "expected.zh.txt")


def test_a_write_says_what_it_did_in_the_ledger_s_language(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.helpers import GIT_ENV, git, git_ledger

    for key, value in GIT_ENV.items():
        monkeypatch.setenv(key, value)
    git_ledger("overdue-fail", tmp_path)
    args = ["progress", "1", "形成初稿", "--date", "2021-11-25", "--by", "李", "--commit"]
    code, _, err = invoke(runner, args, cwd=tmp_path)
    assert code == 0, err
    assert "zhenggai: 已记录 TASK-001 的进展：形成初稿 (ledger/tasks/TASK-001.yaml)" in err
    # The commit message stays in English, as git history is read by tools too.
    assert git(tmp_path, "log", "-1", "--format=%s").strip() == "progress TASK-001: 形成初稿"


def test_an_error_is_said_in_the_ledger_s_language(runner: CliRunner) -> None:
    code, out, err = invoke(runner, ["show", "TASK-999", "--as-of", "2021-12-01"], cwd=REPO)
    assert (code, out) == (2, "")
    assert err.startswith("zhenggai: 台账中没有任务 TASK-999；最接近的：")
    code, _, err = invoke(runner, ["list", "--unit", "办工厅"], cwd=REPO)
    assert code == 2 and "--unit：未知的 '办工厅'；已有：" in err


def test_a_refused_write_is_said_in_the_ledger_s_language(
    tmp_path: Path, runner: CliRunner
) -> None:
    from tests.helpers import git_ledger

    git_ledger("overdue-fail", tmp_path)
    before = (tmp_path / "ledger/tasks/TASK-001.yaml").read_bytes()
    code, out, err = invoke(runner, ["close", "1", "--date", "2021-11-25"], cwd=tmp_path)
    assert (code, out) == (2, "")
    assert err == "zhenggai: TASK-001 销号需要佐证材料：请给出 --evidence 文件（可多次给出）\n"
    code, _, err = invoke(runner, ["reopen", "1", "--reason", "复查"], cwd=tmp_path)
    assert code == 2
    assert "TASK-001 的状态是 in-progress（推进中），并未销号：无需重新打开" in err
    assert (tmp_path / "ledger/tasks/TASK-001.yaml").read_bytes() == before


def test_lang_on_a_write_overrides_the_ledger_s_language(tmp_path: Path, runner: CliRunner) -> None:
    from tests.helpers import git_ledger

    git_ledger("overdue-fail", tmp_path)
    code, _, err = invoke(runner, ["close", "1", "--lang", "en"], cwd=tmp_path)
    assert (code, err) == (
        2,
        "zhenggai: closing TASK-001 needs evidence: give --evidence FILE (repeatable)\n",
    )
    # A bad value Click frames itself carries our words in the language asked for.
    code, _, err = invoke(
        runner, ["progress", "1", "x", "--date", "2021-13-01", "--lang", "zh"], cwd=tmp_path
    )
    assert code == 2 and "错误：--date 的值无效：'2021-13-01' 不是真实存在的日期" in err


def test_every_reason_a_new_task_is_refused_is_said(tmp_path: Path, runner: CliRunner) -> None:
    from tests.helpers import git_ledger

    git_ledger("overdue-fail", tmp_path)
    args = ["new", "--title", "t", "--problem", "P9", "--unit", "无此单位", "--lead", "无此人"]
    code, _, err = invoke(runner, [*args, "--deadline", "2021-12-31"], cwd=tmp_path)
    assert code == 2
    assert err == (
        "zhenggai: 无法新建任务：--problem：未知的 'P9'；最接近的：P02, P01；"
        "--unit：未知的 '无此单位'；已有：办公厅, 机关党委；--lead：未知的 '无此人'；已有：秘书长\n"
    )
    code, _, err = invoke(runner, [*args, "--deadline", "2021-12-31", "--lang", "en"], cwd=tmp_path)
    assert err == (
        "zhenggai: cannot create the task: --problem: unknown 'P9'; the nearest: P02, P01; "
        "--unit: unknown '无此单位'; known: 办公厅, 机关党委; --lead: unknown '无此人'; "
        "known: 秘书长\n"
    )


def test_every_help_text_has_its_chinese() -> None:
    import typer.main

    from zhenggai.cli.app import app
    from zhenggai.cli.helptext import help_strings

    catalog = _catalog()
    helps = help_strings(typer.main.get_command(app))
    assert len(helps) > 100  # every command and option, not a handful
    missing = sorted(text for text in helps if not catalog.get(text))
    assert missing == [], "add them to locale/zh/LC_MESSAGES/zhenggai.po"


@pytest.mark.ledger_language
def test_help_is_in_the_ledger_s_language(tmp_path: Path, runner: CliRunner) -> None:
    build_case("overdue-fail", tmp_path)  # language: zh
    code, out, _ = invoke(runner, ["close", "--help"], cwd=tmp_path)
    assert code == 0
    assert out.startswith("用法：zhenggai close [OPTIONS] {TASK-ID}\n\n  销号：复制佐证材料")
    assert "参数：\n  TASK-ID  [必填]\n" in out and "  -h, --help" in out
    assert "显示本帮助并退出。" in out and "Options" not in out
    code, out, _ = invoke(runner, ["close", "--help", "--lang", "en"], cwd=tmp_path)
    assert out.startswith("Usage: zhenggai close") and "Sign a task off (销号)" in out
    code, _, err = invoke(runner, ["unit"], cwd=tmp_path)  # a group alone: its help, exit 2
    assert "责任单位：新增、修改、改编号、合并、删除、列出。" in err


@pytest.mark.ledger_language
def test_the_check_list_in_chinese_names_every_check(runner: CliRunner) -> None:
    from zhenggai.checks.index import CHECKS

    catalog = _catalog()
    assert [c.id for c in CHECKS if not catalog.get(c.doc.splitlines()[0])] == []
    code, out, _ = invoke(runner, ["check", "--list"], cwd=REPO)  # the example ledger: zh
    assert code == 0
    assert out.startswith("parse（basic，默认 error）\n    每个台账文件都是")
    assert out.count("，默认 ") == len(CHECKS) and "--lang en" in out
