"""The texts an office writes for a report, with named placeholders: `{measures_done}`
is replaced by its value on the report's day, `{{` and `}}` are braces.

A text is Markdown of the simplest kind: an optional first line `# heading`, then
paragraphs separated by blank lines (the lines of one paragraph are joined); a line
that is a whole `<!-- comment -->` is left out. A
placeholder that does not exist, or a brace left open, is an error at its file,
line and column, naming the placeholders there are.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from zhenggai.findings import Finding, LedgerError
from zhenggai.messages import text as said
from zhenggai.messages import text_n as said_n


@dataclass(frozen=True)
class Placed:
    """A piece of text and where it starts in its file (1-based)."""

    text: str
    line: int
    column: int = 1


@dataclass(frozen=True)
class TextPart:
    heading: Placed | None
    paragraphs: tuple[Placed, ...]


def parse_text(text: str) -> TextPart:
    """The heading and paragraphs of a report's text."""
    heading: Placed | None = None
    paragraphs: list[Placed] = []
    current: list[str] = []
    start = 0
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if line.startswith("<!--") and line.endswith("-->"):
            continue
        if not line:
            if current:
                paragraphs.append(Placed("".join(current), start))
                current = []
            continue
        if line.startswith("# ") and heading is None and not paragraphs and not current:
            heading = Placed(line[2:].strip(), number, raw.index("#") + 3)
            continue
        if not current:
            start = number
        current.append(line)
    if current:
        paragraphs.append(Placed("".join(current), start))
    return TextPart(heading, tuple(paragraphs))


_FIELD = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")
#: The placeholder findings placed and shown; the rest are counted (a text of twenty
#: thousand wrong placeholders is said in a second, not in minutes).
MAX_SHOWN = 50


def fill(part: TextPart, values: Mapping[str, str], source: str, text: str) -> TextPart:
    """The part with every placeholder replaced; LedgerError with a finding for each one
    that does not exist and each stray brace (``source`` names the file, ``text`` is its
    content, for the positions)."""
    lines = text.splitlines()
    findings: list[Finding] = []
    more = 0

    def one(placed: Placed) -> Placed:
        def replace(match: re.Match[str]) -> str:
            token = match.group(0)
            if token == "{{":
                return "{"
            if token == "}}":
                return "}"
            nonlocal more
            name = match.group(1)
            if name is not None and name.strip() in values:
                return values[name.strip()]
            if len(findings) >= MAX_SHOWN:
                more += 1
                return token
            line, column = _position(lines, placed, match.start(), token)
            findings.append(_problem(name, token, values, source, line, column))
            return token

        return Placed(_FIELD.sub(replace, placed.text), placed.line, placed.column)

    heading = one(part.heading) if part.heading else None
    paragraphs = tuple(one(p) for p in part.paragraphs)
    if findings:
        raise LedgerError(
            said("{file}: fix the placeholders below (a brace itself is written {{{{ or }}}})",
                 file=source),
            findings,
            details=[said_n("and {n} more like them, not shown", "and {n} more like them, "
                            "not shown", more)] if more else (),
        )  # fmt: skip
    return TextPart(heading, paragraphs)


def _position(lines: list[str], placed: Placed, offset: int, token: str) -> tuple[int, int]:
    """The line and column of the ``offset``-th character of a paragraph joined from its
    lines (each stripped), found again in the file."""
    remaining = offset
    for number in range(placed.line, len(lines) + 1):
        raw = lines[number - 1]
        stripped = raw.strip()
        if number == placed.line and placed.column > 1:  # a heading: its text after `# `
            stripped = raw[placed.column - 1 :].strip()
        if remaining < len(stripped) or number == len(lines):
            lead = raw.index(stripped) if stripped else 0
            return number, lead + min(remaining, len(stripped)) + 1
        remaining -= len(stripped)
    return placed.line, placed.column


class Values(dict[str, str]):
    """What a text may quote on a day, and the facts that have no entry by that day
    (their first entry's day): quoting one of those is an error, never "0"."""

    def __init__(self, values: dict[str, str], day: date, not_yet: dict[str, date]) -> None:
        super().__init__(values)
        self.day, self.not_yet = day, not_yet


def _problem(
    name: str | None, token: str, values: Mapping[str, str], source: str, line: int, column: int
) -> Finding:
    if isinstance(values, Values) and name is not None and name.strip() in values.not_yet:
        key = name.strip()
        message = said("{{{name}}} has no entry by {day}: its first is dated {first}",
                       name=key, day=values.day, first=values.not_yet[key])  # fmt: skip
        hint = said("give bulletin.facts an entry of {name} dated by {day}, or leave it out "
                    "of the text of a bulletin of that day", name=key, day=values.day)  # fmt: skip
        return Finding("template", message.english(), source, line, column, hint=hint.english(),
                       packed=message.packed(), hint_packed=hint.packed())  # fmt: skip
    if name is None:
        message = said("a lone {brace}: write {double} for the brace itself, or close the "
                       "placeholder", brace=token, double=token * 2)  # fmt: skip
        return Finding("template", message.english(), source, line, column, packed=message.packed())
    nearest = difflib.get_close_matches(name.strip(), sorted(values), n=3, cutoff=0.5)
    message = said("no placeholder {{{name}}}", name=name)
    hint = (
        said("did you mean {names}?", names=", ".join(f"{{{n}}}" for n in nearest))
        if nearest
        else said("the placeholders: {names}", names=", ".join(sorted(values)))
    )
    return Finding(
        "template",
        message.english(),
        source,
        line,
        column,
        hint=hint.english(),
        packed=message.packed(),
        hint_packed=hint.packed(),
    )
