"""What every check receives and how it reports."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Literal

from zhenggai.days.state import TaskState, compute_state, standing_on
from zhenggai.files.document import Loc
from zhenggai.findings import Finding, Position
from zhenggai.ledger.baseline import Baseline
from zhenggai.ledger.loaded import Ledger, LoadedTask
from zhenggai.messages import Text
from zhenggai.records.model import Level, Status

Tier = Literal["basic", "strict", "timeliness", "change"]


@dataclass(frozen=True)
class CheckContext:
    """The ledger, the day the checks are run for (``--as-of``), and, with
    ``--since``, the ledger as it was at that revision.

    ``real_today`` is the day it really is in the ledger's timezone, passed in
    by the caller (nothing here reads the clock): a record dated after it is in
    the future, whatever day the checks are run for. None: not known, and no
    record is judged to be in the future.
    """

    ledger: Ledger
    today: date
    baseline: Baseline | None = None
    real_today: date | None = None

    @cached_property
    def live_states(self) -> list[tuple[LoadedTask, TaskState]]:
        """Each task in progress or ongoing on ``today``, with its state then: the only
        ones a timeliness check can speak of. Worked out once for all of them."""
        settings, today = self.ledger.settings, self.today
        found = []
        for loaded in self.ledger.tasks:
            timeline = loaded.timeline
            if timeline.status in _SETTLED and standing_on(timeline, today).status in _SETTLED:
                continue  # done or cancelled then: most of a ledger late in its life
            state = compute_state(timeline, settings, today)
            if state.exists:
                found.append((loaded, state))
        return found


_SETTLED = frozenset((Status.DONE, Status.CANCELLED))

CheckFunction = Callable[[CheckContext], Iterable[Finding]]
TaskCheckFunction = Callable[[CheckContext, LoadedTask], Iterable[Finding]]


def _nothing(ctx: CheckContext) -> Iterable[Finding]:
    del ctx
    return ()


@dataclass(frozen=True)
class Check:
    """A named check; its documented function's docstring is the user's documentation.

    ``each_task`` is the part that looks at one task file alone (with the
    ledger's settings and registries, never the day): its findings are kept
    in the parse cache until the file, the settings or zhenggai change.
    ``run`` is the part that needs the whole ledger, or the day.
    """

    id: str
    tier: Tier
    level: Level
    run: CheckFunction = _nothing
    each_task: TaskCheckFunction | None = None

    @property
    def doc(self) -> str:
        import inspect

        documented = self.each_task or self.run
        return inspect.cleandoc(documented.__doc__ or "")

    @property
    def summary(self) -> str:
        return self.doc.splitlines()[0] if self.doc else ""


#: The check id of a finding a check yields: the runner stamps its own id on it, so a
#: check's id is written once, in the index of checks.
UNSTAMPED = ""


def task_finding(
    loaded: LoadedTask, loc: Loc, message: str | Text, hint: str | Text | None = None
) -> Finding:
    """A finding at the key ``loc`` of a task file (its check stamped by the runner);
    a `Text` message or hint can be said in either language."""
    where = loaded.document.locate(loc)
    return Finding(
        UNSTAMPED,
        message.english() if isinstance(message, Text) else message,
        loaded.path,
        where.line,
        where.column,
        task=loaded.id,
        hint=hint.english() if isinstance(hint, Text) else hint,
        packed=message.packed() if isinstance(message, Text) else None,
        hint_packed=hint.packed() if isinstance(hint, Text) else None,
    )


def file_finding(
    path: str, message: Text, hint: Text | None = None, where: Position | None = None
) -> Finding:
    """A finding on a file that is no task (the settings, a registry, evidence/)."""
    return Finding(
        UNSTAMPED,
        message.english(),
        path,
        where.line if where else 1,
        where.column if where else 1,
        hint=hint.english() if hint else None,
        packed=message.packed(),
        hint_packed=hint.packed() if hint else None,
    )
