"""The ledger format: pydantic models of zhenggai.yaml, problems.yaml and task files.

Every model forbids unknown keys, so a typo such as ``deadlne`` is an error.
The YAML reader hands over scalars as the text that was typed; these models
decide what a value means. Text fields are strict strings, dates must be
written ``YYYY-MM-DD``.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

# Re-exported: the models' enumerations live where the command line can import them cheaply.
from zhenggai.vocab import Cadence as Cadence
from zhenggai.vocab import Level as Level
from zhenggai.vocab import Status as Status
from zhenggai.vocab import Term as Term

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_date(value: Any) -> Any:
    # Only YYYY-MM-DD: pydantic alone would also take timestamps and datetimes.
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        raise ValueError("expected a date written YYYY-MM-DD, such as 2021-07-31")
    try:
        return date.fromisoformat(value)
    except ValueError as err:
        raise ValueError(f"{value} is not a real date ({err})") from None


IsoDate = Annotated[date, BeforeValidator(_iso_date)]
Text = Annotated[str, StringConstraints(strict=True, strip_whitespace=True, min_length=1)]
Id = Annotated[
    str,
    StringConstraints(strict=True, min_length=1, max_length=64, pattern=r"^[^\s/\\]+$"),
]
Count = Annotated[int, Field(ge=0)]


class _Strict(BaseModel):
    # defer_build: a run served from the parse cache never validates a task, so it
    # need not pay for building the validators at import.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


# --- zhenggai.yaml ---------------------------------------------------------


class Period(_Strict):
    start: IsoDate
    end: IsoDate


class Source(_Strict):
    """The inspection the ledger answers."""

    kind: Literal["巡视", "巡察", "审计", "督查"]
    inspector: Text
    period: Period | None = None
    feedback_date: IsoDate
    document: Text | None = None


class Thresholds(_Strict):
    """Days before a deadline at which a task's light changes."""

    notice_days: Count = 20
    yellow_days: Count = 10

    @model_validator(mode="after")
    def _ordered(self) -> Thresholds:
        if self.yellow_days > self.notice_days:
            raise ValueError("yellow_days must not be larger than notice_days")
        return self


class Unit(_Strict):
    id: Id
    name: Text
    liaison: Text | None = None
    phone: Text | None = None


class Leader(_Strict):
    id: Id
    name: Text
    role: Text | None = None


class Settings(_Strict):
    """zhenggai.yaml: the ledger's settings and registries."""

    title: Text
    source: Source
    timezone: Text = "Asia/Shanghai"
    language: Literal["zh", "en"] = "zh"
    id_prefix: Annotated[str, StringConstraints(strict=True, pattern=r"^[A-Za-z][A-Za-z0-9]*$")] = (
        "TASK"
    )
    thresholds: Thresholds = Thresholds()
    stale_days: Annotated[int, Field(ge=1)] = 30
    signoff_requires_approver: bool = False
    allow_close_without_evidence: bool = False
    # A computed deadline that lands on a rest day moves to the next working day.
    shift_deadline_to_workday: bool = False
    # Every write command commits its change to git, as if given --commit.
    commit: bool = False
    evidence_max_mb: Annotated[int, Field(ge=1, le=4096)] = 50
    units: list[Unit] = []
    leaders: list[Leader] = []
    checks: dict[Annotated[str, StringConstraints(strict=True)], Level] = {}

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown timezone {value!r}; use a name like Asia/Shanghai") from None
        return value


# --- holidays.yaml --------------------------------------------------------


class HolidayYear(_Strict):
    """One year of the official calendar: rest days, and weekend days worked (调休)."""

    holidays: list[IsoDate] = []
    workdays: list[IsoDate] = []


class HolidaysFile(_Strict):
    """holidays.yaml: years the chinesecalendar package does not know yet, or corrections."""

    years: dict[Annotated[int, Field(ge=1900, le=2200)], HolidayYear]


# --- problems.yaml ---------------------------------------------------------


class Problem(_Strict):
    """One finding of the inspection (反馈问题)."""

    id: Id
    title: Text
    source_ref: Text | None = None
    summary: Text | None = None


class Section(_Strict):
    """A heading of the source document (一、二、三、四) and its problems."""

    id: Id
    title: Text
    problems: list[Problem] = []


class ProblemsFile(_Strict):
    sections: list[Section]


# --- tasks/<ID>.yaml -------------------------------------------------------


class Milestone(_Strict):
    due: IsoDate
    what: Text
    done: IsoDate | None = None


class ProgressNote(_Strict):
    """A dated line of progress: the raw material of the weekly report."""

    date: IsoDate
    text: Text
    by: Text | None = None


class Counter(_Strict):
    """Partial progress on a countable measure, e.g. 8 项网信重点任务, 5 done."""

    what: Text
    done: Count
    total: Annotated[int, Field(ge=1)]

    @model_validator(mode="after")
    def _done_within_total(self) -> Counter:
        if self.done > self.total:
            raise ValueError(f"done ({self.done}) is larger than total ({self.total})")
        return self


class Extension(_Strict):
    """One change of deadline (延期); the chain keeps the original deadline."""

    from_: IsoDate = Field(alias="from")
    to: IsoDate
    basis: Text | None = None  # the wording of the new deadline, as typed
    reason: Text
    approved_by: Text | None = None
    date: IsoDate | None = None


class Evidence(_Strict):
    """A file that shows the work was done (佐证材料), pinned by its hash."""

    path: Text
    sha256: Annotated[str, StringConstraints(strict=True, pattern=r"^[0-9a-f]{64}$")]
    size: Count
    added: IsoDate
    kind: Text | None = None
    note: Text | None = None


class Closing(_Strict):
    """The sign-off (销号)."""

    date: IsoDate
    by: Text
    summary: Text
    approved_by: Text | None = None
    # Only where the ledger sets allow_close_without_evidence.
    no_evidence_reason: Text | None = None


class Reopening(_Strict):
    """A spot check (回头看) that found the work not done; the old sign-off is kept."""

    date: IsoDate
    reason: Text
    by: Text | None = None
    previous_closing: Closing


class Regulation(_Strict):
    """A rule established, revised or abolished (立、改、废)."""

    name: Text
    action: Literal["立", "改", "废"]
    date: IsoDate | None = None


class Outcomes(_Strict):
    """Numbers that reports add up."""

    held_accountable: Count | None = None  # 问责人数
    recovered_wan_yuan: Annotated[Decimal, Field(ge=0)] | None = None  # 挽回经济损失（万元）


class Task(_Strict):
    """One rectification measure (整改举措)."""

    id: Id
    title: Text
    problem: Id
    source_ref: Text | None = None
    measure: Text | None = None
    lead: Id
    units: Annotated[list[Id], Field(min_length=1)]
    owner: Text | None = None
    term: Term
    deadline: IsoDate | None = None
    deadline_basis: Text | None = None
    cadence: Cadence | None = None
    status: Status
    cancel_reason: Text | None = None
    milestones: list[Milestone] = []
    progress: list[ProgressNote] = []
    counters: list[Counter] = []
    extensions: list[Extension] = []
    evidence: list[Evidence] = []
    closing: Closing | None = None
    reopenings: list[Reopening] = []
    regulations: list[Regulation] = []
    outcomes: Outcomes | None = None
    public: bool = True
    tags: list[Text] = []

    @property
    def lead_unit(self) -> str:
        return self.units[0]

    @property
    def original_deadline(self) -> date | None:
        """The deadline before any extension."""
        return self.extensions[0].from_ if self.extensions else self.deadline

    @property
    def last_progress(self) -> date | None:
        return max((note.date for note in self.progress), default=None)
