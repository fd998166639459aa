"""Turning what the YAML reader returns into the records of `model`, with pydantic.

pydantic is imported on the first call, not with this module: a run served
from the parse cache validates nothing and never pays for it.
"""

from __future__ import annotations

import typing
from dataclasses import dataclass
from typing import Any, TypeVar

if typing.TYPE_CHECKING:
    from pydantic import TypeAdapter

R = TypeVar("R")
Loc = tuple[str | int, ...]

#: pydantic's error types, by what they mean to a ledger's author.
UNKNOWN_KEY = frozenset({"extra_forbidden", "unexpected_keyword_argument"})
WRONG_KIND = frozenset(
    {"string_type", "list_type", "dict_type", "model_type", "dataclass_type", "dataclass_args_type"}
)


@dataclass(frozen=True)
class Issue:
    """One reason a value is not a record: where (keys, list indexes), what, the value found."""

    loc: Loc
    kind: str  # pydantic's error type, e.g. "missing"
    message: str
    found: Any = None


class Invalid(ValueError):
    """The data is not a valid record; ``issues`` says every way it is not."""

    def __init__(self, issues: list[Issue]) -> None:
        super().__init__(f"{len(issues)} validation issue(s)")
        self.issues = issues


def validate(record: type[R], data: Any) -> R:
    """``data`` (as the YAML reader gives it) as a ``record``; raises `Invalid`."""
    from pydantic import ValidationError

    try:
        value: R = _adapter(record).validate_python(data)
    except ValidationError as err:
        issues = [
            Issue(tuple(error["loc"]), error["type"], error["msg"], error.get("input"))
            for error in err.errors()
        ]
        raise Invalid(issues) from None
    return value


def plain(value: Any, *, defaults: bool = False) -> Any:
    """A record as JSON-ready values under the keys of the files; defaults only if asked."""
    return _adapter(type(value)).dump_python(
        value, mode="json", by_alias=True, exclude_defaults=not defaults
    )


def json_schema(record: type[Any]) -> dict[str, Any]:
    """pydantic's JSON Schema of ``record``, definitions under ``$defs``."""
    schema: dict[str, Any] = _adapter(record).json_schema(
        ref_template="#/definitions/{model}", by_alias=True
    )
    return schema


def prepare(record: type[Any]) -> None:
    """Build the validator of ``record`` now (before worker processes are forked)."""
    _adapter(record)


_ADAPTERS: dict[type[Any], TypeAdapter[Any]] = {}


def _adapter(record: type[Any]) -> TypeAdapter[Any]:
    adapter = _ADAPTERS.get(record)
    if adapter is None:
        from pydantic import TypeAdapter

        adapter = _ADAPTERS[record] = TypeAdapter(record)
    return adapter
