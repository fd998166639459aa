"""A task as it stood on any day: only records dated by then count.

Each history below is asserted day by day around the date of every record
in it, and a property holds it in general: adding a record dated after a day
never changes what the task was on that day.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.helpers import EXAMPLE_LEDGER, REPO, copy_example, invoke
from zhenggai.days.state import TaskState, compute_state, timeline_of
from zhenggai.ledger.load import load_ledger
from zhenggai.ledger.queries import rows_for
from zhenggai.records.model import Settings, Status, Task
from zhenggai.records.validation import validate
from zhenggai.records.vocab import Light
from zhenggai.reports.status import build_status

SETTINGS = validate(
    Settings,
    {
        "title": "示例",
        "source": {"kind": "巡视", "inspector": "巡视组", "feedback_date": "2021-02-04"},
    },
)
BASE: dict[str, Any] = {
    "id": "TASK-001",
    "title": "制定工作规则",
    "problem": "P01",
    "lead": "秘书长",
    "units": ["办公厅"],
    "term": "dated",
    "status": "in-progress",
    "deadline": "2021-06-30",
}
CLOSING = {"by": "整改办", "summary": "已印发"}


def task(**changes: Any) -> Task:
    return validate(Task, {**BASE, **changes})


def on(record: Task, day: str) -> TaskState:
    return compute_state(timeline_of(record), SETTINGS, date.fromisoformat(day))


def seen(state: TaskState) -> tuple[Any, ...]:
    """What a person reads of a state: status, deadline in force, days late, done late by."""
    deadline = state.deadline.isoformat() if state.deadline else None
    return (state.status.value, deadline, state.days_late, state.closed_late_days)


SIGNED_OFF_LATE = task(status="done", closing={"date": "2021-07-20", **CLOSING})
REOPENED_AND_CLOSED_AGAIN = task(
    deadline="2021-09-30",
    status="done",
    closing={"date": "2021-08-15", **CLOSING},
    reopenings=[
        {
            "date": "2021-06-01",
            "reason": "回头看：制度未印发",
            "previous_closing": {"date": "2021-05-10", **CLOSING},
        }
    ],
)
EXTENDED_AFTER_THE_DEADLINE = task(
    deadline="2021-09-30",
    extensions=[
        {"from": "2021-06-30", "to": "2021-09-30", "reason": "待审议", "date": "2021-07-10"}
    ],
)
CANCELLED = task(status="cancelled", cancelled={"date": "2021-08-01", "reason": "与 TASK-002 合并"})
UNDATED_CANCELLATION = task(status="cancelled", cancel_reason="与 TASK-002 合并")
CREATED_IN_MAY = task(created="2021-05-01", deadline="2021-12-31")

HISTORIES: dict[str, tuple[Task, dict[str, tuple[Any, ...]]]] = {
    "signed off 20 days late": (
        SIGNED_OFF_LATE,
        {
            "2021-06-30": ("in-progress", "2021-06-30", 0, None),
            "2021-07-01": ("in-progress", "2021-06-30", 1, None),
            "2021-07-19": ("in-progress", "2021-06-30", 19, None),
            "2021-07-20": ("done", "2021-06-30", 0, 20),
            "2021-12-31": ("done", "2021-06-30", 0, 20),
        },
    ),
    "reopened and closed again": (
        REOPENED_AND_CLOSED_AGAIN,
        {
            "2021-05-09": ("in-progress", "2021-09-30", 0, None),
            "2021-05-10": ("done", "2021-09-30", 0, None),
            "2021-05-31": ("done", "2021-09-30", 0, None),
            "2021-06-01": ("in-progress", "2021-09-30", 0, None),
            "2021-08-14": ("in-progress", "2021-09-30", 0, None),
            "2021-08-15": ("done", "2021-09-30", 0, None),
        },
    ),
    "extended after the deadline passed": (
        EXTENDED_AFTER_THE_DEADLINE,
        {
            "2021-06-30": ("in-progress", "2021-06-30", 0, None),
            "2021-07-01": ("in-progress", "2021-06-30", 1, None),
            "2021-07-09": ("in-progress", "2021-06-30", 9, None),
            "2021-07-10": ("in-progress", "2021-09-30", 0, None),
            "2021-10-01": ("in-progress", "2021-09-30", 1, None),
        },
    ),
    "cancelled on 1 August": (
        CANCELLED,
        {
            "2021-06-30": ("in-progress", "2021-06-30", 0, None),
            "2021-07-31": ("in-progress", "2021-06-30", 31, None),
            "2021-08-01": ("cancelled", "2021-06-30", 0, None),
        },
    ),
    "cancelled without a date (an older file)": (
        UNDATED_CANCELLATION,
        {"2021-03-01": ("cancelled", "2021-06-30", 0, None)},
    ),
}
DAYS = [(name, day) for name, (_, days) in HISTORIES.items() for day in days]


@pytest.mark.parametrize(("name", "day"), DAYS)
def test_a_task_on_each_day_of_its_history(name: str, day: str) -> None:
    record, expected = HISTORIES[name]
    assert seen(on(record, day)) == expected[day]


def test_a_late_sign_off_reads_as_done_late_and_was_overdue_before() -> None:
    before, after = on(SIGNED_OFF_LATE, "2021-07-19"), on(SIGNED_OFF_LATE, "2021-07-20")
    assert (before.overdue, before.light, before.is_open) == (True, Light.RED, True)
    assert (after.done_late, after.closed_on, after.overdue) == (True, date(2021, 7, 20), False)


def test_the_extension_counts_from_the_day_it_was_approved() -> None:
    assert on(EXTENDED_AFTER_THE_DEADLINE, "2021-07-09").extensions == 0
    assert on(EXTENDED_AFTER_THE_DEADLINE, "2021-07-10").extensions == 1
    # Signed off on 1 August: late against the deadline of 1 July, not of 10 July on.
    closed = task(
        status="done",
        deadline="2021-09-30",
        extensions=[
            {"from": "2021-06-30", "to": "2021-09-30", "reason": "待审议", "date": "2021-07-10"}
        ],
        closing={"date": "2021-08-01", **CLOSING},
    )
    assert on(closed, "2021-08-01").closed_late_days is None
    early = task(
        status="done",
        deadline="2021-09-30",
        extensions=[
            {"from": "2021-06-30", "to": "2021-09-30", "reason": "待审议", "date": "2021-08-05"}
        ],
        closing={"date": "2021-08-01", **CLOSING},
    )
    assert on(early, "2021-12-31").closed_late_days == 32  # the extension came after


def test_a_task_does_not_exist_before_it_was_created_and_is_not_stale_at_once() -> None:
    assert not on(CREATED_IN_MAY, "2021-04-30").exists
    fresh = on(CREATED_IN_MAY, "2021-05-01")
    assert fresh.exists and fresh.stale_days is None
    assert on(CREATED_IN_MAY, "2021-05-31").stale_days is None  # 30 days: the window
    assert on(CREATED_IN_MAY, "2021-06-01").stale_days == 31  # from creation, not feedback
    # An older file without `created`: the feedback date, or an earlier record of its own.
    assert not on(task(), "2021-02-03").exists
    assert on(task(), "2021-02-04").exists
    early = task(progress=[{"date": "2021-01-20", "text": "先期整改：梳理制度"}])
    assert on(early, "2021-01-20").exists


def test_notes_and_milestones_count_from_their_dates() -> None:
    record = task(
        deadline="2021-12-31",
        progress=[
            {"date": "2021-03-01", "text": "起草"},
            {"date": "2021-09-01", "text": "审议"},
        ],
        milestones=[{"due": "2021-06-30", "what": "初稿", "done": "2021-07-15"}],
    )
    assert on(record, "2021-08-31").last_progress == date(2021, 3, 1)
    assert on(record, "2021-08-31").stale_days == 183
    assert on(record, "2021-09-01").last_progress == date(2021, 9, 1)
    assert [m.what for m in on(record, "2021-07-14").open_milestones] == ["初稿"]
    assert on(record, "2021-07-15").open_milestones == ()


# --- the property -------------------------------------------------------------

DAY0 = date(2021, 1, 1)
days_in_2021 = st.integers(min_value=0, max_value=364).map(lambda n: DAY0 + timedelta(days=n))


@st.composite
def histories(draw: st.DrawFn) -> tuple[dict[str, Any], date]:
    """A consistent task history, and a day to look at it on."""
    day = draw(days_in_2021)
    data: dict[str, Any] = {**BASE, "deadline": draw(days_in_2021).isoformat()}
    if draw(st.booleans()):
        data["created"] = draw(days_in_2021).isoformat()
    notes = sorted(draw(st.lists(days_in_2021, max_size=4)))
    data["progress"] = [{"date": d.isoformat(), "text": "进展"} for d in notes]
    data["milestones"] = [{"due": draw(days_in_2021).isoformat(), "what": "节点"}]
    moves = draw(st.lists(st.tuples(days_in_2021, st.integers(1, 90)), max_size=3))
    deadline = date.fromisoformat(data["deadline"])
    extensions = []
    for approved, by in moves:
        extensions.append(
            {
                "from": deadline.isoformat(),
                "to": (deadline + timedelta(days=by)).isoformat(),
                "reason": "延期",
                "date": approved.isoformat(),
            }
        )
        deadline += timedelta(days=by)
    if extensions:
        data["extensions"], data["deadline"] = extensions, deadline.isoformat()
    sign_offs = sorted(draw(st.lists(days_in_2021, max_size=4, unique=True)))
    reopenings = []
    while len(sign_offs) >= 2:  # closed, then reopened: the pairs before the last sign-off
        closed, reopened = sign_offs[:2]
        sign_offs = sign_offs[2:]
        reopenings.append(
            {
                "date": reopened.isoformat(),
                "reason": "回头看",
                "previous_closing": {"date": closed.isoformat(), **CLOSING},
            }
        )
    data["reopenings"] = reopenings
    if sign_offs:
        data["status"], data["closing"] = "done", {"date": sign_offs[0].isoformat(), **CLOSING}
    return data, day


@st.composite
def a_later_record(draw: st.DrawFn, data: dict[str, Any], day: date) -> dict[str, Any]:
    """``data`` with one more record, dated after ``day``."""
    later = day + timedelta(days=draw(st.integers(1, 400)))
    data = {key: list(value) if isinstance(value, list) else value for key, value in data.items()}
    kinds = ["note", "extension", "evidence", "milestone", "cancel"]
    if data["status"] == "done":
        kinds.append("reopen")
    else:
        kinds.append("close")
    kind = draw(st.sampled_from(kinds))
    if kind == "note":
        last = max((date.fromisoformat(n["date"]) for n in data["progress"]), default=later)
        data["progress"].append({"date": max(later, last).isoformat(), "text": "后来的进展"})
    elif kind == "extension":
        to = date.fromisoformat(data["deadline"]) + timedelta(days=30)
        data.setdefault("extensions", []).append(
            {
                "from": data["deadline"],
                "to": to.isoformat(),
                "reason": "再延期",
                "date": later.isoformat(),
            }
        )
        data["deadline"] = to.isoformat()
    elif kind == "evidence":
        data["evidence"] = [
            {
                "path": "evidence/TASK-001/a.pdf",
                "sha256": "0" * 64,
                "size": 1,
                "added": later.isoformat(),
            }
        ]
    elif kind == "milestone":
        data["milestones"] = [{**data["milestones"][0], "done": later.isoformat()}]
    elif kind == "cancel":
        data["status"], data["cancelled"] = (
            "cancelled",
            {"date": later.isoformat(), "reason": "合并"},
        )
        if "closing" in data:  # a cancelled task keeps its old sign-off as a reopening
            closing = data.pop("closing")
            data["reopenings"].append(
                {
                    "date": max(later, date.fromisoformat(closing["date"])).isoformat(),
                    "reason": "撤销",
                    "previous_closing": closing,
                }
            )
    elif kind == "reopen":
        closing = data.pop("closing")
        data["status"] = "in-progress"
        reopened = max(later, date.fromisoformat(closing["date"]))
        data["reopenings"].append(
            {"date": reopened.isoformat(), "reason": "回头看", "previous_closing": closing}
        )
    else:
        last = max((date.fromisoformat(r["date"]) for r in data["reopenings"]), default=later)
        data["status"], data["closing"] = "done", {"date": max(later, last).isoformat(), **CLOSING}
    return data


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_records_dated_after_a_day_never_change_that_day(data: st.DataObject) -> None:
    base, day = data.draw(histories())
    grown = data.draw(a_later_record(base, day))
    before = compute_state(timeline_of(validate(Task, base)), SETTINGS, day)
    after = compute_state(timeline_of(validate(Task, grown)), SETTINGS, day)
    assert after == before


# --- the example ledger and the commands ------------------------------------


def test_nothing_was_done_before_the_first_sign_off() -> None:
    ledger = load_ledger(EXAMPLE_LEDGER)
    first = min(loaded.task.closing.date for loaded in ledger.tasks if loaded.task.closing)
    assert first == date(2021, 3, 2)
    report = build_status(ledger, date(2021, 3, 1))
    assert (report.overall.done, report.overall.extended) == (0, 0)
    assert sum(adopted for _, adopted, _ in report.regulations) == 0
    closed_first = [t for t in ledger.tasks if t.task.closing and t.task.closing.date == first]
    assert build_status(ledger, first).overall.done == len(closed_first) > 0


def test_regulations_count_by_batch_once_adopted(tmp_path: Any) -> None:
    root = copy_example(tmp_path / "ledger")
    task = root / "tasks" / "TASK-104.yaml"
    batch = "regulations:\n  - {name: 机关工作制度（第一批，共6项）, action: 废, count: 6, adopted: 2021-09-27}\n"
    task.write_text(task.read_text("utf-8") + batch, "utf-8")
    ledger = load_ledger(root)
    early, late = build_status(ledger, date(2021, 6, 30)), build_status(ledger, date(2021, 10, 23))
    assert dict((a, (n, p)) for a, n, p in early.regulations)["废"] == (0, 6)
    # The batch counts as six, once adopted on 27 September.
    assert dict((a, (n, p)) for a, n, p in late.regulations)["废"] == (6, 0)
    adopted_total = sum(n for _, n, _ in late.regulations) + sum(p for _, _, p in late.regulations)
    records = sum(r.count for loaded in ledger.tasks for r in loaded.task.regulations)
    assert adopted_total == records


def _late_copy(tmp_path: Any) -> Any:
    """The example ledger with TASK-007's sign-off moved 20 days past its deadline."""
    root = copy_example(tmp_path / "ledger")
    path = root / "tasks" / "TASK-007.yaml"
    text = path.read_text(encoding="utf-8")
    loaded = load_ledger(root).by_id["TASK-007"].task
    assert loaded.closing is not None and loaded.deadline is not None
    late = loaded.deadline + timedelta(days=20)
    text = text.replace(f"date: {loaded.closing.date}", f"date: {late}")
    text = text.replace(f"added: {loaded.evidence[0].added}", f"added: {late}")
    path.write_text(text, encoding="utf-8")
    return root, loaded.deadline, late


