"""What every check receives and how it reports."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Literal

from zhenggai.baseline import Baseline
from zhenggai.findings import Finding
from zhenggai.ledger import Ledger, LoadedTask
from zhenggai.model import Level
from zhenggai.yamlio import Loc

Tier = Literal["basic", "strict", "timeliness", "change"]


@dataclass(frozen=True)
class CheckContext:
    """The ledger, the day the checks are run for (never the clock's today), and,
    with ``--since``, the ledger as it was at that revision."""

    ledger: Ledger
    today: date
    baseline: Baseline | None = None


CheckFunction = Callable[[CheckContext], Iterable[Finding]]


@dataclass(frozen=True)
class Check:
    """A named check; its function's docstring is the user's documentation."""

    id: str
    tier: Tier
    level: Level
    run: CheckFunction

    @property
    def doc(self) -> str:
        import inspect

        return inspect.cleandoc(self.run.__doc__ or "")

    @property
    def summary(self) -> str:
        return self.doc.splitlines()[0] if self.doc else ""


def task_finding(
    check: str, loaded: LoadedTask, loc: Loc, message: str, hint: str | None = None
) -> Finding:
    """A finding at the key ``loc`` of a task file."""
    return Finding.at(
        check,
        message,
        loaded.path,
        loaded.document.locate(loc),
        task=loaded.task.id,
        hint=hint,
    )
