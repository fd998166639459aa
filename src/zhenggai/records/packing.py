"""Records as plain values that `marshal` can store, and back.

A record becomes the list of its field values in field order; dates become
ordinals, enumerations their values, decimals text, nested records lists in
turn. Unpacking builds the records directly, without validating again: they
were validated when the file was read, and the cache's header pins the
records' source, so a stored entry always matches the classes that read it.
"""

from __future__ import annotations

import datetime
import decimal
import enum
import types
import typing
from collections.abc import Callable
from dataclasses import fields, is_dataclass
from typing import Any, TypeVar

R = TypeVar("R")

# How a field's value is stored: ("plain",), ("date",), ("decimal",), ("enum", E),
# ("record", R), ("list", kind) or ("dict", key kind, value kind).
Kind = tuple[Any, ...]
_Plan = list[tuple[str, Kind]]
_PLANS: dict[type, _Plan] = {}
_UNPACKERS: dict[type, Callable[[Any], Any]] = {}
_PACKERS: dict[type, Callable[[Any], Any]] = {}


def pack(value: Any) -> list[Any]:
    """A record as a list of plain values, one per field."""
    packer = _PACKERS.get(type(value))
    if packer is None:
        packer = _PACKERS[type(value)] = _compile_packer(type(value))
    packed: list[Any] = packer(value)
    return packed


def unpack(record: type[R], packed: Any) -> R:
    """The ``record`` that `pack` turned into ``packed``; ValueError when they do not match."""
    try:
        value: R = _unpacker(record)(packed)
    except (TypeError, IndexError, KeyError, AttributeError, ValueError) as err:
        raise ValueError(f"stored value does not match {record.__name__}: {err}") from None
    return value


def _plan(record: type) -> _Plan:
    plan = _PLANS.get(record)
    if plan is None:
        hints = typing.get_type_hints(record)  # Annotated rules stripped: only the types
        plan = _PLANS[record] = [(item.name, _kind(hints[item.name])) for item in fields(record)]
    return plan


def _kind(annotation: Any) -> Kind:
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        (inner,) = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        return _kind(inner)
    if origin is list:
        return ("list", _kind(typing.get_args(annotation)[0]))
    if origin is dict:
        key, value = typing.get_args(annotation)
        return ("dict", _kind(key), _kind(value))
    if isinstance(annotation, type):
        if is_dataclass(annotation):
            return ("record", annotation)
        if issubclass(annotation, enum.Enum):
            return ("enum", annotation)
        if annotation is datetime.date:
            return ("date",)
        if annotation is decimal.Decimal:
            return ("decimal",)
    return ("plain",)


def _compile_packer(record: type) -> Callable[[Any], Any]:
    """A function, written out for ``record``, that packs it (as `_compile_unpacker` unpacks)."""
    env: dict[str, Any] = {}
    items = [_expression(kind, f"r.{name}", env, packing=True) for name, kind in _plan(record)]
    exec(f"def pack_record(r):\n    return [{', '.join(items)}]", env)
    packer: Callable[[Any], Any] = env["pack_record"]
    return packer


def unpacker(record: type[R]) -> Callable[[Any], R]:
    """`unpack` for one kind of record, for loops over many: it raises TypeError,
    IndexError, KeyError or ValueError (not always ValueError) on a mismatch."""
    return _unpacker(record)


def _unpacker(record: type) -> Callable[[Any], Any]:
    unpacker = _UNPACKERS.get(record)
    if unpacker is None:
        unpacker = _UNPACKERS[record] = _compile_unpacker(record)
    return unpacker


def _compile_unpacker(record: type) -> Callable[[Any], Any]:
    """A function, written out for ``record``, that builds it from its packed list.

    Generated rather than interpreted: it runs for every task and note of a
    warm run, and a loop over the plan with a call per field costs three times
    as much.
    """
    plan = _plan(record)
    env: dict[str, Any] = {
        "record": record,
        "new": object.__new__,
        "set_": object.__setattr__,  # the records are frozen
        "date": datetime.date.fromordinal,
        "Decimal": decimal.Decimal,
        "width": len(plan),
    }
    lines = [
        "def unpack_record(v):",
        "    if len(v) != width:",
        "        raise IndexError('wrong number of fields')",
        "    r = new(record)",
    ]
    for index, (name, kind) in enumerate(plan):
        value = _expression(kind, f"v[{index}]", env, packing=False)
        slot = vars(record).get(name)
        if isinstance(slot, types.MemberDescriptorType):
            # A slot's own setter: a third cheaper than object.__setattr__, which looks
            # the name up through the class first.
            env[f"slot_{name}"] = slot.__set__
            lines.append(f"    slot_{name}(r, {value})")
        else:
            lines.append(f"    set_(r, {name!r}, {value})")
    lines.append("    return r")
    exec("\n".join(lines), env)
    unpacker: Callable[[Any], Any] = env["unpack_record"]
    return unpacker


# How a value of each kind becomes plain, and back: (packing, unpacking) templates.
_CONVERSIONS = {
    "date": ("{}.toordinal()", "date({})"),
    "decimal": ("str({})", "Decimal({})"),
}


def _expression(kind: Kind, value: str, env: dict[str, Any], *, packing: bool) -> str:
    """Python source that packs (or unpacks) ``value``, a field of this ``kind``."""
    tag = kind[0]
    if tag == "plain":
        return value
    if tag in ("list", "dict"):
        # A collection of plain values needs no work: marshal makes fresh lists anyway.
        inner = [
            _expression(part, name, env, packing=packing)
            for part, name in zip(
                kind[1:], ("key", "item") if tag == "dict" else ("item",), strict=True
            )
        ]
        if inner in (["key", "item"], ["item"]):
            return value
        if tag == "dict":
            built = f"{{{inner[0]}: {inner[1]} for key, item in {value}.items()}}"
        else:
            built = f"[{inner[0]} for item in {value}]"
        return f"(None if {value} is None else {built})"  # a list that may be absent
    if tag == "enum":
        if packing:
            converted = f"{value}.value"
        else:
            # The members by value: a dict lookup is twenty times cheaper than calling the enum.
            name = f"enum_{kind[1].__name__}"
            env[name] = {member.value: member for member in kind[1]}
            converted = f"{name}[{value}]"
    elif tag == "record":
        name = f"record_{kind[1].__name__}"
        env[name] = pack if packing else _unpacker(kind[1])
        converted = f"{name}({value})"
    else:
        converted = _CONVERSIONS[tag][0 if packing else 1].format(value)
    return f"(None if {value} is None else {converted})"
