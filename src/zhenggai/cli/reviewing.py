"""`zhenggai sample` and `zhenggai review`: 回头看, the look-back at closed tasks."""

import secrets
from enum import StrEnum
from typing import Annotated

import typer

from zhenggai.cli.common import (
    AsOfOption,
    LangOption,
    LedgerOption,
    NoCacheOption,
    render_context,
    say_now,
    write_err,
)
from zhenggai.cli.front import finish, open_reading, open_writing, say_written
from zhenggai.cli.options import TaskIdArgument
from zhenggai.cli.sink import deliver
from zhenggai.cli.writing import ByOption, CommitOption, DateOption, option_date
from zhenggai.messages import Text
from zhenggai.messages import text as said


class Strata(StrEnum):
    UNIT = "unit"
    PROBLEM = "problem"
    CHILD = "child"  # over many ledgers


def _how_drawn(strata: Strata | None) -> Text:
    if strata is Strata.UNIT:
        return said("in proportion by unit")
    if strata is Strata.PROBLEM:
        return said("in proportion by problem")
    if strata is Strata.CHILD:
        return said("in proportion by ledger")
    return said("at random")


class Result(StrEnum):
    PASS = "pass"
    FAIL = "fail"


def sample(
    count: Annotated[int, typer.Argument(metavar="N", help="How many closed tasks to draw.")],
    seed: Annotated[
        int | None,
        typer.Option(
            "--seed",
            min=0,
            help="The draw's seed: the same seed on the same ledger and day draws the same "
            "tasks. Default: a new one, printed.",
            show_default=False,
        ),
    ] = None,
    strata: Annotated[
        Strata | None,
        typer.Option(
            "--by",
            help="Draw from each lead unit (or problem, or child ledger): every one gets a "
            "pick where N allows.",
            show_default=False,
        ),
    ] = None,
    closed_before: Annotated[
        str | None,
        typer.Option(
            "--closed-before",
            metavar="YYYY-MM-DD",
            help="Only tasks signed off on or before this day.",
            show_default=False,
        ),
    ] = None,
    record: Annotated[
        bool,
        typer.Option(
            "--record",
            help="Write the sample to reviews/REVIEW-YYYY-NN.yaml, to review and re-run.",
        ),
    ] = False,
    commit: CommitOption = None,
    as_of: AsOfOption = None,
    no_cache: NoCacheOption = False,
    lang: LangOption = None,
    ledger: LedgerOption = None,
) -> None:
    """Draw a 回头看 sample of closed tasks at random, reproducibly."""
    from zhenggai.render.output import Drawn
    from zhenggai.reports.sampling import (
        SampleTooLarge,
        population_rule,
        qualified_id,
        sample_of,
    )
    from zhenggai.workspace.reading import closed_rows
    from zhenggai.workspace.writing import record_sample

    if count < 1:
        raise typer.BadParameter(say_now(said("N is at least 1")), param_hint="N")
    workspace = open_reading(ledger, lang, as_of, no_cache)
    day = workspace.today()
    before = option_date(closed_before, "--closed-before")
    chosen_seed = seed if seed is not None else secrets.randbelow(10**6)
    method = f"by-{strata.value}" if strata else "random"
    rows = closed_rows(workspace, before)
    by_id = {qualified_id(row): row for row in rows}
    try:
        drawn = sample_of(rows, count, chosen_seed, method, day, before)
    except SampleTooLarge as err:
        raise typer.BadParameter(
            say_now(
                said("{asked} is more than the {size} closed tasks to draw from ({rule})",
                     asked=err.asked, size=err.size, rule=say_now(population_rule(day, before)))
            ),
            param_hint="N",
        ) from None  # fmt: skip
    picks = []
    for task_id in drawn.picks:
        task = by_id[task_id].task
        closed = task.closing.date.isoformat() if task.closing else ""
        picks.append((task_id, closed, task.lead_unit, task.title))
    deliver("sample", "text", Drawn(picks), render_context(workspace.ledger, lang))
    write_err(
        "zhenggai: "
        + say_now(
            said("drew {n} of {size} closed tasks ({rule}); seed {seed}, {method}",
                 n=len(drawn.picks), size=len(drawn.population), rule=say_now(drawn.rule),
                 seed=chosen_seed, method=say_now(_how_drawn(strata)))
        )
    )  # fmt: skip
    if record:
        say_written(record_sample(workspace, drawn, commit))
    finish(workspace)


def review(
    task_id: TaskIdArgument,
    result: Annotated[Result, typer.Option("--result", help="pass, or fail (reopens it).")],
    note: Annotated[
        str | None,
        typer.Option("--note", help="What the look-back found (needed for fail).",
                     show_default=False),
    ] = None,
    record_id: Annotated[
        str | None,
        typer.Option("--sample", metavar="REVIEW-ID", show_default=False,
                     help="The sampling record. Default: the latest that waits for it."),
    ] = None,
    day: DateOption = None,
    by: ByOption = None,
    commit: CommitOption = None,
    lang: LangOption = None,
    ledger: LedgerOption = None,
) -> None:  # fmt: skip
    """Record a 回头看 review's outcome on its sampling record; fail reopens the task."""
    from zhenggai.workspace.writing import record_review

    workspace = open_writing(ledger, lang)
    written = record_review(workspace, task_id, result.value, note, by,
                            option_date(day, "--date"), record_id, commit)  # fmt: skip
    say_written(written)
