"""One vocabulary of input: what a person types for a deadline, a term, a status, a
light, a cadence, a date, a unit or a leader is read the same by every command and by
import (`days.wording`, `records.typed_words`, `workspace.names`)."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from tests.helpers import build_case, invoke
from zhenggai.days.wording import read_deadline
from zhenggai.days.workdays import WorkCalendar
from zhenggai.imports.values import read_state
from zhenggai.ledger.load import load_ledger
from zhenggai.messages import TextError
from zhenggai.records.typed_words import SYNONYMS, read_word
from zhenggai.records.vocab import Cadence, Light, Status, Term

DAY = "2021-10-23"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return build_case("clean", tmp_path)


NEW = ["new", "--problem", "P01", "--unit", "办公厅", "--lead", "秘书长", "--date", DAY]


@pytest.mark.parametrize(
    ("typed", "term", "deadline", "basis", "cadence"),
    [
        ("立行立改", Term.IMMEDIATE, date(2021, 3, 4), "立行立改", None),
        ("长期坚持（每季度）", Term.ONGOING, None, "长期坚持（每季度）", Cadence.QUARTERLY),
        ("2021/12/31", Term.DATED, date(2021, 12, 31), "2021/12/31", None),
        ("2021.12.31", Term.DATED, date(2021, 12, 31), "2021.12.31", None),
        ("2021年12月31日", Term.DATED, date(2021, 12, 31), "2021年12月31日", None),
        ("2021-12-31", Term.DATED, date(2021, 12, 31), None, None),
        ("12月底", Term.DATED, date(2021, 12, 31), "12月底", None),
        ("年底前", Term.DATED, date(2021, 12, 31), "年底前", None),
        ("3个月内", Term.DATED, date(2021, 5, 4), "3个月内", None),
    ],
)
def test_new_takes_a_deadline_as_import_reads_it(
    typed: str,
    term: Term,
    deadline: date | None,
    basis: str | None,
    cadence: Cadence | None,
    repo: Path,
    runner: CliRunner,
) -> None:
    code, out, err = invoke(runner, [*NEW, "--title", "一项举措", "--deadline", typed], repo)
    assert code == 0, err
    task = load_ledger(repo).by_id[out.strip()].task
    assert (task.term, task.deadline, task.deadline_basis) == (term, deadline, basis)
    assert task.cadence == cadence
    assert task.status is (Status.ONGOING if term is Term.ONGOING else Status.IN_PROGRESS)


def test_a_deadline_that_names_no_day_is_no_extension(repo: Path, runner: CliRunner) -> None:
    code, _, err = invoke(
        runner, ["extend", "3", "--to", "长期坚持", "--reason", "x", "--date", DAY], repo
    )
    assert code == 2 and "'长期坚持' names no day" in err
    code, _, err = invoke(
        runner, ["extend", "3", "--to", "2022年3月31日", "--reason", "待审议", "--date", DAY], repo
    )
    assert code == 0, err


@pytest.mark.parametrize(
    ("english", "chinese"),
    [
        (["--status", "done"], ["--status", "已完成"]),
        (["--status", "done"], ["--status", "已销号"]),
        (["--status", "in-progress"], ["--status", "推进中"]),
        (["--status", "ongoing"], ["--status", "长期坚持"]),
        (["--light", "red"], ["--light", "红"]),
        (["--light", "green"], ["--light", "绿灯"]),
        (["--light", "yellow"], ["--light", "黄灯"]),
        (["--light", "notice"], ["--light", "提示"]),
        (["--as-of", "2021-10-23"], ["--as-of", "2021/10/23"]),
        (["--as-of", "2021-10-23"], ["--as-of", "2021年10月23日"]),
        (["--unit", "机关党委"], ["--unit", "全国政协机关党委"]),
        (["--lead", "副秘书长甲"], ["--lead", "副秘书长甲"]),
    ],
)
def test_list_takes_the_chinese_words_as_their_values(
    english: list[str], chinese: list[str], example_copy: Path, runner: CliRunner
) -> None:
    as_of = [] if "--as-of" in english else ["--as-of", DAY]
    wanted = invoke(runner, ["list", *english, *as_of], example_copy)
    got = invoke(runner, ["list", *chinese, *as_of], example_copy)
    assert wanted[0] == 0, wanted[2]
    assert got == wanted


def test_a_name_that_names_several_or_none_is_answered_with_the_candidates(
    example_copy: Path, runner: CliRunner
) -> None:
    code, _, err = invoke(runner, ["list", "--lead", "副秘书长", "--as-of", DAY], example_copy)
    assert code == 2 and "'副秘书长' could be 副秘书长甲, 副秘书长乙, 副秘书长丙" in err
    code, _, err = invoke(runner, ["edit", "1", "--unit", "机关党x"], example_copy)
    assert code == 2 and "unknown '机关党x'; the nearest: 机关党委" in err
    code, _, err = invoke(runner, ["edit", "1", "--unit", "全国政协机关党委", "--unit", "研究室"],
                          example_copy)  # fmt: skip
    assert code == 0, err
    task = load_ledger(example_copy).by_id["TASK-001"].task
    assert task.units == ["机关党委", "研究室"]


def test_new_takes_chinese_terms_and_cadences(repo: Path, runner: CliRunner) -> None:
    code, out, err = invoke(
        runner, [*NEW, "--title", "坚持学习", "--term", "长期坚持", "--cadence", "每半年"], repo
    )
    assert code == 0, err
    task = load_ledger(repo).by_id[out.strip()].task
    assert (task.term, task.cadence) == (Term.ONGOING, Cadence.HALF_YEARLY)


def test_a_word_not_known_lists_the_choices_in_the_language(
    example_copy: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ZHENGGAI_LANG")
    code, _, err = invoke(runner, ["list", "--light", "紫", "--as-of", DAY], example_copy)
    assert code == 2
    assert "--light 的值无效：“紫”不是可选的值；可选：red（红）、yellow（黄）" in err


@pytest.mark.parametrize("kind", [Term, Status, Light, Cadence])
def test_every_word_reads_as_its_value_and_a_sheet_s_state_too(kind: type[StrEnum]) -> None:
    for value in kind:
        assert read_word(kind, value.value) is value
        assert read_word(kind, value.value.upper()) is value
    for word, value in SYNONYMS[kind].items():
        assert read_word(kind, word) is value
        assert read_word(kind, f" {word} ") is value
        if kind is Status:
            assert read_state(word) is value  # import reads the same words


@given(st.text(max_size=12))
def test_any_typed_word_is_a_value_or_a_refusal(typed: str) -> None:
    for kind in (Term, Status, Light, Cadence):
        try:
            assert read_word(kind, typed) in set(kind)
        except TextError as err:
            assert "is not one of" in err.text.msgid


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)))
def test_a_written_date_is_its_day_as_a_deadline(day: date) -> None:
    work = WorkCalendar()
    for written in (f"{day.year}/{day.month}/{day.day}", f"{day:%Y}年{day.month}月{day.day}日前"):
        read = read_deadline(written, date(2021, 2, 4), work, False)
        assert (read.term, read.deadline) == (Term.DATED, day)
