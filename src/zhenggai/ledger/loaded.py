"""The loaded ledger: settings, problems, tasks, and lookups over them."""

from __future__ import annotations

import marshal
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from zhenggai.days.state import Timeline
from zhenggai.days.workdays import WorkCalendar
from zhenggai.files.document import Document, Positions
from zhenggai.files.filestat import Stat
from zhenggai.findings import Finding
from zhenggai.ledger.cache import LedgerCache, OwnFindings
from zhenggai.ledger.evidence_index import EvidenceIndex
from zhenggai.ledger.summary import TaskGroups, TaskSummary, unpack_groups
from zhenggai.records.forms import FormsRound
from zhenggai.records.model import Evidence, HolidaysFile, Problem, Section, Settings, Task
from zhenggai.records.packing import unpack
from zhenggai.records.review import SampleRecord

if TYPE_CHECKING:
    pass


class LoadedTask:
    """A task and the file it came from (``path`` is relative to the ledger root).

    ``id``, ``timeline``, ``evidence`` and ``groups`` are always at hand. The task itself
    arrives as marshal data (from its reader, here or in a worker process, or
    from the parse cache) and is built whole only when ``task`` is first asked
    for, as is its document (for positions): most commands need few tasks whole.
    ``stat`` is the file's (size, mtime, inode) when it was read, for the cache;
    ``own_findings`` the findings of the checks that look at this file alone, and the
    key they hold for (see `checks.runner`).
    """

    __slots__ = (
        "_blob",
        "_cache",
        "_document",
        "_file",
        "_groups",
        "_packed_groups",
        "_positions",
        "_task",
        "evidence",
        "id",
        "own_findings",
        "path",
        "stat",
        "timeline",
    )

    def __init__(
        self,
        path: str,
        stat: Stat | None,
        summary: TaskSummary,
        record_bytes: bytes,
        positions: bytes | None,
        root: str,
        own_findings: OwnFindings | None = None,
        cache: LedgerCache | None = None,
    ) -> None:
        """A task known by its summary and its marshal data; its key positions likewise
        (from the reader that just read it), or else those the ``cache`` kept."""
        self.path, self.stat, self.own_findings = path, stat, own_findings
        self.id: str = summary.id
        self.timeline: Timeline = summary.timeline
        self.evidence: list[Evidence] = summary.evidence
        self._packed_groups = summary.groups
        self._groups: TaskGroups | None = None
        self._task: Task | None = None
        self._document: Document | None = None
        self._blob = record_bytes
        self._positions = positions
        self._cache = cache
        self._file = f"{root}/{path}"

    @classmethod
    def of_task(
        cls, path: str, root: str, summary: TaskSummary, task: Task, document: Document
    ) -> LoadedTask:
        """A task just read and validated, with the document it was read from."""
        loaded = cls(path, None, summary, b"", None, root)
        loaded._task, loaded._document = task, document
        return loaded

    @property
    def task(self) -> Task:
        if self._task is None:
            self._task = unpack(Task, marshal.loads(self._blob))
        return self._task

    @property
    def groups(self) -> TaskGroups:
        """Its problem, units, leader, tags and regulations, without the whole task."""
        if self._groups is None:
            self._groups = unpack_groups(self._packed_groups)
        return self._groups

    @property
    def document(self) -> Document:
        """The file, for positions: as recorded when it was read, or kept by the cache,
        or else found by reading the file again."""
        if self._document is None:
            if self._positions is not None:
                self._document = Document.with_packed_positions(
                    self._file, self._positions, find_positions
                )
            else:
                given = None
                if self._cache is not None and self.stat is not None:
                    given = self._cache.positions_of(self.path, self.stat)
                self._document = Document.with_positions(self._file, given, find_positions)
        return self._document

    def positions_learnt(self) -> Positions | None:
        """Positions worked out in this run (for the cache), if the document was needed."""
        return None if self._document is None else self._document.computed_positions()


@dataclass(frozen=True)
class LoadedReview:
    """A 回头看 sampling record (``reviews/*.yaml``) and where its keys are."""

    path: str  # relative to the ledger's root
    document: Document
    record: SampleRecord


@dataclass(frozen=True)
class LoadedRound:
    """A round of 填报表 (``forms/*.yaml``) and where its keys are."""

    path: str
    document: Document
    record: FormsRound


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
    # Temp files of writes that were killed, in the root and tasks/ (evidence/: below).
    temp_files: list[str] = field(default_factory=list)
    holidays: HolidaysFile | None = None
    reviews: list[LoadedReview] = field(default_factory=list)  # in file-name order
    rounds: list[LoadedRound] = field(default_factory=list)  # forms/, in period order
    cache: LedgerCache | None = field(default=None, repr=False)
    # The evidence on disk, as this run knows it (`evidence_index`).
    evidence: EvidenceIndex = field(default=None, repr=False)  # type: ignore[assignment]

    def __post_init__(self) -> None:
        if self.evidence is None:
            self.evidence = EvidenceIndex(self.root, self.cache)

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

    def remember(self, loaded: LoadedTask, own_findings: OwnFindings) -> None:
        """Keep the findings of ``loaded``'s own checks, for the cache to store."""
        loaded.own_findings = own_findings
        if self.cache is not None and loaded.stat is not None:
            self.cache.store_own_findings(loaded.path, loaded.stat, own_findings)

    def save_cache(self) -> None:
        """Store what this run learnt (positions worked out for findings, evidence hashes)."""
        if self.cache is None:
            return
        for loaded in self.tasks:
            positions = loaded.positions_learnt()
            if positions is not None and loaded.stat is not None:
                self.cache.store_positions(loaded.path, loaded.stat, positions)
        self.cache.save()


def find_positions(path: Path, text: str | None) -> Positions:
    """Positions in a ledger file, by the YAML reader (imported only when one is asked for)."""
    from zhenggai.files.yamlio import find_positions as by_the_reader

    return by_the_reader(path, text)
