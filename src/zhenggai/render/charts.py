"""Charts as geometry for inline SVG: bars and lines placed in a viewBox, drawn by the
page's template (so every label is escaped by the template engine). No library, no
script: a chart is there when the page opens, and prints."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

#: The lights and the states, each with a colour and always a word beside it.
COLOURS = {
    "red": "#d64545",
    "yellow": "#e0a800",
    "notice": "#6a9fd8",
    "green": "#3c9a5f",
    "done": "#3c9a5f",
    "in_progress": "#6a9fd8",
    "overdue": "#d64545",
    "ongoing": "#a0a7b4",
    "open": "#6a9fd8",
}

WIDTH = 640
LABEL = 170  # room for the labels left of the bars
ROW = 22  # one bar's height and gap


@dataclass(frozen=True)
class Segment:
    x: float
    width: float
    colour: str
    value: int
    name: str  # what it counts, for the tooltip


@dataclass(frozen=True)
class BarRow:
    y: float
    label: str
    total: int
    segments: tuple[Segment, ...]
    heading: bool = False  # a group's heading row, without bars


@dataclass(frozen=True)
class BarChart:
    height: float
    rows: tuple[BarRow, ...]
    legend: tuple[tuple[str, str], ...]  # (colour, name)


def bar_chart(
    rows: Sequence[tuple[str, Sequence[tuple[str, int]]]],
    names: dict[str, str],
    headings: Sequence[tuple[int, str]] = (),
) -> BarChart:
    """Horizontal stacked bars, one per (label, [(part, value)…]), scaled to the largest
    total; ``headings`` are (row index, text) group titles put before those rows."""
    largest = max((sum(v for _, v in parts) for _, parts in rows), default=0) or 1
    span = WIDTH - LABEL - 50
    placed: list[BarRow] = []
    before = dict(headings)
    y = 4.0
    for index, (label, parts) in enumerate(rows):
        if index in before:
            placed.append(BarRow(y, before[index], 0, (), heading=True))
            y += ROW
        x = float(LABEL)
        segments = []
        for part, value in parts:
            width = span * value / largest
            if value:
                segments.append(Segment(x, width, COLOURS[part], value, names[part]))
            x += width
        placed.append(BarRow(y, label, sum(v for _, v in parts), tuple(segments)))
        y += ROW
    parts_used = list(dict.fromkeys(part for _, parts in rows for part, _ in parts))
    legend = tuple((COLOURS[part], names[part]) for part in parts_used)
    return BarChart(y + 6, tuple(placed), legend)


@dataclass(frozen=True)
class Line:
    colour: str
    name: str
    points: str  # "x,y x,y …" for <polyline>
    last: int


@dataclass(frozen=True)
class LineChart:
    height: float
    lines: tuple[Line, ...]
    ticks: tuple[tuple[float, str, str], ...]  # x labels: (x, text, text-anchor)
    levels: tuple[tuple[float, int], ...]  # y labels: (y, value)
    legend: tuple[tuple[str, str], ...] = field(default=())


def whole_steps(largest: int) -> tuple[int, int]:
    """An axis in whole, even steps from 0 to at least ``largest``, at most five of them:
    (step, top). 3 gives (1, 3), not the 0, 1, 3 a halving gives; 37 gives (10, 40)."""
    step = 1
    while -(-largest // step) > 5:
        step = next(n * 10**k for k in range(12) for n in (1, 2, 5) if n * 10**k > step)
    return step, max(step * -(-largest // step), step)


def line_chart(
    labels: Sequence[str], series: Sequence[tuple[str, str, Sequence[int]]]
) -> LineChart:
    """Lines over the same x labels (dates): (colour key, name, values)."""
    height, top, bottom, left = 220.0, 10.0, 30.0, 50.0
    step, largest = whole_steps(max((max(v, default=0) for _, _, v in series), default=0))
    count = max(len(labels), 1)
    span_x = WIDTH - left - 20

    def x(index: int) -> float:
        return left + (span_x * index / (count - 1) if count > 1 else span_x / 2)

    def y(value: int) -> float:
        return top + (height - top - bottom) * (1 - value / largest)

    lines = tuple(
        Line(
            COLOURS[colour],
            name,
            " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(values)),
            values[-1] if values else 0,
        )
        for colour, name, values in series
    )
    marks = sorted({0, count // 2, count - 1}) if count > 1 else [0]
    anchors = {0: "start", count - 1: "end"}
    ticks = tuple((x(i), labels[i], anchors.get(i, "middle")) for i in marks if i < len(labels))
    levels = tuple((y(v), v) for v in range(0, largest + 1, step))
    legend = tuple((COLOURS[colour], name) for colour, name, _ in series)
    return LineChart(height, lines, ticks, levels, legend)
