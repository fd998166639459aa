"""The registries kept by commands, planned whole (see `plan`): units and leaders
added, and what every registry edit shares — the settings opened and read back, a key
set or removed, the tasks that name an entry made to name another.

A registry edit may change several files (a rename touches every task of the
unit): `Change` holds each new content, every one read back by the ledger's
strict reader before anything is written; the unit of work writes them all or none.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from zhenggai.findings import LedgerError
from zhenggai.ledger.ids import task_ids_in
from zhenggai.ledger.loaded import Ledger
from zhenggai.ledger.paths import SETTINGS_FILE, TASK_SUFFIX, TASKS_DIR
from zhenggai.ledger.reader import read_record, read_task
from zhenggai.messages import Text
from zhenggai.messages import text as said
from zhenggai.records.model import Leader, ProblemsFile, Settings, Unit, keys_of
from zhenggai.safetext import require_one_line
from zhenggai.writes.change import Change
from zhenggai.writes.plan import open_for_edit


def checked(root: Path, rel: str, content: bytes) -> tuple[Path, bytes]:
    """``content`` if the ledger's reader accepts it as ``rel``; LedgerError otherwise."""
    if rel.startswith(f"{TASKS_DIR}/"):
        findings = read_task(content, str(root / rel), rel).findings
    else:
        model: type = Settings if rel == SETTINGS_FILE else ProblemsFile
        findings = read_record(content, str(root / rel), rel, model)[2]
    if findings:
        raise LedgerError(
            said(
                "refusing to write {file}: it would not read back (the lines below are those "
                "of the file as it would be written)",
                file=rel,
            ),
            findings,
            root,
        )
    return root / rel, content


def open_settings(ledger: Ledger) -> Any:
    """zhenggai.yaml opened to be edited, every comment and line kept."""
    return open_for_edit((ledger.root / SETTINGS_FILE).read_text(encoding="utf-8"))


def settings_change(
    ledger: Ledger, edited: Any, message: Text, tasks: Sequence[tuple[Path, bytes]] = ()
) -> Change:
    """The edited settings, read back, and the task files changed with them, as one change."""
    return Change(ledger.root, message, (checked(ledger.root, SETTINGS_FILE, edited.dump()),
                                         *tasks))  # fmt: skip


def set_or_remove(entry: Any, key: str, value: str | bool | None, order: Sequence[str]) -> None:
    """``key`` of a registry entry as a command was given it: None leaves it, True or a
    text sets it, False or an empty text removes it (an optional key: its default)."""
    from zhenggai.files.roundtrip import set_key, text_value

    if value is None:
        return
    if value is True or (isinstance(value, str) and value):
        set_key(entry, key, True if value is True else text_value(str(value)), order)
    elif key in entry:
        del entry[key]


def _append(edited: Any, key: str, record: dict[str, Any]) -> None:
    from zhenggai.files.roundtrip import append_item

    append_item(edited.data, key, record, keys_of(Settings))


def plan_unit_add(
    ledger: Ledger,
    unit_id: str,
    name: str,
    liaison: str | None,
    phone: str | None,
    email: str | None = None,
) -> Change:
    """A unit added to the registry in zhenggai.yaml."""
    require_one_line(id=unit_id, name=name, liaison=liaison, phone=phone, email=email)
    if unit_id in ledger.unit_ids:
        raise LedgerError(said("unit {id} is already in {file}", id=unit_id, file=SETTINGS_FILE))
    edited = open_settings(ledger)
    record = {"id": unit_id, "name": name, "liaison": liaison, "phone": phone, "email": email}
    _append(edited, "units", {key: record.get(key) for key in keys_of(Unit)})
    return settings_change(ledger, edited, said("unit add {id}", id=unit_id))


def plan_leader_add(ledger: Ledger, leader_id: str, name: str, role: str | None) -> Change:
    """A leader added to the registry in zhenggai.yaml."""
    require_one_line(id=leader_id, name=name, role=role)
    if leader_id in ledger.leader_ids:
        raise LedgerError(
            said("leader {id} is already in {file}", id=leader_id, file=SETTINGS_FILE)
        )
    edited = open_settings(ledger)
    record = {"id": leader_id, "name": name, "role": role}
    _append(edited, "leaders", {key: record.get(key) for key in keys_of(Leader)})
    return settings_change(ledger, edited, said("leader add {id}", id=leader_id))


def retarget_tasks(ledger: Ledger, kind: str, old: str, new: str) -> list[tuple[Path, bytes]]:
    """Every task file that names the unit (or leader) ``old``, naming ``new`` instead —
    once, where it named both — each read back before anything is written."""
    from zhenggai.files.roundtrip import text_value

    contents = []
    for task_id in task_ids_in(ledger.root):
        rel = f"{TASKS_DIR}/{task_id}{TASK_SUFFIX}"
        text = (ledger.root / rel).read_text(encoding="utf-8")
        if old not in text:
            continue  # most tasks: not read as YAML at all
        task = open_for_edit(text)
        if kind == "leader":
            if str(task.data.get("lead")) != old:
                continue
            task.data["lead"] = text_value(new)
        else:
            units = task.data.get("units")
            if not units or old not in [str(u) for u in units]:
                continue
            named = list(dict.fromkeys(new if str(u) == old else str(u) for u in units))
            units.clear()
            units.extend(text_value(u) for u in named)
        contents.append(checked(ledger.root, rel, task.dump()))
    return contents
