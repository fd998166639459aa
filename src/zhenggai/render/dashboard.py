"""The leaders' page: one HTML file, nothing fetched. The figures, the four charts (inline
SVG) and the overdue and due-soon lists are in the HTML itself; every task is embedded
as JSON for the table's search, filters, sorting and a task's detail, which a small
inline script builds with `textContent` only."""

from __future__ import annotations

import json
import re
from typing import Any

from markupsafe import Markup

from zhenggai.labels import Labels, Language
from zhenggai.ledger.queries import TaskRow
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

_WORDS: dict[str, tuple[str, str]] = {
    "title": ("{title} 整改工作看板", "{title}: dashboard"),
    "public": ("（公开版：不含不宜公开的任务）", " (public version: private tasks left out)"),
    "as_of": ("数据截至 {day}", "As of {day}"),
    "glance": ("总体情况", "At a glance"),
    "by_ledger": ("各台账情况（问题最多的在前）", "By ledger (worst first)"),
    "ledger": ("台账", "Ledger"),
    "total": ("整改举措", "Measures"),
    "done": ("已完成", "Done"),
    "in_progress": ("推进中", "In progress"),
    "ongoing": ("长期坚持", "Ongoing"),
    "overdue": ("逾期", "Overdue"),
    "due_soon": ("临期", "Due soon"),
    "rate": ("完成率", "Done"),
    "extended": ("延期", "Extended"),
    "regulations": ("制度立改废", "Regulations"),
    "regulations_text": ("立{a} 改{b} 废{c}", "est. {a} · rev. {b} · abol. {c}"),
    "problems_rectified": ("问题整改到位", "Problems rectified"),
    "formula": (
        "完成率 = 已完成 ÷ (总数 − 已撤销)；临期 = {days} 天内到期；与 zhenggai status 相同。",
        "Done % = done ÷ (total − cancelled); due soon = due within {days} days; as in "
        "zhenggai status.",
    ),
    "charts": ("图表", "Charts"),
    "lights": ("未完成任务的提示灯", "Lights of the open tasks"),
    "units": ("各牵头单位完成情况（问题最多的在前）", "Completion by lead unit (worst first)"),
    "weeks": ("反馈以来的整改进度（按周）", "Progress week by week since the feedback"),
    "problems": ("各反馈问题的举措", "Measures by problem"),
    "data": ("图表数据", "The chart's data"),
    "count": ("数量", "Count"),
    "week": ("日期", "Day"),
    "existing": ("举措总数", "Measures"),
    "open": ("未完成", "Open"),
    "lists": ("清单", "Lists"),
    "overdue_list": ("逾期任务（逾期最久的在前）", "Overdue, worst first"),
    "soon_list": ("{days} 天内到期", "Due in the next {days} days"),
    "none": ("无。", "None."),
    "all": ("全部任务", "All tasks"),
    "search": ("搜索编号、举措、单位、领导", "Search id, measure, unit, leader"),
    "any_state": ("全部状态", "Every state"),
    "any_unit": ("全部单位", "Every unit"),
    "any_problem": ("全部问题", "Every problem"),
    "shown": ("显示 {shown} / {total} 项", "{shown} of {total} shown"),
    "more": ("仅显示前 {n} 项，请缩小范围", "Only the first {n} are shown: narrow the search"),
    "id": ("编号", "ID"),
    "measure": ("整改举措", "Measure"),
    "lead_unit": ("牵头单位", "Lead unit"),
    "leader": ("牵头领导", "Lead"),
    "deadline": ("完成时限", "Deadline"),
    "days": ("天数", "Days"),
    "state": ("状态", "State"),
    "problem": ("反馈问题", "Problem"),
    "detail": ("任务详情", "Task detail"),
    "notes": ("进展记录", "Progress notes"),
    "extensions": ("延期记录", "Extensions"),
    "evidence": ("佐证材料", "Evidence"),
    "closing": ("销号", "Sign-off"),
    "close": ("关闭", "Close"),
    "nojs": (
        "搜索、排序和任务详情需要启用 JavaScript；上面的数字、图表和清单不需要。",
        "Search, sorting and detail need JavaScript; the figures, charts and lists above do not.",
    ),
}


def dashboard_html(report: DashboardReport, language: Language) -> str:
    zh = language == "zh"
    labels = Labels(language)
    ctx = RenderContext(labels)

    def w(key: str, **values: object) -> str:
        text = _WORDS[key][0 if zh else 1]
        return text.format(**values) if values else text

    status = report.status
    overall = status.overall
    problems = status.problem_count
    regs = {action: adopted + planned for action, adopted, planned in status.regulations}
    figures = [
        (w("total"), str(overall.total), ""),
        (w("done"), str(overall.done), "done"),
        (w("in_progress"), str(overall.in_progress), "in_progress"),
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
