"""The core API: dates, computed state, loading and check levels, with no terminal involved."""

from __future__ import annotations

import os
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.helpers import EXAMPLE_LEDGER, build_case, copy_example, listed_folders
from zhenggai.checks.index import CHECKS
from zhenggai.checks.runner import levels_for, run_checks
from zhenggai.days.dates import latest_passed_review, ledger_today, parse_day, period_start
from zhenggai.days.state import compute_state, is_open
from zhenggai.findings import Finding, LedgerError
from zhenggai.ledger import workers
from zhenggai.ledger.find import find_ledger
from zhenggai.ledger.load import load_ledger
from zhenggai.ledger.loaded import Ledger
from zhenggai.ledger.queries import TaskFilter, rows_for, select_tasks, sort_rows
from zhenggai.ledger.reader import format_loc
from zhenggai.ledger.workers import FileRead, ReadExtras
from zhenggai.records.model import Cadence, Level, Status
from zhenggai.records.vocab import Light, SortKey

EXAMPLE = load_ledger(EXAMPLE_LEDGER)


def test_example_ledger_shape() -> None:
    assert len(EXAMPLE.tasks) == 107
    assert len(EXAMPLE.sections) == 5  # the four of the feedback, and 先期整改
    assert len(EXAMPLE.problems) == 13
    statuses = {loaded.task.status for loaded in EXAMPLE.tasks}
    assert statuses == {Status.DONE, Status.IN_PROGRESS, Status.ONGOING}
    assert sum(not loaded.task.public for loaded in EXAMPLE.tasks) == 1
    assert any(loaded.task.counters for loaded in EXAMPLE.tasks)
    assert sum(len(loaded.task.extensions) for loaded in EXAMPLE.tasks) >= 4
    actions = {r.action for loaded in EXAMPLE.tasks for r in loaded.task.regulations}
    assert actions == {"立", "改"}  # the source names no regulation abolished
    assert EXAMPLE.findings == []


def test_example_ledger_checks_clean_on_report_date() -> None:
    report = run_checks(EXAMPLE, date(2021, 10, 23))
    assert report.findings == ()
    assert report.checks == tuple(c.id for c in CHECKS if c.tier != "change")


@pytest.mark.parametrize(
    ("utc", "expected"),
    [
        (datetime(2021, 10, 23, 15, 59, tzinfo=UTC), date(2021, 10, 23)),
        # 16:00 UTC is midnight in Shanghai: the ledger is already on the next day.
        (datetime(2021, 10, 23, 16, 0, tzinfo=UTC), date(2021, 10, 24)),
        (datetime(2021, 12, 31, 23, 0, tzinfo=UTC), date(2022, 1, 1)),
    ],
)
def test_ledger_today_is_in_the_ledger_timezone(utc: datetime, expected: date) -> None:
    assert ledger_today("Asia/Shanghai", utc) == expected


def test_ledger_today_refuses_a_naive_clock() -> None:
    with pytest.raises(ValueError, match="timezone"):
        ledger_today("Asia/Shanghai", datetime(2021, 10, 23, 12, 0))


@pytest.mark.parametrize(
    "text", ["20210701", "2021-02-29", "tomorrow", "", "2021-12/31", "2021年12-31", "2021.12.31日"]
)
def test_parse_day_refuses(text: str) -> None:
    with pytest.raises(ValueError, match="is not a"):
        parse_day(text)


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31)))
def test_a_day_reads_as_offices_write_it(day: date) -> None:
    y, m, d = day.year, day.month, day.day
    for written in (
        day.isoformat(), f"{y}/{m}/{d}", f"{y}.{m:02d}.{d:02d}", f"{y}年{m}月{d}日",
        f"{y}-{m}-{d}", f" {y} 年 {m} 月 {d} 日 ",
    ):  # fmt: skip
        assert parse_day(written) == day, written


