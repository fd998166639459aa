"""The leaders' page: one HTML file, nothing fetched. The figures, the four charts (inline
SVG) and the overdue and due-soon lists are in the HTML itself; every task is embedded
as JSON for the table's search, filters, sorting and a task's detail, which a small
inline script builds with `textContent` only."""

from __future__ import annotations

import json
import re
from typing import Any

from markupsafe import Markup

from zhenggai.labels import Labels, Words
from zhenggai.ledger.queries import TaskRow
from zhenggai.messages import Language
from zhenggai.render.charts import bar_chart, line_chart
from zhenggai.render.context import RenderContext
from zhenggai.render.html import render_template
from zhenggai.render.listing import state_word
from zhenggai.render.status import percent
from zhenggai.reports.dashboard import (
    DUE_WINDOW_DAYS,
    DashboardReport,
    qualified,
    task_record,
)

_WORDS = Words(
    "dashboard",
    {
        "title": "{title}: dashboard",
        "public": " (public version: private tasks left out)",
        "as_of": "As of {day}",
        "glance": "Overall",
        "by_ledger": "By ledger (worst first)",
        "ledger": "Ledger",
        "total": "Measure",
        "extended": "Extended",
        "pending": "Awaiting approval",
        "regulations": "Regulations",
        "regulations_text": "est. {a} · rev. {b} · abol. {c}",
        "problems_rectified": "Problems rectified",
        "formula": "Done % = done ÷ (total − cancelled); due soon = due within {days} days.",
        "charts": "Charts",
        "lights": "Lights of the open tasks",
        "units": "Completion by lead unit (worst first)",
        "weeks": "Progress week by week since the feedback",
        "problems": "Measures by problem",
        "data": "The chart's data",
        "count": "Count",
        "week": "Date",
        "existing": "Measures",
        "open": "Open",
        "lists": "Lists",
        "overdue_list": "Overdue, worst first",
        "soon_list": "Due in the next {days} days",
        "none": "None.",
        "all": "All tasks",
        "search": "Search id, measure, unit, leader",
        "any_state": "Every state",
        "any_unit": "Every unit",
        "any_problem": "Every problem",
        "shown": "{shown} of {total} shown",
        "more": "Only the first {n} are shown: narrow the search",
        "id": "ID",
        "measure": "Measure",
        "lead_unit": "Lead unit",
        "leader": "Lead",
        "deadline": "Deadline",
        "days": "Days",
        "state": "State",
        "problem": "Problem",
        "detail": "Task detail",
        "notes": "Progress notes",
        "extensions": "Extensions",
        "evidence": "Evidence",
        "closing": "Sign-off",
        "close": "Close",
        "nojs": (
            "Search, sorting and detail need JavaScript; the figures, charts and lists above do "
            "not."
        ),
    },
)


