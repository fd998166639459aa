"""A deadline as people write it — in a sheet's 完成时限 cell or after ``--deadline`` —
read one way everywhere: a date (2021-06-30, 2021/6/30, 2021年6月30日), a month's end
(2021年12月底前, 12月底), the year's end (年底前, 年内), a span from the feedback date
(3个月内, 10个工作日内, +10wd), 立行立改 (immediate) or 长期坚持（每季度） (ongoing)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from zhenggai.days.dates import add_months, month_end, parse_day, parse_deadline
from zhenggai.days.workdays import WorkCalendar
from zhenggai.messages import TextError
from zhenggai.messages import text as said
from zhenggai.records.model import Term


@dataclass(frozen=True)
class WrittenDeadline:
    term: Term
    deadline: date | None
    basis: str | None  # the wording, when it is not a plain date
    cadence: str | None = None  # 长期坚持（每季度）: how often it reports, where it says


_FULL_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_YEAR_MONTH_END = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月(?:底|末|份)?")
_MONTH_END = re.compile(r"(\d{1,2})\s*月(?:底|末|份)?")
YEAR_END = ("年内", "年底", "年底前", "年末", "本年内", "今年内", "年底之前", "year-end")
ONGOING = ("长期坚持", "持续推进", "长期", "常态化", "长期推进", "持续")
IMMEDIATE = ("立行立改", "立即整改", "立查立改")
#: How often, as a 长期坚持 deadline may say it (the longest words first: 每年第一季度).
CADENCE_WORDS = (
    ("每年第一季度", "first-quarter"),
    ("每半年", "half-yearly"),
    ("每季度", "quarterly"),
    ("按季度", "quarterly"),
    ("每月", "monthly"),
    ("按月", "monthly"),
    ("每年", "yearly"),
    ("按年", "yearly"),
)
# What people add around a deadline that says nothing more: 前, 之前, 完成, 以前.
_TRAILING = re.compile(r"(?:之前|以前|前|完成|底前完成|内完成)+$")


def read_deadline(typed: str, feedback: date, work: WorkCalendar, shift: bool) -> WrittenDeadline:
    """What a written deadline says; spans count from ``feedback`` (TextError otherwise)."""
    typed = " ".join(typed.split())
    if not typed:
        raise TextError(said("no deadline"))
    compact = typed.replace(" ", "")
    if any(compact.startswith(word) for word in ONGOING):
        every = next((c for word, c in CADENCE_WORDS if word in compact), None)
        return WrittenDeadline(Term.ONGOING, None, typed, every)
    if any(compact.startswith(word) for word in IMMEDIATE):
        # As the example ledger records them: within a month of the feedback.
        return WrittenDeadline(Term.IMMEDIATE, add_months(feedback, 1), typed)
    bare = _TRAILING.sub("", compact) or compact
    if _FULL_DATE.fullmatch(bare):
        day = parse_day(bare)
        # A date written out in full is a date: its wording is kept only if unusual.
        plain = re.fullmatch(r"\d{4}-\d{2}-\d{2}", typed) is not None
        return WrittenDeadline(Term.DATED, day, None if plain else typed)
    year_month = _YEAR_MONTH_END.fullmatch(bare)
    if year_month:
        year, month = int(year_month.group(1)), int(year_month.group(2))
        return WrittenDeadline(Term.DATED, _month_end(year, month, typed), typed)
    month_only = _MONTH_END.fullmatch(bare)
    if month_only:
        month = int(month_only.group(1))
        year = feedback.year if month >= feedback.month else feedback.year + 1
        return WrittenDeadline(Term.DATED, _month_end(year, month, typed), typed)
    if compact in YEAR_END or bare in YEAR_END:
        return WrittenDeadline(Term.DATED, date(feedback.year, 12, 31), typed)
    parsed = parse_deadline(bare, feedback, work, shift)
    return WrittenDeadline(Term.DATED, parsed.day, typed)


def _month_end(year: int, month: int, typed: str) -> date:
    if not 1 <= month <= 12:
        raise TextError(said("{typed} is not a real date", typed=repr(typed)))
    return month_end(year, month)