@pytest.mark.parametrize(
    ("cadence", "today", "due", "start"),
    [
        (Cadence.QUARTERLY, date(2021, 10, 23), date(2021, 9, 30), date(2021, 7, 1)),
        (Cadence.QUARTERLY, date(2021, 10, 1), date(2021, 9, 30), date(2021, 7, 1)),
        (Cadence.QUARTERLY, date(2021, 9, 30), date(2021, 6, 30), date(2021, 4, 1)),
        (Cadence.MONTHLY, date(2021, 3, 1), date(2021, 2, 28), date(2021, 2, 1)),
        (Cadence.HALF_YEARLY, date(2021, 10, 23), date(2021, 6, 30), date(2021, 1, 1)),
        (Cadence.YEARLY, date(2021, 10, 23), date(2020, 12, 31), date(2020, 1, 1)),
        (Cadence.FIRST_QUARTER, date(2021, 10, 23), date(2021, 3, 31), date(2021, 1, 1)),
        (Cadence.FIRST_QUARTER, date(2021, 3, 31), date(2020, 3, 31), date(2020, 1, 1)),
    ],
)
def test_latest_passed_review(cadence: Cadence, today: date, due: date, start: date) -> None:
    assert latest_passed_review(cadence, today) == (due, start)


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)), st.sampled_from(Cadence))
def test_review_due_is_always_in_the_past_and_after_its_period_start(
    today: date, cadence: Cadence
) -> None:
    due, start = latest_passed_review(cadence, today)
    assert start <= due < today
    assert period_start(cadence, start) == start


@pytest.mark.parametrize(
    ("days_before_deadline", "overdue", "light"),
    [
        (-1, True, Light.RED),  # the day after the deadline
        (0, False, Light.YELLOW),  # due today: not late until the day is over
        (1, False, Light.YELLOW),
        (10, False, Light.YELLOW),  # exactly the yellow threshold
        (11, False, Light.NOTICE),
        (20, False, Light.NOTICE),  # exactly the notice threshold
        (21, False, Light.GREEN),
    ],
)
def test_state_at_threshold_boundaries(
    days_before_deadline: int, overdue: bool, light: Light
) -> None:
    loaded = EXAMPLE.by_id["TASK-016"]  # in progress, due 2021-12-31
    deadline = loaded.task.deadline
    assert deadline == date(2021, 12, 31)
    state = compute_state(
        loaded.timeline, EXAMPLE.settings, deadline - timedelta(days=days_before_deadline)
    )
    assert state.overdue is overdue
    assert state.light is light
    assert state.days_left == days_before_deadline


def test_done_tasks_are_never_overdue() -> None:
    for loaded in EXAMPLE.tasks:
        if loaded.task.status is Status.DONE:
            assert not compute_state(loaded.timeline, EXAMPLE.settings, date(2030, 1, 1)).overdue


@given(st.dates(min_value=date(2021, 1, 1), max_value=date(2023, 12, 31)), st.integers(1, 400))
def test_overdue_is_monotone_in_the_day_asked_about(day: date, later_by: int) -> None:
    later = day + timedelta(days=later_by)
    for loaded in EXAMPLE.tasks:
        if compute_state(loaded.timeline, EXAMPLE.settings, day).overdue:
            assert compute_state(loaded.timeline, EXAMPLE.settings, later).overdue


@given(st.dates(min_value=date(2021, 1, 1), max_value=date(2023, 12, 31)))
def test_overdue_findings_match_computed_state(day: date) -> None:
    report = run_checks(EXAMPLE, day, levels_for(EXAMPLE, select=["overdue"]))
    flagged = {f.task for f in report.findings if f.message.startswith("overdue by")}
    late = {
        loaded.task.id
        for loaded in EXAMPLE.tasks
        if compute_state(loaded.timeline, EXAMPLE.settings, day).overdue
    }
    assert flagged == late
    assert all(
        is_open(compute_state(EXAMPLE.by_id[task_id].timeline, EXAMPLE.settings, day).status)
        for task_id in late
    )


def test_find_ledger_precedence(tmp_path: Path) -> None:
    root = build_case("clean", tmp_path)
    other = build_case("stale-fail", tmp_path / "other")
    nested = root / "tasks"
    assert find_ledger(None, {}, nested) == root
    assert find_ledger(None, {}, tmp_path) == root  # ./ledger/
    assert find_ledger(None, {"ZHENGGAI_LEDGER": str(other)}, nested) == other
    assert find_ledger(other / "zhenggai.yaml", {"ZHENGGAI_LEDGER": str(root)}, nested) == other
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(LedgerError, match="no ledger found"):
        find_ledger(None, {}, empty)


def test_levels_precedence() -> None:
    levels = levels_for(EXAMPLE, select=["basic", "overdue"], fail_on=["overdue"], ignore=["parse"])
    assert levels["overdue"] is Level.ERROR
    assert levels["parse"] is Level.OFF
    assert levels["schema"] is Level.ERROR
    assert levels["stale"] is Level.OFF


