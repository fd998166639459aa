"""Terminal tables with rich: East Asian widths, colour only when asked, never markup.

The only module that imports rich at the top: it is itself imported lazily.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from zhenggai.render.context import TerminalOptions


@dataclass(frozen=True)
class Column:
    header: str
    justify: str = "left"
    grow: bool = False  # the column that takes the remaining width, truncated with …
    max_width: int | None = None


@dataclass(frozen=True)
class Cell:
    """Text with an optional style; user text is always plain text, never markup."""

    text: str
    style: str | None = None


def render_tables(
    tables: Sequence[tuple[str | None, Sequence[Column], Sequence[Sequence[Cell | str]]]],
    options: TerminalOptions,
    footer: str | None = None,
) -> str:
    """Render titled tables one after another, as a string."""
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=options.width,
        force_terminal=options.color,
        color_system="standard" if options.color else None,
        no_color=not options.color,
        markup=False,
        emoji=False,
        highlight=False,
        legacy_windows=False,
        soft_wrap=False,
    )
    for index, (title, columns, rows) in enumerate(tables):
        if index:
            console.print()
        console.print(_table(title, columns, rows, options.width))
    if footer:
        console.print(Text(footer))
    # rich pads titles to the table's width; trailing blanks only make diffs noisy.
    return "".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())


def _table(
    title: str | None,
    columns: Sequence[Column],
    rows: Sequence[Sequence[Cell | str]],
    width: int,
) -> Table:
    table = Table(
        title=Text(title) if title else None,
        title_justify="left",
        expand=False,
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
        collapse_padding=True,
    )
    widths = [
        max([cell_len(column.header), *(cell_len(_plain(row[i])) for row in rows)])
        for i, column in enumerate(columns)
    ]
    for i, column in enumerate(columns):
        max_width = column.max_width
        if column.grow:
            # Everything else keeps its full width; this column gets what is left
            # (two cells of space between columns).
            others = sum(w for j, w in enumerate(widths) if j != i)
            max_width = max(8, width - others - 2 * (len(columns) - 1))
        table.add_column(
            Text(column.header),
            justify=column.justify,  # type: ignore[arg-type]
            no_wrap=True,
            overflow="ellipsis",
            max_width=max_width,
        )
    for row in rows:
        table.add_row(*(_text(cell) for cell in row))
    return table


def _plain(cell: Cell | str) -> str:
    return cell.text if isinstance(cell, Cell) else cell


def _text(cell: Cell | str) -> Text:
    if isinstance(cell, Cell):
        return Text(cell.text, style=cell.style or "")
    return Text(cell)
