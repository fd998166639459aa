"""Tables for the terminal and for logs: columns aligned in cells, Chinese counted as two.

A table of a thousand rows must print in milliseconds, so the layout is done
here rather than by rich's general-purpose renderer (about 2 ms a row); rich
is used only to colour a cell, and only when colour is wanted. User text is
always plain text, never markup.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from zhenggai.render.context import TerminalOptions
from zhenggai.render.text import cells
from zhenggai.safetext import inline

_GAP = "  "
_RULE = "─"
_ELLIPSIS = "…"


@dataclass(frozen=True)
class Column:
    header: str
    justify: str = "left"  # or "right"
    grow: bool = False  # takes the width that is left, truncated with …
    max_width: int | None = None


@dataclass(frozen=True)
class Cell:
    """Text with an optional rich style (used only when colour is on)."""

    text: str
    style: str | None = None


Row = Sequence[Cell | str]


def render_tables(
    tables: Sequence[tuple[str | None, Sequence[Column], Sequence[Row]]],
    options: TerminalOptions,
    footer: str | None = None,
) -> str:
    """Titled tables one after another, then an optional footer, as one string."""
    blocks = [_table(title, columns, rows, options) for title, columns, rows in tables]
    text = "\n".join(blocks)
    if footer:
        text += _wrap(inline(footer), options.width)
    return text


#: The fewest cells a growing column is cut to, even on a narrow terminal.
_MIN_GROW = 8


def _natural_widths(columns: Sequence[Column], plain: Sequence[Sequence[str]]) -> list[int]:
    widths = [
        max([cells(column.header), *(cells(row[i]) for row in plain)])
        for i, column in enumerate(columns)
    ]
    for i, column in enumerate(columns):
        if column.max_width is not None:
            widths[i] = min(widths[i], column.max_width)
    return widths


def narrowest_width(columns: Sequence[Column], rows: Sequence[Row]) -> int:
    """The fewest cells the table can be laid out in (its growing column cut short)."""
    plain = [[_text(cell) for cell in row] for row in rows]
    widths = _natural_widths(columns, plain)
    widths = [
        min(width, _MIN_GROW) if column.grow else width
        for width, column in zip(widths, columns, strict=True)
    ]
    return sum(widths) + len(_GAP) * (len(columns) - 1)


def _table(
    title: str | None, columns: Sequence[Column], rows: Sequence[Row], options: TerminalOptions
) -> str:
    plain = [[_text(cell) for cell in row] for row in rows]
    widths = _natural_widths(columns, plain)
    grow = next((i for i, column in enumerate(columns) if column.grow), None)
    if grow is not None:
        others = sum(w for j, w in enumerate(widths) if j != grow) + len(_GAP) * (len(columns) - 1)
        widths[grow] = min(widths[grow], max(_MIN_GROW, options.width - others))
    lines = []
    if title:
        lines.append(inline(title))
    lines.append(_line([column.header for column in columns], columns, widths))
    lines.append(_RULE * (sum(widths) + len(_GAP) * (len(columns) - 1)))
    styler = _styler() if options.color else None
    for row, texts in zip(rows, plain, strict=True):
        fitted = [
            _fit(text, width, column)
            for text, width, column in zip(texts, widths, columns, strict=True)
        ]
        if styler is not None:
            fitted = [
                styler(text, cell.style) if isinstance(cell, Cell) and cell.style else text
                for text, cell in zip(fitted, row, strict=True)
            ]
        lines.append(_GAP.join(fitted).rstrip())
    return "\n".join(lines) + "\n"


def _line(texts: Sequence[str], columns: Sequence[Column], widths: Sequence[int]) -> str:
    fitted = [
        _fit(text, width, column)
        for text, width, column in zip(texts, widths, columns, strict=True)
    ]
    return _GAP.join(fitted).rstrip()


def _fit(text: str, width: int, column: Column) -> str:
    used = cells(text)
    if used > width:
        text, used = _truncate(text, width - 1)
        text += _ELLIPSIS
        used += 1
    padding = " " * (width - used)
    return padding + text if column.justify == "right" else text + padding


def _truncate(text: str, width: int) -> tuple[str, int]:
    kept, used = [], 0
    for ch in text:
        size = cells(ch)
        if used + size > width:
            break
        kept.append(ch)
        used += size
    return "".join(kept), used


def _text(cell: Cell | str) -> str:
    # One line a row, with every control character visible: a newline in user text
    # must not break the table, and a cut cell must not end inside an escape sequence.
    text = cell.text if isinstance(cell, Cell) else cell
    return text if text.isprintable() else inline(text)  # the test first: 60,000 cells


def _wrap(text: str, width: int) -> str:
    """Wrap a footer to the width, counting Chinese as two cells."""
    lines, current, used = [], "", 0
    for ch in text:
        size = cells(ch)
        if used + size > width:
            lines.append(current.rstrip())
            current, used = "", 0
        current += ch
        used += size
    lines.append(current.rstrip())
    return "\n".join(lines) + "\n"


def _styler() -> Callable[[str, str], str]:
    """ANSI styling by rich, imported only when colour is on."""
    from rich.color import ColorSystem
    from rich.style import Style

    cache: dict[str, Style] = {}

    def style(text: str, name: str) -> str:
        parsed = cache.get(name) or cache.setdefault(name, Style.parse(name))
        return parsed.render(text, color_system=ColorSystem.STANDARD)

    return style
