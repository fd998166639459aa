"""The measures of GB/T 9704-2012 a Word 公文 is laid out by, as plain numbers and
rules: the 版心 and its grid of 22 lines × 28 characters, the title broken by sense,
where the signature and date stand, and which runs of text never break. Nothing here
writes a file (`docx` does); everything here can be tested without one.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from zhenggai.render.text import cells

MM_PER_PT = 25.4 / 72
PAGE_MM = (210, 297)
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
TYPE_AREA_MM = (  # 版心: 156 mm × 225 mm
    PAGE_MM[0] - MARGINS_MM["left"] - MARGINS_MM["right"],
    PAGE_MM[1] - MARGINS_MM["top"] - MARGINS_MM["bottom"],
)
LINES, CHARS = 22, 28  # a page of the 版心 holds 22 lines of 28 characters
BODY_PT, TITLE_PT = 16, 22  # 三号, 二号
# 28.95 pt, in whole twips and never more: 22 lines of 29 pt would not fit 225 mm.
LINE_PITCH_PT = math.floor(TYPE_AREA_MM[1] / MM_PER_PT / LINES * 20) / 20
CHAR_PITCH_PT = TYPE_AREA_MM[0] / MM_PER_PT / CHARS  # 15.79 pt: 三号 drawn a little tighter
PAGE_NUMBER_GAP_MM = 7  # the page number's 一字线 stands 7 mm below the 版心


def char_spacing() -> int:
    """The body's character spacing, in twentieths of a point, that puts 28 characters
    of 三号 on a line of the 版心 (−5: 15.75 pt a character). A character grid
    (`linesAndChars`) says the same to Word, but LibreOffice then gives each character
    of 16 pt two cells of 15.79 and sets 14 a line; spacing holds in both."""
    return math.floor((CHAR_PITCH_PT - BODY_PT) * 20)


# --- the title --------------------------------------------------------------------

#: Where a title may break, best first: after 关于 (…机关党组关于 / 印发…的通知), before
#: it, before the closing words of a 公文 title.
_AFTER = ("关于",)
_BEFORE = ("关于", "的通报", "的报告", "的通知", "的督办单", "的提示函", "情况的", "工作周报")
_ANYWHERE = 20  # between two characters with nothing to say for it
_FORBIDDEN = 10_000


def title_lines(title: str, keep: Sequence[str] = (), width: int | None = None) -> list[str]:
    """``title`` in as few lines as fit the 版心 at 二号, broken where the sense allows:
    never inside a phrase of ``keep`` (the issuer, the round, names the office wrote),
    never inside a run of Latin letters or digits; among the fewest lines, the breaks
    that read best, then lines of even length (梯形 or 菱形)."""
    most = width or int(TYPE_AREA_MM[0] / (TITLE_PT * MM_PER_PT))  # 20 characters
    if _width(title) <= most:
        return [title]
    cost = _break_costs(title, keep)
    # best[i]: (lines, cost, unevenness, breaks) for the title's first i characters
    best: dict[int, tuple[int, int, float, tuple[int, ...]]] = {0: (0, 0, 0.0, ())}
    for end in range(1, len(title) + 1):
        if end < len(title) and cost[end] >= _FORBIDDEN:
            continue
        options = []
        for start, (lines, total, uneven, breaks) in best.items():
            line = title[start:end]
            if start >= end or _width(line) > most:
                continue
            slack = (most - _width(line)) ** 2 if end < len(title) else 0
            here = cost[end] if end < len(title) else 0
            options.append((lines + 1, total + here, uneven + slack, (*breaks, end)))
        if options:
            best[end] = min(options)
    if len(title) not in best:  # one phrase longer than a line: break it at its width
        return [title[i : i + most] for i in range(0, len(title), most)]
    breaks = (0, *best[len(title)][3])
    return [title[a:b] for a, b in itertools.pairwise(breaks)]


def _width(text: str) -> float:
    """In characters of the title's size: a Latin letter or digit is half of one."""
    return cells(text) / 2