def test_findings_sort_by_file_then_position() -> None:
    findings = [
        Finding("b", "m", "tasks/TASK-002.yaml", 1, 1),
        Finding("a", "m", "tasks/TASK-001.yaml", 9, 1),
        Finding("a", "m", "tasks/TASK-001.yaml", 2, 5),
    ]
    ordered = sorted(findings, key=Finding.sort_key)
    assert [(f.path, f.line) for f in ordered] == [
        ("tasks/TASK-001.yaml", 2),
        ("tasks/TASK-001.yaml", 9),
        ("tasks/TASK-002.yaml", 1),
    ]


def test_format_loc() -> None:
    assert format_loc(("milestones", 0, "due")) == "milestones[0].due"
    assert format_loc(()) == ""


def test_a_broken_task_is_reported_never_skipped(tmp_path: Path) -> None:
    root = build_case("clean", tmp_path)
    (root / "tasks" / "TASK-004.yaml").write_text("id: TASK-004\ntitle: [unclosed\n", "utf-8")
    ledger = load_ledger(root)
    assert [t.task.id for t in ledger.tasks] == ["TASK-001", "TASK-002", "TASK-003"]
    assert ledger.unloaded_task_files == ["tasks/TASK-004.yaml"]
    assert [(f.check, f.path, f.line) for f in ledger.findings] == [
        ("parse", "tasks/TASK-004.yaml", 3)
    ]


def test_missing_problems_file_is_a_finding_and_references_are_not_flooded(tmp_path: Path) -> None:
    root = build_case("clean", tmp_path)
    (root / "problems.yaml").unlink()
    report = run_checks(load_ledger(root), date(2021, 10, 23))
    assert [(f.check, f.path, f.message) for f in report.findings] == [
        ("parse", "problems.yaml", "problems.yaml is missing")
    ]


@given(st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)))
def test_overdue_and_not_overdue_partition_the_open_tasks(day: date) -> None:
    states = [compute_state(t.timeline, EXAMPLE.settings, day) for t in EXAMPLE.tasks]
    open_states = [s for s in states if s.is_open]
    late = [s for s in open_states if s.overdue]
    on_time = [s for s in open_states if not s.overdue]
    assert len(late) + len(on_time) == len(open_states)
    assert all(s.days_left is not None and s.days_left < 0 for s in late)
    assert all(s.days_left is None or s.days_left >= 0 for s in on_time)
    assert all(s.light is Light.RED for s in late)
    assert not any(s.overdue for s in states if not s.is_open)


def test_the_parse_cache_gives_exactly_the_same_findings(tmp_path: Path) -> None:
    import shutil

    root = tmp_path / "ledger"
    copy_example(root)
    broken = root / "tasks" / "TASK-005.yaml"
    broken.write_text("id: TASK-005\ntitle: [broken\n", "utf-8")
    invalid = root / "tasks" / "TASK-006.yaml"
    invalid.write_text(invalid.read_text("utf-8") + "deadlne: 2021-12-31\n", "utf-8")
    an_hour_ago = time.time() - 3600  # older than the cache's racily-clean window
    for path in root.rglob("*"):  # a file of the example edited a moment ago too
        os.utime(path, (an_hour_ago, an_hour_ago))
    day = date(2021, 12, 1)
    plain = run_checks(load_ledger(root), day)
    first = load_ledger(root, use_cache=True)
    cold = run_checks(first, day)
    first.save_cache()
    warm_ledger = load_ledger(root, use_cache=True)
    assert warm_ledger.cache is not None
    assert len(warm_ledger.cache.records) == 105 + 2  # tasks, settings, problems
    assert sorted(warm_ledger.cache.rejected) == ["tasks/TASK-005.yaml", "tasks/TASK-006.yaml"]
    warm = run_checks(warm_ledger, day)
    warm_ledger.save_cache()
    third = load_ledger(root, use_cache=True)
    run_checks(third, day)
    assert third.cache is not None and not third.cache.dirty  # nothing new: nothing rewritten
    again = run_checks(load_ledger(root, use_cache=True), day)  # positions from the cache
    assert plain.findings == cold.findings == warm.findings == again.findings
    assert {"parse", "schema"} <= {
        f.check for f in warm.findings if f.path in warm_ledger.unloaded_task_files
    }
    assert len(plain.findings) > 30
    assert [t.task for t in warm_ledger.tasks] == [t.task for t in load_ledger(root).tasks]
    # A rejected file that is mended is read again.
    shutil.copy(EXAMPLE_LEDGER / "tasks" / "TASK-005.yaml", broken)
    mended = load_ledger(root, use_cache=True)
    assert "tasks/TASK-005.yaml" not in mended.unloaded_task_files


