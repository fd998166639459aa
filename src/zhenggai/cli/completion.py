"""Shell completion of task, unit, leader and problem ids, from the ledger at hand.

Fast enough to run on every Tab: the task ids come from the file names under
tasks/, the registries from the settings and problems files read as plain YAML;
nothing is validated and no ledger is loaded.
"""

from pathlib import Path
from typing import Any

import typer


def _root(ctx: typer.Context) -> Path | None:
    from zhenggai.cli.front import roots
    from zhenggai.findings import LedgerError

    given = ctx.params.get("ledger")
    try:
        return roots(list(given)[:1] if given else None)[0]
    except LedgerError:
        return None


def _plain(path: Path) -> dict[str, Any]:
    from zhenggai.files.yamlio import read_file

    result = read_file(path)
    return result.document.data if result.document is not None else {}


def _ids(items: Any) -> list[str]:
    if not isinstance(items, list):
        return []
    return [str(item["id"]) for item in items if isinstance(item, dict) and "id" in item]


def _matching(found: list[str], incomplete: str) -> list[str]:
    return sorted(name for name in found if name.casefold().startswith(incomplete.casefold()))


def task_ids(ctx: typer.Context, incomplete: str) -> list[str]:
    from zhenggai.ledger.ids import task_ids_in

    root = _root(ctx)
    return _matching(task_ids_in(root), incomplete) if root is not None else []


def unit_ids(ctx: typer.Context, incomplete: str) -> list[str]:
    root = _root(ctx)
    if root is None:
        return []
    from zhenggai.ledger.paths import SETTINGS_FILE

    return _matching(_ids(_plain(root / SETTINGS_FILE).get("units")), incomplete)


def leader_ids(ctx: typer.Context, incomplete: str) -> list[str]:
    root = _root(ctx)
    if root is None:
        return []
    from zhenggai.ledger.paths import SETTINGS_FILE

    return _matching(_ids(_plain(root / SETTINGS_FILE).get("leaders")), incomplete)


def problem_ids(ctx: typer.Context, incomplete: str) -> list[str]:
    root = _root(ctx)
    if root is None:
        return []
    from zhenggai.ledger.paths import PROBLEMS_FILE

    sections = _plain(root / PROBLEMS_FILE).get("sections")
    found = [
        problem
        for section in sections or []
        if isinstance(section, dict)
        for problem in _ids(section.get("problems"))
    ]
    return _matching(found, incomplete)
