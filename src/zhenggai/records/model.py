"""The ledger format: the records of zhenggai.yaml, problems.yaml and task files.

Plain frozen dataclasses, so that a run served from the parse cache builds
them without importing pydantic. What a value must be is attached as a
marker from `rules` (strict text, real dates, limits); `validation` hands
the records to pydantic when a file has to be read. Every record forbids
unknown keys, so a typo such as ``deadlne`` is an error. The YAML reader
hands over scalars as the text that was typed; these records decide what a
value means. Text fields are strict strings, dates must be written
``YYYY-MM-DD``.
"""

from __future__ import annotations

import typing
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Annotated, Literal

from zhenggai.records.base import Record as _Record
from zhenggai.records.base import keys_of as keys_of
from zhenggai.records.base import records_within as records_within
from zhenggai.records.base import yaml_key as yaml_key
from zhenggai.records.fields import Count, Day, Id, IsoDate, Text
from zhenggai.records.rules import Limits

# Re-exported: the settings' records, for the many modules that import them from here.
from zhenggai.records.settings import HolidaysFile as HolidaysFile
from zhenggai.records.settings import HolidayYear as HolidayYear
from zhenggai.records.settings import Leader as Leader
from zhenggai.records.settings import Period as Period
from zhenggai.records.settings import Settings as Settings
from zhenggai.records.settings import Source as Source
from zhenggai.records.settings import Thresholds as Thresholds
from zhenggai.records.settings import Unit as Unit

# Re-exported: the records' enumerations live where the command line can import them cheaply.
from zhenggai.records.vocab import Cadence as Cadence
from zhenggai.records.vocab import Level as Level
from zhenggai.records.vocab import Status as Status
from zhenggai.records.vocab import Term as Term

WanYuan = Annotated[Decimal, Limits(ge=Decimal(0))]

# --- problems.yaml ---------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class Problem(_Record):
    """One finding of the inspection (反馈问题)."""

    id: Id
    title: Text
    source_ref: Text | None = None
    summary: Text | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Section(_Record):
    """A heading of the source document (一、二、三、四) and its problems."""

    id: Id
    title: Text
    problems: list[Problem] = field(default_factory=list)
    # 先期整改: work begun during the inspection, before its feedback. A bulletin tells
    # it among the work done (part 一), not among the feedback problems (part 二).
    early: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class ProblemsFile(_Record):
    sections: list[Section]


# --- tasks/<ID>.yaml -------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class Milestone(_Record):
    due: IsoDate
    what: Text
    done: IsoDate | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ProgressNote(_Record):
    """A dated line of progress: the raw material of the weekly report."""

    date: IsoDate
    text: Text
    by: Text | None = None
    # The office marked it for publication: a public bulletin prints only such notes.
    public: bool = False
    # The office marked it for the weekly report's 存在问题 or 下步工作安排.
    weekly: Literal["problem", "next"] | None = None
    # A note entered after later ones (`progress --late-entry`): the day it was entered.
    entered: IsoDate | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Counter(_Record):
    """Partial progress on a countable measure, e.g. 8 项网信重点任务, 5 done."""

    what: Text
    done: Count
    total: Annotated[int, Limits(ge=1)]

    def __post_init__(self) -> None:
        if self.done > self.total:
            raise ValueError(f"done ({self.done}) is larger than total ({self.total})")


@dataclass(frozen=True, slots=True, kw_only=True)
class Step(_Record):
    """One level's act on an application (see `Request`): approved (通过) or returned
    (退回) to the unit, by whom, when, and the opinion or the reason."""

    level: Text  # the level's name, as the ledger's `approval:` calls it
    action: Literal["approved", "returned"]
    date: IsoDate
    by: Text
    opinion: Text | None = None  # an approval's opinion; a return's reason


