"""An id qualified by the ledger that holds it: ``提案局:TASK-042`` over many ledgers,
``TASK-042`` in one. Parsed and printed here, and nowhere else."""

from __future__ import annotations

from dataclasses import dataclass

#: Between a ledger's name and an id of its own (names nest: 省委:提案局:TASK-042).
SEPARATOR = ":"


@dataclass(frozen=True, order=True)
class QualifiedId:
    """An id (of a task, a unit, a leader…) and the name of the ledger it belongs to
    ("" for the ledger the command opened, or for the only one)."""

    ledger: str
    id: str

    @classmethod
    def parse(cls, typed: str) -> QualifiedId:
        """``提案局:TASK-042`` → (提案局, TASK-042); a plain id names no ledger."""
        name, _, plain = typed.rpartition(SEPARATOR)
        return cls(name, plain)

    def __str__(self) -> str:
        return f"{self.ledger}{SEPARATOR}{self.id}" if self.ledger else self.id


def qualify(ledger: str, key: str) -> str:
    """``key`` as printed over many ledgers: qualified by ``ledger``'s name where it has one."""
    return str(QualifiedId(ledger, key))
