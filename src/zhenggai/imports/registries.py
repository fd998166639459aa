"""The registries an import extends: units and leaders by name (a name one character
off a known one is a question: a typo, or a new one to confirm), sections and problems
by title."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any

from zhenggai.findings import LedgerError
from zhenggai.ledger.loaded import Ledger
from zhenggai.ledger.paths import PROBLEMS_FILE, SETTINGS_FILE
from zhenggai.messages import Text
from zhenggai.messages import text as said

_NEAR = 0.8  # how alike two names must be for one to be the other mistyped
_BAD_ID = re.compile(r"[\s/\\]+")


@dataclass
class Registry:
    """A registry's ids and names, and what this import adds to it."""

    by_id: dict[str, str]  # id → name
    typed: set[str]  # every name the sheet uses
    added: list[tuple[str, str]] = field(default_factory=list)
    # A name one edit from a known one: (kind, typed, known name, where), asked about.
    questions: list[tuple[str, str, str, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.known = dict(self.by_id)  # before the import: only these can be mistyped

    def resolve(
        self, typed: str, near_names: list[Text], kind: str, where: str = "",
        confirmed: frozenset[str] = frozenset(),
    ) -> str:  # fmt: skip
        """The id ``typed`` names: a known id or name, else a new entry — unless it is one
        edit from a known name or id (人市股 beside 人事股, any length), which is asked
        about (in ``questions``) and not added until ``confirmed`` names it as new."""
        from zhenggai.safetext import drop_unsafe

        typed = drop_unsafe(typed)  # control and direction characters, as in every cell
        if typed in self.by_id:
            return typed
        for known_id, name in self.by_id.items():
            if name == typed:
                return known_id
        if typed not in confirmed:
            near = next(
                (
                    (known_id, name)
                    for known_id, name in self.known.items()
                    if _one_edit_apart(typed, name) or _one_edit_apart(typed, known_id)
                ),
                None,
            )
            if near is not None:
                self.questions.append((kind, typed, near[1], where))
                return near[0]  # planned no further: the import stops at the question
        names = {name: known_id for known_id, name in self.known.items()}
        close = difflib.get_close_matches(typed, list(names), n=1, cutoff=_NEAR)
        if close and typed not in confirmed:
            near_names.append(
                said(
                    "{kind} {typed} is new; the nearest known name is {known}",
                    kind=kind,
                    typed=repr(typed),
                    known=repr(close[0]),
                )
            )
        new_id = _free_id(_BAD_ID.sub("_", typed), self.by_id)
        self.by_id[new_id] = typed
        self.added.append((new_id, typed))
        return new_id


def require_answered(questions: list[tuple[str, str, str, str]]) -> None:
    """LedgerError naming every name one character from a registered one (the import
    stops: nothing is written until the sheet is corrected or the name confirmed)."""
    if questions:
        raise LedgerError(
            said("the sheet names a unit or leader one character from a registered one; "
                 "nothing was imported"),
            details=[
                said("{where}: {kind} {typed} is one character from {known}: correct the "
                     "sheet if it is {known}, or give --new-{option} {typed} if it is new",
                     where=where, kind=kind, typed=repr(typed), known=repr(known),
                     option=kind)
                for kind, typed, known, where in questions
            ],
        )  # fmt: skip


def _free_id(wanted: str, taken: dict[str, str]) -> str:
    """``wanted`` cut to an id's 64 characters, or with -2, -3… where another name has
    it (two long names that share their first 64 characters are two units, never one)."""
    candidate, number = wanted[:64], 1
    while candidate in taken:
        number += 1
        suffix = f"-{number}"
        candidate = wanted[: 64 - len(suffix)] + suffix
    return candidate


def _one_edit_apart(a: str, b: str) -> bool:
    """Whether one character changed, added or dropped turns ``a`` into ``b``."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


class Sections:
    """problems.yaml as the import extends it: a section per heading, a problem per title."""

    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self.sections: list[dict[str, Any]] = [
            {
                "id": s.id,
                "title": s.title,
                "problems": [{"id": p.id, "title": p.title} for p in s.problems],
            }
            for s in ledger.sections
        ]
        self.new_sections: list[dict[str, Any]] = []
        self.new_problems: list[tuple[str, dict[str, Any]]] = []  # (section id, problem)
        self.report: list[Text] = []
        numbers = [
            int(m.group(1)) for p in ledger.problems for m in [re.fullmatch(r"P(\d+)", p)] if m
        ]
        self.next_problem = max(numbers, default=0) + 1
        snumbers = [
            int(m.group(1)) for s in ledger.sections for m in [re.fullmatch(r"S(\d+)", s.id)] if m
        ]
        self.next_section = max(snumbers, default=0) + 1

    @property
    def added_any(self) -> bool:
        return bool(self.new_sections or self.new_problems)

    def problem_for(self, section_title: str | None, title: str, summary: str | None) -> str:
        """The problem of that title (made, under its section, if new; its 具体表现 as
        the summary)."""
        for section in self.sections:
            for problem in section["problems"]:
                if problem["title"] == title or problem["id"] == title:
                    return str(problem["id"])
        section = self._section(section_title or "导入的整改任务")
        problem = {"id": f"P{self.next_problem:02d}", "title": title}
        if summary:
            problem["summary"] = summary
        self.next_problem += 1
        section["problems"].append(problem)
        self.new_problems.append((section["id"], problem))
        self.report.append(said("problem {id} added: {title}", id=problem["id"], title=title))
        return str(problem["id"])

    def _section(self, title: str) -> dict[str, Any]:
        for section in self.sections:
            if section["title"] == title:
                return section
        section = {"id": f"S{self.next_section}", "title": title, "problems": []}
        self.next_section += 1
        self.sections.append(section)
        self.new_sections.append(section)
        self.report.append(said("section {id} added: {title}", id=section["id"], title=title))
        return section

    def content(self) -> bytes:
        from zhenggai.files.roundtrip import append_item, open_for_edit

        path = self.ledger.root / PROBLEMS_FILE
        text = path.read_text(encoding="utf-8") if path.is_file() else "sections: []\n"
        edited = open_for_edit(text)
        if edited.data.get("sections") is None:
            edited.data["sections"] = []
        kept = {s["id"]: s for s in edited.data["sections"]}
        for section in self.new_sections:
            append_item(
                edited.data,
                "sections",
                {"id": section["id"], "title": section["title"], "problems": []},
                ("id", "title", "problems"),
            )
            kept = {s["id"]: s for s in edited.data["sections"]}
        for section_id, problem in self.new_problems:
            append_item(
                kept[section_id], "problems", problem, ("id", "title", "source_ref", "summary")
            )
        return edited.dump()


def settings_with(
    ledger: Ledger, units: list[tuple[str, str]], leaders: list[tuple[str, str]]
) -> bytes:
    from zhenggai.files.roundtrip import append_item, open_for_edit
    from zhenggai.records.model import Settings, keys_of

    edited = open_for_edit((ledger.root / SETTINGS_FILE).read_text(encoding="utf-8"))
    for unit_id, name in units:
        append_item(edited.data, "units", {"id": unit_id, "name": name}, keys_of(Settings))
    for leader_id, name in leaders:
        append_item(edited.data, "leaders", {"id": leader_id, "name": name}, keys_of(Settings))
    return edited.dump()
