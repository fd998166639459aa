"""What `zhenggai import` says: each unreadable cell by its address (as `check` names a
line), then what was made, changed, added to the registries and left alone."""

from __future__ import annotations

from zhenggai.imports.run import ImportResult
from zhenggai.messages import Language, Text, say_packed
from zhenggai.messages import text as said
from zhenggai.messages import text_n as said_n
from zhenggai.safetext import inline


def problem_lines(result: ImportResult, source: str, language: Language) -> str:
    """``台账.xlsx:整改台账!I12: error: cannot read '下月中旬' as a deadline``, one a line."""
    return "".join(
        f"{inline(source)}:{inline(problem.address)}: error: {_say(problem.message, language)}\n"
        for problem in result.reading.problems
    )


def changes(result: ImportResult) -> str:
    """For standard output: a line per task made (+) or changed (~), in sheet order."""
    if result.plan is None:
        return ""
    report = result.plan.report
    lines = [f"+ {task_id}  {inline(where)}" for task_id, where in report.created]
    lines += [f"~ {task_id}  {inline(where)}" for task_id, where in report.updated]
    lines += [f"+ {task_id}  {inline(where)}  (note)" for task_id, where in report.notes]
    return "".join(line + "\n" for line in lines)


def summary(result: ImportResult, dry_run: bool, language: Language) -> str:
    """For standard error: what was read, written and left, as sentences."""
    out: list[Text] = []
    reading = result.reading
    if result.hidden_skipped:
        out.append(said("hidden sheets not read: {names}", names="、".join(result.hidden_skipped)))
    if reading.unknown_columns:
        out.append(
            said(
                "columns not recognised, not read: {names}",
                names="；".join(reading.unknown_columns),
            )
        )
    for first, last, count, why in _runs(reading.skipped):
        if count == 1:
            out.append(said("{where}: skipped: {why}", where=first, why=_say(why, language)))
        else:
            out.append(
                said_n("{first}–{last} ({n} row): skipped: {why}",
                       "{first}–{last} ({n} rows): skipped: {why}", count, first=first,
                       last=last.rpartition("!")[2], why=_say(why, language))
            )  # fmt: skip
    plan = result.plan
    if plan is not None:
        report = plan.report
        out += report.registries + report.near_names
        for task_id, where, why in report.conflicts:
            out.append(
                said(
                    "{id} ({where}): conflict: {why}",
                    id=task_id,
                    where=where,
                    why=_say(why, language),
                )
            )
        for task_id, where, kind in report.applications:
            out.append(
                said("{id} ({where}): its 备注 applies for sign-off, for the office to approve "
                     "(`zhenggai approve`)", id=task_id, where=where)
                if kind == "signoff"
                else said("{id} ({where}): its 备注 applies for an extension, for the office "
                          "to approve (`zhenggai approve`)", id=task_id, where=where)
            )  # fmt: skip
        for task_id, name in report.evidence_missing:
            out.append(
                said(
                    "{id}: evidence {name} not found (--evidence-dir): not recorded; "
                    "`zhenggai check` names the done tasks without evidence",
                    id=task_id,
                    name=repr(name),
                )
            )
        if report.late_by_sheet_day:
            out.append(
                said_n(
                    "{n} task done in the sheet, which gives no day, is signed off on {day}, "
                    "the sheet's day, after its deadline ({ids}); where it was done in time, "
                    "`zhenggai correct ID --closing --date D --reason ...` puts the day right",
                    "{n} tasks done in the sheet, which gives no day, are signed off on {day}, "
                    "the sheet's day, after their deadlines ({ids}); where one was done in time, "
                    "`zhenggai correct ID --closing --date D --reason ...` puts the day right",
                    len(report.late_by_sheet_day),
                    day=result.day,
                    ids="、".join(report.late_by_sheet_day[:10])
                    + ("…" if len(report.late_by_sheet_day) > 10 else ""),
                )
            )
        out.append(
            said(
                "{sheet}: {created} new, {updated} updated, {notes} notes added, "
                "{unchanged} unchanged; as of {day}",
                sheet=reading.sheet,
                created=len(report.created),
                updated=len(report.updated),
                notes=len(report.notes),
                unchanged=report.unchanged,
                day=result.day,
            )
        )
    elif reading.problems:
        out.append(
            said_n(
                "{n} cell cannot be read: nothing written (--keep-going writes the rows that can)",
                "{n} cells cannot be read: nothing written (--keep-going writes the rows that can)",
                len(reading.problems),
            )
        )
    if dry_run and plan is not None:
        out.append(said("dry run: nothing written"))
    return "".join(f"zhenggai: {_say(line, language)}\n" for line in out)


def _say(message: Text, language: Language) -> str:
    return say_packed(message.packed(), language)


def _runs(skipped: list[tuple[str, Text]]) -> list[tuple[str, str, int, Text]]:
    """Rows skipped one after another for one reason, as one run: (first, last, how
    many, why) — a million empty-measure rows are one line, not a million."""
    runs: list[tuple[str, str, int, Text]] = []
    for where, why in skipped:
        if (
            runs
            and runs[-1][3] == why
            and runs[-1][0].rpartition("!")[0] == where.rpartition("!")[0]
        ):
            first, _, count, _ = runs[-1]
            runs[-1] = (first, where, count + 1, why)
        else:
            runs.append((where, where, 1, why))
    return runs
