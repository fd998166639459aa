"""The 督办单 ladder, one step at a time, as a table of timelines: what level the next
notice takes on a day, given the notices issued before and what the unit did."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from zhenggai.days.events import NoticeDates, RequestDates
from zhenggai.days.notices import NoticeLevel, level_due
from zhenggai.days.state import Timeline, compute_state
from zhenggai.ledger.load import load_ledger
from zhenggai.records.model import Status, Term

DEADLINE = date(2021, 10, 31)
UNITS = ("研究室", "秘书局")  # the task's: the lead unit, then one cooperating
D = date.fromisoformat
REMIND, SUPERVISE, WARN = NoticeLevel.REMINDER, NoticeLevel.SUPERVISION, NoticeLevel.WARNING


def _notice(issued: str, level: NoticeLevel, reply_by: str, by: str = "整改办") -> NoticeDates:
    return NoticeDates(issued=D(issued), level=level.value, reply_by=D(reply_by), by=by)


def _timeline(
    notices: list[NoticeDates],
    notes: list[tuple[str, str]] = (),  # type: ignore[assignment]
    applied: str | None = None,
) -> Timeline:
    authored = sorted((D(day).toordinal(), by) for day, by in notes)
    return Timeline(
        status=Status.IN_PROGRESS, term=Term.DATED, created=date(2021, 3, 1),
        first_record=date(2021, 3, 1), last_record=None, deadline=DEADLINE,
        original_deadline=DEADLINE, notes=[d for d, _ in authored],
        note_by=[b for _, b in authored], notices=notices,
        requests=[RequestDates(kind="signoff", applied=D(applied))] if applied else [],
    )  # fmt: skip


CASES = [
    # (what happened, the day asked, the level due)
    ("coming due, nothing sent", [], [], None, "2021-10-20", REMIND),
    ("overdue, nothing sent", [], [], None, "2021-11-05", SUPERVISE),
    ("an unanswered 提醒 does not skip 督办",
     [_notice("2021-10-20", REMIND, "2021-10-27")], [], None, "2021-11-05", SUPERVISE),
    ("an unanswered 督办 makes 告诫",
     [_notice("2021-11-02", SUPERVISE, "2021-11-09")], [], None, "2021-11-12", WARN),
    ("a 督办 answered by the unit stays 督办",
     [_notice("2021-11-02", SUPERVISE, "2021-11-09")], [("2021-11-05", "研究室")], None,
     "2021-11-12", SUPERVISE),
    ("the office's own note answers nothing",
     [_notice("2021-11-02", SUPERVISE, "2021-11-09")], [("2021-11-05", "整改办")], None,
     "2021-11-12", WARN),
    ("an application answers",
     [_notice("2021-11-02", SUPERVISE, "2021-11-09")], [], "2021-11-08", "2021-11-12",
     SUPERVISE),
    ("once 告诫, 告诫 while overdue, a note or not",
     [_notice("2021-11-02", SUPERVISE, "2021-11-09"), _notice("2021-11-12", WARN, "2021-11-19")],
     [("2021-11-15", "研究室")], None, "2021-11-25", WARN),
    ("a note by a unit not of the task answers nothing",
     [_notice("2021-11-02", SUPERVISE, "2021-11-09")], [("2021-11-05", "提案局")], None,
     "2021-11-12", WARN),
    ("a note by a cooperating unit answers",
     [_notice("2021-11-02", SUPERVISE, "2021-11-09")], [("2021-11-05", "秘书局")], None,
     "2021-11-12", SUPERVISE),
    ("a 督办 not yet due for its reply stays 督办",
     [_notice("2021-11-02", SUPERVISE, "2021-11-09")], [], None, "2021-11-08", SUPERVISE),
]  # fmt: skip


@pytest.fixture(scope="module")
def settings() -> object:
    return load_ledger(Path(__file__).parent.parent / "ledger", task_files=[]).settings


@pytest.mark.parametrize(("notices", "notes", "applied", "day", "level"),
                         [case[1:] for case in CASES], ids=[case[0] for case in CASES])  # fmt: skip
def test_the_ladder_climbs_one_step_at_a_time(
    notices: list[NoticeDates],
    notes: list[tuple[str, str]],
    applied: str | None,
    day: str,
    level: NoticeLevel | None,
    settings: object,
) -> None:
    timeline = _timeline(notices, notes, applied)
    state = compute_state(timeline, settings, D(day))  # type: ignore[arg-type]
    assert level_due(timeline, state, 20, UNITS) == level
