"""Loading a ledger: the settings, the registries, the holidays and the tasks, from the
parse cache where it holds and from the files where not. Orchestration only: the
reading is `reader`'s, the workers `workers`', the listing `scan`'s."""

from __future__ import annotations

import os
import weakref
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from stat import S_ISDIR, S_ISLNK
from typing import TypeVar

from zhenggai.days.workdays import HOLIDAYS_FILE
from zhenggai.files.atomic import is_temp_name
from zhenggai.files.document import Document, ReadResult
from zhenggai.files.filestat import Stat, stat_key
from zhenggai.findings import Finding, LedgerError
from zhenggai.ledger.cache import LedgerCache, OwnFindings, digest, open_cache
from zhenggai.ledger.evidence_index import EvidenceIndex
from zhenggai.ledger.loaded import Ledger, LoadedReview, LoadedRound, LoadedTask, find_positions
from zhenggai.ledger.paths import (
    EVIDENCE_DIR,
    FORMS_DIR,
    PROBLEMS_FILE,
    REVIEWS_DIR,
    SETTINGS_FILE,
    TASK_SUFFIX,
    TASKS_DIR,
)
from zhenggai.ledger.preload import Preload, start_preload
from zhenggai.ledger.reader import read_record, unreadable
from zhenggai.ledger.scan import file_stat, review_files, root_temp_files, scan_tasks
from zhenggai.ledger.summary import TaskSummary
from zhenggai.ledger.workers import ReadExtras, read_all
from zhenggai.messages import Text
from zhenggai.messages import text as said
from zhenggai.records.forms import FormsRound
from zhenggai.records.model import HolidaysFile, ProblemsFile, Settings
from zhenggai.records.packing import unpack
from zhenggai.records.review import SampleRecord

M = TypeVar("M")


#: Given the ledger's settings and registries (a ledger without tasks), the function
#: that runs the checks looking at one task file alone (`checks.runner.OneFileChecks`).
OwnFindingsMaker = Callable[[Ledger], Callable[[LoadedTask], OwnFindings]]


def load_ledger(
    root: Path,
    task_files: list[str] | None = None,
    *,
    use_cache: bool = False,
    one_file_checks: OwnFindingsMaker | None = None,
    hash_evidence: bool = False,
    preload: bool = True,
) -> Ledger:
    """Read every file of the ledger at ``root`` (or, with ``task_files``, only those tasks).

    With ``use_cache``, tasks whose files have not changed since the last run
    come from the parse cache (see `cache`); `Ledger.save_cache` writes back
    what this run learnt (once, at the end of a command).
    With ``one_file_checks``, the checks that look at one task file alone run on
    each file read, where its task is already built (and in the worker processes
    of a large ledger); their findings become the task's ``own_findings``. With
    ``hash_evidence``, so are the sha256 of the evidence files each task records
    (see `EvidenceIndex.sha256`).
    With ``preload``, a warm run of a large ledger scans the task folder in a child
    process, which, with ``hash_evidence``, then takes stock of evidence/ too (see
    `preload`).
    Raises LedgerError only when the settings cannot be read; every other
    problem is returned as a finding on the ledger.
    """
    scanning = start_preload(root, task_files, hash_evidence) if use_cache and preload else None
    try:
        cache = open_cache(root) if use_cache else None
        ledger = _load(root, task_files, cache, one_file_checks, hash_evidence, scanning)
    except BaseException:
        if scanning is not None:
            scanning.close()
        raise
    if scanning is not None:
        if hash_evidence:  # the inventory of evidence/ is still to come, when asked for
            ledger.evidence.inventory_source = scanning.evidence_inventory
            weakref.finalize(ledger, scanning.close)
        else:
            scanning.close()
    return ledger


