"""The registries kept by commands, planned whole (see `plan`): units, leaders and
problems added, a unit renamed in the settings and in every task that names it.

A registry edit may change several files (a rename touches every task of the
unit): `Change` holds each new content, every one read back by the ledger's
strict reader before anything is written; the unit of work writes them all or none.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from zhenggai.findings import LedgerError
from zhenggai.ledger.ids import task_ids_in
from zhenggai.ledger.loaded import Ledger
from zhenggai.ledger.paths import PROBLEMS_FILE, SETTINGS_FILE, TASK_SUFFIX, TASKS_DIR
from zhenggai.ledger.reader import read_record, read_task
from zhenggai.messages import text as said
from zhenggai.messages import text_n as said_n
from zhenggai.records.model import Leader, ProblemsFile, Section, Settings, Unit, keys_of
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


def _settings(ledger: Ledger) -> Any:
    return open_for_edit((ledger.root / SETTINGS_FILE).read_text(encoding="utf-8"))


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
    edited = _settings(ledger)
    record = {"id": unit_id, "name": name, "liaison": liaison, "phone": phone, "email": email}
    _append(edited, "units", {key: record.get(key) for key in keys_of(Unit)})
    content = edited.dump()
    return Change(
        ledger.root,
        said("unit add {id}", id=unit_id),
        (checked(ledger.root, SETTINGS_FILE, content),),
    )


def plan_leader_add(ledger: Ledger, leader_id: str, name: str, role: str | None) -> Change:
    """A leader added to the registry in zhenggai.yaml."""
    require_one_line(id=leader_id, name=name, role=role)
    if leader_id in ledger.leader_ids:
        raise LedgerError(
            said("leader {id} is already in {file}", id=leader_id, file=SETTINGS_FILE)
        )
    edited = _settings(ledger)
    record = {"id": leader_id, "name": name, "role": role}
    _append(edited, "leaders", {key: record.get(key) for key in keys_of(Leader)})
    content = edited.dump()
    return Change(
        ledger.root,
        said("leader add {id}", id=leader_id),
        (checked(ledger.root, SETTINGS_FILE, content),),
    )


def plan_problem_add(
    ledger: Ledger,
    problem_id: str,
    title: str,
    section: str,
    source_ref: str | None,
    summary: str | None,
) -> Change:
    """A problem added under an existing section of problems.yaml."""
    from zhenggai.files.roundtrip import append_item

    require_one_line(id=problem_id, title=title, section=section, source_ref=source_ref)
    if problem_id in ledger.problems:
        raise LedgerError(
            said("problem {id} is already in {file}", id=problem_id, file=PROBLEMS_FILE)
        )
    path = ledger.root / PROBLEMS_FILE
    if not path.is_file():
        raise LedgerError(
            said("there is no {file}: create the ledger with `zhenggai init`", file=PROBLEMS_FILE)
        )
    edited = open_for_edit(path.read_text(encoding="utf-8"))
    sections = edited.data.get("sections") or []
    target = next((item for item in sections if item.get("id") == section), None)
    if target is None:
        known = ", ".join(str(item.get("id")) for item in sections) or "-"
        raise LedgerError(
            said(
                "no section {section} in {file} (sections: {known})",
                section=section,
                file=PROBLEMS_FILE,
                known=known,
            )
        )
    record = {"id": problem_id, "title": title, "source_ref": source_ref, "summary": summary}
    append_item(target, "problems", record, keys_of(Section))
    content = edited.dump()
    return Change(
        ledger.root,
        said("problem add {id}", id=problem_id),
        (checked(ledger.root, PROBLEMS_FILE, content),),
    )


def plan_unit_rename(ledger: Ledger, old: str, new: str, name: str | None) -> Change:
    """A unit's id changed in the registry and in every task that names it, as one change
    (and its name, if given)."""
    from zhenggai.files.roundtrip import text_value

    require_one_line(new=new, name=name)
    if old not in ledger.unit_ids:
        raise LedgerError(said("no unit {id} in {file}", id=old, file=SETTINGS_FILE))
    if new in ledger.unit_ids and new != old:
        raise LedgerError(
            said(
                "unit {id} is already in {file}: it cannot take a second id",
                id=new,
                file=SETTINGS_FILE,
            )
        )
    from ruamel.yaml.comments import CommentedSeq

    from zhenggai.files.roundtrip import set_key

    edited = _settings(ledger)
    for unit in edited.data["units"]:
        if unit.get("id") == old:
            unit["id"] = text_value(new)
            if name is not None:
                unit["name"] = text_value(name)
            # Kept, so that `check --since` knows a task signed off under the old id
            # names the same unit: the rename is no edit of it.
            formerly = unit.get("formerly")
            if formerly is None:
                formerly = CommentedSeq()
                formerly.fa.set_flow_style()
                set_key(unit, "formerly", formerly, keys_of(Unit))
            if old not in formerly:
                formerly.append(text_value(old))
    contents = [checked(ledger.root, SETTINGS_FILE, edited.dump())]
    contents += retarget_tasks(ledger, "unit", old, new)
    changed = len(contents) - 1
    message = said_n(
        "unit rename {old} -> {new} ({n} task)",
        "unit rename {old} -> {new} ({n} tasks)",
        changed,
        old=old,
        new=new,
    )
    return Change(ledger.root, message, tuple(contents))


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
