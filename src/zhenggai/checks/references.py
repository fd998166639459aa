"""Checks that a task's references name something the ledger knows."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator

from zhenggai.checks.base import CheckContext, task_finding
from zhenggai.findings import Finding
from zhenggai.ledger.loaded import LoadedTask
from zhenggai.ledger.paths import PROBLEMS_FILE, SETTINGS_FILE
from zhenggai.messages import Text, text


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
            text("unknown problem {id}", id=task.problem),
            hint=_suggest(task.problem, problems, "problems"),
        )
    for index, unit in enumerate(task.units):
        if unit not in ledger.unit_ids:
            yield task_finding(
                loaded,
                ("units", index),
                text("unknown unit {id}", id=unit),
                hint=_suggest(unit, ledger.unit_ids, "units"),
            )
    if task.lead not in ledger.leader_ids:
        yield task_finding(
            loaded,
            ("lead",),
            text("unknown leader {id}", id=task.lead),
            hint=_suggest(task.lead, ledger.leader_ids, "leaders"),
        )


def _suggest(value: str, known: Iterable[str], registry: str) -> Text:
    """The nearest known id, if one is close; else where to add the new one."""
    close = difflib.get_close_matches(value, sorted(known), n=1, cutoff=0.5)
    if registry == "problems":
        if close:
            return text(
                "did you mean {near}? otherwise add it to {file}", near=close[0], file=PROBLEMS_FILE
            )
        return text("add it to {file}", file=PROBLEMS_FILE)
    if registry == "units":
        if close:
            return text(
                "did you mean {near}? otherwise add it under units: in {file}",
                near=close[0],
                file=SETTINGS_FILE,
            )
        return text("add it under units: in {file}", file=SETTINGS_FILE)
    if close:
        return text(
            "did you mean {near}? otherwise add it under leaders: in {file}",
            near=close[0],
            file=SETTINGS_FILE,
        )
    return text("add it under leaders: in {file}", file=SETTINGS_FILE)