def dashboard_html(report: DashboardReport, language: Language) -> str:
    zh = language == "zh"
    labels = Labels(language)
    ctx = RenderContext(labels)

    def w(key: str, **values: object) -> str:
        return _WORDS.say(key, language, **values)

    status = report.status
    overall = status.overall
    problems = status.problem_count
    regs = {action: adopted + planned for action, adopted, planned in status.regulations}
    figures = [
        (w("total"), str(overall.total), ""),
        (w("done"), str(overall.done), "done"),
        (w("in_progress"), str(overall.in_progress), "in_progress"),
        # Of those in progress: applied for sign-off, awaiting approval (where levels approve).
        *([(w("pending"), str(overall.pending), "")] if overall.pending else []),
        (w("ongoing"), str(overall.ongoing), "ongoing"),
        (w("overdue"), str(overall.overdue), "overdue"),
        (w("due_soon"), str(overall.due_soon), "due_soon"),
        (w("rate"), percent(overall.rate), "rate"),
        (w("extended"), str(overall.extended), ""),
        (w("problems_rectified"), f"{problems.rectified}/{problems.total}", ""),
        (
            w("regulations"),
            w("regulations_text", a=regs["立"], b=regs["改"], c=regs["废"]),
            "small",
        ),
    ]
    names = {
        "red": labels("light.red"),
        "yellow": labels("light.yellow"),
        "notice": labels("light.notice"),
        "green": labels("light.green"),
        "done": w("done"),
        "in_progress": w("in_progress"),
        "overdue": w("overdue"),
        "ongoing": w("ongoing"),
        "open": w("open"),
    }
    lights = bar_chart(
        [(names[light.value], [(light.value, count)]) for light, count in report.lights.items()],
        names,
    )
    units = bar_chart(
        [
            (
                u.key,
                [
                    ("done", u.done),
                    ("in_progress", u.in_progress),
                    ("overdue", u.overdue),
                    ("ongoing", u.ongoing),
                ],
            )
            for u in report.units
        ],
        names,
    )
    sections = {s.key: s.name for s in status.sections}
    headings, seen, problem_rows = [], set(), []
    for index, p in enumerate(report.problems):
        if p.section not in seen:
            seen.add(p.section)
            headings.append((index, sections.get(p.section, p.section)))
        problem_rows.append((f"{p.key} {p.name}", [("done", p.done), ("open", p.open)]))
    problem_chart = bar_chart(problem_rows, names, headings)
    weeks = line_chart(
        [point.day.isoformat() for point in report.weeks],
        [
            ("done", w("done"), [point.done for point in report.weeks]),
            ("overdue", w("overdue"), [point.overdue for point in report.weeks]),
        ],
    )

    def listed(row: TaskRow) -> dict[str, Any]:
        task, state = row.task, row.state
        return {
            "id": qualified(row, task.id),
            "title": task.title,
            "unit": report.unit_names.get(qualified(row, task.lead_unit), task.lead_unit),
            "leader": report.leader_names.get(qualified(row, task.lead), task.lead),
            "deadline": state.deadline.isoformat() if state.deadline else "",
            "days": abs(state.days_left) if state.days_left is not None else "",
            "state": state_word(row, ctx),
            "light": state.light.value if state.is_open else "",
        }

    data = {
        "tasks": [{**task_record(row), "state_word": state_word(row, ctx)} for row in report.rows],
        "units": report.unit_names,
        "leaders": report.leader_names,
        "problems": report.problem_names,
        "words": {
            key: w(key)
            for key in (
                "notes",
                "extensions",
                "evidence",
                "closing",
                "close",
                "id",
                "measure",
                "lead_unit",
                "leader",
                "deadline",
                "state",
                "problem",
            )
        },
        "shown": w("shown"),
        "more": w("more"),
    }
    return render_template(
        "dashboard.html.j2",
        lang="zh-CN" if zh else "en",
        w=w,
        title=w("title", title=report.title),
        public=report.public,
        day=report.day.isoformat(),
        figures=figures,
        formula=w("formula", days=status.notice_days),
        by_ledger=[
            (t.name, t.total, t.done, t.in_progress, t.overdue, percent(t.rate))
            for t in status.by_ledger
        ],
        lights=lights,
        units=units,
        unit_rows=report.units,
        weeks=weeks,
        week_rows=report.weeks,
        problems=problem_chart,
        problem_rows=report.problems,
        light_rows=[(names[light.value], count) for light, count in report.lights.items()],
        overdue=[listed(row) for row in report.overdue],
        due_soon=[listed(row) for row in report.due_soon],
        soon_days=DUE_WINDOW_DAYS,
        states=sorted({state_word(row, ctx) for row in report.rows}),
        unit_options=sorted({qualified(row, row.task.lead_unit) for row in report.rows}),
        unit_names=report.unit_names,
        problem_options=[(key, name) for key, name in report.problem_names.items()],
        data=script_json(data),
    )


def script_json(value: Any) -> Markup:
    """JSON that is safe inside a <script> element: no `<`, `>` or `&` appears raw, so no
    `</script>` or `<!--` in a title can end the element or open a comment; control,
    bidi and line-separator characters are JSON escapes (the data stays exact)."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return Markup(_SCRIPT_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text))


_SCRIPT_UNSAFE = re.compile("[<>&\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