def _load(
    root: Path,
    task_files: list[str] | None,
    cache: LedgerCache | None,
    one_file_checks: OwnFindingsMaker | None,
    hash_evidence: bool,
    scanning: Preload | None,
) -> Ledger:
    findings: list[Finding] = []
    settings_document, settings = _load_model(root, SETTINGS_FILE, Settings, findings, cache)
    if settings is None or settings_document is None:
        raise LedgerError(
            said("cannot read the ledger's settings ({file})", file=SETTINGS_FILE), findings, root
        )

    problems_document: Document | None = None
    sections = []
    if (root / PROBLEMS_FILE).is_file():
        problems_document, problems = _load_model(
            root, PROBLEMS_FILE, ProblemsFile, findings, cache
        )
        if problems is not None:
            sections = problems.sections
        else:
            problems_document = None
    else:
        findings.append(
            _said(
                "parse",
                PROBLEMS_FILE,
                said("{file} is missing", file=PROBLEMS_FILE),
                said("list the inspection's findings in problems.yaml (see `zhenggai init`)"),
            )
        )

    holidays = None
    files = [SETTINGS_FILE]
    if (root / PROBLEMS_FILE).is_file():
        files.append(PROBLEMS_FILE)
    if (root / HOLIDAYS_FILE).is_file():
        files.append(HOLIDAYS_FILE)
        _, holidays = _load_model(root, HOLIDAYS_FILE, HolidaysFile, findings, cache)
    reviews = []
    if (root / REVIEWS_DIR).is_symlink():  # never followed: a finding, not a silent skip
        findings.append(_linked_folder(REVIEWS_DIR))
    for rel in review_files(root):
        files.append(rel)
        document, record = _load_model(root, rel, SampleRecord, findings, cache)
        if document is not None and record is not None:
            reviews.append(LoadedReview(rel, document, record))
    rounds = []
    if (root / FORMS_DIR).is_symlink():
        findings.append(_linked_folder(FORMS_DIR))
    for rel in review_files(root, FORMS_DIR):
        files.append(rel)
        document, round_ = _load_model(root, rel, FormsRound, findings, cache)
        if document is not None and round_ is not None:
            rounds.append(LoadedRound(rel, document, round_))

    own_findings_of = None
    if one_file_checks is not None:
        registries = Ledger(
            root=root,
            settings=settings,
            settings_document=settings_document,
            sections=sections,
            problems_document=problems_document,
            tasks=[],
            holidays=holidays,
        )
        own_findings_of = one_file_checks(registries)
    extras = ReadExtras(own_findings_of, hash_evidence)
    evidence_hashes: dict[str, tuple[Stat, str]] = {}
    temp_files = root_temp_files(root)
    tasks, unloaded = _load_tasks(
        root, findings, task_files, cache, extras, evidence_hashes, temp_files, scanning
    )
    if cache is not None and task_files is None:
        cache.forget_missing({*files, *unloaded, *(loaded.path for loaded in tasks)})
    files += sorted([loaded.path for loaded in tasks] + unloaded)
    return Ledger(
        root=root,
        settings=settings,
        settings_document=settings_document,
        sections=sections,
        problems_document=problems_document,
        tasks=tasks,
        findings=findings,
        unloaded_task_files=unloaded,
        files=files,
        holidays=holidays,
        reviews=reviews,
        rounds=rounds,
        cache=cache,
        temp_files=temp_files,
        evidence=EvidenceIndex(
            root,
            cache,
            (EVIDENCE_DIR,)
            if task_files is None
            else tuple(f"{EVIDENCE_DIR}/{PurePosixPath(rel).stem}" for rel in task_files),
            evidence_hashes,
        ),
    )


def _load_tasks(
    root: Path,
    findings: list[Finding],
    only: list[str] | None,
    cache: LedgerCache | None,
    extras: ReadExtras,
    evidence_hashes: dict[str, tuple[Stat, str]],
    temp_files: list[str],
    scanning: Preload | None = None,
) -> tuple[list[LoadedTask], list[str]]:
    folder = root / TASKS_DIR
    try:
        mode = folder.lstat().st_mode
    except OSError:
        return [], []
    if S_ISLNK(mode):
        findings.append(_linked_folder(TASKS_DIR))
        return [], []
    if not S_ISDIR(mode):
        return [], []
    root_text = str(root)
    # The task files, each with its stat when the cache needs one.
    candidates: list[tuple[str, Stat | None]] = []
    with_stat = cache is not None
    if only is not None:
        prefix = f"{TASKS_DIR}/"
        for name in {PurePosixPath(rel).name for rel in only}:
            info = file_stat(os.path.join(root_text, TASKS_DIR, name)) if with_stat else None
            candidates.append((prefix + name, stat_key(info) if info is not None else None))
        candidates.sort()
    else:
        scan = scanning.result() if scanning is not None else None
        candidates, strays = scan or scan_tasks(str(folder), with_stat)
        for rel in strays:
            if is_temp_name(PurePosixPath(rel).name):
                temp_files.append(rel)
            else:
                findings.append(_not_a_task_file(rel))
    # In path order (`scan_tasks` sorts), so that tasks from the cache need no sorting.
    loaded: list[LoadedTask] = []
    unloaded: list[str] = []
    to_parse: list[tuple[str, Stat | None]] = candidates
    if cache is not None:
        known = [(rel, stat) for rel, stat in candidates if stat is not None]
        to_parse = [(rel, stat) for rel, stat in candidates if stat is None]
        answers = cache.summaries(known, TaskSummary)
        if None in answers:
            # Files whose stat changed but whose bytes may not have (a fresh clone, a
            # checkout): reading and hashing one costs a hundredth of parsing it.
            recheck = [
                (rel, seen)
                for (rel, seen), answer in zip(known, answers, strict=True)
                if answer is None
                and cache.may_recognise(rel, seen)
                and _unchanged(root_text, rel, seen, cache)
            ]
            if recheck:
                again = dict(zip(recheck, cache.summaries(recheck, TaskSummary), strict=True))
                answers = [
                    answer or again.get(item) for item, answer in zip(known, answers, strict=True)
                ]
        add = loaded.append
        for (rel, seen), answer in zip(known, answers, strict=True):
            if answer is not None:
                summary, own_findings, record_bytes = answer
                add(
                    LoadedTask(
                        rel, seen, summary, record_bytes, None, root_text, own_findings, cache
                    )
                )
                continue
            rejection = cache.rejection(rel, seen)
            if rejection is not None:
                findings.extend(rejection)
                unloaded.append(rel)
                continue
            to_parse.append((rel, seen))
    outcomes = read_all(root, [rel for rel, _ in to_parse], extras)
    for (rel, stat), outcome in zip(to_parse, outcomes, strict=True):
        if outcome.record is None:
            rejected = [Finding(*fields) for fields in outcome.rejected]
            findings.extend(rejected)
            unloaded.append(rel)
            if cache is not None and stat is not None:
                cache.store_rejection(rel, stat, rejected, outcome.content)
            continue
        for path, evidence_stat, sha256 in outcome.hashes:
            evidence_hashes[path] = (evidence_stat, sha256)
            if cache is not None:
                cache.store_hash(path, evidence_stat, sha256)
        summary = unpack(TaskSummary, outcome.summary)
        own_findings = None
        if outcome.own_findings is not None:
            own_findings = (
                outcome.own_findings[0],
                [Finding(*fields) for fields in outcome.own_findings[1]],
            )
        loaded.append(
            LoadedTask(
                rel, stat, summary, outcome.record, outcome.positions, root_text, own_findings
            )
        )
        if cache is not None and stat is not None:
            cache.store_packed(
                rel, stat, outcome.record, outcome.summary, outcome.content, outcome.own_findings
            )
    if outcomes:
        loaded.sort(key=_path_of)  # the files just read, among those from the cache
    return loaded, sorted(unloaded)