@dataclass(frozen=True, slots=True, kw_only=True)
class Request(_Record):
    """An application (申请销号 or 申请延期) passing through the ledger's approval levels.

    Written by `close` or `extend` where the ledger's chain has more than one level;
    each level's act is a `Step`. The last level's approval writes the closing record
    (or the extension) and dates ``approved``; a return ends it, and the unit applies
    again with a new request.
    """

    kind: Literal["signoff", "extension"]
    date: IsoDate  # applied on: for a sign-off, the day the work is said to be done
    by: Text
    summary: Text | None = None  # a sign-off: what was done
    evidence: list[Text] = field(default_factory=list)  # a sign-off: the files it rests on
    no_evidence_reason: Text | None = None  # a sign-off without evidence, where allowed
    to: IsoDate | None = None  # an extension: the deadline asked for
    basis: Text | None = None  # an extension: its wording, as typed
    reason: Text | None = None  # an extension: why
    steps: list[Step] = field(default_factory=list)
    approved: IsoDate | None = None  # the last level's approval, when it came


@dataclass(frozen=True, slots=True, kw_only=True)
class Extension(_Record):
    """One change of deadline (延期); the chain keeps the original deadline."""

    from_: IsoDate  # written `from:`
    to: IsoDate
    basis: Text | None = None  # the wording of the new deadline, as typed
    reason: Text
    approved_by: Text | None = None
    date: IsoDate | None = None
    applied: IsoDate | None = None  # through an approval chain: the day it was applied for
    approvals: list[Step] = field(default_factory=list)  # through a chain: each level's


@dataclass(frozen=True, slots=True, kw_only=True)
class Evidence(_Record):
    """A file that shows the work was done (佐证材料), pinned by its hash."""

    path: Text
    sha256: Annotated[str, Limits(strict=True, pattern=r"^[0-9a-f]{64}$")]
    size: Count
    added: IsoDate
    kind: Text | None = None
    note: Text | None = None
    # Other names the same content was given when it was added (two files, one content:
    # stored once, both names kept).
    also: list[Text] = field(default_factory=list)


@dataclass(frozen=True, slots=True, kw_only=True)
class Closing(_Record):
    """The sign-off (销号)."""

    date: IsoDate
    by: Text
    summary: Text
    approved_by: Text | None = None
    # Only where the ledger sets allow_close_without_evidence.
    no_evidence_reason: Text | None = None
    # Through an approval chain: the day the unit applied (the work done by then), and
    # each level's approval; `date` is the last approval's day.
    applied: IsoDate | None = None
    approvals: list[Step] = field(default_factory=list)


@dataclass(frozen=True, slots=True, kw_only=True)
class Reopening(_Record):
    """A spot check (回头看) that found the work not done; the old sign-off is kept."""

    date: IsoDate
    reason: Text
    by: Text | None = None
    previous_closing: Closing
    review: Id | None = None  # the sampling record (reviews/) whose check failed it


@dataclass(frozen=True, slots=True, kw_only=True)
class Regulation(_Record):
    """A rule established, revised or abolished (立、改、废), or a batch of them.

    It counts on a day only once ``adopted`` (issued) on or before that day;
    until then it is planned. ``count`` is the size of a batch ("第一批，共6项").
    """

    name: Text
    action: Literal["立", "改", "废"]
    count: Annotated[int, Limits(ge=1)] = 1
    adopted: IsoDate | None = None
    date: IsoDate | None = None  # the older name of ``adopted``, still read

    @property
    def adopted_on(self) -> Day | None:
        return self.adopted or self.date


