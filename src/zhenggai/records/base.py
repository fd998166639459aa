"""What every record shares: the key a field is written under, the records a record
holds, and pydantic's settings as a plain dict (no pydantic import)."""

from __future__ import annotations

import typing
from dataclasses import fields, is_dataclass
from typing import Any, ClassVar


def yaml_key(name: str) -> str:
    """The key a field is written under: ``from`` is a Python keyword, so its field is ``from_``."""
    return name.removesuffix("_")


def keys_of(record: type[Any]) -> tuple[str, ...]:
    """The keys of a record, in the order of its fields (the order files are written in)."""
    return tuple(yaml_key(item.name) for item in fields(record))


def records_within(record: type[Any]) -> list[type[Any]]:
    """``record`` and every record its fields hold, each once."""
    found: list[type[Any]] = []
    pending = [record]
    while pending:
        current = pending.pop()
        if current not in found:
            found.append(current)
            for annotation in typing.get_type_hints(current).values():
                pending.extend(_records_in(annotation))
    return found


def _records_in(annotation: Any) -> list[type[Any]]:
    if isinstance(annotation, type) and is_dataclass(annotation):
        return [annotation]
    return [record for arg in typing.get_args(annotation) for record in _records_in(arg)]


class Record:
    """What every record shares: pydantic's settings for it, as a plain dict."""

    __slots__ = ()
    __pydantic_config__: ClassVar[dict[str, Any]] = {
        "extra": "forbid",
        "alias_generator": yaml_key,
    }