@pytest.mark.ledger_language
def test_a_late_sign_off_shows_in_list_show_json_and_status(tmp_path: Any, runner: Any) -> None:
    import json

    root, deadline, late = _late_copy(tmp_path)
    ledger = ["--ledger", str(root)]
    between = (deadline + timedelta(days=10)).isoformat()
    code, out, err = invoke(runner, ["list", "--overdue", "--as-of", between, *ledger])
    assert code == 0, err
    assert "TASK-007" in out and "逾期10天" in out
    code, out, _ = invoke(
        runner, ["list", "--as-of", late.isoformat(), "--format", "json", *ledger]
    )
    record = next(t for t in json.loads(out)["tasks"] if t["id"] == "TASK-007")
    assert (record["status"], record["closed_late_days"], record["overdue"]) == ("done", 20, False)
    _, out, _ = invoke(runner, ["list", "--as-of", late.isoformat(), "--status", "done", *ledger])
    row = next(line for line in out.splitlines() if line.startswith("TASK-007"))
    assert "逾期20天完成" in row and row.rstrip().endswith("逾期完成")
    _, out, _ = invoke(runner, ["show", "TASK-007", "--as-of", late.isoformat(), *ledger])
    assert "逾期完成 · 逾期20天完成" in out
    _, out, _ = invoke(runner, ["status", "--as-of", late.isoformat(), "--format", "json", *ledger])
    overall = json.loads(out)["overall"]
    assert overall["done_late"] == 1
    assert overall["on_time_completion_rate"] < overall["completion_rate"]