def _break_costs(title: str, keep: Sequence[str]) -> list[int]:
    """What a break before each position costs."""
    cost = [_ANYWHERE] * (len(title) + 1)
    for at in range(1, len(title)):
        if title[at - 1].isascii() and title[at].isascii():
            cost[at] = _FORBIDDEN  # inside a number or a word
        if title[at] in "，。、；：）》”’" or title[at - 1] in "（《“‘":
            cost[at] = _FORBIDDEN  # no line starts with a closing mark or ends opening one
    for word in _AFTER:
        for found in re.finditer(re.escape(word), title):
            cost[found.end()] = min(cost[found.end()], 0)
    for word in _BEFORE:
        for found in re.finditer(re.escape(word), title):
            cost[found.start()] = min(cost[found.start()], 1)
    for phrase in keep:
        for found in re.finditer(re.escape(phrase), title) if phrase else ():
            for at in range(found.start() + 1, found.end()):
                cost[at] = _FORBIDDEN
            cost[found.end()] = min(cost[found.end()], 2)
    return cost


def packed_lines(parts: Sequence[str], joiner: str, width: int = CHARS) -> list[str]:
    """``parts`` (a document's number, issuer, period) on as few lines of ``width``
    characters as hold them, none broken inside: a line under a title that does not
    fit breaks between its parts."""
    lines: list[str] = []
    for part in (p for p in parts if p):
        if lines and _width(lines[-1] + joiner + part) <= width:
            lines[-1] += joiner + part
        else:
            lines.append(part)
    return lines


# --- the signature ----------------------------------------------------------------


@dataclass(frozen=True)
class SignaturePlace:
    """How far from the right edge of the 版心 the issuer and the date end, in characters."""

    issuer_right: float
    date_right: float


def signature_place(issuer: str, day: str, sealed: bool) -> SignaturePlace:
    """GB/T 9704 7.3.5: unsealed, the issuer 右空二字 and the date below it starting two
    characters further right (or, where the date is the longer, the date 右空二字 and the
    issuer moved left to keep the two characters); sealed, the date 右空四字 and the
    issuer centred over it."""
    name, date_ = _width(issuer), _width(day)
    if sealed:
        return SignaturePlace(4 + (date_ - name) / 2, 4)
    if date_ + 2 <= name:
        return SignaturePlace(2, name - date_)
    return SignaturePlace(date_ + 4 - name, 2)


# --- runs that never break -------------------------------------------------------

#: An id (TASK-042, 提案局:TASK-042), a date (2021-10-23, 2021年10月23日, and the
#: period's end 5月28日 that shares its year), a figure with its sign (39.3%, −4): read
#: as one, broken nowhere.
UNBROKEN = re.compile(
    r"[A-Za-z][A-Za-z0-9]*-\d+(?::[A-Za-z0-9-]+)?|\d{4}-\d{2}-\d{2}|\d{4}年\d{1,2}月\d{1,2}日"
    r"|\d{1,2}月\d{1,2}日|[−+-]?\d+(?:\.\d+)?%?"
)


#: The same in a table's cell, where a date may break after its year (2021年 /
#: 10月23日), as a narrow column of a Chinese table sets it: three dates side by side
#: would otherwise leave the measure's column a character wide.
UNBROKEN_IN_CELLS = re.compile(
    r"[A-Za-z][A-Za-z0-9]*-\d+(?::[A-Za-z0-9-]+)?|\d{4}-\d{2}-\d{2}|\d{4}年"
    r"|\d{1,2}月\d{1,2}日|[−+-]?\d+(?:\.\d+)?%?"
)


def unbroken_width(text: str, runs: re.Pattern[str] = UNBROKEN) -> float:
    """The width, in characters, of the widest run of ``text`` that must not break."""
    return max((_width(found.group()) for found in runs.finditer(text)), default=0.0)


