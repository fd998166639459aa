"""The one resolver of what a person types for a unit, a leader or a problem: its id,
its full name, or a short form only one name contains (秘书局 for 全国政协办公厅秘书局);
over many ledgers, ``提案局:办公室`` names one child's unit and a plain name every
ledger's that has it. What names nothing is refused in one form, the nearest named."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from enum import StrEnum

from zhenggai.findings import LedgerError
from zhenggai.ledger.family import Member
from zhenggai.ledger.loaded import Ledger
from zhenggai.ledger.qualified import QualifiedId, qualify
from zhenggai.messages import Text
from zhenggai.messages import text as said


class Kind(StrEnum):
    UNIT = "unit"
    LEADER = "leader"
    PROBLEM = "problem"


def entries(ledger: Ledger, kind: Kind) -> list[tuple[str, str]]:
    """(id, full name) of every entry of one registry of ``ledger``."""
    if kind is Kind.UNIT:
        return [(unit.id, unit.name) for unit in ledger.settings.units]
    if kind is Kind.LEADER:
        return [(leader.id, leader.name) for leader in ledger.settings.leaders]
    return [(problem.id, problem.title) for problem in ledger.problems.values()]


def match(typed: str, known: Iterable[tuple[str, str]]) -> list[str]:
    """The ids ``typed`` names: its id or full name, else every name it is part of."""
    known = list(known)
    exact = [key for key, name in known if typed in (key, name)]
    if exact:
        return exact[:1]
    folded = typed.casefold()
    by_case = [key for key, _ in known if key.casefold() == folded]
    if by_case:
        return by_case
    return [key for key, name in known if typed and (typed in name or typed in key)]


def resolve(option: str, typed: str, kind: Kind, members: list[Member]) -> dict[str, str]:
    """The id ``typed`` names in each ledger that has it (by the ledger's name).

    LedgerError, in one form for every command, when it names nothing (the nearest
    or the known named) or two entries of one ledger (both named).
    """
    named = QualifiedId.parse(typed)
    chosen = [m for m in members if m.name == named.ledger] if named.ledger else members
    found: dict[str, str] = {}
    for member in chosen:
        if kind is Kind.PROBLEM and not member.ledger.problems_loaded:
            found[member.name] = named.id  # problems.yaml unread (said already): as typed
            continue
        ids = match(named.id if named.ledger else typed, entries(member.ledger, kind))
        if len(ids) > 1:
            raise LedgerError(
                said("{option}: {value} could be {choices}: give the id", option=option,
                     value=repr(typed), choices=", ".join(qualify(member.name, i) for i in ids))
            )  # fmt: skip
        if ids:
            found[member.name] = ids[0]
    if not found:
        known = sorted(
            qualify(member.name, key)
            for member in members
            for key, name in entries(member.ledger, kind)
        )
        names = known + [
            qualify(m.name, name) for m in members for _, name in entries(m.ledger, kind)
        ]
        nearest = difflib.get_close_matches(typed, names, n=3, cutoff=0.4)
        raise LedgerError(
            said("{option}: unknown {value}; the nearest: {nearest}", option=option,
                 value=repr(typed), nearest=", ".join(nearest))
            if nearest
            else said("{option}: unknown {value}; known: {known}", option=option,
                      value=repr(typed), known=", ".join(known) or "—")
        )  # fmt: skip
    return found


def resolve_one(option: str, typed: str, kind: Kind, ledger: Ledger) -> str:
    """The id ``typed`` names in the one ledger ``ledger``."""
    return resolve(option, typed, kind, [Member("", "", ledger)])[""]


def resolve_each(ledger: Ledger, asked: list[tuple[str, str, Kind]], refusal: Text) -> list[str]:
    """The id each (option, typed, kind) names in ``ledger``; every one that names
    nothing said at once, under ``refusal`` (never only the first)."""
    found: list[str] = []
    failed: list[Text] = []
    for option, typed, kind in asked:
        try:
            found.append(resolve_one(option, typed, kind, ledger))
        except LedgerError as err:
            failed += [Text(*packed) for packed in err.packed or ()]
    if failed:
        raise LedgerError(refusal, details=failed)
    return found
