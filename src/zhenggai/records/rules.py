"""Rules a value must meet, written as `Annotated` markers that pydantic understands.

The records in `model` carry these markers instead of pydantic's own
(``Field``, ``StringConstraints``, ``BeforeValidator``) so that importing the
records does not import pydantic: a run served from the parse cache never
validates anything, and pydantic's import alone costs ~0.2 s. pydantic asks
each marker for its part of the schema (``__get_pydantic_core_schema__``) only
when `validation` builds a validator.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class Limits:
    """Settings laid over the schema of the type it annotates: ``Limits(ge=0)`` on an int,
    ``Limits(strict=True, min_length=1)`` on a str or a list (pydantic-core's keys)."""

    __slots__ = ("limits",)

    def __init__(self, **limits: Any) -> None:
        self.limits = limits

    def __get_pydantic_core_schema__(self, source: Any, handler: Callable[[Any], Any]) -> Any:
        schema = dict(handler(source))
        schema.update(self.limits)
        return schema


class _Validator:
    """Run ``function`` on the value: before the type's own validation, or after it."""

    __slots__ = ("function",)
    after: bool

    def __init__(self, function: Callable[[Any], Any]) -> None:
        self.function = function

    def __get_pydantic_core_schema__(self, source: Any, handler: Callable[[Any], Any]) -> Any:
        from pydantic_core import core_schema

        wrap = (
            core_schema.no_info_after_validator_function
            if self.after
            else core_schema.no_info_before_validator_function
        )
        return wrap(self.function, handler(source))


class Before(_Validator):
    """Run ``function`` on the raw value before the type's own validation."""

    __slots__ = ()
    after = False


class After(_Validator):
    """Run ``function`` on the value once the type's own validation passed."""

    __slots__ = ()
    after = True
