"""The records of a weekly round of 填报表: ``forms/2021-W42.yaml`` holds which units were
sent a form, when it was due, the digest of each row's facts as issued, and each
return collected. See `model` for what the records are and how they are read."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated

from zhenggai.records.base import Record
from zhenggai.records.fields import Count, Id, IsoDate, Text
from zhenggai.records.rules import Limits

#: A period as ISO 8601 names a week: 2021-W42.
Period = Annotated[str, Limits(strict=True, pattern=r"^\d{4}-W\d{2}$")]
Digest = Annotated[str, Limits(strict=True, pattern=r"^[0-9a-f]{16}$")]


@dataclass(frozen=True, slots=True, kw_only=True)
class IssuedRow(Record):
    """A task on a unit's form, and the digest of its facts as the form showed them."""

    task: Id
    digest: Digest


@dataclass(frozen=True, slots=True, kw_only=True)
class IssuedForm(Record):
    """The form one unit was sent."""

    unit: Id
    file: Text  # the workbook's name, as written
    rows: list[IssuedRow] = field(default_factory=list)


@dataclass(frozen=True, slots=True, kw_only=True)
class Return(Record):
    """A filled form collected back."""

    unit: Id
    collected: IsoDate  # the day the office collected it
    filled: IsoDate  # the day the liaison filled it (the form's 填报日期, else collected)
    by: Text | None = None  # 填报人
    rows: Count  # rows with something filled
    sha256: Annotated[str, Limits(strict=True, pattern=r"^[0-9a-f]{64}$")]  # the workbook


@dataclass(frozen=True, slots=True, kw_only=True)
class FormsRound(Record):
    """One period's round: the forms issued, when they are due, what came back."""

    period: Period
    issued: IsoDate
    due: IsoDate
    by: Text | None = None
    ledger: Digest  # which ledger the forms belong to (its title, inspector and date)
    forms: list[IssuedForm] = field(default_factory=list)
    returns: list[Return] = field(default_factory=list)


@dataclass(frozen=True, slots=True, kw_only=True)
class ReturnLines(Record):
    """The returns a collect appends to a round, read back on their own (the round above
    them is as it was read)."""

    returns: list[Return] = field(default_factory=list)
