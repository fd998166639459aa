"""A feedback problem's measures as the source document writes them.

A task's `source_ref` places it: the problem (二(二)5), then, each optional and in any
order, its clause (一是), the body a paragraph of its own speaks of (机关纪委), and its
place inside the clause (a number: 2). Measures of one clause are told together as one
"N是"; measures with no clause run as plain sentences before the first one; a body
named in the reference starts a paragraph of its own, as the source does when the actor
changes. Within a clause, measures given a place follow it, and the rest their ids.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from zhenggai.chinese import number_of

_CLAUSE = re.compile(r"(.+)是")

Item = TypeVar("Item")


@dataclass(frozen=True)
class SourcePlace:
    """Where a measure stands inside its problem's text in the source."""

    body: str | None  # the body a paragraph of its own speaks of; None: the problem's own
    clause: int | None  # 一是 → 1; None: a plain sentence before the clauses
    place: int | None  # its place in the clause, where given


def source_place(source_ref: str | None) -> SourcePlace:
    """The clause, body and place a reference names; the first word is the problem's."""
    body: str | None = None
    clause = place = None
    for word in (source_ref or "").split()[1:]:
        matched = _CLAUSE.fullmatch(word)
        if matched and number_of(matched.group(1)) is not None:
            clause = number_of(matched.group(1))
        elif word.isdigit():
            place = int(word)
        else:
            body = word
    return SourcePlace(body, clause, place)


@dataclass(frozen=True)
class Clause(Generic[Item]):
    number: int | None  # None: plain sentences
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Passage(Generic[Item]):
    body: str | None
    clauses: tuple[Clause[Item], ...]


def passages(
    items: Sequence[Item], place_of: Callable[[Item], SourcePlace], id_of: Callable[[Item], str]
) -> tuple[Passage[Item], ...]:
    """``items`` grouped as the source tells them: the problem's own paragraph first,
    then one per body in the order its first measure stands; in each, the plain
    sentences, then the clauses in their order."""
    placed = [(place_of(item), item) for item in items]
    placed.sort(key=lambda pair: (_first(pair[0].clause), _last(pair[0].place), id_of(pair[1])))
    bodies: list[str | None] = [None]
    for place, _ in placed:
        if place.body not in bodies:
            bodies.append(place.body)
    told = []
    for body in bodies:
        clauses: dict[int | None, list[Item]] = {}
        for place, item in placed:
            if place.body == body:
                clauses.setdefault(place.clause, []).append(item)
        if clauses:
            told.append(Passage(body, tuple(Clause(n, tuple(its)) for n, its in clauses.items())))
    return tuple(told)


def _first(number: int | None) -> tuple[int, int]:
    """Plain sentences (no clause) lead."""
    return (0, 0) if number is None else (1, number)


def _last(number: int | None) -> tuple[int, int]:
    """Measures given a place go first, by it; the rest follow by id."""
    return (1, 0) if number is None else (0, number)
