"""`zhenggai sample` and `zhenggai review`: 回头看, the look-back at closed tasks."""

import contextlib
import secrets
from dataclasses import replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from zhenggai.cli.common import (
    AsOfOption,
    LangOption,
    LedgerOption,
    NoCacheOption,
    find_root,
    language_for,
    open_ledger,
    report_load_problems,
    said_now,
    today_for,
    write_err,
    write_out,
)
from zhenggai.cli.options import TaskIdArgument
from zhenggai.cli.writing import (
    ByOption,
    CommitOption,
    DateOption,
    _day,
    _parse_option_date,
    _task,
    _who,
    commit_paths,
)
from zhenggai.messages import text as said
from zhenggai.safetext import inline

if TYPE_CHECKING:
    from zhenggai.ledger.loaded import Ledger
    from zhenggai.reports.sampling import Sample


class Strata(StrEnum):
    UNIT = "unit"
    PROBLEM = "problem"
    CHILD = "child"  # over many ledgers


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
    from zhenggai.reports.sampling import (
        SampleTooLarge,
        closed_population,
        population_rule,
        qualified_id,
        sample_of,
    )

    if count < 1:
        raise typer.BadParameter(said_now(said("N is at least 1")), param_hint="N")
    loaded = open_ledger(ledger, no_cache)
    report_load_problems(loaded, language_for(loaded, lang))
    day = today_for(loaded, as_of)
    before = _parse_option_date(closed_before, "--closed-before")
    chosen_seed = seed if seed is not None else secrets.randbelow(10**6)
    method = f"by-{strata.value}" if strata else "random"
    members = _members(loaded, no_cache)  # the ledger, or a parent and its children
    rows = [
        replace(row, ledger=name) if name else row
        for name, ledger_of in members
        for row in closed_population(ledger_of, day, before)
    ]
    by_id = {qualified_id(row): row for row in rows}
    try:
        drawn = sample_of(rows, count, chosen_seed, method, day, before)
    except SampleTooLarge as err:
        raise typer.BadParameter(
            said_now(
                said("{asked} is more than the {size} closed tasks to draw from ({rule})",
                     asked=err.asked, size=err.size, rule=population_rule(day, before))
            ),
            param_hint="N",
        ) from None  # fmt: skip
    loaded.save_cache()
    lines = []
    for task_id in drawn.picks:
        task = by_id[task_id].task
        closed = task.closing.date.isoformat() if task.closing else ""
        lines.append(inline(f"{task_id}  {closed}  {task.lead_unit}  {task.title}"))
    write_out("".join(line + "\n" for line in lines))
    write_err(
        "zhenggai: "
        + said_now(
            said("drew {n} of {size} closed tasks ({rule}); seed {seed}, {method}",
                 n=len(drawn.picks), size=len(drawn.population), rule=drawn.rule,
                 seed=chosen_seed, method=method)
        )
    )  # fmt: skip
    if record:
        _record(loaded.root, drawn, commit)


def _members(loaded: "Ledger", no_cache: bool) -> "list[tuple[str, Ledger]]":
    """(name, ledger read whole) of the ledger, or of a parent and each of its children."""
    if not loaded.settings.children:
        return [("", loaded)]
    from zhenggai.cli.family import read_family

    family, _ = read_family(loaded, language_for(loaded, None), no_cache=no_cache)
    return [(member.name, member.ledger) for member in family.members]


def _record(root: Path, drawn: "Sample", commit: bool | None) -> None:
    from zhenggai.files.atomic import write_atomic
    from zhenggai.files.lock import ledger_lock
    from zhenggai.ledger.load import load_ledger
    from zhenggai.writes.plan import record_day
    from zhenggai.writes.reviews import next_review_id, plan_sample_record, sample_record_text

    with ledger_lock(root):
        ledger = load_ledger(root, task_files=[])
        day = record_day(drawn.day, today_for(ledger, None))
        record_id = next_review_id(ledger, day.year)
        text = sample_record_text(
            record_id, day, _who(None, root), drawn.seed, drawn.method, drawn.closed_before,
            (len(drawn.population), drawn.rule), drawn.picks,
        )  # fmt: skip
        path, content = plan_sample_record(ledger, text, record_id)
        write_atomic(path, content)
    write_err("zhenggai: " + said_now(said("wrote {file}", file=f"reviews/{path.name}")))
    if commit if commit is not None else ledger.settings.commit:
        commit_paths(root, [path], f"sample {record_id}: {len(drawn.picks)} tasks")


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
    from zhenggai.files.atomic import write_all_or_none
    from zhenggai.files.lock import ledger_lock
    from zhenggai.ledger.load import load_ledger
    from zhenggai.writes.plan import judge_plan
    from zhenggai.writes.reviews import plan_review

    root = find_root(ledger)
    with ledger_lock(root), contextlib.ExitStack() as child_lock:
        loaded = load_ledger(root, task_files=[])
        language_for(loaded, lang)
        routed = None
        if loaded.settings.children:  # a sample over many ledgers: the task is a child's
            from zhenggai.cli.family import route_task

            routed = route_task(loaded, task_id)
        reopen_in = None
        if routed is not None:
            child_root, plain, name = routed
            child_lock.enter_context(ledger_lock(child_root))
            child = load_ledger(child_root, task_files=[])
            task, reopen_in = f"{name}:{_task(child, plain)}", (child, _task(child, plain))
        else:
            task = _task(loaded, task_id)
        when = _day(loaded, day)
        planned = plan_review(loaded, task, result.value, note, _who(by, root), when, record_id,
                              reopen_in)  # fmt: skip
        files = [(planned.record_path, planned.record_content)]
        if planned.reopen is not None:
            judged = reopen_in[0] if reopen_in else loaded
            judge_plan(judged, planned.reopen, today_for(judged, None))
            files.append((planned.reopen.path, planned.reopen.content))
        write_all_or_none(files)
    message = (
        said("review {id} in {record}: fail, reopened", id=task, record=planned.record_id)
        if planned.reopen is not None
        else said("review {id} in {record}: pass", id=task, record=planned.record_id)
    )
    write_err("zhenggai: " + said_now(message))
    if commit if commit is not None else loaded.settings.commit:
        commit_paths(root, [path for path, _ in files], message.english())
