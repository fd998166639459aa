"""A workspace: the ledger a command opened, its children, the day, what could not
be read, and the caches to save when the run ends."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TypeVar

from zhenggai.findings import Finding, LedgerError
from zhenggai.ledger.family import Family, Member, load_family, map_members, union_parent
from zhenggai.ledger.load import OwnFindingsMaker, load_ledger
from zhenggai.ledger.loaded import Ledger
from zhenggai.messages import text as said

R = TypeVar("R")


@dataclass(frozen=True)
class Options:
    """What the command line read once for the whole run."""

    now: datetime  # the clock, read once by the command line (with its timezone)
    as_of: date | None = None  # --as-of: the day asked about, in every ledger
    use_cache: bool = True  # not --no-cache
    allow_outside: bool = False  # --allow-outside: children outside the parent's folder
    preload: bool = True  # $ZHENGGAI_PRELOAD: stat the task folder in a child process
    user: str | None = None  # $ZHENGGAI_USER: who records, before git's user.name


@dataclass(frozen=True)
class Unreadable:
    """Files of one ledger that could not be read, and the ledger's folder (for paths)."""

    root: Path
    findings: tuple[Finding, ...]


#: Told each time files are found that could not be read (the command line says them).
Tell = Callable[[Unreadable], None]


@dataclass
class Workspace:
    """One ledger, or a parent with its children (``children:``, or several ``--ledger``
    read as one): the only thing a command opens."""

    ledger: Ledger  # the ledger opened: the parent, the only one, or the command line's union
    options: Options
    tell: Tell = lambda unreadable: None
    unreadable: list[Unreadable] = field(default_factory=list)
    _families: dict[bool, Family] = field(default_factory=dict)
    _opened: list[Ledger] = field(default_factory=list)  # read here: caches to save

    @property
    def root(self) -> Path:
        return self.ledger.root

    @property
    def broken(self) -> bool:
        """Whether any file could not be read: a reading command then exits 1."""
        return bool(self.unreadable)

    @property
    def is_family(self) -> bool:
        return bool(self.ledger.settings.children)

    def today(self, ledger: Ledger | None = None) -> date:
        """The day asked about (--as-of), else today in ``ledger``'s timezone."""
        if self.options.as_of is not None:
            return self.options.as_of
        return self.real_today(ledger)

    def real_today(self, ledger: Ledger | None = None) -> date:
        """Today in ``ledger``'s timezone (the one opened by default), whatever is asked."""
        from zhenggai.days.dates import ledger_today

        return ledger_today((ledger or self.ledger).settings.timezone, self.options.now)

    def family(self, *, whole: bool = True) -> Family:
        """The ledgers of the workspace: each child read whole (its unreadable files
        noted), or only its settings and registries (enough to find it)."""
        if whole in self._families:
            return self._families[whole]
        family = load_family(
            self.root, self._loader(whole), allow_outside=self.options.allow_outside
        )
        if family.findings:
            self._note(self.root, family.findings)
        self._families[whole] = family
        return family

    def members(self) -> list[Member]:
        return self.family(whole=True).members

    def each(
        self,
        job: Callable[[Ledger, Member], R],
        *,
        one_file_checks: OwnFindingsMaker | None = None,
        hash_evidence: bool = False,
    ) -> list[R]:
        """``job`` on every ledger read whole, the children's on every core (each child
        read, checked or counted and its cache saved in a process of its own); a child
        read with ``one_file_checks`` and ``hash_evidence`` as `load_ledger` reads."""
        family = self.family(whole=False)

        def run(member: Member) -> tuple[R, tuple[Finding, ...]]:
            if not member.prefix:
                return job(self.ledger, member), ()
            ledger = self._read(member.ledger.root, one_file_checks, hash_evidence)
            result = job(ledger, member)
            ledger.save_cache()  # here, in the child's own process
            return result, tuple(ledger.findings)

        results = map_members(family.members, run)
        for member, (_, findings) in zip(family.members, results, strict=True):
            if findings:
                self._note(member.ledger.root, findings)
        return [result for result, _ in results]

    def listen(self, tell: Tell) -> None:
        """Tell ``tell`` of the files that could not be read: those found so far, then
        each as it is found."""
        self.tell = tell
        for unreadable in self.unreadable:
            tell(unreadable)

    def read(self, root: Path) -> Ledger:
        """One ledger of the workspace read whole (the opened one as it is), its
        unreadable files noted."""
        if root.resolve() == self.root.resolve():
            return self.ledger
        return self._loader(True)(root)

    def owned(self, path: Path) -> tuple[Path, str] | None:
        """The ledger, and its own file or folder, that writing ``path`` would change —
        as the path is written and where it leads; None for a path of no ledger's."""
        import os

        from zhenggai.ledger.paths import owned_part

        family = self._families.get(True) or self.family(whole=False)
        places = {os.path.abspath(path), os.path.realpath(path)}
        for member in family.members:
            root = os.path.realpath(member.ledger.root)
            for place in sorted(places):
                part = owned_part(root, place)
                if part is not None:
                    return member.ledger.root, part
        return None

    def finish(self) -> None:
        """Save what this run learnt in the caches of the ledgers read here."""
        for ledger in self._opened:
            ledger.save_cache()

    def _loader(self, whole: bool) -> Callable[[Path], Ledger]:
        def load(root: Path) -> Ledger:
            if root.resolve() == self.root.resolve():
                return self.ledger
            if not whole:
                return load_ledger(root, task_files=[])
            ledger = self._read(root)
            self._opened.append(ledger)
            if ledger.findings:
                self._note(root, ledger.findings)
            return ledger

        return load

    def _read(
        self,
        root: Path,
        one_file_checks: OwnFindingsMaker | None = None,
        hash_evidence: bool = False,
    ) -> Ledger:
        return load_ledger(
            root,
            use_cache=self.options.use_cache,
            one_file_checks=one_file_checks,
            hash_evidence=hash_evidence,
            preload=False,
        )

    def _note(self, root: Path, findings: list[Finding] | tuple[Finding, ...]) -> None:
        unreadable = Unreadable(root, tuple(findings))
        self.unreadable.append(unreadable)
        self.tell(unreadable)


