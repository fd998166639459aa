"""Reading commands over many ledgers: the rows of every ledger of a parent for
`list`, one `status` of them all (the children read in worker processes)."""

from pathlib import Path
from typing import TYPE_CHECKING

from zhenggai.cli.common import (
    OutputLanguage,
    display_prefix,
    language_for,
    report_load_problems,
    today_for,
    write_err,
)
from zhenggai.findings import LedgerError
from zhenggai.messages import text as said
from zhenggai.records.vocab import SortKey

if TYPE_CHECKING:
    from datetime import date

    from zhenggai.ledger.family import Family
    from zhenggai.ledger.loaded import Ledger
    from zhenggai.ledger.queries import Selection, TaskFilter
    from zhenggai.reports.dashboard import DashboardReport
    from zhenggai.reports.status import StatusReport


def family_selection(
    loaded: "Ledger",
    child: str | None,
    as_of: "date | None",
    no_cache: bool,
    allow_outside: bool,
    lang: "OutputLanguage | None",
    task_filter: "TaskFilter",
    sort: SortKey,
) -> "tuple[Selection, int, bool]":
    """The rows of every ledger of the family (or of one child, ``--child``), each with
    its state by its own settings and the ledger's name; the total; whether any failed."""
    from dataclasses import replace

    from zhenggai.ledger.queries import Selection, select_tasks, sort_rows

    family, broken = read_family(
        loaded, language_for(loaded, lang), no_cache=no_cache, allow_outside=allow_outside
    )
    members = family.members
    if child is not None:
        names = [m.name for m in members if m.name]
        members = [m for m in members if m.name == child or m.name.startswith(child + ":")]
        if not members:
            raise LedgerError(
                said("--child: unknown {value}; known: {known}", value=repr(child),
                     known=", ".join(names) or "—")
            )  # fmt: skip
    rows = []
    for member in members:
        selected = select_tasks(member.ledger, today_for(member.ledger, as_of), task_filter, sort)
        rows += [replace(row, ledger=member.name) for row in selected.rows]
    today = today_for(loaded, as_of)
    total = sum(len(member.ledger.tasks) for member in members)
    return Selection(today, tuple(sort_rows(rows, sort)), task_filter, sort), total, broken


def read_family(
    loaded: "Ledger",
    language: str,
    *,
    no_cache: bool = False,
    allow_outside: bool = False,
) -> "tuple[Family, bool]":
    """Every ledger of ``loaded``'s family read whole; a child that could not be read,
    and files of one that could not, said on stderr (True returned: the command exits 1
    after its output)."""
    family = family_of(loaded, whole=True, no_cache=no_cache, allow_outside=allow_outside)
    broken = say_family_findings(family, loaded, language)
    for member in family.children:
        broken = report_load_problems(member.ledger, language) or broken  # type: ignore[arg-type]
        member.ledger.save_cache()
    return family, broken


def say_family_findings(family: "Family", loaded: "Ledger", language: str) -> bool:
    """The findings on a parent's children (missing, unreadable, outside…) on stderr;
    whether there were any."""
    if not family.findings:
        return False
    from zhenggai.render.findings import format_findings

    write_err(format_findings(family.findings, display_prefix(loaded.root), language))
    return True


