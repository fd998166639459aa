"""The commands that create: `init` (a ledger) and `new` (a task)."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from zhenggai.cli.common import LedgerOption, write_err
from zhenggai.cli.completion import leader_ids, problem_ids, unit_ids
from zhenggai.cli.writing import CommitOption, _day, _edit, _parse_option_date
from zhenggai.records.vocab import Cadence, Term

if TYPE_CHECKING:
    from zhenggai.ledger.loaded import Ledger
    from zhenggai.writes.plan import Plan


def init(
    folder: Annotated[
        Path, typer.Argument(help="Where to create the ledger.", show_default=True)
    ] = Path("ledger"),
    title: Annotated[str, typer.Option("--title", help="The ledger's title.")] = "整改台账",
    kind: Annotated[str, typer.Option("--kind", help="巡视, 巡察, 审计 or 督查.")] = "巡视",
    inspector: Annotated[
        str, typer.Option("--inspector", help="Who inspected, e.g. 中央第七巡视组.")
    ] = "巡视组",
    feedback_date: Annotated[
        str | None,
        typer.Option(
            "--feedback-date",
            metavar="YYYY-MM-DD",
            help="When the findings were handed over. Default: today in Asia/Shanghai.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Create a new ledger: settings, problems, tasks/, evidence/, .gitattributes."""
    from datetime import UTC, datetime

    from zhenggai.days.dates import ledger_today, parse_iso_date
    from zhenggai.writes.scaffold import create_ledger

    try:
        feedback = (
            parse_iso_date(feedback_date)
            if feedback_date
            else ledger_today("Asia/Shanghai", datetime.now(UTC))
        )
    except ValueError as err:
        raise typer.BadParameter(str(err), param_hint="--feedback-date") from None
    created = create_ledger(folder, title=title, kind=kind, inspector=inspector, feedback=feedback)
    for path in created:
        write_err(f"created {path}")
    write_err(
        f"zhenggai: a new ledger in {folder}: add units and leaders to zhenggai.yaml, "
        "the findings to problems.yaml, then `zhenggai new`"
    )


def new(
    title: Annotated[str, typer.Option("--title", help="The measure (整改举措).")],
    problem: Annotated[
        str,
        typer.Option("--problem", autocompletion=problem_ids, help="The problem id it answers."),
    ],
    unit: Annotated[
        list[str],
        typer.Option(
            "--unit", autocompletion=unit_ids, help="A unit id; repeat it, the first leads."
        ),
    ],
    lead: Annotated[
        str, typer.Option("--lead", autocompletion=leader_ids, help="The leader id (牵头领导).")
    ],
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
    term: Annotated[Term, typer.Option("--term", help="immediate, dated or ongoing.")] = Term.DATED,
    cadence: Annotated[
        Cadence | None,
        typer.Option("--cadence", help="Review cadence of an ongoing task.", show_default=False),
    ] = None,
    measure: Annotated[
        str | None, typer.Option("--measure", help="What will be done.", show_default=False)
    ] = None,
    source_ref: Annotated[
        str | None,
        typer.Option(
            "--source-ref", help="Where it stands in the source text.", show_default=False
        ),
    ] = None,
    owner: Annotated[
        str | None, typer.Option("--owner", help="The person responsible.", show_default=False)
    ] = None,
    tag: Annotated[
        list[str] | None, typer.Option("--tag", help="A tag; repeatable.", show_default=False)
    ] = None,
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
    ledger: LedgerOption = None,
) -> None:
    """Add a task with the next free id; prints the id."""
    from zhenggai.writes.new import NewTask, plan_new

    base = _parse_option_date(start, "--from")

    def make(loaded: "Ledger") -> "Plan":
        spec = NewTask(
            title=title,
            problem=problem,
            units=tuple(unit),
            lead=lead,
            term=term,
            deadline=deadline,
            start=base,
            deadline_basis=basis,
            cadence=cadence.value if cadence else None,
            measure=measure,
            source_ref=source_ref,
            owner=owner,
            tags=tuple(tag or ()),
            created=_day(loaded, day),
        )
        return plan_new(loaded, spec)

    _edit(ledger, commit, make)
