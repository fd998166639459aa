"""Words a person reads, in the report language (zh or en). Keys and ids never change."""

from __future__ import annotations

from typing import Literal

Language = Literal["zh", "en"]

_LABELS: dict[str, tuple[str, str]] = {
    # key: (zh, en)
    "id": ("编号", "ID"),
    "title": ("整改举措", "Measure"),
    "lead_unit": ("牵头单位", "Lead unit"),
    "units": ("责任单位", "Units"),
    "cooperating_unit": ("配合单位", "Cooperating unit"),
    "lead": ("牵头领导", "Lead"),
    "problem": ("反馈问题", "Problem"),
    "section": ("方面", "Section"),
    "deadline": ("完成时限", "Deadline"),
    "deadline_basis": ("时限原文", "Deadline wording"),
    "original_deadline": ("原定时限", "Original deadline"),
    "days": ("剩余/逾期", "Days"),
    "state": ("状态", "State"),
    "status": ("完成情况", "Status"),
    "term": ("整改类型", "Term"),
    "cadence": ("报告周期", "Review cadence"),
    "owner": ("责任人", "Owner"),
    "source_ref": ("原文位置", "Source"),
    "measure": ("整改措施", "Measure detail"),
    "progress": ("整改进展", "Progress"),
    "milestones": ("节点", "Milestones"),
    "extensions": ("延期记录", "Extensions"),
    "evidence": ("佐证材料", "Evidence"),
    "closing": ("销号", "Sign-off"),
    "reopenings": ("重新打开（回头看）", "Reopenings"),
    "regulations": ("制度立改废", "Regulations"),
    "counters": ("进度计数", "Counters"),
    "outcomes": ("成效数据", "Outcomes"),
    "notices": ("督办单", "Notices"),
    "tags": ("标签", "Tags"),
    "created": ("列入日期", "Added"),
    "corrections": ("更正记录", "Corrections"),
    "public": ("公开", "Public"),
    "computed": ("计算状态", "Computed state"),
    "total": ("总数", "Total"),
    # Short column headers for the status tables.
    "col.total": ("总数", "Total"),
    "col.done": ("完成", "Done"),
    "col.done_late": ("逾期完成", "Done late"),
    "col.in_progress": ("推进", "Open"),
    "col.ongoing": ("长期", "Ongoing"),
    "col.cancelled": ("撤销", "Cancelled"),
    "col.overdue": ("逾期", "Late"),
    "col.due_soon": ("临期", "Soon"),
    "col.extended": ("延期", "Ext."),
    "col.rate": ("完成率", "Done %"),
    "col.rate_dated": ("完成率*", "Done %*"),
    "col.rate_on_time": ("按期完成率", "On time %"),
    "col.adopted": ("已出台", "Adopted"),
    "col.problems": ("问题数", "Problems"),
    "col.rectified": ("整改到位", "Rectified"),
    "reopened_by_review": ("回头看重新打开 {n} 项。", "Reopened by 回头看 reviews: {n}."),
    "col.rectified_rate": ("到位率", "Rectified %"),
    "col.planned": ("计划中", "Planned"),
    "done": ("已完成", "Done"),
    "in_progress": ("推进中", "In progress"),
    "ongoing": ("长期坚持", "Ongoing"),
    "cancelled": ("撤销", "Cancelled"),
    "overdue": ("逾期", "Overdue"),
    "due_soon": ("临期", "Due soon"),
    "extended": ("延期", "Extended"),
    "rate": ("完成率", "Completion"),
    "rate_dated": ("完成率(不含长期)", "Completion (excl. ongoing)"),
    "stale": ("无进展天数", "Days without progress"),
    "review_due": ("应报未报", "Review missed"),
    "days_late": ("逾期天数", "Days late"),
    "days_late_original": ("原定逾期", "Late vs original"),
    "days_left": ("剩余天数", "Days left"),
    "liaison": ("联络员", "Liaison"),
    "role": ("分工", "Role"),
    "col.leads": ("牵头", "Leads"),
    "col.joins": ("配合", "Joins"),
    "col.tasks": ("任务", "Tasks"),
    "days_number": ("剩余天数（负数为逾期）", "Days left (negative: late)"),
    "light": ("提示灯", "Light"),
    "none": ("无", "none"),
    "by_problem": ("按反馈问题", "By problem"),
    "by_lead_unit": ("按牵头单位", "By lead unit"),
    "by_cooperating_unit": ("按配合单位", "By cooperating unit"),
    "by_leader": ("按牵头领导", "By leader"),
    "by_ledger": ("按台账（问题最多的在前）", "By ledger (worst first)"),
    "ledger": ("台账", "Ledger"),
    "overall": ("总体情况", "Overall"),
    "regulation_counts": ("制度立改废", "Regulations established, revised, abolished"),
    "problems_rectified": (
        "问题整改到位（举措均已完成或转入长期坚持，且至少一项完成）",
        "Problems rectified (no measure in progress, and one done)",
    ),
    "立": ("立", "established"),
    "改": ("改", "revised"),
    "废": ("废", "abolished"),
    "group": ("分组", "Group"),
    "name": ("名称", "Name"),
    "count": ("数量", "Count"),
    "as_of": ("截至", "As of"),
    "no_tasks": ("没有符合条件的任务", "No tasks match"),
    "tasks_shown": ("项任务", "tasks"),
    # The light and status words, so a table reads in a log without colour.
    "light.red": ("逾期", "overdue"),
    "light.yellow": ("临期", "due soon"),
    "light.notice": ("提示", "notice"),
    "light.green": ("正常", "on track"),
    "status.in-progress": ("推进中", "in progress"),
    "status.done": ("已完成", "done"),
    "status.ongoing": ("长期坚持", "ongoing"),
    "status.cancelled": ("已撤销", "cancelled"),
    "term.immediate": ("立行立改", "immediate"),
    "term.dated": ("限期整改", "dated"),
    "term.ongoing": ("长期坚持", "ongoing"),
    "cadence.monthly": ("每月", "monthly"),
    "cadence.quarterly": ("每季度", "quarterly"),
    "cadence.half-yearly": ("每半年", "half-yearly"),
    "cadence.yearly": ("每年", "yearly"),
    "cadence.first-quarter": ("每年第一季度", "first quarter of each year"),
    "formula": (
        "完成率 = 已完成 ÷ (总数 - 已撤销)；完成率* = 已完成 ÷ (总数 - 已撤销 - 长期坚持)；"
        "按期完成率 = (已完成 - 逾期完成) ÷ (总数 - 已撤销)；逾期完成 = 销号晚于当时的完成时限；"
        "临期 = {notice} 天内到期；延期 = 有延期记录。",
        "Done % = done / (total - cancelled); Done %* = done / "
        "(total - cancelled - ongoing); On time % = (done - late) / (total - cancelled); "
        "Late = signed off after the deadline then in force; Soon = due within {notice} days; "
        "Ext. = has an extension record.",
    ),
    "days_late_fmt": ("逾期{n}天", "{n} days late"),
    "closed_late_fmt": ("逾期{n}天完成", "done {n} days late"),
    "status.done-late": ("逾期完成", "done late"),
    "closed_on": ("销号日期", "Signed off"),
    "closed_late": ("逾期完成", "Done late"),
    "not_yet_created": (
        "{day} 时尚未列入台账（{created} 列入）",
        "not in the ledger yet on {day} (added {created})",
    ),
    "days_left_fmt": ("剩{n}天", "{n} days left"),
    "due_today": ("今天到期", "due today"),
    "columns_left_out": (
        "窗口较窄，未显示：{names}（--format csv 或 md 含全部列）。",
        "Left out for the terminal's width: {names} (--format csv or md has every column).",
    ),
}


class Labels:
    """Look up a label by key in one language."""

    def __init__(self, language: Language) -> None:
        self.language = language
        self._index = 0 if language == "zh" else 1

    def __call__(self, key: str, **values: object) -> str:
        text = _LABELS[key][self._index]
        return text.format(**values) if values else text
