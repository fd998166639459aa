"""Numbers and dates as Chinese documents write them: 十二, 一是, 2021年2月4日."""

from __future__ import annotations

from datetime import date

_DIGITS = "一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 to 99 in Chinese numerals: 一, 十, 十二, 二十, 九十九."""
    if not 1 <= n <= 99:
        return str(n)
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _DIGITS[tens - 1] + "十")
    return head + (_DIGITS[ones - 1] if ones else "")


def chinese_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def chinese_period(start: date, end: date) -> str:
    """2020年10月12日至12月20日: the year said once where both days share it."""
    if start.year == end.year:
        return f"{chinese_date(start)}至{end.month}月{end.day}日"
    return f"{chinese_date(start)}至{chinese_date(end)}"


#: 1 to 99 as written, for reading them back.
_NUMBERS = {chinese_number(n): n for n in range(1, 100)}


def number_of(text: str) -> int | None:
    """The number a Chinese numeral from 一 to 九十九 writes, else None: 十二 → 12."""
    return _NUMBERS.get(text)