def family_status(
    loaded: "Ledger",
    as_of: "date | None",
    no_cache: bool,
    allow_outside: bool,
    lang: "OutputLanguage | None",
    broken: bool,
) -> "tuple[StatusReport, bool]":
    """The parent and its children, each by its own settings (the children on every
    core), one report; a child that could not be read is said on stderr (exit 1)."""
    from zhenggai.ledger.family import Member, map_members
    from zhenggai.ledger.load import load_ledger
    from zhenggai.reports.family import build_family_status
    from zhenggai.reports.status import build_status

    def whole(member: Member) -> "Ledger":
        if not member.prefix:
            return loaded
        return load_ledger(member.ledger.root, use_cache=not no_cache, preload=False)

    language = language_for(loaded, lang)

    def job(member: Member) -> "tuple[StatusReport, bool]":
        ledger = whole(member)
        # a child's files it could not read are said here, in its worker (stderr is shared)
        failed = bool(member.prefix) and report_load_problems(ledger, language)
        report = build_status(ledger, today_for(ledger, as_of))
        ledger.save_cache()
        return report, failed

    family = family_of(loaded, whole=False, allow_outside=allow_outside)
    results = map_members(family.members, job)
    broken = say_family_findings(family, loaded, language) or broken
    broken = broken or any(failed for _, failed in results)
    return build_family_status(family, [report for report, _ in results]), broken


def member_of(loaded: "Ledger", typed: str, no_cache: bool) -> "tuple[Ledger, str]":
    """The ledger of the family that holds the task ``typed`` names, read whole, and the
    id within it (see `route_task`)."""
    from zhenggai.ledger.load import load_ledger

    routed = route_task(loaded, typed)
    if routed is None:
        return loaded, typed.rpartition(":")[2]
    root, plain, _ = routed
    return load_ledger(root, use_cache=not no_cache), plain


def route_task(loaded: "Ledger", typed: str) -> "tuple[Path, str, str] | None":
    """Where the task ``typed`` names lives: (the child's folder, the id within it, the
    child's name), or
    None for the parent's own. ``提案局:TASK-042`` names the child; a plain id is that of
    the one ledger holding it; held by several, it is refused, each qualified id named."""
    from zhenggai.ledger.ids import task_ids_in

    family = family_of(loaded, whole=False)
    name, _, plain = typed.rpartition(":")
    if name:
        members = [m for m in family.members if m.name == name]
        if not members:
            known = ", ".join(m.name for m in family.children)
            raise LedgerError(said("no ledger {name} here; known: {known}", name=repr(name),
                                   known=known or "—"))  # fmt: skip
    else:
        wanted = plain.upper()
        members = [
            m for m in family.members
            if any(task_id.upper() == wanted for task_id in task_ids_in(m.ledger.root))
        ]  # fmt: skip
        if len(members) > 1:
            raise LedgerError(
                said("{id} is in {n} ledgers: name one, e.g. {choices}", id=plain,
                     n=len(members), choices=", ".join(m.qualified(plain) for m in members))
            )  # fmt: skip
    if not members or not members[0].prefix:
        return None
    return members[0].ledger.root, plain, members[0].name


def family_dashboard(
    loaded: "Ledger", as_of: "date | None", no_cache: bool, public: bool, language: str
) -> "tuple[DashboardReport, bool]":
    """The leaders' page of a parent and its children: each ledger's page by its own
    settings, put together (a child that cannot be read is said on stderr)."""
    from zhenggai.reports.dashboard import build_dashboard, build_family_dashboard
    from zhenggai.reports.family import build_family_status

    family, broken = read_family(loaded, language, no_cache=no_cache)
    parts = [
        (member.name, build_dashboard(member.ledger, today_for(member.ledger, as_of), public))
        for member in family.members
    ]
    status = build_family_status(family, [part.status for _, part in parts])
    return build_family_dashboard(parts, status, loaded.settings.title, public), broken


def family_of(
    loaded: "Ledger", *, whole: bool, no_cache: bool = False, allow_outside: bool = False
) -> "Family":
    """The family of ``loaded`` (already read): its children read whole, or only their
    settings and registries (enough to find them and their children)."""
    from zhenggai.ledger.family import load_family
    from zhenggai.ledger.load import load_ledger

    def load(root: Path) -> "Ledger":
        if root.resolve() == loaded.root.resolve():
            return loaded
        if whole:
            return load_ledger(root, use_cache=not no_cache)
        return load_ledger(root, task_files=[])

    return load_family(loaded.root, load, allow_outside=allow_outside)
