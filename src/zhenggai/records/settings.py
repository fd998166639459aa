"""The records of zhenggai.yaml (the ledger's settings and registries) and
holidays.yaml. See `model` for what the records are and how they are read."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Literal

from zhenggai.records.base import Record
from zhenggai.records.fields import ChildName, Count, Id, IsoDate, Text, known_timezone
from zhenggai.records.rules import After, Limits
from zhenggai.records.vocab import Level

# --- zhenggai.yaml ---------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class Period(Record):
    start: IsoDate
    end: IsoDate


@dataclass(frozen=True, slots=True, kw_only=True)
class Source(Record):
    """The inspection the ledger answers."""

    kind: Literal["巡视", "巡察", "审计", "督查"]
    inspector: Text
    period: Period | None = None
    feedback_date: IsoDate
    document: Text | None = None
    round: Text | None = None  # 十九届中央第六轮
    # Who ordered it, as the bulletin says "贯彻…的部署": 党中央, 省委, 市委, 县委.
    authority: Text | None = None
    # How many measures the rectification plan holds: a ledger may keep only some of them,
    # and a report says "N of the plan's M" rather than inventing the rest.
    plan_measures: Count | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Thresholds(Record):
    """Days before a deadline at which a task's light changes."""

    notice_days: Count = 20
    yellow_days: Count = 10

    def __post_init__(self) -> None:
        if self.yellow_days > self.notice_days:
            raise ValueError("yellow_days must not be larger than notice_days")


#: Excel's limit on a cell's text: no bound may be longer, or an export would cut it.
EXCEL_CELL_CHARS = 32_767


@dataclass(frozen=True, slots=True, kw_only=True)
class TextMax(Record):
    """The longest text, in characters, a task's fields may hold: a title (and every
    one-line field: names, units, who recorded what), the measure, and a note (progress,
    reasons, summaries, every other text). A 台账's longest measure is a few hundred
    characters; a hundred thousand make an office suite take minutes on the report."""

    title: Annotated[int, Limits(ge=20, le=EXCEL_CELL_CHARS)] = 200
    measure: Annotated[int, Limits(ge=100, le=EXCEL_CELL_CHARS)] = 5_000
    note: Annotated[int, Limits(ge=100, le=EXCEL_CELL_CHARS)] = 5_000


@dataclass(frozen=True, slots=True, kw_only=True)
class ApprovalLevel(Record):
    """One level of an approval chain: its name and who may act at it."""

    name: Text  # 责任单位申请, 整改办审核, 牵头领导审批
    # Who may act: names as typed with --by, and `lead` (the task's lead leader, by id or
    # name) and `units` (one of the task's units, by id or name). Empty: anyone.
    who: list[Text] = field(default_factory=list)


@dataclass(frozen=True, slots=True, kw_only=True)
class Approval(Record):
    """The levels a sign-off (销号) and an extension (延期) pass through. The first level
    applies (`close`, `extend`), each later one approves (`zhenggai approve`) or returns
    (`zhenggai return`); the last approval signs the task off or moves the deadline. One
    level, or none set, is a sign-off in one step."""

    signoff: list[ApprovalLevel] = field(default_factory=list)
    extension: list[ApprovalLevel] | None = None  # None: the sign-off's levels
    # Days an application may wait at one level before `request-pending` says so.
    pending_days: Annotated[int, Limits(ge=1)] = 7
    # Sign-offs before this day are not held to the chain (a ledger that took it up later).
    since: IsoDate | None = None

    def configured(self, kind: str) -> list[ApprovalLevel]:
        """The levels set for a ``signoff`` or an ``extension`` (maybe none)."""
        if kind == "extension" and self.extension is not None:
            return self.extension
        return self.signoff

    def levels(self, kind: str) -> list[ApprovalLevel]:
        """The levels an application of ``kind`` passes through. Where one level or none
        is set, `close` and `extend` act at once; an application that comes another way
        (a unit's returned form) still waits for the office: the unit applies, and the
        one level set (else 整改办审核) approves."""
        configured = self.configured(kind)
        if len(configured) > 1:
            return configured
        return [ApprovalLevel(name=UNIT_APPLIES), *(configured or [ApprovalLevel(name=OFFICE)])]

    def chained(self, kind: str) -> bool:
        """Whether `close` and `extend` apply rather than act: more than one level set."""
        return len(self.configured(kind)) > 1


#: The levels of an application where a ledger sets none: the unit, then the office.
UNIT_APPLIES, OFFICE = "单位申请", "整改办审核"


@dataclass(frozen=True, slots=True, kw_only=True)
class Unit(Record):
    id: Id
    name: Text
    liaison: Text | None = None
    phone: Text | None = None
    email: Text | None = None  # the liaison's: where `forms issue --mail` addresses the form
    # A supervising body (the discipline inspection group): it receives a 提示函, not a 督办单.
    prompt: bool = False
    # The ids it had before (`zhenggai unit rename`): a task signed off under an old id
    # names the same unit, so the rename is no edit of it.
    formerly: list[Id] = field(default_factory=list)


@dataclass(frozen=True, slots=True, kw_only=True)
class Leader(Record):
    id: Id
    name: Text
    role: Text | None = None
    # The ids merged into this one (`zhenggai leader merge`), as a unit's `formerly`.
    formerly: list[Id] = field(default_factory=list)


