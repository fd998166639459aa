"""The registries of units and leaders kept by commands (zhenggai.yaml): an entry's
name and contacts changed, its id renamed, an entry removed while no task names it, or merged into
another — every task that named it then names the other, as one change, and the other
keeps the old id in ``formerly`` so that `check --since` reads a signed-off task that
changed only so as unedited."""

from __future__ import annotations

from typing import Any

from zhenggai.files.yamlio import parse_text
from zhenggai.findings import LedgerError
from zhenggai.ledger.ids import task_ids_in
from zhenggai.ledger.loaded import Ledger
from zhenggai.ledger.paths import SETTINGS_FILE, TASK_SUFFIX, TASKS_DIR
from zhenggai.messages import text as said
from zhenggai.messages import text_n as said_n
from zhenggai.records.model import Leader, Unit, keys_of
from zhenggai.safetext import require_one_line
from zhenggai.writes.change import Change
from zhenggai.writes.registry import open_settings, retarget_tasks, set_or_remove, settings_change

#: The registry key in zhenggai.yaml, and the model of its entries.
REGISTRIES: dict[str, tuple[str, type]] = {"unit": ("units", Unit), "leader": ("leaders", Leader)}


def _entry(edited: Any, kind: str, entry_id: str) -> Any:
    key, _ = REGISTRIES[kind]
    found = next((e for e in edited.data.get(key) or [] if str(e.get("id")) == entry_id), None)
    if found is None:
        raise LedgerError(
            said("no unit {id} in {file}", id=entry_id, file=SETTINGS_FILE)
            if kind == "unit"
            else said("no leader {id} in {file}", id=entry_id, file=SETTINGS_FILE)
        )
    return found


def tasks_naming(ledger: Ledger, key: str, entry_id: str) -> list[str]:
    """The tasks whose ``key`` (``units``, ``lead``, ``problem``) names ``entry_id``, read
    from their files (a registry write does not load the tasks)."""
    found = []
    for task_id in task_ids_in(ledger.root):
        text = (ledger.root / f"{TASKS_DIR}/{task_id}{TASK_SUFFIX}").read_text(encoding="utf-8")
        if entry_id not in text:
            continue  # most tasks: not read as YAML at all
        # the ledger's own reader (line by line where it can): not the round-trip parser
        read = parse_text(text, f"{TASKS_DIR}/{task_id}{TASK_SUFFIX}")
        value = read.document.data.get(key) if read.document is not None else None
        named = [str(v) for v in value] if isinstance(value, list) else [str(value)]
        if entry_id in named:
            found.append(task_id)
    return sorted(found)


def listed(task_ids: list[str], most: int = 20) -> str:
    """The ids, the first ``most`` of a long list and an ellipsis."""
    return ", ".join(task_ids[:most]) + (", …" if len(task_ids) > most else "")


def plan_registry_set(ledger: Ledger, kind: str, entry_id: str, values: dict[str, Any]) -> Change:
    """An entry's name, contacts or role set (an empty text removes an optional one)."""
    require_one_line(**{k: v for k, v in values.items() if isinstance(v, str) and v})
    if all(value is None for value in values.values()):
        raise LedgerError(said("nothing to change: give a value to set"))
    if values.get("name") == "":
        raise LedgerError(said("an entry needs a name"))
    edited = open_settings(ledger)
    entry = _entry(edited, kind, entry_id)
    for key, value in values.items():
        set_or_remove(entry, key, value, keys_of(REGISTRIES[kind][1]))
    return settings_change(ledger, edited, said("{kind} set {id}", kind=kind, id=entry_id))


def plan_registry_remove(ledger: Ledger, kind: str, entry_id: str) -> Change:
    """An entry removed; refused while tasks name it (naming them, and how to merge)."""
    naming = tasks_naming(ledger, "units" if kind == "unit" else "lead", entry_id)
    if naming:
        raise LedgerError(
            said("{n} tasks name {id}: {tasks}; merge it into another instead "
                 "(`zhenggai {command} merge {id} --into OTHER`), or change those tasks first",
                 n=len(naming), id=entry_id, tasks=listed(naming), command=kind)
        )  # fmt: skip
    edited = open_settings(ledger)
    entry = _entry(edited, kind, entry_id)
    edited.data[REGISTRIES[kind][0]].remove(entry)
    return settings_change(ledger, edited, said("{kind} remove {id}", kind=kind, id=entry_id))


def _keep_former(entry: Any, kind: str, ids: list[str]) -> None:
    """``ids`` kept in the entry's ``formerly``, each once."""
    from ruamel.yaml.comments import CommentedSeq

    from zhenggai.files.roundtrip import set_key, text_value

    formerly = entry.get("formerly")
    if formerly is None:
        formerly = CommentedSeq()
        formerly.fa.set_flow_style()
        set_key(entry, "formerly", formerly, keys_of(REGISTRIES[kind][1]))
    for former in ids:
        if former not in formerly:
            formerly.append(text_value(former))


def plan_registry_merge(ledger: Ledger, kind: str, entry_id: str, into: str) -> Change:
    """``entry_id`` merged into ``into``: every task that named it names ``into`` (once),
    the entry is removed, and ``into`` keeps its id in ``formerly``."""

    if entry_id == into:
        raise LedgerError(said("{id} cannot be merged into itself", id=entry_id))
    edited = open_settings(ledger)
    old = _entry(edited, kind, entry_id)
    target = _entry(edited, kind, into)
    edited.data[REGISTRIES[kind][0]].remove(old)
    _keep_former(target, kind, [entry_id, *(str(f) for f in old.get("formerly") or [])])
    tasks = retarget_tasks(ledger, kind, entry_id, into)
    message = said_n(
        "{kind} merge {old} -> {new} ({n} task)",
        "{kind} merge {old} -> {new} ({n} tasks)",
        len(tasks),
        kind=kind,
        old=entry_id,
        new=into,
    )
    return settings_change(ledger, edited, message, tasks)


def plan_registry_rename(ledger: Ledger, kind: str, old: str, new: str, name: str | None) -> Change:
    """An entry's id changed in the registry and in every task that names it, as one
    change (and its name, if given). The old id is kept in ``formerly``, so that `check
    --since` knows a task signed off under it names the same unit or leader."""
    from zhenggai.files.roundtrip import text_value

    require_one_line(new=new, name=name)
    edited = open_settings(ledger)
    entry = _entry(edited, kind, old)
    taken = {str(e.get("id")) for e in edited.data.get(REGISTRIES[kind][0]) or []}
    if new != old and new in taken:
        raise LedgerError(
            said("unit {id} is already in {file}: it cannot take a second id", id=new,
                 file=SETTINGS_FILE)
            if kind == "unit"
            else said("leader {id} is already in {file}", id=new, file=SETTINGS_FILE)
        )  # fmt: skip
    entry["id"] = text_value(new)
    if name is not None:
        entry["name"] = text_value(name)
    _keep_former(entry, kind, [old])
    tasks = retarget_tasks(ledger, kind, old, new)
    message = (
        said_n("unit rename {old} -> {new} ({n} task)", "unit rename {old} -> {new} ({n} tasks)",
               len(tasks), old=old, new=new)
        if kind == "unit"
        else said_n("leader rename {old} -> {new} ({n} task)",
                    "leader rename {old} -> {new} ({n} tasks)", len(tasks), old=old, new=new)
    )  # fmt: skip
    return settings_change(ledger, edited, message, tasks)
