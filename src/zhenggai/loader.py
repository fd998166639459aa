"""Finding a ledger on disk and loading it; validation issues become positioned findings."""

from __future__ import annotations

import difflib
import gc
import marshal
import os
import posixpath
import sys
import weakref
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import astuple, dataclass
from functools import cache
from pathlib import Path, PurePosixPath
from stat import S_ISDIR, S_ISLNK
from typing import TYPE_CHECKING, Any, BinaryIO, TypeVar

from zhenggai.atomic import is_temp_name
from zhenggai.cache import (
    CACHE_DIR,
    CACHE_FILE,
    LedgerCache,
    Memo,
    Stat,
    digest,
    open_cache,
    stat_key,
)
from zhenggai.document import Document, Loc, ReadError, ReadResult
from zhenggai.findings import Finding, LedgerError
from zhenggai.ledger import (
    EVIDENCE_DIR,
    PROBLEMS_FILE,
    SETTINGS_FILE,
    TASKS_DIR,
    Ledger,
    LoadedTask,
)
from zhenggai.model import HolidaysFile, ProblemsFile, Settings, Task, keys_of, records_within
from zhenggai.packing import pack, unpack
from zhenggai.summary import TaskSummary, summarize
from zhenggai.validation import UNKNOWN_KEY, WRONG_KIND, Invalid, Issue, prepare, validate
from zhenggai.workdays import HOLIDAYS_FILE

if TYPE_CHECKING:
    from zhenggai.evidence import Inventory

ENV_VAR = "ZHENGGAI_LEDGER"
TASK_SUFFIX = ".yaml"

M = TypeVar("M")
#: Given the ledger's settings and registries (a ledger without tasks), the function
#: that runs the checks looking at one task file alone (`checks.runner.OneFileChecks`).
MemoMaker = Callable[[Ledger], Callable[[LoadedTask], Memo]]


def find_ledger(explicit: Path | None, env: Mapping[str, str], cwd: Path) -> Path:
    """The ledger root: ``--ledger``, else $ZHENGGAI_LEDGER, else the nearest
    zhenggai.yaml upward from ``cwd``, else ``./ledger/``.
    """
    chosen = explicit or (Path(env[ENV_VAR]) if env.get(ENV_VAR) else None)
    if chosen is not None:
        root = chosen.parent if chosen.name == SETTINGS_FILE else chosen
        root = root if root.is_absolute() else cwd / root
        if not (root / SETTINGS_FILE).is_file():
            origin = "--ledger" if explicit else ENV_VAR
            raise LedgerError(
                f"no ledger at {chosen} (from {origin}): {root / SETTINGS_FILE} does not exist; "
                "create one with `zhenggai init`"
            )
        return root
    for folder in (cwd, *cwd.parents):
        if (folder / SETTINGS_FILE).is_file():
            return folder
    if (cwd / "ledger" / SETTINGS_FILE).is_file():
        return cwd / "ledger"
    raise LedgerError(
        f"no ledger found: no {SETTINGS_FILE} in {cwd} or any folder above it, and no ./ledger/; "
        f"pass --ledger PATH, set {ENV_VAR}, or create one with `zhenggai init`"
    )


