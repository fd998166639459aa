"""`zhenggai report notice`: 督办单, one page per unit with work late or coming due;
`--record` writes each notice into its tasks (over many ledgers, into each child)."""

import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from zhenggai.cli.common import (
    AsOfOption,
    LangOption,
    LedgerOption,
    NoCacheOption,
    said_now,
    today_for,
    write_err,
)
from zhenggai.cli.completion import unit_ids
from zhenggai.cli.reporting import (
    FormatOption,
    OutputOption,
    ReportFormat,
    _emit,
    _open,
)
from zhenggai.cli.writing import ByOption, CommitOption
from zhenggai.messages import text as said
from zhenggai.messages import text_n as said_n

if TYPE_CHECKING:
    from zhenggai.ledger.family import Member
    from zhenggai.ledger.loaded import Ledger
    from zhenggai.reports.notice import NoticeReport


def notice(
    unit: Annotated[
        str | None,
        typer.Option(
            "--unit",
            autocompletion=unit_ids,
            help="One unit's notice (its id or name). Default: every unit that has one.",
            show_default=False,
        ),
    ] = None,
    reply_within: Annotated[
        str,
        typer.Option(
            "--reply-within",
            metavar="TERM",
            help="When the reply is due, counted from the day: 5wd (working days), 7d, a date.",
        ),
    ] = "5wd",
    record: Annotated[
        bool,
        typer.Option(
            "--record",
            help="Record each notice in its tasks, so the next one escalates and "
            "`notice-unanswered` can tell a missed reply.",
        ),
    ] = False,
    by: ByOption = None,
    commit: CommitOption = None,
    output_format: FormatOption = ReportFormat.MD,
    output: OutputOption = None,
    as_of: AsOfOption = None,
    no_cache: NoCacheOption = False,
    lang: LangOption = None,
    ledger: LedgerOption = None,
) -> None:
    """Supervision notices (督办单): one page per unit with tasks overdue or coming due,
    at the level their history calls for: 提醒, 督办, or 告诫 after an unanswered one."""
    from zhenggai.render.notice import notice_document
    from zhenggai.reports.notice import build_notices
    from zhenggai.writes.edits import deadline_from

    loaded, language, day = _open(ledger, no_cache, lang, as_of, output_format, output)
    # "5wd" reads as "+5wd": a reply is always due some time after the notice
    within = f"+{reply_within}" if re.fullmatch(r"\d+(wd|d|w|m)", reply_within) else reply_within

    def notices_of(member_ledger: "Ledger", member_unit: str | None) -> "NoticeReport":
        """One ledger's notices: the reply-by day by its own calendar."""
        member_day = today_for(member_ledger, as_of)
        reply_by, warnings = deadline_from(member_ledger, within, member_day)
        for warning in warnings:
            write_err("zhenggai: warning: " + said_now(warning))
        if reply_by.day <= member_day:
            raise typer.BadParameter(
                said_now(said("the reply must be due after the day the notice is issued")),
                param_hint="--reply-within",
            )
        unit_id = _unit_id(member_ledger, member_unit)
        return build_notices(member_ledger, member_day, reply_by.day, unit_id)

    broken = False
    if loaded.settings.children:  # every ledger's notices, each by its own settings
        from zhenggai.cli.family import read_family
        from zhenggai.reports.notice import family_notices

        family, broken = read_family(loaded, language, no_cache=no_cache)
        # --unit 提案局:办公室 names one child's unit
        child, _, plain = (unit or "").rpartition(":")

        def knows(member: "Member") -> bool:
            names = {u.name for u in member.ledger.settings.units}
            return not plain or plain in member.ledger.unit_ids or plain in names

        members = [m for m in family.members if (not child or m.name == child) and knows(m)]
        if not members:  # a unit no ledger has: the units there are, qualified
            known = sorted(f"{m.name}:{u}" if m.name else u for m in family.members
                           for u in m.ledger.unit_ids)  # fmt: skip
            raise typer.BadParameter(
                said_now(said("unknown unit {unit}; known: {known}", unit=repr(unit),
                              known=", ".join(known))),
                param_hint="--unit",
            )  # fmt: skip
        parts = [(m.name, notices_of(m.ledger, plain or None)) for m in members]
        report = family_notices(parts, loaded.settings.title)
        if record:
            for (_, part), member in zip(parts, members, strict=True):
                _record_notices(member.ledger.root, part, by, commit, day)
    else:
        report = notices_of(loaded, unit)
        if record:
            _record_notices(loaded.root, report, by, commit, day)
    loaded.save_cache()
    _emit(notice_document(report, language), output_format, output, day)
    if broken:
        raise typer.Exit(1)


def _unit_id(loaded: "Ledger", typed: str | None) -> str | None:
    """The unit ``typed`` names, by id or name; a usage error naming the nearest."""
    import difflib

    if typed is None:
        return None
    names = {unit.name: unit.id for unit in loaded.settings.units}
    if typed in loaded.unit_ids:
        return typed
    if typed in names:
        return names[typed]
    known = sorted({*loaded.unit_ids, *names})
    nearest = difflib.get_close_matches(typed, known, n=3, cutoff=0.4)
    raise typer.BadParameter(
        said_now(
            said("unknown unit {unit}; the nearest: {nearest}", unit=repr(typed),
                 nearest=", ".join(nearest))
            if nearest
            else said("unknown unit {unit}; known: {known}", unit=repr(typed),
                      known=", ".join(known))
        ),
        param_hint="--unit",
    )  # fmt: skip


def _record_notices(
    root: Path, report: "NoticeReport", by: str | None, commit: bool | None, day: date
) -> None:
    """Each task of each notice gets the notice, under the lock, all or none."""
    from zhenggai.cli.writing import _who, commit_paths
    from zhenggai.files.lock import ledger_lock
    from zhenggai.ledger.load import load_ledger
    from zhenggai.writes.notices import plan_notice
    from zhenggai.writes.plan import apply_plans, judge_plan, record_day

    who = _who(by, root)
    with ledger_lock(root):
        ledger = load_ledger(root, task_files=[])
        real_today = today_for(ledger, None)
        issued = record_day(day, real_today)
        plans = []
        for notice in report.notices:
            for item in notice.items:
                plan = plan_notice(ledger, item.task_id, issued, item.level, report.reply_by, who)
                if plan is not None:
                    judge_plan(ledger, plan, real_today)
                    plans.append(plan)
        apply_plans(plans)
    write_err(
        "zhenggai: "
        + said_now(
            said_n(
                "recorded {n} notice in its task",
                "recorded {n} notices in their tasks",
                len(plans),
            )
        )
    )
    if plans and (commit if commit is not None else ledger.settings.commit):
        commit_paths(root, [plan.path for plan in plans], f"notices of {issued}: {len(plans)}")