def test_status_of_the_example_on_three_days(runner: Any) -> None:
    import json

    done = {}
    for day in ("2021-03-01", "2021-06-30", "2021-10-23"):
        _, out, _ = invoke(runner, ["status", "--as-of", day, "--format", "json"], cwd=REPO)
        document = json.loads(out)
        done[day] = (document["overall"]["done"], document["regulations"])
    assert done["2021-03-01"] == (0, {"立": 0, "改": 0, "废": 0})
    assert done["2021-06-30"] == (30, {"立": 10, "改": 5, "废": 0})
    assert done["2021-10-23"] == (42, {"立": 12, "改": 8, "废": 0})  # those the ledger names


def test_list_leaves_out_tasks_not_created_yet(tmp_path: Any) -> None:
    root = copy_example(tmp_path / "ledger")
    path = root / "tasks" / "TASK-010.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("status: ", "created: 2021-06-01\nstatus: ", 1),
        encoding="utf-8",
    )
    ledger = load_ledger(root)
    ids = {row.loaded.id for row in rows_for(ledger, date(2021, 5, 31))}
    assert "TASK-010" not in ids and len(ids) == 106
    assert "TASK-010" in {row.loaded.id for row in rows_for(ledger, date(2021, 6, 1))}
    assert ledger.by_id["TASK-010"].timeline.status in (
        Status.IN_PROGRESS,
        Status.DONE,
        Status.ONGOING,
    )


