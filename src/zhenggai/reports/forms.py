"""The weekly round of 填报表, as data: each unit's form to issue (its open and ongoing
tasks, lead and cooperating), and the register of who reported — 按时, 迟报 (days
late) or 未报 — for a period."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from zhenggai.ledger.form_facts import FormRow, form_row
from zhenggai.ledger.loaded import Ledger
from zhenggai.ledger.queries import rows_for
from zhenggai.records.forms import FormsRound
from zhenggai.records.model import Status


@dataclass(frozen=True)
class UnitForm:
    """One unit's form for a period."""

    unit: str  # its id
    name: str
    liaison: str
    phone: str
    period: str
    issued: date
    due: date
    rows: tuple[FormRow, ...]
    email: str = ""  # the liaison's mail address
    overdue: int = 0  # of its rows, how many are overdue on the day issued

    @property
    def file(self) -> str:
        return f"{self.unit}_{self.period}.xlsx"


def iso_period(day: date) -> str:
    """The ISO week ``day`` falls in: 2021-W42."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def period_days(period: str) -> tuple[date, date]:
    """The Monday and the Sunday of an ISO week ``2021-W42``; ValueError if it is none."""
    year, _, week = period.partition("-W")
    start = date.fromisocalendar(int(year), int(week), 1)
    return start, start + timedelta(days=6)


def unit_forms(
    ledger: Ledger,
    today: date,
    units: list[str],
    period: str,
    due: date,
    roles: tuple[str, str],
) -> list[UnitForm]:
    """The form of each of ``units`` (every unit with open or ongoing work when empty):
    its open and ongoing tasks on ``today``, those it leads first."""
    states = {
        row.loaded.task.id: row.state
        for row in rows_for(ledger, today)
        if row.state.exists and row.state.status in (Status.IN_PROGRESS, Status.ONGOING)
    }
    live = [loaded for loaded in ledger.tasks if loaded.task.id in states]
    forms = []
    for unit in ledger.settings.units:
        if units and unit.id not in units:
            continue
        mine = [loaded for loaded in live if unit.id in loaded.groups.units]
        if not mine and not units:
            continue  # a unit with nothing open gets no form unless asked for by name
        mine.sort(key=lambda loaded: (loaded.groups.lead_unit != unit.id, loaded.task.id))
        rows = tuple(form_row(ledger, loaded.task, unit.id, roles) for loaded in mine)
        overdue = sum(1 for loaded in mine if states[loaded.task.id].overdue)
        forms.append(
            UnitForm(unit.id, unit.name, unit.liaison or "", unit.phone or "", period, today,
                     due, rows, unit.email or "", overdue)
        )  # fmt: skip
    return forms


@dataclass(frozen=True)
class Reported:
    """A unit in a round: when it returned its form (None: not yet), how late, how many
    rows it filled."""

    unit: str
    name: str
    filled: date | None
    days_late: int  # 0: on time (or not returned)
    rows: int
    missing: bool  # not returned, and the due day has passed

    @property
    def word(self) -> str:
        if self.filled is None:
            return "missing" if self.missing else "waiting"
        return "late" if self.days_late else "on-time"


@dataclass(frozen=True)
class Register:
    """Who reported in one period's round."""

    period: str
    issued: date
    due: date
    units: tuple[Reported, ...]


def register(ledger: Ledger, round_: FormsRound, today: date) -> Register:
    """Each unit sent a form in ``round_``: its return, on time or late, or none."""
    names = {unit.id: unit.name for unit in ledger.settings.units}
    latest = {ret.unit: ret for ret in round_.returns}  # the last collected counts
    reported = []
    for form in round_.forms:
        ret = latest.get(form.unit)
        late = max(0, (ret.filled - round_.due).days) if ret is not None else 0
        reported.append(
            Reported(form.unit, names.get(form.unit, form.unit),
                     ret.filled if ret else None, late, ret.rows if ret else 0,
                     ret is None and today > round_.due)
        )  # fmt: skip
    return Register(round_.period, round_.issued, round_.due, tuple(reported))


#: How many rounds back the reporting-timeliness rate of the weekly report looks.
RATE_ROUNDS = 4


@dataclass(frozen=True)
class UnitReporting:
    """A unit in the weekly report's register: how it reported in the week's round, and
    how many of its last rounds it reported on time."""

    unit: str  # its name
    reported: Reported | None  # in the week's round (None: it was sent no form then)
    on_time: int  # of its last RATE_ROUNDS rounds due by the week's end
    rounds: int


def weekly_register(ledger: Ledger, start: date, end: date) -> tuple[UnitReporting, ...]:
    """Each unit sent a form in a round of the week ``start``–``end`` or the rounds
    before: the week's return, and its reporting on time over the last rounds."""
    due = [r.record for r in ledger.rounds if r.record.due <= end]
    this_week = [r.record for r in ledger.rounds if start <= r.record.due <= end]
    now = {item.unit: item for round_ in this_week for item in register(ledger, round_, end).units}
    tallies: dict[str, list[bool]] = {}
    for round_ in sorted(due, key=lambda r: r.due)[-RATE_ROUNDS:]:
        for item in register(ledger, round_, end).units:
            tallies.setdefault(item.unit, []).append(item.filled is not None and not item.days_late)
    names = {unit.id: unit.name for unit in ledger.settings.units}
    units = [u.id for u in ledger.settings.units if u.id in tallies or u.id in now]
    return tuple(
        UnitReporting(names.get(unit, unit), now.get(unit), sum(tallies.get(unit, [])),
                      len(tallies.get(unit, [])))
        for unit in units
    )  # fmt: skip
