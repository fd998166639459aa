"""Drawing a 回头看 sample of closed tasks, the same way on every machine.

A task's place in the draw is the SHA-256 of the seed and its id, so the picks depend
on the seed and the ledger alone — not on the order files are listed, on set or dict
order, on the hash seed of a Python run or on the version of its `random` module.
Stratified, each stratum (lead unit, problem) gets one pick first where N allows, the
rest going to the strata by their size (largest remainder), ties broken by the draw.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from zhenggai.ledger.loaded import Ledger
from zhenggai.ledger.qualified import qualify
from zhenggai.ledger.queries import TaskRow, rows_for
from zhenggai.messages import Text
from zhenggai.messages import text as said
from zhenggai.records.model import Status


@dataclass(frozen=True)
class Sample:
    seed: int
    method: str  # random | by-unit | by-problem
    day: date
    closed_before: date | None
    population: tuple[str, ...]  # the ids drawn from, in id order
    picks: tuple[str, ...]  # in draw order within each stratum, strata by name

    @property
    def rule(self) -> Text:
        return population_rule(self.day, self.closed_before)


def population_rule(day: date, closed_before: date | None) -> Text:
    """What a sample is drawn from: said to the user in the run's language, and kept in
    its record in English."""
    if closed_before is not None:
        return said("done on {day}, signed off on or before {before}", day=day,
                    before=closed_before)  # fmt: skip
    return said("done on {day}", day=day)


class SampleTooLarge(ValueError):
    """More picks asked for than there are closed tasks."""

    def __init__(self, asked: int, size: int) -> None:
        super().__init__(f"{asked} > {size}")
        self.asked, self.size = asked, size


def draw_key(seed: int, key: str) -> str:
    """A task's (or a stratum's) place in the draw of ``seed``."""
    return hashlib.sha256(f"{seed}\x00{key}".encode()).hexdigest()


def closed_population(ledger: Ledger, day: date, closed_before: date | None) -> list[TaskRow]:
    """The tasks done on ``day`` (signed off by then, and by ``closed_before`` if given)."""
    return [
        row
        for row in rows_for(ledger, day)
        if row.state.status is Status.DONE
        and row.state.closed_on is not None
        and (closed_before is None or row.state.closed_on <= closed_before)
    ]


def draw(
    rows: list[TaskRow],
    count: int,
    seed: int,
    stratum_of: Callable[[TaskRow], str] | None,
) -> list[str]:
    """``count`` ids of ``rows``: the lowest draw keys, or per stratum as described."""
    if count > len(rows):
        raise SampleTooLarge(count, len(rows))
    ids = sorted(qualified_id(row) for row in rows)
    if stratum_of is None:
        return sorted(ids, key=lambda task_id: draw_key(seed, task_id))[:count]
    strata: dict[str, list[str]] = {}
    for row in sorted(rows, key=qualified_id):
        strata.setdefault(stratum_of(row), []).append(qualified_id(row))
    for members in strata.values():
        members.sort(key=lambda task_id: draw_key(seed, task_id))
    order = sorted(strata, key=lambda name: draw_key(seed, "stratum:" + name))
    share = {name: 0 for name in strata}
    for name in order[:count]:  # one each first, as far as N goes
        share[name] = 1
    left = count - sum(share.values())
    if left:
        total = sum(len(members) for members in strata.values())
        wants = {
            name: len(members) * count / total - share[name] for name, members in strata.items()
        }
        for name in sorted(order, key=lambda name: (-wants[name], order.index(name))):
            room = len(strata[name]) - share[name]
            take = min(room, max(0, int(wants[name])), left)
            share[name] += take
            left -= take
        while left:  # the remainders, largest first, then whoever still has room
            for name in sorted(order, key=lambda name: (-(wants[name] % 1), order.index(name))):
                if left and share[name] < len(strata[name]):
                    share[name] += 1
                    left -= 1
    return [task_id for name in sorted(strata) for task_id in strata[name][: share[name]]]


def qualified_id(row: TaskRow) -> str:
    """A task's id, qualified by its ledger's name over many ledgers (提案局:TASK-042)."""
    return qualify(row.ledger, row.loaded.id)


def _in_ledger(row: TaskRow, key: str) -> str:
    return qualify(row.ledger, key)


def sample_of(
    rows: list[TaskRow],
    count: int,
    seed: int,
    method: str,
    day: date,
    closed_before: date | None = None,
) -> Sample:
    """The sample of ``count`` of ``rows`` (closed tasks; over many ledgers, each row
    with its ledger's name, and ``by-child`` stratifies by it)."""
    stratum_of: Callable[[TaskRow], str] | None = {
        "by-unit": lambda row: _in_ledger(row, row.loaded.groups.lead_unit),
        "by-problem": lambda row: _in_ledger(row, row.loaded.groups.problem),
        "by-child": lambda row: row.ledger,
    }.get(method)
    picks = draw(rows, count, seed, stratum_of)
    population = tuple(sorted(qualified_id(row) for row in rows))
    return Sample(seed, method, day, closed_before, population, tuple(picks))
