"""The documents a workspace gives: the weekly report, the bulletin, the 督办单, the
台账 of `export` and the leaders' page — each built per ledger by its own settings and
day, and merged by the one rule of its kind (the ledger alone: its own, as it is)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, TypeVar

from zhenggai.findings import LedgerError
from zhenggai.ledger.family import Member
from zhenggai.messages import Text
from zhenggai.messages import text as said
from zhenggai.workspace.names import Kind, resolve
from zhenggai.workspace.space import Workspace

# For the type checker only: a report command imports its own report, not the others.
if TYPE_CHECKING:
    from zhenggai.reports.bulletin import Audience, BulletinReport
    from zhenggai.reports.dashboard import DashboardReport
    from zhenggai.reports.ledger_sheet import LedgerSheet
    from zhenggai.reports.notice import NoticeReport
    from zhenggai.reports.signoff import SignoffForm
    from zhenggai.reports.weekly import WeeklyReport

R = TypeVar("R")


def _merged(
    workspace: Workspace, parts: list[tuple[str, R]], merge: Callable[[list[tuple[str, R]]], R]
) -> R:
    """The one ledger's part as it is; a family's parts merged by its rule."""
    if not workspace.is_family:
        return parts[0][1]
    return merge(parts)


def _unit_members(workspace: Workspace, unit: str | None) -> list[tuple[Member, str | None]]:
    """The ledgers that take part when ``--unit`` is given (each with the unit's id in
    it), else every ledger."""
    members = workspace.members()
    if unit is None:
        return [(member, None) for member in members]
    found = resolve("--unit", unit, Kind.UNIT, members)
    return [(member, found[member.name]) for member in members if member.name in found]


def weekly(workspace: Workspace, first: date, last: date) -> WeeklyReport:
    """The week ``first``–``last`` of every ledger: totals added up, lists qualified."""
    from zhenggai.ledger.inspection import weekly_heading
    from zhenggai.reports.family import build_family_weekly
    from zhenggai.reports.weekly import build_weekly

    parts = [(m.name, build_weekly(m.ledger, first, last)) for m in workspace.members()]
    settings = workspace.ledger.settings

    def merged(parts: list[tuple[str, WeeklyReport]]) -> WeeklyReport:
        whole = build_family_weekly(parts, settings.title)
        heading = weekly_heading(settings)
        return replace(whole, title=heading, own_title=settings.documents.weekly_title)

    return _merged(workspace, parts, merged)


def bulletin(workspace: Workspace, audience: Audience) -> BulletinReport:
    """The bulletin in the opened ledger's texts, with every ledger's figures and
    problems (each child's under its name)."""
    from zhenggai.reports.bulletin import build_bulletin

    family = workspace.family(whole=True)
    children = [
        (m.name, build_bulletin(m.ledger, workspace.today(m.ledger), audience))
        for m in family.children
    ]
    return build_bulletin(workspace.ledger, workspace.today(), audience, children)


def dashboard(workspace: Workspace, public: bool) -> DashboardReport:
    """The leaders' page: each ledger's by its own settings, put together."""
    from zhenggai.reports.dashboard import build_dashboard, build_family_dashboard
    from zhenggai.reports.family import build_family_status

    members = workspace.members()
    parts = [(m.name, build_dashboard(m.ledger, workspace.today(m.ledger), public))
             for m in members]  # fmt: skip

    def merge(parts: list[tuple[str, DashboardReport]]) -> DashboardReport:
        status = build_family_status(workspace.family(), [part.status for _, part in parts])
        return build_family_dashboard(parts, status, workspace.ledger.settings.title, public)

    return _merged(workspace, parts, merge)


def sheet(workspace: Workspace, unit: str | None, public: bool) -> LedgerSheet:
    """The 台账: every ledger's, or one unit's task list (任务清单)."""
    from zhenggai.reports.ledger_sheet import family_sheet, ledger_sheet

    parts = [
        (member.name, ledger_sheet(member.ledger, workspace.today(member.ledger), found, public))
        for member, found in _unit_members(workspace, unit)
    ]
    title = workspace.ledger.settings.title
    return _merged(workspace, parts, lambda parts: family_sheet(parts, title))


def notices(
    workspace: Workspace, unit: str | None, reply_within: str
) -> tuple[list[tuple[Member, NoticeReport]], NoticeReport, list[Text]]:
    """The 督办单 of the day: each ledger's, the reply-by day by its own calendar; the
    parts (to record each in its ledger), the whole, and warnings for the user."""
    from zhenggai.reports.notice import build_notices, family_notices
    from zhenggai.writes.edits import deadline_from

    # "5wd" reads as "+5wd": a reply is always due some time after the notice
    within = f"+{reply_within}" if re.fullmatch(r"\d+(wd|d|w|m)", reply_within) else reply_within
    parts: list[tuple[Member, NoticeReport]] = []
    warnings: list[Text] = []
    for member, unit_id in _unit_members(workspace, unit):
        day = workspace.today(member.ledger)
        reply_by, said_warnings = deadline_from(member.ledger, within, day)
        warnings += said_warnings
        if reply_by.deadline is None or reply_by.deadline <= day:
            raise LedgerError(said("the reply must be due after the day the notice is issued"))
        parts.append((member, build_notices(member.ledger, day, reply_by.deadline, unit_id)))
    title = workspace.ledger.settings.title
    named = [(member.name, part) for member, part in parts]
    return parts, _merged(workspace, named, lambda parts: family_notices(parts, title)), warnings


def signoff_forms(
    workspace: Workspace, typed: str | None, pending: bool, unit: str | None, kind: str | None
) -> list[SignoffForm]:
    """The form of the task ``typed`` (its latest application, of ``kind`` when given), or
    of every application waiting on the day (``pending``, of ``unit``'s tasks when given)."""
    from zhenggai.ledger.qualified import qualify
    from zhenggai.ledger.queries import TaskFilter
    from zhenggai.records.vocab import SortKey
    from zhenggai.reports.signoff import build_form, latest_request
    from zhenggai.workspace.reading import selection, task_row

    if typed is not None:
        row, ledger = task_row(workspace, typed)
        request = latest_request(row.task, kind)
        if request is None:
            raise LedgerError(said("{id} has no application to put on a form", id=typed))
        return [build_form(ledger, row.task, request, qualify(row.ledger, row.task.id))]
    if not pending:
        raise LedgerError(said("name a task, or give --pending for every application waiting"))
    chosen, _ = selection(workspace, TaskFilter(pending=True, unit=unit), SortKey.ID)
    ledgers = {member.name: member.ledger for member in workspace.members()}
    forms = []
    for row in chosen.rows:
        waiting = row.state.pending
        request = latest_request(row.task, waiting.kind if waiting else None)
        if request is not None and (kind is None or request.kind == kind):
            task_id = qualify(row.ledger, row.task.id)
            forms.append(build_form(ledgers[row.ledger], row.task, request, task_id))
    return forms