@pytest.mark.ledger_language
def test_show_says_a_task_was_not_yet_created_and_shows_a_cancellation(
    tmp_path: Any, runner: Any
) -> None:
    root = copy_example(tmp_path / "ledger")
    path = root / "tasks" / "TASK-016.yaml"
    text = path.read_text(encoding="utf-8")
    assert "status: in-progress" in text
    path.write_text(
        text.replace(
            "status: in-progress",
            "status: cancelled\ncreated: 2021-06-01\n"
            "cancelled: {date: 2021-09-01, reason: 与 TASK-009 合并, by: 整改办}",
        ),
        encoding="utf-8",
    )
    ledger = ["--ledger", str(root)]
    code, out, err = invoke(runner, ["show", "TASK-016", "--as-of", "2021-05-31", *ledger])
    assert code == 0, err
    assert "2021-05-31 时尚未列入台账（2021-06-01 列入）" in out
    _, out, _ = invoke(runner, ["show", "TASK-016", "--as-of", "2021-08-31", *ledger])
    assert "推进中" in out
    _, out, _ = invoke(runner, ["show", "TASK-016", "--as-of", "2021-09-01", *ledger])
    assert "已撤销" in out and "2021-09-01，整改办：与 TASK-009 合并" in out
    _, out, _ = invoke(runner, ["check", "--as-of", "2021-10-23", *ledger])
    assert out == ""  # a dated cancellation is a complete record


