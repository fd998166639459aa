"""The weekly round of 填报表 through the front door: forms issued (workbooks written
outside the ledger, the round recorded in it), returned workbooks collected — each
one all or nothing, through the one unit of work — and the register of who reported."""

from __future__ import annotations

import tempfile
import zipfile
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from zhenggai.findings import LedgerError
from zhenggai.imports.rows import CellProblem
from zhenggai.messages import text as said
from zhenggai.messages import text_n as said_n
from zhenggai.records.settings import Settings
from zhenggai.reports.forms import Register, UnitForm
from zhenggai.workspace.space import Workspace
from zhenggai.writes.change import Change, of_plans
from zhenggai.writes.unit import Target, Written

#: What an unpacked zip of returned forms may hold, at most: bytes, and members.
_ZIP_BYTES, _ZIP_MEMBERS = 512 * 1024 * 1024, 2000


def issue(
    workspace: Workspace,
    units: list[str],
    period: str,
    day: date,
    due: date,
    output: Path,
    by: str | None,
    commit: bool | None,
    mail: str | None = None,
) -> tuple[list[UnitForm], list[Path], Written]:
    """Each unit's form as of ``day`` (the day it is issued) written into the folder
    ``output`` (never inside the ledger), then the round recorded in
    ``forms/<period>.yaml``. With ``mail`` (the sender, "" for the office), beside each
    workbook the message that sends it (.eml) and a text for a chat (.txt)."""
    from zhenggai.files.atomic import write_atomic
    from zhenggai.ledger.form_facts import ledger_key
    from zhenggai.render.form_xlsx import form_workbook, roles
    from zhenggai.reports.forms import unit_forms
    from zhenggai.workspace.names import Kind, resolve_one
    from zhenggai.workspace.writing import write
    from zhenggai.writes.forms import plan_round

    if output.exists() and not output.is_dir():
        raise LedgerError(said("{path} is not a folder: give --output DIR", path=output))
    owned = workspace.owned(output / "form.xlsx")
    if owned is not None:
        raise LedgerError(said("refusing to write forms into {part}: a part of the ledger",
                               part=owned[1]))  # fmt: skip
    ids = [resolve_one("--unit", typed, Kind.UNIT, workspace.ledger) for typed in units]
    forms: list[UnitForm] = []
    files: list[Path] = []

    def make(target: Target) -> Change:
        # Planned on the whole ledger under its lock; the workbooks are written first
        # (outside the ledger), so that a round is recorded only with its forms on disk.
        ledger = target.ledger
        language = ledger.settings.language  # the form's words are the ledger's
        forms[:] = unit_forms(ledger, day, ids, period, due, roles(language))
        if not forms:
            raise LedgerError(said("no unit has open or ongoing work: no form to issue"))
        key = ledger_key(ledger)
        rows = [(f.unit, f.file, [(r.task_id, r.digest) for r in f.rows]) for f in forms]
        record = plan_round(ledger, period, day, due, by, key, rows)
        office = ledger.settings.bulletin.issuer or ledger.settings.title
        output.mkdir(parents=True, exist_ok=True)
        for form in forms:
            files.append(output / form.file)
            workbook = form_workbook(form, key, office, language)
            write_atomic(files[-1], workbook)
            if mail is not None:
                from zhenggai.render.form_mail import chat_text, form_mail

                stem = files[-1].with_suffix("")
                eml = form_mail(form, workbook, office, mail, language)
                write_atomic(stem.with_name(stem.name + ".eml"), eml)
                chat = chat_text(form, office, language).encode("utf-8")
                write_atomic(stem.with_name(stem.name + ".txt"), chat)
        message = said_n("issue {n} form of {period}", "issue {n} forms of {period}",
                         len(forms), period=period)  # fmt: skip
        return Change(ledger.root, message, (record,))

    written = write(workspace, None, make, commit, whole=True)
    return forms, files, written


@dataclass
class Collection:
    """What collecting one returned workbook did."""

    source: str
    unit: str = ""
    tasks: list[str] = field(default_factory=list)
    problems: list[CellProblem] = field(default_factory=list)
    again: bool = False
    written: Written | None = None


def collect(
    workspace: Workspace,
    paths: list[Path],
    day: date | None,
    dry_run: bool,
    commit: bool | None,
) -> list[Collection]:
    """Each workbook among ``paths`` (files, folders, zips) collected on ``day`` (None:
    today), each all or nothing — one after another under one lock; what each did, or
    why it was refused."""
    from contextlib import ExitStack

    from zhenggai.writes.unit import write_changes

    settings = workspace.ledger.settings
    with ExitStack() as unpacked:
        found = list(_workbooks(paths, unpacked))
        collections = [Collection(shown) for _, _, shown in found]
        makes = [
            _planner(source, beside, collection, day, dry_run, settings)
            for (source, beside, _), collection in zip(found, collections, strict=True)
        ]
        results = write_changes(workspace.ledger, makes, workspace.real_today, commit)
    for collection, result in zip(collections, results, strict=True):
        if isinstance(result, LedgerError):
            collection.problems.append(CellProblem(collection.source, result.said()))
        else:
            collection.written = result
    return collections


