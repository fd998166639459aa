"""Who reported in a round of 填报表 (`zhenggai forms status`), as a table: per unit, on
time (按时), late (迟报, by how many days), not yet (未报), and the rows it filled."""

from __future__ import annotations

from zhenggai.labels import Words
from zhenggai.render.context import RenderContext
from zhenggai.reports.forms import Register

_WORDS = Words(
    "forms",
    {
        "round": "{period}: issued {issued}, due {due}",
        "unit": "Unit",
        "state": "Reported",
        "filled": "Filled on",
        "rows": "Rows filled",
        "on-time": "on time",
        "late": "{n} days late",
        "missing": "not reported",
        "waiting": "not yet (due {due})",
        "none": "No forms were issued: `zhenggai forms issue`.",
    },
)


def state_words(register: Register, ctx: RenderContext) -> list[tuple[str, str, str, str]]:
    """Each unit's row: name, how it reported, the day filled, the rows filled."""
    language = ctx.labels.language
    rows = []
    for unit in register.units:
        word = unit.word
        said = _WORDS.say(word, language, n=unit.days_late, due=register.due)
        rows.append((unit.name, said, str(unit.filled or ""), str(unit.rows)))
    return rows


def format_table(registers: list[Register], ctx: RenderContext) -> str:
    from zhenggai.render.table import Column, render_tables

    language = ctx.labels.language

    def w(key: str, **values: object) -> str:
        return _WORDS.say(key, language, **values)

    if not registers:
        return w("none") + "\n"
    columns = [Column(w("unit"), grow=True), Column(w("state")), Column(w("filled")),
               Column(w("rows"), justify="right")]  # fmt: skip
    tables = [
        (w("round", period=r.period, issued=r.issued, due=r.due), columns,
         [list(row) for row in state_words(r, ctx)])
        for r in registers
    ]  # fmt: skip
    return render_tables(tables, ctx.terminal)
