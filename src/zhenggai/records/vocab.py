"""The words of the ledger format that the command line offers as choices.

Kept apart from the pydantic models so that building the command line (and
`zhenggai --help`) does not have to import pydantic.
"""

from __future__ import annotations

from enum import StrEnum


class Term(StrEnum):
    """How a measure is to be carried out."""

    IMMEDIATE = "immediate"  # 立行立改
    DATED = "dated"  # 限期整改
    ONGOING = "ongoing"  # 长期坚持


class Status(StrEnum):
    """Where a task stands."""

    IN_PROGRESS = "in-progress"  # 推进中
    DONE = "done"  # 已完成 / 已销号
    ONGOING = "ongoing"  # 长期坚持
    CANCELLED = "cancelled"


class Cadence(StrEnum):
    """How often an ongoing task must report progress."""

    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    HALF_YEARLY = "half-yearly"
    YEARLY = "yearly"
    FIRST_QUARTER = "first-quarter"  # once a year, by the end of its first quarter


class Level(StrEnum):
    """How a check's findings count."""

    ERROR = "error"
    WARNING = "warning"
    OFF = "off"


class Light(StrEnum):
    """The traffic light of a task with a deadline."""

    RED = "red"  # overdue
    YELLOW = "yellow"  # due within the yellow threshold
    NOTICE = "notice"  # due within the notice threshold
    GREEN = "green"  # on track, or not open


class SortKey(StrEnum):
    DEADLINE = "deadline"
    ID = "id"
    UNIT = "unit"
    DAYS_LATE = "days-late"


__all__ = ["Cadence", "Level", "Light", "SortKey", "Status", "Term"]
