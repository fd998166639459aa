"""`zhenggai settings set KEY VALUE…`: one setting of zhenggai.yaml changed by command,
its comments and every other line kept, the value read as the key's type (a number,
yes/no, a date, a list) and the whole file read back by the strict reader before it is
written. The registries (units, leaders, children) have commands of their own."""

from __future__ import annotations

import dataclasses
import types
import typing
from datetime import date
from typing import Any

from zhenggai.findings import LedgerError
from zhenggai.ledger.loaded import Ledger
from zhenggai.messages import text as said
from zhenggai.records.base import keys_of
from zhenggai.records.model import Settings
from zhenggai.records.settings import ApprovalLevel
from zhenggai.writes.change import Change
from zhenggai.writes.registry import open_settings, settings_change

#: Keys kept by commands of their own, and which.
_OWN_COMMANDS = {
    "units": "zhenggai unit",
    "leaders": "zhenggai leader",
    "children": "zhenggai init and the parent's settings",
    "same_units": "the guide's many-ledgers section",
}
_YES = {"true", "yes", "y", "1", "on", "是", "对", "开"}
_NO = {"false", "no", "n", "0", "off", "否", "不", "关"}


def plan_settings_set(ledger: Ledger, key: str, typed: list[str]) -> Change:
    """``key`` (dotted: ``bulletin.issuer``) set to ``typed`` read as its type; no value
    (or one empty value) removes an optional key."""
    from ruamel.yaml.comments import CommentedMap

    from zhenggai.files.roundtrip import set_key

    path = key.split(".")
    record: Any = Settings
    edited = open_settings(ledger)
    data = edited.data
    for depth, name in enumerate(path):
        hints = typing.get_type_hints(record, include_extras=True)
        field_names = {f.name.removesuffix("_"): f.name for f in dataclasses.fields(record)}
        if name not in field_names or (depth == 0 and name in _OWN_COMMANDS):
            raise LedgerError(_unknown(key, record, depth, path))
        hint = _plain(hints[field_names[name]])
        if depth < len(path) - 1:
            if not (isinstance(hint, type) and dataclasses.is_dataclass(hint)):
                raise LedgerError(_unknown(key, record, depth + 1, path))
            inner = data.get(name)
            if inner is None:
                inner = CommentedMap()
                set_key(data, name, inner, keys_of(record))
            data, record = inner, hint
            continue
        if isinstance(hint, type) and dataclasses.is_dataclass(hint):
            raise LedgerError(
                said("{key} holds several settings: give one of {keys}", key=key,
                     keys=", ".join(f"{key}.{k}" for k in keys_of(hint)))
            )  # fmt: skip
        if not typed or typed == [""]:
            if name in data:
                del data[name]
            message = said("settings unset {key}", key=key)
        else:
            set_key(data, name, _value(key, hint, typed), keys_of(record))
            message = said("settings set {key}", key=key)
    return settings_change(ledger, edited, message)


def _plain(hint: Any) -> Any:
    """The type under Annotated and Optional."""
    while typing.get_origin(hint) is typing.Annotated:
        hint = typing.get_args(hint)[0]
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        others = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        if len(others) == 1:
            return _plain(others[0])
    return hint


def _value(key: str, hint: Any, typed: list[str]) -> Any:
    """What was typed, as the key's type holds it."""
    from ruamel.yaml.comments import CommentedSeq

    from zhenggai.files.roundtrip import text_value

    if typing.get_origin(hint) is list:
        item = _plain(typing.get_args(hint)[0])
        if item is ApprovalLevel:
            return _levels(typed)
        items = CommentedSeq(_value(key, item, [t]) for t in typed)
        items.fa.set_flow_style()
        return items
    if len(typed) > 1:
        raise LedgerError(said("{key} takes one value, not {n}", key=key, n=len(typed)))
    value = typed[0].strip()
    if hint is bool:
        if value.casefold() in _YES:
            return True
        if value.casefold() in _NO:
            return False
        raise LedgerError(said("{key} is yes or no (true, false), not {value}", key=key,
                               value=repr(value)))  # fmt: skip
    if hint is int:
        try:
            return int(value)
        except ValueError:
            raise LedgerError(
                said("{key} is a whole number, not {value}", key=key, value=repr(value))
            ) from None
    if hint is date:
        from zhenggai.days.dates import parse_day
        from zhenggai.messages import reason_of

        try:
            return parse_day(value)
        except ValueError as err:
            raise LedgerError(reason_of(err)) from None
    return text_value(value)


def _levels(typed: list[str]) -> Any:
    """Approval levels typed as ``NAME:WHO,WHO`` (责任单位申请:units 整改办审核:整改办)."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    from zhenggai.files.roundtrip import text_value

    levels = CommentedSeq()
    for level in typed:
        name, colon, who = level.replace("：", ":").partition(":")
        people = [w.strip() for w in who.replace("，", ",").split(",") if w.strip()]
        if not colon or not name.strip() or not people:
            raise LedgerError(
                said("{value} is no level: write NAME:WHO,WHO, e.g. 整改办审核:整改办",
                     value=repr(level))
            )  # fmt: skip
        whom = CommentedSeq(text_value(w) for w in people)
        whom.fa.set_flow_style()
        entry = CommentedMap({"name": text_value(name.strip()), "who": whom})
        entry.fa.set_flow_style()
        levels.append(entry)
    return levels


def _unknown(key: str, record: Any, depth: int, path: list[str]) -> Any:
    name = path[min(depth, len(path) - 1)]
    if depth == 0 and name in _OWN_COMMANDS:
        return said("{key} is kept by its own commands: {command}", key=name,
                    command=_OWN_COMMANDS[name])  # fmt: skip
    known = ", ".join(k for k in keys_of(record) if depth or k not in _OWN_COMMANDS)
    where = ".".join(path[:depth]) or "zhenggai.yaml"
    return said("no setting {key}; {where} has {known}", key=key, where=where, known=known)