# --- tables --------------------------------------------------------------------

#: U+2060 WORD JOINER: no line break here, and nothing drawn (LibreOffice and Word
#: both honour it; a non-breaking hyphen LibreOffice draws and breaks badly).
JOINER = "\u2060"


def joined(text: str, runs: re.Pattern[str] = UNBROKEN) -> str:
    """Every id, date and figure of ``text`` held together: a joiner wherever a line
    could otherwise break inside it (at a hyphen, beside a Chinese character)."""

    def join(found: re.Match[str]) -> str:
        run = found.group()
        out = [run[0]]
        for before, after in itertools.pairwise(run):
            if not (before.isascii() and before.isalnum() and after.isascii() and after.isalnum()):
                out.append(JOINER)
            out.append(after)
        return "".join(out)

    return runs.sub(join, text)


def column_widths_mm(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[float]:
    """Each column as wide as its longest line where that is narrow (ids, dates, counts
    never wrap); the wide ones share what is left between the margins by how much text
    they hold in all, none narrower than a few characters nor than its widest id, date
    or figure. A Chinese character counts two cells of about 2.5 mm at 小四 (with room
    for a wider face where Times New Roman is missing), plus the cell's margins."""
    room = TYPE_AREA_MM[0]
    columns = [(name, *(row[i] for row in rows)) for i, name in enumerate(header)]
    wants = [
        min(max(cells(line) for text in texts for line in text.split("\n")), 60) * 2.5 + 4
        for texts in columns
    ]
    # an unbroken run as it is set at 小四: 4.4 mm a character, 2.2 a digit, and the margins;
    # a column of prose no narrower than a few characters, whatever the others need
    least = [
        max(max(unbroken_width(text, UNBROKEN_IN_CELLS) for text in texts) * 4.4 + 4,
            _PROSE_MM if _prose(texts) else 0)
        for texts in columns
    ]  # fmt: skip
    narrow = [want <= _NARROW_MM for want in wants]
    left = room - sum(want for want, small in zip(wants, narrow, strict=True) if small)
    weights = [sum(cells(text) for text in texts) for texts in columns]
    wide = sum(weight for weight, small in zip(weights, narrow, strict=True) if not small)
    count = narrow.count(False)
    if left < count * _NARROW_MM / 2 or not wide:
        widths = [room * want / sum(wants) for want in wants]
    else:  # each wide column gets a floor, and the rest of the room by its share of the text
        spare = left - count * _NARROW_MM / 2
        widths = [
            want if small else _NARROW_MM / 2 + spare * weight / wide
            for want, weight, small in zip(wants, weights, narrow, strict=True)
        ]
    # a narrow column (an id, a date, a count) keeps what it wants; the wide ones give
    floors = [max(need, want) if small else need
              for need, want, small in zip(least, wants, narrow, strict=True)]  # fmt: skip
    return _at_least(widths, floors)


def _at_least(widths: list[float], least: list[float]) -> list[float]:
    """``widths`` with none below its ``least``, what that takes taken from the columns
    with room above their own least, in proportion to that room."""
    short = sum(max(need - width, 0) for width, need in zip(widths, least, strict=True))
    spare = [max(width - need, 0) for width, need in zip(widths, least, strict=True)]
    if not short or sum(spare) <= 0:
        return widths
    share = min(short / sum(spare), 1)
    return [max(width, need) if width < need else width - room * share
            for width, need, room in zip(widths, least, spare, strict=True)]  # fmt: skip


_NARROW_MM = 36
#: The least a column of prose is given: four characters at 小四 and the margins.
_PROSE_MM = 4 * 4.4 + 4


def _prose(texts: Sequence[str]) -> bool:
    """Whether a column holds sentences (the measure, a note), not ids, dates or counts."""
    return any(sum(not ch.isascii() for ch in text) > 6 for text in texts[1:])