@dataclass(frozen=True, slots=True, kw_only=True)
class Cancellation(_Record):
    """Why, when and by whom a measure was dropped (撤销)."""

    date: IsoDate
    reason: Text
    by: Text | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Correction(_Record):
    """A recorded date put right (a typo), so that the log stays honest.

    ``record`` names the date corrected, as `zhenggai correct` writes it:
    ``progress[2].date`` (counted from 1), ``closing.date``, ``created``…
    """

    date: IsoDate  # when the correction was made
    record: Text
    from_: IsoDate  # written `from:`
    to: IsoDate
    reason: Text
    by: Text | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Imported(_Record):
    """Where a task brought in from a spreadsheet came from (`zhenggai import`), so that
    importing the next week's sheet updates it, and sees what was changed here since."""

    key: Text  # the row's 编号, else its 序号, else a digest of its measure
    # A digest of what the import wrote (title, units, leader, deadline, status…): a task
    # whose values no longer give it was changed in the ledger after the import.
    digest: Annotated[str, Limits(strict=True, pattern=r"^[0-9a-f]{16}$")]


@dataclass(frozen=True, slots=True, kw_only=True)
class Notice(_Record):
    """A supervision notice (督办单) issued for the task (`zhenggai report notice
    --record`): the next notice's level follows from these, and the check
    `notice-unanswered` from the reply-by day."""

    date: IsoDate  # issued on
    level: Literal["提醒", "督办", "告诫"]  # reminder, supervision, warning
    reply_by: IsoDate
    by: Text | None = None
    number: Text | None = None  # 督办〔2021〕3号: one number a notice, over all its tasks


@dataclass(frozen=True, slots=True, kw_only=True)
class Outcomes(_Record):
    """Accountability and money, in the categories bulletins publish: people (人次) and
    ten thousands of yuan (万元)."""

    party_disciplined: Count | None = None  # 党纪处分
    disciplined: Count | None = None  # 政务处分
    reorganised: Count | None = None  # 组织处理
    admonished: Count | None = None  # 诫勉
    criticised: Count | None = None  # 批评教育
    reminded: Count | None = None  # 提醒谈话
    referred: Count | None = None  # 移交纪委（件）
    confiscated_wan_yuan: WanYuan | None = None  # 追缴
    refunded_wan_yuan: WanYuan | None = None  # 清退
    recovered_wan_yuan: WanYuan | None = None  # 挽回经济损失
    # 问责 under the accountability rules: a count of its own, not the sum of the above.
    held_accountable: Count | None = None


#: Why a task stays out of a public bulletin: the categories offices use.
PrivateReason = Literal["涉密", "在办案件", "可能引起炒作", "可能引发群体性事件", "重大敏感"]
PRIVATE_REASONS: tuple[str, ...] = typing.get_args(PrivateReason)
#: The reason that keeps a task out of the party bulletin too: a case still being handled.
PENDING_CASE = "在办案件"


@dataclass(frozen=True, slots=True, kw_only=True)
class Task(_Record):
    """One rectification measure (整改举措)."""

    id: Id
    title: Text
    problem: Id
    source_ref: Text | None = None
    measure: Text | None = None
    bulletin_text: Text | None = None  # the bulletin's wording, where not the measure's
    lead: Id
    units: Annotated[list[Id], Limits(min_length=1)]
    owner: Text | None = None
    term: Term
    deadline: IsoDate | None = None
    deadline_basis: Text | None = None
    cadence: Cadence | None = None
    status: Status
    # The day the task entered the ledger: it does not exist on earlier days.
    created: IsoDate | None = None
    cancelled: Cancellation | None = None
    cancel_reason: Text | None = None  # older files: a cancellation without a date
    milestones: list[Milestone] = field(default_factory=list)
    progress: list[ProgressNote] = field(default_factory=list)
    counters: list[Counter] = field(default_factory=list)
    extensions: list[Extension] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    closing: Closing | None = None
    reopenings: list[Reopening] = field(default_factory=list)
    regulations: list[Regulation] = field(default_factory=list)
    outcomes: Outcomes | None = None
    public: bool = True
    private_reason: PrivateReason | None = None  # with public: false
    tags: list[Text] = field(default_factory=list)
    corrections: list[Correction] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    requests: list[Request] = field(default_factory=list)
    imported: Imported | None = None

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