def _path_of(loaded: LoadedTask) -> str:
    return loaded.path


def _unchanged(root_text: str, rel: str, stat: Stat, cache: LedgerCache) -> bool:
    """Whether ``rel`` still holds the bytes its cache entries were made from."""
    from zhenggai.files.within import open_regular

    try:
        with os.fdopen(open_regular(f"{root_text}/{rel}"), "rb") as stream:
            raw = stream.read()
    except OSError:
        return False
    return cache.recognise(rel, stat, digest(raw))


def _said(check: str, rel: str, message: Text, hint: Text) -> Finding:
    """A finding of the loader (before any check runs), said in either language."""
    return Finding(
        check,
        message.english(),
        rel,
        hint=hint.english(),
        packed=message.packed(),
        hint_packed=hint.packed(),
    )


def _linked_folder(rel: str) -> Finding:
    return _said(
        "parse",
        rel,
        said(
            "{path}/ is a symbolic link: it may lead outside the ledger, and is never followed",
            path=rel,
        ),
        said("make {path}/ a real folder inside the ledger", path=rel),
    )


def _not_a_task_file(rel: str) -> Finding:
    return _said(
        "id-filename",
        rel,
        said(
            "not a task file: {folder}/ holds only <ID>{suffix} files",
            folder=TASKS_DIR,
            suffix=TASK_SUFFIX,
        ),
        said(
            "rename it to <ID>{suffix} or move it out of {folder}/",
            suffix=TASK_SUFFIX,
            folder=TASKS_DIR,
        ),
    )


def _load_model(
    root: Path, rel: str, model: type[M], findings: list[Finding], cache: LedgerCache | None
) -> tuple[Document | None, M | None]:
    path = root / rel
    stat = None
    if cache is not None:
        try:
            stat = stat_key(path.stat())
        except OSError:
            stat = None
        cached = cache.record(rel, stat, model) if stat is not None else None
        if (
            cached is None
            and stat is not None
            and cache.may_recognise(rel, stat)
            and _unchanged(str(root), rel, stat, cache)
        ):
            cached = cache.record(rel, stat, model)
        if cached is not None and stat is not None:
            return (
                Document.with_positions(str(path), cache.positions_of(rel, stat), find_positions),
                cached,
            )
    from zhenggai.files.yamlio import read_raw

    raw = read_raw(path)
    if isinstance(raw, ReadResult):
        findings.extend(unreadable(raw, rel))
        return None, None
    document, value, problems = read_record(raw, str(path), rel, model)
    findings.extend(problems)
    if value is not None and cache is not None and stat is not None:
        cache.store(rel, stat, value, digest(raw))
    return document, value