def test_kept_findings_follow_the_settings_they_were_made_with(tmp_path: Path) -> None:

    root = tmp_path / "ledger"
    copy_example(root)
    day = date(2021, 10, 23)
    warm = load_ledger(root, use_cache=True)
    assert run_checks(warm, day).findings == ()
    warm.save_cache()
    # Unregister a unit: every task naming it is now wrong, though no task file changed.
    settings = root / "zhenggai.yaml"
    text = settings.read_text("utf-8")
    settings.write_text(text.replace("  - id: 秘书局\n", "  - id: 秘书局甲\n", 1), "utf-8")
    again = run_checks(load_ledger(root, use_cache=True), day).findings
    assert again == run_checks(load_ledger(root), day).findings
    assert any(f.check == "known-references" and "秘书局" in f.message for f in again)


def test_a_cache_carried_to_a_fresh_copy_is_recognised_by_content(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    from zhenggai.ledger import load as loader

    first = copy_example(tmp_path / "first")
    day = date(2021, 12, 1)
    before = load_ledger(first, use_cache=True)
    expected = run_checks(before, day).findings
    before.save_cache()
    # As CI restores a cache into a new clone: every file has a new inode and mtime.
    clone = tmp_path / "clone"
    shutil.copytree(first, clone)
    for path in clone.rglob("*.yaml"):
        os.utime(path)
    read: list[list[str]] = []
    real_read_all = workers.read_all

    def spy(root: Path, rels: list[str], *extras: ReadExtras) -> list[FileRead]:
        read.append(rels)
        return real_read_all(root, rels, *extras)

    monkeypatch.setattr(loader, "read_all", spy)
    again = load_ledger(clone, use_cache=True)
    assert read == [[]]  # nothing parsed: every file's bytes are what the cache was made from
    assert run_checks(again, day).findings == expected
    again.save_cache()
    # A file whose bytes did change is read again, and only that one.
    task = clone / "tasks" / "TASK-016.yaml"
    task.write_text(task.read_text("utf-8").replace("提案局", "新闻局", 1), "utf-8")
    read.clear()
    assert load_ledger(clone, use_cache=True).by_id["TASK-016"].task.units == ["新闻局"]
    assert read == [["tasks/TASK-016.yaml"]]


def test_packing_gives_back_every_record_exactly() -> None:
    from zhenggai.ledger.summary import TaskSummary, summarize
    from zhenggai.records.model import ProblemsFile, Settings, Task
    from zhenggai.records.packing import pack, unpack

    for loaded in EXAMPLE.tasks:
        task = loaded.task
        assert unpack(Task, pack(task)) == task
        assert unpack(TaskSummary, pack(summarize(task))) == summarize(task)
    assert unpack(Settings, pack(EXAMPLE.settings)) == EXAMPLE.settings
    problems = ProblemsFile(sections=EXAMPLE.sections)
    assert unpack(ProblemsFile, pack(problems)) == problems
    with pytest.raises(ValueError, match="does not match Task"):
        unpack(Task, ["too", "short"])


def _warm_example(root: Path) -> Path:
    """The example ledger at ``root``, its files an hour old, its parse cache filled."""
    copy_example(root)
    (root / "tasks" / "notes.txt").write_text("not a task", "utf-8")
    (root / "tasks" / "TASK-900.yaml").mkdir()
    an_hour_ago = time.time() - 3600  # older than the cache's racily-clean window
    for path in root.rglob("*"):
        os.utime(path, (an_hour_ago, an_hour_ago))
    load_ledger(root, use_cache=True).save_cache()
    return root


def test_task_files_and_evidence_taken_apart_are_read_alike(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from zhenggai.checks.runner import OneFileChecks
    from zhenggai.ledger import inventory as evidence
    from zhenggai.ledger import preload, scan
    from zhenggai.ledger.scan import TaskFolderScan

    root = _warm_example(tmp_path / "ledger")
    # Evidence to find wrong: a file edited in place, one gone, one nobody records.
    edited = next((root / "evidence" / "TASK-004").iterdir())
    edited.write_bytes(edited.read_bytes() + b"!")
    next((root / "evidence" / "TASK-005").iterdir()).unlink()
    (root / "evidence" / "TASK-007" / "extra.pdf").write_bytes(b"%PDF")
    day = date(2021, 12, 1)

    def as_check_does() -> tuple[Ledger, tuple[Finding, ...]]:
        ledger = load_ledger(
            root, use_cache=True, one_file_checks=OneFileChecks, hash_evidence=True
        )
        return ledger, run_checks(ledger, day).findings

    _, alone = as_check_does()
    assert {f.path for f in alone if f.check == "id-filename"} == {
        "tasks/notes.txt",
        "tasks/TASK-900.yaml",
    }
    assert {f.check for f in alone} >= {"evidence-intact", "orphan-evidence"}
    started: list[str] = []
    real = preload.Preload

    def spy(folder: str, evidence_root: Path | None) -> preload.Preload:
        started.append(folder)
        return real(folder, evidence_root)

    monkeypatch.setattr(preload, "Preload", spy)
    monkeypatch.setattr(preload, "PRELOAD_MIN_CACHE_BYTES", 0)
    # Never from a process where other threads run: a fork would copy their locks.
    import threading

    release = threading.Event()
    waiting = threading.Thread(target=release.wait)
    waiting.start()
    try:
        assert as_check_does()[1] == alone
    finally:
        release.set()
        waiting.join()
    assert started == []
    apart, findings = as_check_does()
    assert started == [str(root / "tasks")]
    assert apart.evidence._inventory is not None  # evidence/ was taken stock of in the child
    assert findings == alone
    assert [t.path for t in apart.tasks] == [t.path for t in load_ledger(root).tasks]
    assert run_checks(load_ledger(root, use_cache=True), day).findings == alone  # no evidence
    # A child that fails leaves the work to this process.
    parent = os.getpid()
    real_scan, real_inventory = scan.scan_tasks, evidence.take_inventory

    def failing_in_the_child(folder: str, with_stat: bool) -> TaskFolderScan:
        if os.getpid() != parent:
            raise OSError("the child cannot scan")
        return real_scan(folder, with_stat)

    def inventory_failing_in_the_child(at: Path) -> evidence.Inventory:
        if os.getpid() != parent:
            raise OSError("the child cannot take stock")
        return real_inventory(at)

    with monkeypatch.context() as failing:
        failing.setattr(evidence, "take_inventory", inventory_failing_in_the_child)
        ledger, findings = as_check_does()
        assert ledger.evidence._inventory is None
        assert findings == alone
        failing.setattr(preload, "scan_tasks", failing_in_the_child)
        assert as_check_does()[1] == alone
    # No process to be had: this one scans.
    with monkeypatch.context() as no_fork:

        def refused() -> int:
            raise BlockingIOError("fork: resource temporarily unavailable")

        no_fork.setattr(os, "fork", refused)
        assert as_check_does()[1] == alone
    # The inventory asked for when the scan before it went unused: still the inventory.
    taking = preload.Preload(str(root / "tasks"), root)
    inventory = taking.evidence_inventory()
    assert inventory is not None
    assert set(inventory) == apart.evidence.files
    # A child never asked for its inventory, or whose loading failed, is still ended.
    del apart, ledger
    import gc

    gc.collect()
    (root / "zhenggai.yaml").write_text("title: [\n", "utf-8")
    with pytest.raises(LedgerError):
        load_ledger(root, use_cache=True, hash_evidence=True)
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)  # no child is left behind


def test_a_child_taking_stock_holds_none_of_the_caller_s_pipes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import select
    import sys

    from zhenggai.ledger import inventory as evidence
    from zhenggai.ledger import preload

    root = _warm_example(tmp_path / "ledger")

    def slow(at: Path) -> evidence.Inventory:
        time.sleep(2)  # in the child: a large evidence/ being walked
        return {}

    monkeypatch.setattr(evidence, "take_inventory", slow)
    reading, writing = os.pipe()
    sys.stdout.flush()
    saved = os.dup(1)
    os.dup2(writing, 1)  # the child starts with this pipe as its standard output, only
    os.close(writing)
    try:
        taking = preload.Preload(str(root / "tasks"), root)
    finally:
        os.dup2(saved, 1)
        os.close(saved)
    try:
        # Whoever reads our output sees its end as soon as we are done, not 2 s later.
        ready, _, _ = select.select([reading], [], [], 1)
        assert ready and os.read(reading, 1) == b""
    finally:
        os.close(reading)
        taking.close()


def test_status_and_list_filters_never_build_a_task_whole(tmp_path: Path) -> None:
    from zhenggai.reports.status import build_status

    root = _warm_example(tmp_path / "ledger")
    day = date(2021, 10, 23)
    fresh = load_ledger(root)
    for loaded in fresh.tasks:  # the groups say what the whole task says
        task = loaded.task
        regulations = [
            (item.action, item.count, item.adopted_on.toordinal() if item.adopted_on else None)
            for item in task.regulations
        ]
        expected = (task.problem, task.units, task.lead, task.tags, regulations)
        assert tuple(loaded.groups) == expected
    warm = load_ledger(root, use_cache=True)
    assert build_status(warm, day) == build_status(fresh, day)
    unit = fresh.settings.units[1].id
    by_unit = TaskFilter(unit=unit, lead=fresh.tasks[0].task.lead)
    chosen = [row.loaded.id for row in select_tasks(warm, day, by_unit).rows]
    assert chosen
    assert chosen == [row.loaded.id for row in select_tasks(fresh, day, by_unit).rows]
    assert all(loaded._task is None for loaded in warm.tasks)


def test_evidence_folders_are_listed_again_only_when_they_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil
    import time

    from zhenggai.ledger.cache import open_cache

    root = copy_example(tmp_path / "ledger")
    an_hour_ago = time.time() - 3600
    folders = [root / "evidence", *(p for p in (root / "evidence").rglob("*") if p.is_dir())]
    for folder in folders:
        os.utime(folder, (an_hour_ago, an_hour_ago))
    day = date(2021, 12, 1)

    def orphans() -> list[str]:
        ledger = load_ledger(root, use_cache=True)
        found = [f.path for f in run_checks(ledger, day).findings if f.check == "orphan-evidence"]
        ledger.save_cache()
        return found

    assert orphans() == []
    folder = root / "evidence" / "TASK-004"
    (folder / "extra.pdf").write_bytes(b"%PDF")  # the folder's mtime moves: listed again
    assert orphans() == ["evidence/TASK-004/extra.pdf"]
    os.utime(folder, (an_hour_ago, an_hour_ago))
    assert orphans() == ["evidence/TASK-004/extra.pdf"]  # a new stat: listed again
    # Now every folder's listing comes from the cache: none is listed.
    listed = listed_folders(monkeypatch)
    assert orphans() == ["evidence/TASK-004/extra.pdf"]
    assert [path for path in listed if path.startswith(str(root / "evidence"))] == []
    # A folder removed is forgotten by the cache.
    monkeypatch.undo()
    shutil.rmtree(folder)
    assert orphans() == []
    assert "evidence/TASK-004" not in open_cache(root).listings


def test_the_cache_notices_a_same_size_edit_and_survives_corruption(tmp_path: Path) -> None:
    import os

    from zhenggai.ledger.cache import CACHE_DIR, CACHE_FILE

    root = tmp_path / "ledger"
    copy_example(root)
    task = root / "tasks" / "TASK-016.yaml"
    os.utime(task)  # modified just now, as by an editor a moment before the run
    load_ledger(root, use_cache=True).save_cache()
    text = task.read_text(encoding="utf-8")
    before = task.stat()
    # An edit in the same timestamp tick: same size, same mtime, same inode. The entry
    # was racily clean when cached (mtime within the cache's window), so it is re-read.
    task.write_text(text.replace("提案局", "新闻局", 1), "utf-8")
    os.utime(task, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert task.stat().st_size == before.st_size
    assert load_ledger(root, use_cache=True).by_id["TASK-016"].task.units == ["新闻局"]
    (root / CACHE_DIR / CACHE_FILE).write_bytes(b"\x00garbage")
    assert load_ledger(root, use_cache=True).by_id["TASK-016"].task.units == ["新闻局"]
    assert (root / CACHE_DIR / ".gitignore").read_text(encoding="utf-8").endswith("*\n")


def test_check_and_help_import_neither_rich_nor_the_editing_libraries(tmp_path: Path) -> None:
    import subprocess
    import sys

    ledger = tmp_path / "ledger"
    copy_example(ledger)
    an_hour_ago = time.time() - 3600  # older than the cache's racily-clean window
    for path in ledger.rglob("*"):
        os.utime(path, (an_hour_ago, an_hour_ago))
    check = ["check", "--as-of", "2021-10-23", "--ledger", str(ledger)]

    # main() ends the process with os._exit: the probe reports as it ends.
    probe = (
        "import os, sys\n"
        "from zhenggai.cli.app import main\n"
        "sys.argv = ['zhenggai'] + sys.argv[1:]\n"
        "end = os._exit\n"
        "def report(code):\n"
        "    heavy = sorted(m for m in ('rich', 'ruamel.yaml', 'chinese_calendar', 'pydantic',"
        " 'yaml', 'json', 'tempfile', 'zoneinfo') if m in sys.modules)\n"
        "    import gc\n"
        "    print('HEAVY', heavy, 'COLLECTOR', gc.isenabled(), file=sys.stderr, flush=True)\n"
        "    end(code)\n"
        "os._exit = report\n"
        "main()\n"
    )
    for args, expected in (
        (["--help"], "HEAVY []"),
        # cold: every file is read and validated, the timezone too; the cache is written
        (check, "HEAVY ['pydantic', 'tempfile', 'yaml', 'zoneinfo']"),
        # warm: everything comes from the parse cache; only the ledger's real today is
        # worked out (zoneinfo, 5 ms), for the future-date check
        (check, "HEAVY ['zoneinfo']"),
    ):
        result = subprocess.run(
            [sys.executable, "-c", probe, *args], capture_output=True, text=True, check=False
        )
        assert expected in result.stderr, result.stderr
        # Never turned on again at the end, when it would only walk what is about to go.
        assert "COLLECTOR False" in result.stderr, result.stderr


def test_parsing_in_worker_processes_finds_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:

    from zhenggai.ledger import workers

    root = tmp_path / "ledger"
    copy_example(root)
    (root / "tasks" / "TASK-005.yaml").write_text("id: TASK-005\ntitle: x\ntitle: y\n", "utf-8")
    day = date(2021, 12, 1)
    alone = load_ledger(root)
    monkeypatch.setattr(workers, "PARALLEL_MIN_FILES", 1)
    together = load_ledger(root)
    # Findings are placed from the positions recorded while reading, never by reading
    # the files again: emptied now, they could not say where anything was.
    for path in (root / "tasks").iterdir():
        path.write_text("", "utf-8")
    findings = run_checks(alone, day).findings
    assert run_checks(together, day).findings == findings
    assert sum(1 for f in findings if f.check == "overdue" and f.line > 1) >= 4


@pytest.mark.parametrize("parallel_from", [1_000_000, 1])
def test_one_file_checks_run_while_reading_find_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parallel_from: int
) -> None:
    from zhenggai.checks.runner import OneFileChecks
    from zhenggai.ledger import workers

    root = copy_example(tmp_path / "ledger")
    task = root / "tasks" / "TASK-013.yaml"
    text = task.read_text("utf-8").replace("status: in-progress", "status: done")
    task.write_text(text.replace("term: dated\ndeadline: 2021-12-31\n", "term: dated\n"), "utf-8")
    day = date(2021, 12, 1)
    after = run_checks(load_ledger(root), day).findings
    monkeypatch.setattr(workers, "PARALLEL_MIN_FILES", parallel_from)
    while_reading = load_ledger(root, one_file_checks=OneFileChecks)
    assert all(loaded.own_findings is not None for loaded in while_reading.tasks)
    own_findings = while_reading.by_id["TASK-013"].own_findings
    assert own_findings is not None
    assert {f.check for f in own_findings[1]} >= {"status-record", "deadline-present"}
    assert run_checks(while_reading, day).findings == after


@pytest.mark.parametrize("parallel_from", [1_000_000, 1])
def test_evidence_hashed_while_reading_is_judged_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parallel_from: int
) -> None:
    from zhenggai.files import within
    from zhenggai.ledger import workers

    root = copy_example(tmp_path / "ledger")
    tampered = next((root / "evidence" / "TASK-004").iterdir())
    tampered.write_bytes(tampered.read_bytes() + b"!")
    day = date(2021, 12, 1)
    after = run_checks(load_ledger(root), day).findings
    assert any(f.check == "evidence-intact" and f.task == "TASK-004" for f in after)
    monkeypatch.setattr(workers, "PARALLEL_MIN_FILES", parallel_from)
    while_reading = load_ledger(root, hash_evidence=True)
    assert len(while_reading.evidence.hashes) >= 10
    read_again: list[str] = []

    def spy(root: str, rel: str) -> tuple[str, os.stat_result]:
        read_again.append(f"{root}/{rel}")
        return "", os.stat(root)

    monkeypatch.setattr(within, "hash_within", spy)
    assert run_checks(while_reading, day).findings == after
    assert read_again == []  # every recorded file was hashed while its task was read