@dataclass(frozen=True, slots=True, kw_only=True)
class Contact(Record):
    """Where the public sends its views on the rectification (a bulletin's last lines)."""

    phone: Text | None = None
    mailbox: Text | None = None  # 邮政信箱: the postal address
    postcode: Text | None = None
    email: Text | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Fact(Record):
    """A counted fact a bulletin quotes (党组会议研究整改 8 次), as of its day: before that
    day a report does not know it."""

    key: Annotated[str, Limits(strict=True, pattern=r"^[a-z][a-z0-9_]*$")]  # its placeholder
    what: Text
    count: Count
    unit: Text | None = None  # the measure word: 次, 个, 轮
    date: IsoDate
    source: Text | None = None  # where the figure is published


@dataclass(frozen=True, slots=True, kw_only=True)
class Bulletin(Record):
    """What `zhenggai report bulletin` takes from the settings."""

    issuer: Text | None = None  # who publishes it: 中共政协全国委员会机关党组
    subject: Text | None = None  # who was inspected: 全国政协机关党组
    title: Text | None = None  # default: built from the issuer and the inspection
    # The title as the office breaks it into lines (the lines, joined, are the title).
    title_lines: list[Text] = field(default_factory=list)
    # Whether tasks kept out of a public bulletin still count in its totals.
    count_private: bool = True
    # Whether the bulletin says how many tasks it leaves out (a public one need not).
    announce_left_out: bool = False
    contact: Contact | None = None
    facts: list[Fact] = field(default_factory=list)


@dataclass(frozen=True, slots=True, kw_only=True)
class Documents(Record):
    """How the office's documents go out: under whose name, to whom, and how signed."""

    # 编发单位 and 落款 of the weekly report and the 督办单: 巡视整改工作领导小组办公室.
    issuer: Text | None = None
    # The weekly report's title; default: the subject's and the inspection's 整改工作周报.
    weekly_title: Text | None = None
    # The signature laid out for a seal (GB/T 9704 7.3.5.1): the date 右空四字, the issuer
    # centred over it; unsealed (the default), the issuer 右空二字 and the date under it.
    sealed: bool = False
    report_to: list[Text] = field(default_factory=list)  # 报
    send_to: list[Text] = field(default_factory=list)  # 送
    copy_to: list[Text] = field(default_factory=list)  # 抄送
    signer: Text | None = None  # 签发人, for an office's template
    secrecy: Text | None = None  # 密级, for an office's template
    printer: Text | None = None  # 印发机关 (default: the issuer)
    # The weekly report's standing 下步工作安排, before the notes marked for it.
    next_steps: list[Text] = field(default_factory=list)


@dataclass(frozen=True, slots=True, kw_only=True)
class Child(Record):
    """A ledger read as part of this one (a province's view of its units' ledgers)."""

    name: ChildName  # short: 提案局; qualifies its task ids where two ledgers could clash
    path: Text  # its folder, relative to this ledger's


@dataclass(frozen=True, slots=True, kw_only=True)
class SameUnit(Record):
    """Units of several children that are one unit in the parent's view."""

    id: Id  # the parent's id for it
    name: Text
    units: Annotated[list[Text], Limits(min_length=2)]  # 提案局:办公室, 新闻局:办公室


@dataclass(frozen=True, slots=True, kw_only=True)
class Settings(Record):
    """zhenggai.yaml: the ledger's settings and registries."""

    title: Text
    source: Source
    timezone: Annotated[Text, After(known_timezone)] = "Asia/Shanghai"
    language: Literal["zh", "en"] = "zh"
    id_prefix: Annotated[str, Limits(strict=True, pattern=r"^[A-Za-z][A-Za-z0-9]*$")] = "TASK"
    thresholds: Thresholds = field(default_factory=Thresholds)
    stale_days: Annotated[int, Limits(ge=1)] = 30
    # Days a 回头看 sample may wait for its outcomes before `review-pending` reports it.
    review_days: Annotated[int, Limits(ge=1)] = 30
    signoff_requires_approver: bool = False
    allow_close_without_evidence: bool = False
    # A computed deadline that lands on a rest day moves to the next working day.
    shift_deadline_to_workday: bool = False
    # Every write command commits its change to git, as if given --commit.
    commit: bool = False
    # An example ledger (a demonstration, not a real organ's record): every document made
    # from it carries a visible 示例 mark under its title.
    example: bool = False
    evidence_max_mb: Annotated[int, Limits(ge=1, le=4096)] = 50
    # The largest sheet an import reads, rows × columns as its file says before it is
    # built: a 10,000-row 台账 of 26 columns is 260,000.
    sheet_max_cells: Annotated[int, Limits(ge=1000, le=100_000_000)] = 2_000_000
    text_max: TextMax = field(default_factory=TextMax)
    approval: Approval = field(default_factory=Approval)
    units: list[Unit] = field(default_factory=list)
    leaders: list[Leader] = field(default_factory=list)
    checks: dict[Annotated[str, Limits(strict=True)], Level] = field(default_factory=dict)
    bulletin: Bulletin = field(default_factory=Bulletin)
    documents: Documents = field(default_factory=Documents)
    children: list[Child] = field(default_factory=list)
    same_units: list[SameUnit] = field(default_factory=list)


# --- holidays.yaml --------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class HolidayYear(Record):
    """One year of the official calendar: rest days, and weekend days worked (调休)."""

    holidays: list[IsoDate] = field(default_factory=list)
    workdays: list[IsoDate] = field(default_factory=list)


@dataclass(frozen=True, slots=True, kw_only=True)
class HolidaysFile(Record):
    """holidays.yaml: years the chinesecalendar package does not know yet, or corrections."""

    years: dict[Annotated[int, Limits(ge=1900, le=2200)], HolidayYear]
