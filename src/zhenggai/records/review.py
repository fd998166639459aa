"""The records of a 回头看 (look-back review): ``reviews/REVIEW-YYYY-NN.yaml`` holds a
sample of closed tasks — how it was drawn, so anyone can draw it again — and each
pick's outcome. See `model` for what the records are and how they are read."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Literal

from zhenggai.records.base import Record
from zhenggai.records.fields import Count, Id, IsoDate, Text
from zhenggai.records.rules import Limits

#: How a sample is drawn: at random from all, or from each lead unit, problem or child.
Method = Literal["random", "by-unit", "by-problem", "by-child"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Population(Record):
    """What the sample was drawn from."""

    size: Count
    rule: Text  # e.g. "done on 2021-10-23, closed on or before 2021-09-30"


@dataclass(frozen=True, slots=True, kw_only=True)
class Pick(Record):
    """A task drawn, and what the review of it found."""

    task: Id
    result: Literal["pass", "fail"] | None = None
    date: IsoDate | None = None
    by: Text | None = None
    note: Text | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class SampleRecord(Record):
    """A sampling record: re-running `zhenggai sample` with its seed, method and day on
    the same ledger draws the same picks."""

    id: Id  # REVIEW-2021-01
    date: IsoDate  # the day it was drawn (the population as it stood then)
    by: Text | None = None
    seed: Annotated[int, Limits(ge=0, le=2**63 - 1)]
    method: Method
    closed_before: IsoDate | None = None
    population: Population
    picks: list[Pick] = field(default_factory=list)