def load_ledger(
    root: Path,
    task_files: list[str] | None = None,
    *,
    use_cache: bool = False,
    one_file_checks: MemoMaker | None = None,
    hash_evidence: bool = False,
) -> Ledger:
    """Read every file of the ledger at ``root`` (or, with ``task_files``, only those tasks).

    With ``use_cache``, tasks whose files have not changed since the last run
    come from the parse cache (see `cache`); `Ledger.save_cache` writes back
    what this run learnt (once, at the end of a command).
    With ``one_file_checks``, the checks that look at one task file alone run on
    each file read, where its task is already built (and in the worker processes
    of a large ledger); their findings become the task's ``memo``. With
    ``hash_evidence``, so are the sha256 of the evidence files each task records
    (see `Ledger.evidence_sha256`).
    A warm run of a large ledger scans the task folder in a child process, which,
    with ``hash_evidence``, then takes stock of evidence/ too (see `_ScanApart`).
    Raises LedgerError only when the settings cannot be read; every other
    problem is returned as a finding on the ledger.
    """
    with _gc_paused():
        scanning = _scan_apart(root, task_files, hash_evidence) if use_cache else None
        try:
            cache = open_cache(root) if use_cache else None
            ledger = _load(root, task_files, cache, one_file_checks, hash_evidence, scanning)
        except BaseException:
            if scanning is not None:
                scanning.close()
            raise
    if scanning is not None:
        if hash_evidence:  # the inventory of evidence/ is still to come, when asked for
            ledger.evidence_inventory = scanning.evidence_inventory
            weakref.finalize(ledger, scanning.close)
        else:
            scanning.close()
    return ledger


def _load(
    root: Path,
    task_files: list[str] | None,
    cache: LedgerCache | None,
    one_file_checks: MemoMaker | None,
    hash_evidence: bool,
    scanning: _ScanApart | None,
) -> Ledger:
    findings: list[Finding] = []
    settings_document, settings = _load_model(root, SETTINGS_FILE, Settings, findings, cache)
    if settings is None or settings_document is None:
        raise LedgerError(f"cannot read the ledger's settings ({SETTINGS_FILE})", findings, root)

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
            Finding(
                "parse",
                f"{PROBLEMS_FILE} is missing",
                PROBLEMS_FILE,
                hint="list the inspection's findings in problems.yaml (see `zhenggai init`)",
            )
        )

    holidays = None
    files = [SETTINGS_FILE]
    if (root / PROBLEMS_FILE).is_file():
        files.append(PROBLEMS_FILE)
    if (root / HOLIDAYS_FILE).is_file():
        files.append(HOLIDAYS_FILE)
        _, holidays = _load_model(root, HOLIDAYS_FILE, HolidaysFile, findings, cache)

    memo_of = None
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
        memo_of = one_file_checks(registries)
    extras = _Extras(memo_of, hash_evidence)
    evidence_hashes: dict[str, tuple[Stat, str]] = {}
    temp_files = _root_temp_files(root)
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
        cache=cache,
        evidence_hashes=evidence_hashes,
        temp_files=temp_files,
        evidence_folders=(
            (EVIDENCE_DIR,)
            if task_files is None
            else tuple(f"{EVIDENCE_DIR}/{PurePosixPath(rel).stem}" for rel in task_files)
        ),
    )


def _root_temp_files(root: Path) -> list[str]:
    """Temp files a killed write of the settings or the registries left in the root."""
    try:
        with os.scandir(root) as entries:
            return sorted(entry.name for entry in entries if is_temp_name(entry.name))
    except OSError:
        return []


#: Below this many files to read, a second process costs more than it saves (measured
#: on 2 cores, cold `check`: 150 files 0.39 s alone, 0.44 s forked; 300 files 0.53 s
#: alone, 0.44 s forked; 1,000 files 1.05 s alone, 0.81 s forked).
PARALLEL_MIN_FILES = 250


