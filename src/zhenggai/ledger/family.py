"""Many ledgers read as one: a parent ledger (``children:`` in its zhenggai.yaml) and the
ledgers it names, each loaded with its own settings, calendar and parse cache.

A child that is missing, unreadable, outside the parent's folder (unless allowed) or
that leads back to a ledger already read is a finding on the parent's settings at the
child's entry — never a silent skip. A child may be a parent itself; names nest as
``省委:提案局``.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from multiprocessing import get_all_start_methods, get_context
from pathlib import Path
from typing import Any, TypeVar

from zhenggai.findings import Finding, LedgerError, Position
from zhenggai.ledger.loaded import Ledger
from zhenggai.ledger.paths import SETTINGS_FILE
from zhenggai.ledger.qualified import qualify
from zhenggai.ledger.workers import threads_running
from zhenggai.messages import Text
from zhenggai.messages import text as said


@dataclass(frozen=True)
class Member:
    """One ledger of the family: its qualified name ("" for the parent) and its folder
    relative to the parent's ("" for the parent), for ids and paths."""

    name: str
    prefix: str
    ledger: Ledger

    def path(self, rel: str) -> str:
        """A path of this ledger's, relative to the parent's folder."""
        return f"{self.prefix}/{rel}" if self.prefix else rel

    def qualified(self, task_id: str) -> str:
        return qualify(self.name, task_id)


@dataclass
class Family:
    members: list[Member]  # the parent first, then its children depth-first
    findings: list[Finding] = field(default_factory=list)  # on the children's entries

    @property
    def parent(self) -> Ledger:
        return self.members[0].ledger

    @property
    def children(self) -> list[Member]:
        return self.members[1:]


Loader = Callable[[Path], Ledger]
R = TypeVar("R")


def load_family(root: Path, load: Loader, *, allow_outside: bool = False) -> Family:
    """The ledger at ``root`` and, through ``children:``, every ledger under it."""
    parent = load(root)
    family = Family([Member("", "", parent)])
    seen = {root.resolve()}
    _children(family, parent, "", "", root.resolve(), load, allow_outside, seen)
    return family


def _children(
    family: Family,
    ledger: Ledger,
    name: str,
    prefix: str,
    top: Path,
    load: Loader,
    allow_outside: bool,
    seen: set[Path],
) -> None:
    settings_rel = f"{prefix}/{SETTINGS_FILE}" if prefix else SETTINGS_FILE
    for index, child in enumerate(ledger.settings.children):
        where = ledger.settings_document.locate(("children", index, "path"))
        qualified = qualify(name, child.name)

        def problem(message: Text, hint: Text, where: Position = where) -> None:
            family.findings.append(
                Finding(
                    "parse",
                    message.english(),
                    settings_rel,
                    where.line,
                    where.column,
                    hint=hint.english(),
                    packed=message.packed(),
                    hint_packed=hint.packed(),
                )
            )

        if any(member.name == qualified for member in family.members):
            problem(
                said("child {name}: another child of the family has that name", name=qualified),
                said("give each child a name of its own: it is how their ids are told apart"),
            )
            continue
        folder = (ledger.root / child.path).resolve()
        rel = _relative(folder, top)
        if rel is None and not allow_outside:
            problem(
                said("child {name}: {path} is outside the parent's folder", name=qualified,
                     path=child.path),
                said("keep child ledgers inside the parent's folder (a submodule or a clone), "
                     "or give --allow-outside"),
            )  # fmt: skip
            continue
        if folder in seen:
            problem(
                said("child {name}: {path} is a ledger already read (a loop)", name=qualified,
                     path=child.path),
                said("a ledger is a child of one parent only, and never of its own children"),
            )  # fmt: skip
            continue
        if not (folder / SETTINGS_FILE).is_file():
            problem(
                said("child {name}: {path} is not a ledger (no {file})", name=qualified,
                     path=child.path, file=SETTINGS_FILE),
                said("clone or update the child's repository there, or correct its path"),
            )  # fmt: skip
            continue
        seen.add(folder)
        shown = rel if rel is not None else str(folder)
        try:
            loaded = load(folder)
        except LedgerError as err:
            family.findings += [replace(f, path=f"{shown}/{f.path}") for f in err.findings]
            problem(
                said("child {name}: its settings cannot be read", name=qualified),
                said("fix the child's zhenggai.yaml (the lines above)"),
            )
            continue
        family.members.append(Member(qualified, shown, loaded))
        _children(family, loaded, qualified, shown, top, load, allow_outside, seen)


_job: Callable[[Member], Any] | None = None
_jobs: list[Member] = []


def map_members(members: list[Member], job: Callable[[Member], R]) -> list[R]:
    """``job`` on every member, the children's on every core (each in a process of its
    own, forked, so nothing but the results is pickled); in order."""
    global _job, _jobs
    processes = min(os.cpu_count() or 1, len(members), 8)
    if processes < 2 or "fork" not in get_all_start_methods() or threads_running():
        return [job(member) for member in members]
    _job, _jobs = job, members
    try:
        with get_context("fork").Pool(processes) as pool:
            return pool.map(_run_job, range(len(members)), chunksize=1)
    finally:
        _job, _jobs = None, []


def _run_job(index: int) -> Any:
    assert _job is not None
    return _job(_jobs[index])


def _relative(folder: Path, top: Path) -> str | None:
    try:
        return folder.relative_to(top).as_posix()
    except ValueError:
        return None


def union_parent(roots: list[Path]) -> Ledger:
    """A parent made for the command line (``--ledger`` given several times): in the
    folder all of them share, no tasks of its own, each ledger a child named by its
    folder (its path where two folders share a name), with the first one's inspection."""
    import json

    from zhenggai.findings import LedgerError
    from zhenggai.ledger.load import load_ledger
    from zhenggai.ledger.reader import read_record
    from zhenggai.records.model import Settings

    folders = [root.resolve() for root in roots]
    top = Path(os.path.commonpath(folders))
    paths = [folder.relative_to(top).as_posix() or "." for folder in folders]
    names = [Path(path).name or path for path in paths]
    if len(set(names)) < len(names):
        names = paths
    first = load_ledger(folders[0], task_files=[]).settings
    source = first.source
    lines = [
        f"title: {json.dumps(f'{len(roots)} 个台账', ensure_ascii=False)}",
        "source:",
        f"  kind: {source.kind}",
        f"  inspector: {json.dumps(source.inspector, ensure_ascii=False)}",
        f"  feedback_date: {source.feedback_date.isoformat()}",
        f"language: {first.language}",
        "children:",
        *(
            f"  - {{name: {json.dumps(name, ensure_ascii=False)}, "
            f"path: {json.dumps(path, ensure_ascii=False)}}}"
            for name, path in zip(names, paths, strict=True)
        ),
    ]
    raw = ("\n".join(lines) + "\n").encode("utf-8")
    document, settings, findings = read_record(raw, str(top / SETTINGS_FILE), SETTINGS_FILE,
                                               Settings)  # fmt: skip
    if settings is None or document is None:
        raise LedgerError(said("--ledger: these ledgers cannot be read as one"), findings, top)
    return Ledger(
        root=top,
        settings=settings,
        settings_document=document,
        sections=[],
        problems_document=None,
        tasks=[],
    )
