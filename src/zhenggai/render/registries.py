"""`zhenggai unit list`, `leader list`, `problem list`: each registry with what it carries."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from zhenggai.ledger.loaded import Ledger
from zhenggai.render.context import RenderContext
from zhenggai.render.table import Column, render_tables


def units_table(ledger: Ledger, ctx: RenderContext) -> str:
    label = ctx.labels
    leads = Counter(loaded.groups.lead_unit for loaded in ledger.tasks if loaded.groups.units)
    joins = Counter(unit for loaded in ledger.tasks for unit in loaded.groups.units[1:])
    columns = [
        Column(label("id")),
        Column(label("name"), grow=True),
        Column(label("liaison")),
        Column(label("col.leads"), justify="right"),
        Column(label("col.joins"), justify="right"),
    ]
    rows = [
        [unit.id, unit.name, unit.liaison or "", str(leads[unit.id]), str(joins[unit.id])]
        for unit in ledger.settings.units
    ]
    return render_tables([(None, columns, rows)], ctx.terminal)


def leaders_table(ledger: Ledger, ctx: RenderContext) -> str:
    label = ctx.labels
    led = Counter(loaded.groups.lead for loaded in ledger.tasks)
    columns = [
        Column(label("id")),
        Column(label("name"), grow=True),
        Column(label("role")),
        Column(label("col.tasks"), justify="right"),
    ]
    rows = [
        [leader.id, leader.name, leader.role or "", str(led[leader.id])]
        for leader in ledger.settings.leaders
    ]
    return render_tables([(None, columns, rows)], ctx.terminal)


def problems_table(ledger: Ledger, ctx: RenderContext) -> str:
    label = ctx.labels
    counted = Counter(loaded.groups.problem for loaded in ledger.tasks)
    columns = [
        Column(label("id")),
        Column(label("section")),
        Column(label("problem"), grow=True),
        Column(label("col.tasks"), justify="right"),
    ]
    rows = [
        [problem.id, section.id, problem.title, str(counted[problem.id])]
        for section in ledger.sections
        for problem in section.problems
    ]
    return render_tables([(None, columns, rows)], ctx.terminal)


#: The registry tables by name (`zhenggai unit|leader|problem list`).
TABLES: dict[str, Callable[[Ledger, RenderContext], str]] = {
    "units": units_table,
    "leaders": leaders_table,
    "problems": problems_table,
}