def test_evidence_settled_from_kept_hashes_still_sees_every_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from zhenggai.files import within

    root = copy_example(tmp_path / "ledger")
    an_hour_ago = time.time() - 3600  # older than the cache's racily-clean window
    for path in root.rglob("*"):
        os.utime(path, (an_hour_ago, an_hour_ago))
    day = date(2021, 12, 1)

    def intact() -> list[tuple[str | None, str]]:
        ledger = load_ledger(root, use_cache=True, hash_evidence=True)
        found = run_checks(ledger, day).findings
        ledger.save_cache()
        return [(f.task, f.message.split(":")[0]) for f in found if f.check == "evidence-intact"]

    assert intact() == []
    read: list[str] = []
    real_hash_within = within.hash_within

    def spy(root: str, rel: str) -> tuple[str, os.stat_result]:
        read.append(f"{root}/{rel}")
        return real_hash_within(root, rel)

    monkeypatch.setattr(within, "hash_within", spy)
    assert intact() == []
    assert read == []  # warm: every record settled by a stat and a kept hash
    # The same size, other bytes, an old mtime of its own: read again, and found changed.
    tampered = next((root / "evidence" / "TASK-004").iterdir())
    tampered.write_bytes(tampered.read_bytes().replace(b"\n", b"!", 1))
    os.utime(tampered, (an_hour_ago - 60, an_hour_ago - 60))
    assert intact() == [
        ("TASK-004", f"evidence file evidence/TASK-004/{tampered.name} has changed")
    ]
    assert read == [str(tampered)]
    # A record whose hash no longer matches the file it names (the file is unchanged).
    task = root / "tasks" / "TASK-005.yaml"
    text = task.read_text("utf-8")
    recorded = text.split("sha256: ", 1)[1][:64]
    task.write_text(text.replace(recorded, "0" * 64), "utf-8")
    assert ("TASK-005", "evidence file") in [(who, message[:13]) for who, message in intact()]