def _planner(
    source: Path,
    beside: Path,
    collection: Collection,
    day: date | None,
    dry_run: bool,
    settings: Settings,
) -> Callable[[Target], Change]:
    """What reads one returned workbook and plans its change, and tells ``collection``:
    a workbook that is no form is refused on its own, the others collected all the same."""
    from zhenggai.imports.collect import plan_collect
    from zhenggai.imports.returned import read_returned
    from zhenggai.render.form_xlsx import roles
    from zhenggai.writes.plan import record_day

    def make(target: Target) -> Change:
        form = read_returned(source, settings.sheet_max_cells, collection.source)
        collected = record_day(day, target.today)
        planned = plan_collect(target.ledger, form, source, beside, collected,
                               roles(settings.language))  # fmt: skip
        collection.unit, collection.again = planned.unit, planned.again
        collection.problems = planned.problems
        collection.tasks = [plan.task_id for plan in planned.plans]
        message = said("collect {file} of {unit}: {n} tasks", file=collection.source,
                       unit=planned.unit, n=len(planned.plans))  # fmt: skip
        if planned.again or planned.problems or dry_run or planned.round is None:
            return Change(target.ledger.root, message, shows_files=False)
        record = (target.ledger.root / planned.round.path, planned.record or b"")
        tasks = of_plans(target.ledger.root, planned.plans, message)
        return replace(tasks, files=(*tasks.files, record))

    return make


def _workbooks(paths: list[Path], unpacked: ExitStack) -> Iterator[tuple[Path, Path, str]]:
    """(the workbook, the folder its evidence is in, how it is named) for each workbook
    among ``paths``: a file, the workbooks in a folder, those in a zip (unpacked into a
    folder that ``unpacked`` removes when it closes)."""
    for path in paths:
        if path.is_dir():
            for found in sorted(path.glob("*.xlsx")):
                if not found.name.startswith(("~$", ".")):
                    yield found, path, found.name
        elif zipfile.is_zipfile(path) and path.suffix.lower() == ".zip":
            folder = unpacked.enter_context(_unpacked(path))
            for found in sorted(folder.rglob("*.xlsx")):
                yield found, found.parent, f"{path.name}/{found.relative_to(folder)}"
        else:
            yield path, path.parent, path.name


@contextmanager
def _unpacked(path: Path) -> Iterator[Path]:
    """The zip ``path`` unpacked into a folder of its own, only members whose names stay
    inside it, bounded in size and number; removed after."""
    with tempfile.TemporaryDirectory(prefix="zhenggai-forms-") as folder:
        root = Path(folder)
        with zipfile.ZipFile(path) as book:
            members = [m for m in book.infolist() if not m.is_dir()]
            if len(members) > _ZIP_MEMBERS or sum(m.file_size for m in members) > _ZIP_BYTES:
                raise LedgerError(said("{file} holds more than a round of forms: unpack it "
                                       "and collect the workbooks", file=path))  # fmt: skip
            for member in members:
                name = member.filename.replace("\\", "/")
                parts = [p for p in name.split("/") if p not in ("", ".")]
                if name.startswith("/") or ".." in parts or not parts:
                    raise LedgerError(
                        said(
                            "{file}: {name} would leave the folder it is unpacked into",
                            file=path,
                            name=repr(name),
                        )
                    )
                target = root.joinpath(*parts)
                target.parent.mkdir(parents=True, exist_ok=True)
                with book.open(member) as data, open(target, "wb") as out:
                    out.write(data.read(_ZIP_BYTES))
        yield root


def status(workspace: Workspace, period: str | None) -> list[Register]:
    """The register of each round (the one of ``period``), oldest first; over many
    ledgers, each child's rounds with its units named by the child."""
    from zhenggai.ledger.qualified import qualify
    from zhenggai.reports.forms import register

    found = []
    for member in workspace.members():
        ledger = member.ledger
        for loaded in ledger.rounds:
            if period is not None and loaded.record.period != period:
                continue
            made = register(ledger, loaded.record, workspace.today(ledger))
            if member.name:
                units = tuple(replace(u, name=qualify(member.name, u.name)) for u in made.units)
                made = replace(made, units=units)
            found.append(made)
    if period is not None and not found:
        raise LedgerError(said("no forms of {period} were issued here", period=period))
    return sorted(found, key=lambda r: r.period)
