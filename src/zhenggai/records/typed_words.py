"""The words people type for the ledger's terms, statuses, lights and cadences: each
value as the format spells it (``done``), its Chinese as the tool prints it (已完成),
and the words offices use for it (已销号). One vocabulary, read by every command and by
import alike; light and plain, so the command line can use it as it parses."""

from __future__ import annotations

from enum import StrEnum
from typing import TypeVar

from zhenggai.messages import TextError
from zhenggai.messages import text as said
from zhenggai.records.vocab import Cadence, Light, Status, Term

Word = TypeVar("Word", bound=StrEnum)

#: Every word besides the value itself, by what it means.
SYNONYMS: dict[type[StrEnum], dict[str, StrEnum]] = {
    Term: {
        "立行立改": Term.IMMEDIATE,
        "立即整改": Term.IMMEDIATE,
        "立查立改": Term.IMMEDIATE,
        "限期整改": Term.DATED,
        "限期": Term.DATED,
        "长期坚持": Term.ONGOING,
        "长期": Term.ONGOING,
        "持续推进": Term.ONGOING,
        "常态化": Term.ONGOING,
    },
    Status: {
        "推进中": Status.IN_PROGRESS,
        "正在推进": Status.IN_PROGRESS,
        "整改中": Status.IN_PROGRESS,
        "正在整改": Status.IN_PROGRESS,
        "未完成": Status.IN_PROGRESS,
        "in progress": Status.IN_PROGRESS,
        "open": Status.IN_PROGRESS,
        "已完成": Status.DONE,
        "完成": Status.DONE,
        "已销号": Status.DONE,
        "销号": Status.DONE,
        "已整改": Status.DONE,
        "整改完成": Status.DONE,
        "长期坚持": Status.ONGOING,
        "持续推进": Status.ONGOING,
        "已撤销": Status.CANCELLED,
        "撤销": Status.CANCELLED,
        "已取消": Status.CANCELLED,
        "取消": Status.CANCELLED,
        "不再执行": Status.CANCELLED,
        "canceled": Status.CANCELLED,
    },
    Light: {
        "红": Light.RED,
        "红灯": Light.RED,
        "逾期": Light.RED,
        "黄": Light.YELLOW,
        "黄灯": Light.YELLOW,
        "临期": Light.YELLOW,
        "提示": Light.NOTICE,
        "蓝": Light.NOTICE,
        "蓝灯": Light.NOTICE,
        "绿": Light.GREEN,
        "绿灯": Light.GREEN,
        "正常": Light.GREEN,
    },
    Cadence: {
        "每月": Cadence.MONTHLY,
        "按月": Cadence.MONTHLY,
        "月度": Cadence.MONTHLY,
        "每季度": Cadence.QUARTERLY,
        "按季度": Cadence.QUARTERLY,
        "季度": Cadence.QUARTERLY,
        "每半年": Cadence.HALF_YEARLY,
        "半年": Cadence.HALF_YEARLY,
        "每年": Cadence.YEARLY,
        "按年": Cadence.YEARLY,
        "年度": Cadence.YEARLY,
        "每年第一季度": Cadence.FIRST_QUARTER,
        "第一季度": Cadence.FIRST_QUARTER,
    },
}


def read_word(kind: type[Word], typed: str) -> Word:
    """The value ``typed`` names: the value itself (any case), or one of its words.
    TextError naming the values and their Chinese otherwise."""
    key = " ".join(typed.split()).casefold()
    for value in kind:
        if key == value.value.casefold():
            return value
    found = SYNONYMS.get(kind, {}).get(key) or SYNONYMS.get(kind, {}).get(key.replace(" ", ""))
    if found is not None:
        return found  # type: ignore[return-value]
    raise TextError(
        said("{value} is not one of {choices}.", value=typed, choices=choices(kind, False))
    )


def choices(kind: type[StrEnum], chinese: bool) -> str:
    """The values of ``kind``; with ``chinese``, each with its first Chinese word:
    ``done (已完成)``."""
    words = SYNONYMS.get(kind, {})
    shown = []
    for value in kind:
        word = next((w for w, meant in words.items() if meant is value and not w.isascii()), None)
        shown.append(f"{value.value}（{word}）" if chinese and word else value.value)
    return "、".join(shown) if chinese else ", ".join(shown)
