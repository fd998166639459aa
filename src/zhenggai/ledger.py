"""The loaded ledger: settings, problems, tasks, and lookups over them."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from zhenggai.cache import LedgerCache, Memo, Stat
from zhenggai.findings import Finding
from zhenggai.model import Evidence, HolidaysFile, Problem, Section, Settings, Task
from zhenggai.state import Timeline
from zhenggai.summary import TaskSummary, summarize
from zhenggai.workdays import WorkCalendar
from zhenggai.yamlio import Document

SETTINGS_FILE = "zhenggai.yaml"
PROBLEMS_FILE = "problems.yaml"
TASKS_DIR = "tasks"
EVIDENCE_DIR = "evidence"


class LoadedTask:
    """A task and the file it came from (``path`` is relative to the ledger root).

    ``id``, ``timeline`` and ``evidence`` are always at hand; a task served from
    the parse cache is built whole only when ``task`` is first asked for, since
    most commands need few tasks whole. ``stat`` is the file's (size, mtime,
    inode) when it was read, for the cache; ``memo`` the findings of the checks
    that look at this file alone, and the key they hold for (see `checks.runner`).
    """

    __slots__ = (
        "_build",
        "_task",
        "document",
        "evidence",
        "id",
        "memo",
        "path",
        "stat",
        "timeline",
    )

    def __init__(
        self,
        path: str,
        document: Document,
        task: Task | None,
        stat: Stat | None = None,
        *,
        summary: TaskSummary | None = None,
        build: Callable[[], Task] | None = None,
        memo: Memo | None = None,
    ) -> None:
        if summary is None:
            if task is None:
                raise ValueError("a loaded task needs the task or its summary")
            summary = summarize(task)
        self.path = path
        self.document = document
        self.stat = stat
        self.id: str = summary.id
        self.timeline: Timeline = summary.timeline
        self.evidence: list[Evidence] = summary.evidence
        self.memo = memo
        self._task = task
        self._build = build

    @property
    def task(self) -> Task:
        if self._task is None:
            if self._build is None:  # pragma: no cover - the constructor makes this impossible
                raise ValueError(f"{self.path}: no task")
            self._task = self._build()
        return self._task


@dataclass
class Ledger:
    """Everything read from one ledger directory.

    ``findings`` holds what loading found (files that could not be parsed or
    validated); those files are left out of ``tasks`` and named in
    ``unloaded_task_files`` so that no check silently passes over them.
    """

    root: Path
    settings: Settings
    settings_document: Document
    sections: list[Section]
    problems_document: Document | None
    tasks: list[LoadedTask]
    findings: list[Finding] = field(default_factory=list)
    unloaded_task_files: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)  # every file read, relative to root
    holidays: HolidaysFile | None = None
    cache: LedgerCache | None = field(default=None, repr=False)

    @property
    def problems_loaded(self) -> bool:
        return self.problems_document is not None

    @cached_property
    def problems(self) -> dict[str, Problem]:
        return {p.id: p for section in self.sections for p in section.problems}

    @cached_property
    def section_of_problem(self) -> dict[str, Section]:
        return {p.id: section for section in self.sections for p in section.problems}

    @cached_property
    def unit_ids(self) -> frozenset[str]:
        return frozenset(unit.id for unit in self.settings.units)

    @cached_property
    def leader_ids(self) -> frozenset[str]:
        return frozenset(leader.id for leader in self.settings.leaders)

    @cached_property
    def by_id(self) -> dict[str, LoadedTask]:
        """Tasks by id; where ids repeat, the first file in path order wins."""
        found: dict[str, LoadedTask] = {}
        for loaded in self.tasks:
            found.setdefault(loaded.id, loaded)
        return found

    def work_calendar(self) -> WorkCalendar:
        """The official calendar, with the ledger's holidays.yaml laid over it."""
        if self.holidays is None:
            return WorkCalendar()
        years = self.holidays.years
        return WorkCalendar(
            holidays=frozenset(day for year in years.values() for day in year.holidays),
            workdays=frozenset(day for year in years.values() for day in year.workdays),
            override_years=frozenset(years),
        )

    @cached_property
    def evidence_files(self) -> dict[str, os.stat_result]:
        """Every regular file under evidence/ (no links followed), by path from the root."""
        from zhenggai.evidence import scan_evidence

        return scan_evidence(self.root)

    def evidence_sha256(self, root: Path, rel: str, info: os.stat_result) -> str:
        """An evidence file's sha256, from the parse cache while the file is unchanged."""
        if self.cache is None:
            from zhenggai.evidence import sha256_of

            return sha256_of(root / rel)
        return self.cache.sha256(root, rel, info)

    def remember(self, loaded: LoadedTask, memo: Memo) -> None:
        """Keep the findings of ``loaded``'s own checks, for the cache to store."""
        loaded.memo = memo
        if self.cache is not None and loaded.stat is not None:
            self.cache.store_memo(loaded.path, loaded.stat, memo)

    def save_cache(self) -> None:
        """Store what this run learnt (positions worked out for findings, evidence hashes)."""
        if self.cache is None:
            return
        for loaded in self.tasks:
            positions = loaded.document.computed_positions()
            if positions is not None and loaded.stat is not None:
                self.cache.store_positions(loaded.path, loaded.stat, positions)
        self.cache.save()