def _load_tasks(
    root: Path,
    findings: list[Finding],
    only: list[str] | None,
    cache: LedgerCache | None,
    extras: _Extras,
    evidence_hashes: dict[str, tuple[Stat, str]],
    temp_files: list[str],
    scanning: _ScanApart | None = None,
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
            info = _stat(os.path.join(root_text, TASKS_DIR, name)) if with_stat else None
            candidates.append((prefix + name, stat_key(info) if info is not None else None))
        candidates.sort()
    else:
        scan = scanning.result() if scanning is not None else None
        candidates, strays = scan or _scan_tasks(str(folder), with_stat)
        for rel in strays:
            if is_temp_name(PurePosixPath(rel).name):
                temp_files.append(rel)
            else:
                findings.append(_not_a_task_file(rel))
    # In path order (`_scan_tasks` sorts), so that tasks from the cache need no sorting.
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
                and cache.may_adopt(rel, seen)
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
                summary, memo, blob = answer
                add(LoadedTask(rel, seen, summary, blob, None, root_text, memo, cache))
                continue
            rejection = cache.rejection(rel, seen)
            if rejection is not None:
                findings.extend(rejection)
                unloaded.append(rel)
                continue
            to_parse.append((rel, seen))
    outcomes = _read_all(root, [rel for rel, _ in to_parse], extras)
    for (rel, stat), outcome in zip(to_parse, outcomes, strict=True):
        if outcome[0] is None:
            rejected = [Finding(*fields) for fields in outcome[1]]
            findings.extend(rejected)
            unloaded.append(rel)
            if cache is not None and stat is not None:
                cache.store_rejection(rel, stat, rejected, outcome[2])
            continue
        blob, packed_summary, positions, content, packed_memo, hashes = outcome
        for path, evidence_stat, sha256 in hashes:
            evidence_hashes[path] = (evidence_stat, sha256)
            if cache is not None:
                cache.store_hash(path, evidence_stat, sha256)
        summary = unpack(TaskSummary, packed_summary)
        memo = None
        if packed_memo is not None:
            memo = (packed_memo[0], [Finding(*fields) for fields in packed_memo[1]])
        loaded.append(LoadedTask(rel, stat, summary, blob, positions, root_text, memo))
        if cache is not None and stat is not None:
            cache.store_packed(rel, stat, blob, packed_summary, content, packed_memo)
    if outcomes:
        loaded.sort(key=_path_of)  # the files just read, among those from the cache
    return loaded, sorted(unloaded)


def _path_of(loaded: LoadedTask) -> str:
    return loaded.path


#: The task folder as `_scan_tasks` finds it: each task file with its stat (None when not
#: asked for, or gone), and the entries that are not task files; paths from the root.
_Scan = tuple[list[tuple[str, Stat | None]], list[str]]


def _scan_tasks(folder: str, with_stat: bool) -> _Scan:
    # This loop and the cache's run once per task of a warm run: written for speed.
    candidates: list[tuple[str, Stat | None]] = []
    strays: list[str] = []
    prefix = f"{TASKS_DIR}/"
    with os.scandir(folder) as entries:
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                if name.endswith(".tmp"):
                    strays.append(prefix + name)  # perhaps left by a killed write
                continue  # .gitkeep and editor files; documented in the README
            if not name.endswith(TASK_SUFFIX) or entry.is_dir():
                strays.append(prefix + name)
                continue
            # A directory entry's stat needs no path to be built: a tenth of the time.
            info = _stat(entry) if with_stat else None
            candidates.append((prefix + name, stat_key(info) if info is not None else None))
    candidates.sort()  # path order; the paths are unique, so the stats are never compared
    return candidates, strays


#: From a parse cache this large (700-850 bytes a task), a warm run stats the task files
#: in a second process while it reads the cache itself. Measured on 2 cores, warm `check`,
#: medians of 7-9 alternating runs: 1,000 tasks 0.11 s either way; 10,000 tasks 0.26 s
#: -> 0.24 s; 100,000 tasks 2.12 s -> 1.91 s (and, with evidence/ taken stock of in the
#: child too, 10,000 tasks 0.19 s -> 0.18 s, 100,000 tasks 1.57 s -> 1.33 s).
SCAN_APART_MIN_CACHE_BYTES = 1_000_000


class _ScanApart:
    """`_scan_tasks` in a forked child process, while this one reads the parse cache;
    then, for a command that checks evidence, `evidence.take_inventory`, while this
    one unpacks the tasks and runs the other checks.

    The stat calls are mostly the system's time, and the second core is idle then:
    git's preload-index does the same on threads, which in Python would only take
    turns holding the interpreter. Any failure of the child leaves its answers None,
    and this process does the work itself.
    """

    def __init__(self, folder: str, evidence_root: Path | None) -> None:
        """Start the child; OSError if it cannot be (no pipe or process to be had)."""
        reading, writing = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            os.close(reading)
            os.close(writing)
            raise
        if pid == 0:  # the child: answer, and end without cleaning up
            status = 1
            try:
                # Let go of the caller's terminal and pipes at once: `zhenggai check | cat`
                # must end with this process, not with a child still walking evidence/.
                quiet = os.open(os.devnull, os.O_RDWR)
                for stream in (0, 1, 2):
                    os.dup2(quiet, stream)
                os.close(reading)
                with open(writing, "wb") as out:
                    _send(out, _scan_tasks(folder, with_stat=True))
                    if evidence_root is not None:
                        from zhenggai.evidence import take_inventory

                        _send(out, take_inventory(evidence_root))
                status = 0
            finally:
                os._exit(status)
        os.close(writing)
        self._pid: int | None = pid
        self._answers: BinaryIO | None = open(reading, "rb")  # noqa: SIM115 (read twice)
        self._scanned = False

    def result(self) -> _Scan | None:
        """The child's scan of the task folder, or None if it has none to give."""
        self._scanned = True
        scan: _Scan | None = self._receive()
        return scan

    def evidence_inventory(self) -> Inventory | None:
        """The child's inventory of evidence/, or None if it has none to give."""
        if not self._scanned:
            self.result()  # the scan comes first on the pipe, even if it went unused
        inventory: Inventory | None = self._receive()
        self.close()
        return inventory

    def _receive(self) -> Any:
        if self._answers is None:
            return None
        try:
            length = int.from_bytes(self._answers.read(8), "little")
            answer = marshal.loads(self._answers.read(length))
        except (OSError, EOFError, ValueError, TypeError):
            self.close()
            return None
        return answer

    def close(self) -> None:
        """End the child, answered or not (if not, its write fails, and it ends)."""
        if self._answers is not None:
            self._answers.close()
            self._answers = None
        if self._pid is not None:
            os.waitpid(self._pid, 0)
            self._pid = None


def _send(out: BinaryIO, answer: Any) -> None:
    data = marshal.dumps(answer)
    out.write(len(data).to_bytes(8, "little"))
    out.write(data)
    out.flush()  # the first answer must not wait for the second


def _threaded() -> bool:
    """Whether other threads run here (a program that loads ledgers itself): a process
    with threads is not forked, as a lock one of them holds would never be let go."""
    threading = sys.modules.get("threading")
    return threading is not None and threading.active_count() > 1


def _scan_apart(root: Path, task_files: list[str] | None, with_evidence: bool) -> _ScanApart | None:
    """A scan of the task folder (and, ``with_evidence``, an inventory of evidence/)
    started in a child process, where it pays for itself."""
    if task_files is not None or not hasattr(os, "fork") or _threaded():
        return None
    try:
        cache_size = (root / CACHE_DIR / CACHE_FILE).stat().st_size
    except OSError:
        return None
    folder = os.path.join(root, TASKS_DIR)
    if (
        cache_size < SCAN_APART_MIN_CACHE_BYTES
        or os.path.islink(folder)
        or not os.path.isdir(folder)
    ):
        return None
    try:
        return _ScanApart(folder, root if with_evidence else None)
    except OSError:
        return None  # no pipe or process to be had: this process scans


def _unchanged(root_text: str, rel: str, stat: Stat, cache: LedgerCache) -> bool:
    """Whether ``rel`` still holds the bytes its cache entries were made from."""
    from zhenggai.within import open_regular

    try:
        with os.fdopen(open_regular(f"{root_text}/{rel}"), "rb") as stream:
            raw = stream.read()
    except OSError:
        return False
    return cache.adopt(rel, stat, digest(raw))


def _linked_folder(rel: str) -> Finding:
    return Finding(
        "parse",
        f"{rel}/ is a symbolic link: it may lead outside the ledger, and is never followed",
        rel,
        hint=f"make {rel}/ a real folder inside the ledger",
    )


def _not_a_task_file(rel: str) -> Finding:
    return Finding(
        "id-filename",
        f"not a task file: {TASKS_DIR}/ holds only <ID>{TASK_SUFFIX} files",
        rel,
        hint=f"rename it to <ID>{TASK_SUFFIX} or move it out of {TASKS_DIR}/",
    )


def _stat(target: os.DirEntry[str] | str) -> os.stat_result | None:
    try:
        return target.stat() if isinstance(target, os.DirEntry) else os.stat(target)
    except OSError:
        return None


# What reading a task file gives, as plain values a worker process sends back cheaply:
# (the task as marshal data, its packed summary, its key positions as marshal data,
# the file's content digest, its packed memo or None, its evidence files' hashes), or
# (None, the findings that kept it out as tuples, the digest or None).
_Entry = tuple[Any, ...]


@dataclass(frozen=True)
class _Extras:
    """What is done with each task file read, besides reading it (see `load_ledger`)."""

    memo_of: Callable[[LoadedTask], Memo] | None = None
    hash_evidence: bool = False


# The extras of the run, for the worker processes: set before they fork.
_worker_extras = _Extras()


def _read_all(root: Path, rels: list[str], extras: _Extras = _Extras()) -> list[_Entry]:
    """Read, parse and validate task files, on every core when there are enough to pay for it."""
    if not rels:
        return []
    workers = min(os.cpu_count() or 1, 8)
    root_text = str(root)
    if len(rels) < PARALLEL_MIN_FILES or workers < 2:
        return [_read_task_file(root_text, rel, extras) for rel in rels]
    from multiprocessing import get_all_start_methods, get_context  # only for large ledgers

    if "fork" not in get_all_start_methods() or _threaded():
        return [_read_task_file(root_text, rel, extras) for rel in rels]
    # fork: the workers start with everything imported and the validator built (built
    # after the fork, each worker would build its own: slower than not forking at all).
    prepare(Task)
    chunk = max(1, len(rels) // (workers * 4))
    # A forked worker inherits its initializer's arguments; nothing is pickled.
    pool = get_context("fork").Pool(workers, initializer=_set_worker_extras, initargs=(extras,))
    with pool:
        return pool.starmap(_read_in_worker, [(root_text, rel) for rel in rels], chunksize=chunk)


def _set_worker_extras(extras: _Extras) -> None:
    global _worker_extras
    _worker_extras = extras


def _read_in_worker(root_text: str, rel: str) -> _Entry:
    return _read_task_file(root_text, rel, _worker_extras)


def _read_task_file(root_text: str, rel: str, extras: _Extras = _Extras()) -> _Entry:
    from zhenggai.yamlio import parse_bytes, read_raw  # the YAML parser: only when needed

    gc.disable()  # in a worker: many small containers, all freed at exit
    path = f"{root_text}/{rel}"  # no Path: it costs as much as reading the file
    raw = read_raw(path)
    result = raw if isinstance(raw, ReadResult) else parse_bytes(raw, path, positions=True)
    content = None if isinstance(raw, ReadResult) else digest(raw)
    found: list[Finding] = []
    task = _validated_task(result, rel, found)
    if task is None or result.document is None:
        return (None, [astuple(finding) for finding in found], content)
    positions = result.document.computed_positions() or {}
    blob, summary = marshal.dumps(pack(task)), summarize(task)
    packed_memo = None
    if extras.memo_of is not None:
        loaded = LoadedTask.read(rel, root_text, summary, task, result.document)
        key, memo = extras.memo_of(loaded)
        packed_memo = (key, [astuple(finding) for finding in memo])
    hashes = _evidence_hashes(root_text, task) if extras.hash_evidence else []
    return blob, pack(summary), marshal.dumps(positions), content, packed_memo, hashes


def _evidence_hashes(root_text: str, task: Task) -> list[tuple[str, Stat, str]]:
    """The sha256 of each regular file ``task`` records as evidence, with its stat.

    Only worked out here, ahead of the evidence check: that check still decides
    which files may be trusted (inside the ledger, listed under evidence/).
    """
    from zhenggai.evidence import is_relative_inside
    from zhenggai.within import hash_within

    found = []
    for record in task.evidence:
        if not is_relative_inside(record.path):
            continue  # never read outside the ledger; the evidence check reports the path
        try:
            # No link followed on the way, never a FIFO or a device: reading could block.
            sha256, info = hash_within(root_text, posixpath.normpath(record.path))
        except OSError:
            continue  # missing, or a link: the evidence check says so
        found.append((record.path, stat_key(info), sha256))
    return found


def _validated_task(result: ReadResult, rel: str, findings: list[Finding]) -> Task | None:
    if result.document is None:
        findings.extend(_read_finding(error, rel) for error in result.errors)
        return None
    try:
        return validate(Task, result.document.data)
    except Invalid as err:
        task_id = _task_id(result.document.data)
        findings.extend(validation_findings(err.issues, result.document, rel, task_id))
        return None


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Loading builds hundreds of thousands of small objects that all stay alive:
    the cyclic collector would scan them again and again for nothing."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        # The ledger lives until the command ends: move it out of the collector's sight,
        # or the next collection would walk every object just made.
        gc.freeze()
        if was_enabled:
            gc.enable()


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
            and cache.may_adopt(rel, stat)
            and _unchanged(str(root), rel, stat, cache)
        ):
            cached = cache.record(rel, stat, model)
        if cached is not None and stat is not None:
            return Document.with_positions(str(path), cache.positions_of(rel, stat)), cached
    from zhenggai.yamlio import parse_bytes, read_raw

    raw = read_raw(path)
    result = raw if isinstance(raw, ReadResult) else parse_bytes(raw, path)
    if result.document is None:
        findings.extend(_read_finding(error, rel) for error in result.errors)
        return None, None
    try:
        value = validate(model, result.document.data)
    except Invalid as err:
        findings.extend(validation_findings(err.issues, result.document, rel))
        return result.document, None
    if cache is not None and stat is not None and isinstance(raw, bytes):
        cache.store(rel, stat, value, digest(raw))
    return result.document, value


def _task_id(data: dict[str, Any]) -> str | None:
    value = data.get("id")
    return value if isinstance(value, str) else None


def _read_finding(error: ReadError, rel: str) -> Finding:
    return Finding.at("parse", error.message, rel, error.position, hint=error.hint)


def validation_findings(
    issues: list[Issue], document: Document, rel: str, task: str | None = None
) -> list[Finding]:
    """One positioned finding per validation issue, at the offending key or list item."""
    findings = []
    for issue in issues:
        message, hint = _describe(issue)
        findings.append(
            Finding.at("schema", message, rel, document.locate(issue.loc), task=task, hint=hint)
        )
    return findings


def _describe(issue: Issue) -> tuple[str, str | None]:
    kind, loc = issue.kind, issue.loc
    where = format_loc(loc)
    if kind in UNKNOWN_KEY:
        key = str(loc[-1])
        close = difflib.get_close_matches(key, _known_keys(), n=1, cutoff=0.75)
        hint = f"did you mean '{close[0]}'?" if close else "remove it, or check its spelling"
        return f"unknown key '{where}'", hint
    if kind == "missing":
        return f"missing required key '{where}'", None
    message = issue.message.removeprefix("Value error, ")
    found = issue.found
    if kind in WRONG_KIND:
        message += f" (found {_describe_input(found)})"
    elif isinstance(found, str) and repr(found) not in message and found not in message.split():
        message += f" (found {found!r})"
    return (f"{where}: {message}" if where else message), None


def _describe_input(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    return repr(value)


def format_loc(loc: Loc) -> str:
    """``("milestones", 0, "due")`` as ``milestones[0].due``."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


@cache
def _known_keys() -> frozenset[str]:
    return frozenset(
        key
        for top in (Settings, ProblemsFile, Task, HolidaysFile)
        for record in records_within(top)
        for key in keys_of(record)
    )