def _finish_killed_writes(roots: list[Path]) -> None:
    """A write killed between its renames is finished before anything is read, so no
    command reads half a change (the journal is looked for; the lock taken only then)."""
    from zhenggai.files.journal import pending

    for root in roots:
        if pending(root):
            from zhenggai.files.lock import ledger_lock
            from zhenggai.writes.unit import finish_killed_write

            with ledger_lock(root):
                finish_killed_write(root)


def open_workspace(
    roots: list[Path],
    options: Options,
    *,
    one_file_checks: OwnFindingsMaker | None = None,
    hash_evidence: bool = False,
    writing: bool = False,
    note_own: bool = True,
) -> Workspace:
    """The ledger at ``roots[0]`` (with its children), or several ledgers read as one
    (files that could not be read are told to whoever `Workspace.listen`s).

    With ``writing``, one ledger is read without its tasks (what a write needs before
    it locks: the unit of work reads what it changes under the lock); several are
    refused, a write going to one ledger. ``note_own=False`` leaves the opened
    ledger's own unread files out of the unreadable list (`check` reports them as
    findings).
    """
    if len(roots) > 1 and writing:
        raise LedgerError(
            said("--ledger given {n} times: a write goes to one ledger; give the one to "
                 "write in (the reading commands read several as one)", n=len(roots))
        )  # fmt: skip
    _finish_killed_writes(roots)
    if len(roots) > 1:
        ledger = union_parent(roots)
    else:
        ledger = load_ledger(
            roots[0],
            task_files=[] if writing else None,
            use_cache=options.use_cache and not writing,
            one_file_checks=one_file_checks,
            hash_evidence=hash_evidence,
            preload=options.preload,
        )
    workspace = Workspace(ledger, options)
    workspace._opened.append(ledger)
    if note_own and ledger.findings:
        workspace._note(ledger.root, ledger.findings)
    return workspace
