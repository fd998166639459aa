"""Checks that a task's references name something the ledger knows."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator

from zhenggai.checks.base import CheckContext, task_finding
from zhenggai.findings import Finding
from zhenggai.ledger.loaded import LoadedTask
from zhenggai.ledger.paths import PROBLEMS_FILE, SETTINGS_FILE


def check_known_references(ctx: CheckContext, loaded: LoadedTask) -> Iterator[Finding]:
    """A task's problem, units and lead are in the ledger's registries.

    ``problem`` must be an id in problems.yaml; every entry of ``units`` and
    ``lead`` must be an id under ``units:`` and ``leaders:`` in zhenggai.yaml.
    When problems.yaml itself cannot be read, problem references are not
    checked (that file's own finding says why).

    Fails::

        units: [办公厅, 办工厅]     # 办工厅 is not a registered unit

    Passes::

        units: [办公厅, 机关党委]
    """
    ledger = ctx.ledger
    problems = ledger.problems
    task = loaded.task
    if ledger.problems_loaded and task.problem not in problems:
        yield task_finding(
            loaded,
            ("problem",),
            f"unknown problem {task.problem}",
            hint=_suggest(task.problem, problems, f"add it to {PROBLEMS_FILE}"),
        )
    for index, unit in enumerate(task.units):
        if unit not in ledger.unit_ids:
            yield task_finding(
                loaded,
                ("units", index),
                f"unknown unit {unit}",
                hint=_suggest(unit, ledger.unit_ids, f"add it under units: in {SETTINGS_FILE}"),
            )
    if task.lead not in ledger.leader_ids:
        yield task_finding(
            loaded,
            ("lead",),
            f"unknown leader {task.lead}",
            hint=_suggest(
                task.lead, ledger.leader_ids, f"add it under leaders: in {SETTINGS_FILE}"
            ),
        )


def _suggest(value: str, known: Iterable[str], otherwise: str) -> str:
    close = difflib.get_close_matches(value, sorted(known), n=1, cutoff=0.5)
    return f"did you mean {close[0]}? otherwise {otherwise}" if close else otherwise
