"""Words a person reads in tables and documents, by key, in the report language.

Like every message, a word's English is here in the code and every other language is
in the gettext catalogs (`messages.catalog`), so there is one place each Chinese word
is defined: the entry whose context is ``table:key`` (``label:deadline``). A renderer
keeps its own table of words (`Words`); `Labels` are the words every table shares.
Keys and ids never change.
"""

from __future__ import annotations

from collections.abc import Iterator

from zhenggai.messages import Language, catalog


class Words:
    """A table of words by key: the English (the catalog's msgids), and each word in
    another language from the catalog entry of context ``table:key``. A word the table
    shares with the labels (done, overdue…) is not defined again: it is the label's."""

    def __init__(self, table: str, english: dict[str, str], *, shared: bool = True) -> None:
        self.table = table
        self.english = english
        self._shared = shared
        self._texts: dict[str, dict[str, str]] = {}

    def in_language(self, language: Language) -> dict[str, str]:
        """Every word of the table in ``language``, by key (looked up once a run), the
        labels' words under it."""
        said = self._texts.get(language)
        if said is None:
            translations = catalog(language)
            said = dict(_LABELS.in_language(language)) if self._shared else {}
            said.update(
                (key, english if language == "en"
                 else translations.pgettext(f"{self.table}:{key}", english))
                for key, english in self.english.items()
            )  # fmt: skip
            self._texts[language] = said
        return said

    def say(self, key: str, language: Language, **values: object) -> str:
        """The word ``key`` in ``language``, its placeholders filled."""
        text = self.in_language(language)[key]
        return text.format(**values) if values else text

    def __iter__(self) -> Iterator[str]:
        return iter(self.english)

    def __contains__(self, key: object) -> bool:
        return key in self.english


_LABELS = Words(
    "label",
    {
        "id": "ID",
        "title": "Measure",
        "lead_unit": "Lead unit",
        "units": "Units",
        "cooperating_unit": "Cooperating units",
        "lead": "Lead",
        "problem": "Problem",
        "section": "Section",
        "deadline": "Deadline",
        "deadline_basis": "Deadline wording",
        "original_deadline": "Original deadline",
        "days": "Days",
        "state": "State",
        "status": "Status",
        "term": "Term",
        "cadence": "Review cadence",
        "owner": "Owner",
        "source_ref": "Source",
        "measure": "Measure detail",
        "bulletin_text": "Bulletin wording",
        "progress": "Progress",
        "milestones": "Milestones",
        "extensions": "Extensions",
        "evidence": "Evidence",
        "closing": "Sign-off",
        "reopenings": "Reopenings",
        "regulations": "Regulations",
        "counters": "Counters",
        "outcomes": "Outcomes",
        "notices": "Notices",
        "tags": "Tags",
        "created": "Added",
        "corrections": "Corrections",
        "public": "Public",
        "computed": "Computed state",
        "total": "Total",
        "col.total": "Total",
        "col.done": "Done",
        "col.done_late": "Done late",
        "col.in_progress": "Open",
        "col.ongoing": "Ongoing",
        "col.cancelled": "Cancelled",
        "col.overdue": "Overdue",
        "col.due_soon": "Due soon",
        "col.extended": "Extended",
        "col.pending": "Awaiting approval",
        "col.rate": "Done %",
        "col.rate_dated": "Done %*",
        "col.rate_on_time": "On time %",
        "col.adopted": "Adopted",
        "col.problems": "Problems",
        "col.rectified": "Rectified",
        "reopened_by_review": "Reopened by 回头看 reviews: {n}.",
        "col.rectified_rate": "Rectified %",
        "col.planned": "Planned",
        "done": "Done",
        "in_progress": "In progress",
        "ongoing": "Ongoing",
        "cancelled": "Cancelled",
        "overdue": "Overdue",
        "due_soon": "Due soon",
        "extended": "Extended",
        "rate": "Done %",
        "rate_dated": "Completion (excl. ongoing)",
        "stale": "Days without progress",
        "review_due": "Review missed",
        "days_late": "Days late",
        "days_late_original": "Late vs original",
        "days_left": "Days left",
        "liaison": "Liaison",
        "role": "Role",
        "col.leads": "Leads",
        "col.joins": "Joins",
        "col.tasks": "Tasks",
        "days_number": "Days left (negative: late)",
        "light": "Light",
        "none": "none",
        "by_problem": "By problem",
        "by_lead_unit": "By lead unit",
        "by_cooperating_unit": "By cooperating unit",
        "by_leader": "By leader",
        "by_ledger": "By ledger (worst first)",
        "ledger": "Ledger",
        "overall": "Overall",
        "regulation_counts": "Regulations",
        "problems_rectified": "Problems rectified (no measure in progress, and one done)",
        "立": "established",
        "改": "revised",
        "废": "abolished",
        "group": "Group",
        "name": "Name",
        "count": "Count",
        "as_of": "As of",
        "no_tasks": "No tasks match",
        "tasks_shown": "tasks",
        "light.red": "overdue",
        "light.yellow": "due soon",
        "light.notice": "notice",
        "light.green": "on track",
        "status.in-progress": "in progress",
        "status.done": "done",
        "status.ongoing": "ongoing",
        "status.cancelled": "cancelled",
        "term.immediate": "immediate",
        "term.dated": "dated",
        "term.ongoing": "ongoing",
        "cadence.monthly": "monthly",
        "cadence.quarterly": "quarterly",
        "cadence.half-yearly": "half-yearly",
        "cadence.yearly": "yearly",
        "cadence.first-quarter": "first quarter of each year",
        "formula": (
            "Done % = done / (total - cancelled); Done %* = done / (total - cancelled - "
            "ongoing); On time % = (done - done late) / (total - cancelled); Done late = signed "
            "off after the deadline then in force; Due soon = due within {notice} days; Extended "
            "= has an extension record."
        ),
        "days_late_fmt": "{n} days late",
        "closed_late_fmt": "done {n} days late",
        "status.done-late": "done late",
        "status.pending": "awaiting approval",
        "example_mark": "EXAMPLE — not a real document",
        "requests": "Applications and approvals",
        "request.signoff": "applied for sign-off",
        "request.extension": "applied for extension",
        "step.approved": "approved",
        "step.returned": "returned",
        "pending_extension_fmt": "{light}, extension applied for",
        "pending_at_fmt": "at {level} since {since}",
        "closed_on": "Signed off",
        "closed_late": "Done late",
        "not_yet_created": "not in the ledger yet on {day} (added {created})",
        "days_left_fmt": "{n} days left",
        "due_today": "due today",
        "columns_left_out": (
            "Left out for the terminal's width: {names} (--format csv or md has every column)."
        ),
    },
    shared=False,  # the labels are what the other tables share
)


class Labels:
    """Look up a label by key in one language."""

    def __init__(self, language: Language) -> None:
        self.language = language
        self._texts = _LABELS.in_language(language)

    def __call__(self, key: str, **values: object) -> str:
        text = self._texts[key]
        return text.format(**values) if values else text
