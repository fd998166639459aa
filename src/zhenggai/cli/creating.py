"""The command that creates a task: `new` (a ledger: `newledger`)."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from zhenggai.cli.common import LangOption, LedgerOption, ask, say_now, write_err
from zhenggai.cli.completion import problem_ids
from zhenggai.cli.options import (
    LeadOption,
    MeasureOption,
    OwnerOption,
    SourceRefOption,
    TagsOption,
    UnitsOption,
    Words,
)
from zhenggai.cli.writing import CommitOption, Editing, edit_task, option_date
from zhenggai.findings import LedgerError
from zhenggai.messages import Text
from zhenggai.messages import text as said
from zhenggai.records.vocab import Cadence, Term

if TYPE_CHECKING:
    from zhenggai.writes.plan import Plan


def new(
    title: Annotated[
        str | None,
        typer.Option("--title", help="The measure (整改举措). Asked for on a terminal."),
    ] = None,
    problem: Annotated[
        str | None,
        typer.Option(
            "--problem",
            autocompletion=problem_ids,
            help="The problem id it answers.",
            show_default=False,
        ),
    ] = None,
    unit: UnitsOption = None,
    lead: LeadOption = None,
    deadline: Annotated[
        str | None,
        typer.Option(
            "--deadline",
            help="2021-07-31, 2021-07, 年内, +30d, +2m, +10wd (working days), 2个月内.",
            show_default=False,
        ),
    ] = None,
    start: Annotated[
        str | None,
        typer.Option(
            "--from",
            metavar="YYYY-MM-DD",
            help="Count relative deadlines from this day. Default: the feedback date.",
            show_default=False,
        ),
    ] = None,
    basis: Annotated[
        str | None,
        typer.Option(
            "--basis", help="The deadline's wording, if not what was typed.", show_default=False
        ),
    ] = None,
    term: Annotated[
        Term, typer.Option("--term", click_type=Words(Term), help="immediate, dated or ongoing.")
    ] = Term.DATED,
    cadence: Annotated[
        Cadence | None,
        typer.Option(
            "--cadence",
            click_type=Words(Cadence),
            help="Review cadence of an ongoing task.",
            show_default=False,
        ),
    ] = None,
    measure: MeasureOption = None,
    source_ref: SourceRefOption = None,
    owner: OwnerOption = None,
    tag: TagsOption = None,
    day: Annotated[
        str | None,
        typer.Option(
            "--date",
            metavar="YYYY-MM-DD",
            help="The day the task enters the ledger (created). Default: today.",
            show_default=False,
        ),
    ] = None,
    commit: CommitOption = None,
    lang: LangOption = None,
    ledger: LedgerOption = None,
) -> None:
    """Add a task with the next free id; prints the id. On a terminal, what is missing is
    asked for; in a pipe or CI, missing options are an error."""
    from zhenggai.writes.new import NewTask, plan_new

    base = option_date(start, "--from")
    given = {"--title": title, "--problem": problem, "--unit": unit, "--lead": lead}
    missing = [option for option, value in given.items() if not value]
    if term is not Term.ONGOING and deadline is None:
        missing.append("--deadline")
    if missing:
        if not interactive():
            raise LedgerError(
                said(
                    "zhenggai new needs {options} (on a terminal it asks for them)",
                    options=", ".join(missing),
                )
            )
        title, problem, unit, lead, deadline = _ask(
            ledger, title, problem, unit, lead, deadline if "--deadline" not in missing else ""
        )
    assert title is not None and problem is not None and unit and lead is not None

    def make(e: Editing) -> "Plan":
        from zhenggai.workspace.names import Kind, resolve_each

        named = resolve_each(
            e.ledger,
            [("--problem", problem, Kind.PROBLEM)]
            + [("--unit", typed, Kind.UNIT) for typed in unit]
            + [("--lead", lead, Kind.LEADER)],
            said("cannot create the task"),
        )
        spec = NewTask(
            title=title,
            problem=named[0],
            units=tuple(named[1:-1]),
            lead=named[-1],
            term=term,
            deadline=deadline,
            start=base,
            deadline_basis=basis,
            cadence=cadence.value if cadence else None,
            measure=measure,
            source_ref=source_ref,
            owner=owner,
            tags=tuple(tag or ()),
            created=e.day(day),
        )
        return plan_new(e.ledger, spec)

    edit_task(ledger, commit, None, make, lang)


def interactive() -> bool:
    """Whether a person is there to answer: a terminal on both ends, and not CI."""
    import os
    import sys

    return sys.stdin.isatty() and sys.stdout.isatty() and not os.environ.get("CI")


def _ask(
    ledger_option: list[Path] | None,
    title: str | None,
    problem: str | None,
    unit: list[str] | None,
    lead: str | None,
    deadline: str | None,
) -> tuple[str, str, list[str], str, str | None]:
    """Ask for what `new` was not given, showing the ids the registries know."""
    from zhenggai.cli.front import open_writing

    registries = open_writing(ledger_option).ledger

    def show(heading: Text, items: list[tuple[str, str]]) -> None:
        write_err(say_now(heading) + "\n" + "".join(f"  {key}  {name}\n" for key, name in items))

    if not title:
        title = ask(said("The measure (整改举措)?"), None)
    if not problem:
        show(said("The problems:"), [(p.id, p.title) for p in registries.problems.values()])
        problem = ask(said("Which problem does it answer (its id)?"), None)
    if not unit:
        show(said("The units:"), [(u.id, u.name) for u in registries.settings.units])
        typed = ask(said("Its units, the lead unit first, separated by commas?"), None)
        unit = [part.strip() for part in typed.replace("，", ",").split(",") if part.strip()]
    if not lead:
        show(said("The leaders:"), [(x.id, x.name) for x in registries.settings.leaders])
        lead = ask(said("Its leader (牵头领导)?"), None)
    if deadline == "":
        deadline = ask(said("Its deadline (2021-12-31, 年底前, 3个月内, 立行立改…)?"), None)
    return title, problem, unit, lead, deadline