def test_a_cancellation_record_on_a_task_in_progress_is_a_finding(
    tmp_path: Any, runner: Any
) -> None:
    root = copy_example(tmp_path / "ledger")
    path = root / "tasks" / "TASK-016.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace(
            "status: in-progress",
            "status: in-progress\ncancelled: {date: 2021-09-01, reason: 合并}",
        ),
        encoding="utf-8",
    )
    code, out, _ = invoke(runner, ["check", "--as-of", "2021-10-23", "--ledger", str(root)])
    assert code == 1
    assert "cancelled on a task whose status is in-progress [status-record]" in out


@pytest.mark.ledger_language
def test_a_narrow_terminal_leaves_status_columns_out_and_says_so(
    runner: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    _, out, _ = invoke(runner, ["status", "--as-of", "2021-10-23"], cwd=REPO)
    header = out.splitlines()[3]
    assert "按期完成率" in header and "完成率*" not in header and "撤销" not in header
    assert "未显示：完成率*、撤销" in "".join(out.split())
    monkeypatch.setenv("COLUMNS", "120")
    _, wide, _ = invoke(runner, ["status", "--as-of", "2021-10-23"], cwd=REPO)
    assert "完成率*" in wide.splitlines()[3] and "未显示" not in wide


def test_the_counts_over_time_are_those_of_each_day() -> None:
    """The dashboard's weekly series gives, on every day, what the states of that day give."""
    from datetime import timedelta

    from zhenggai.days.series import counts_on
    from zhenggai.days.state import compute_state
    from zhenggai.ledger.load import load_ledger
    from zhenggai.records.model import Status

    ledger = load_ledger(EXAMPLE_LEDGER)
    start = ledger.settings.source.feedback_date - timedelta(days=70)
    days = [start + timedelta(days=9 * k) for k in range(40)]
    series = counts_on((t.timeline for t in ledger.tasks), ledger.settings, days)
    for point in series:
        states = [compute_state(t.timeline, ledger.settings, point.day) for t in ledger.tasks]
        states = [s for s in states if s.exists]
        assert point.existing == len(states), point.day
        assert point.done == sum(1 for s in states if s.status is Status.DONE), point.day
        assert point.overdue == sum(1 for s in states if s.overdue), point.day
    assert series[-1].done > 0 and max(p.overdue for p in series) > 0