def test_evidence_outside_the_ledger_is_never_read_while_reading(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "ledger")
    (tmp_path / "照片（示例）.txt").write_text("not the ledger's", "utf-8")  # what ../ names
    task = root / "tasks" / "TASK-004.yaml"
    text = task.read_text("utf-8")
    task.write_text(text.replace("path: evidence/TASK-004/", "path: ../", 1), "utf-8")
    ledger = load_ledger(root, hash_evidence=True)
    assert not any(".." in path for path in ledger.evidence.hashes)
    findings = run_checks(ledger, date(2021, 12, 1)).findings
    assert any(f.check == "evidence-intact" and "without '..'" in f.message for f in findings)


@pytest.mark.parametrize(
    ("size", "shown"), [(0, "0 B"), (251, "251 B"), (48213, "47.1 KiB"), (3 << 20, "3.0 MiB")]
)
def test_human_size(size: int, shown: str) -> None:
    from zhenggai.render.text import human_size

    assert human_size(size) == shown


@pytest.mark.parametrize(
    "task_filter",
    [
        TaskFilter(overdue=True),
        TaskFilter(statuses=frozenset({Status.IN_PROGRESS, Status.ONGOING})),
        TaskFilter(overdue=True, statuses=frozenset({Status.DONE})),
    ],
)
def test_a_filter_admits_every_task_it_would_match(task_filter: TaskFilter) -> None:
    for day in (date(2021, 3, 1), date(2021, 10, 23), date(2022, 6, 30)):
        for loaded in EXAMPLE.tasks:
            state = compute_state(loaded.timeline, EXAMPLE.settings, day)
            matched = task_filter.matches(loaded, state)
            assert task_filter.admits(loaded.timeline, day) or not matched
        every = [
            row for row in rows_for(EXAMPLE, day) if task_filter.matches(row.loaded, row.state)
        ]
        assert select_tasks(EXAMPLE, day, task_filter).rows == tuple(
            sort_rows(every, SortKey.DEADLINE)
        )


def test_the_command_line_modules_evaluate_their_annotations_once() -> None:
    """As strings, typer would evaluate every option's annotation again on each run."""
    import ast

    from tests.helpers import REPO

    for path in sorted((REPO / "src" / "zhenggai" / "cli").glob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        future = [
            node
            for node in tree.body
            if isinstance(node, ast.ImportFrom) and node.module == "__future__"
        ]
        assert future == [], f"{path.name}: see the docstring of zhenggai/cli/__init__.py"
