"""The findings' headings and problems kept by commands (problems.yaml): a section
added, retitled, moved or removed when empty; a problem added, retitled, moved to
another section, or removed when no task answers it. Each planned whole and read back by the
ledger's strict reader before anything is written (see `registry`)."""

from __future__ import annotations

from typing import Any

from zhenggai.findings import LedgerError
from zhenggai.ledger.loaded import Ledger
from zhenggai.ledger.paths import PROBLEMS_FILE
from zhenggai.messages import text as said
from zhenggai.records.model import Problem, Section, keys_of
from zhenggai.safetext import require_one_line
from zhenggai.writes.change import Change
from zhenggai.writes.plan import open_for_edit
from zhenggai.writes.registry import checked, set_or_remove


def _problems(ledger: Ledger) -> Any:
    path = ledger.root / PROBLEMS_FILE
    if not path.is_file():
        raise LedgerError(
            said("there is no {file}: create the ledger with `zhenggai init`", file=PROBLEMS_FILE)
        )
    return open_for_edit(path.read_text(encoding="utf-8"))


def _sections(edited: Any) -> Any:
    from ruamel.yaml.comments import CommentedSeq

    sections = edited.data.get("sections")
    if sections is None or not isinstance(sections, CommentedSeq) or sections.fa.flow_style():
        # `sections: []` as init writes it: a block list from the first entry on
        block = CommentedSeq(list(sections or []))
        block.fa.set_block_style()
        edited.data["sections"] = block
        sections = block
    return sections


def _section(sections: Any, section_id: str) -> Any:
    found = next((item for item in sections if str(item.get("id")) == section_id), None)
    if found is None:
        known = ", ".join(str(item.get("id")) for item in sections) or "—"
        raise LedgerError(
            said("no section {section} in {file} (sections: {known})", section=section_id,
                 file=PROBLEMS_FILE, known=known)
        )  # fmt: skip
    return found


def _change(ledger: Ledger, edited: Any, message: Any) -> Change:
    return Change(ledger.root, message, (checked(ledger.root, PROBLEMS_FILE, edited.dump()),))


def _place(sections: Any, moving: Any, before: str | None) -> None:
    """Put ``moving`` before the section ``before``, or last."""
    if before is None:
        sections.append(moving)
        return
    target = _section(sections, before)
    sections.insert(list(sections).index(target), moving)


def plan_section_add(
    ledger: Ledger, section_id: str, title: str, before: str | None, early: bool
) -> Change:
    """A heading of the feedback (一、…) added, last or before another."""
    from zhenggai.files.roundtrip import text_value

    require_one_line(id=section_id, title=title)
    edited = _problems(ledger)
    sections = _sections(edited)
    if any(str(item.get("id")) == section_id for item in sections):
        raise LedgerError(
            said("section {section} is already in {file}", section=section_id, file=PROBLEMS_FILE)
        )
    from ruamel.yaml.comments import CommentedMap

    record = CommentedMap({"id": text_value(section_id), "title": text_value(title)})
    if early:
        record["early"] = True
    _place(sections, record, before)
    return _change(ledger, edited, said("section add {section}", section=section_id))


def plan_problem_add(
    ledger: Ledger,
    problem_id: str,
    title: str,
    section: str,
    source_ref: str | None,
    summary: str | None,
) -> Change:
    """A problem added under an existing section of problems.yaml."""
    from zhenggai.files.roundtrip import append_item

    require_one_line(id=problem_id, title=title, section=section, source_ref=source_ref)
    if problem_id in ledger.problems:
        raise LedgerError(
            said("problem {id} is already in {file}", id=problem_id, file=PROBLEMS_FILE)
        )
    edited = _problems(ledger)
    target = _section(_sections(edited), section)
    record = {"id": problem_id, "title": title, "source_ref": source_ref, "summary": summary}
    append_item(target, "problems", record, keys_of(Section))
    return _change(ledger, edited, said("problem add {id}", id=problem_id))


def plan_section_set(
    ledger: Ledger, section_id: str, title: str | None, early: bool | None
) -> Change:
    """A section's title, or whether it is 先期整改, changed."""
    require_one_line(title=title)
    if title is None and early is None:
        raise LedgerError(said("nothing to change: give --title or --early/--not-early"))
    if title == "":
        raise LedgerError(said("an entry needs a name"))
    edited = _problems(ledger)
    entry = _section(_sections(edited), section_id)
    set_or_remove(entry, "title", title, keys_of(Section))
    set_or_remove(entry, "early", early, keys_of(Section))
    return _change(ledger, edited, said("section set {section}", section=section_id))


def plan_section_move(ledger: Ledger, section_id: str, before: str | None) -> Change:
    """A section moved before another, or to the end."""
    if before == section_id:
        raise LedgerError(said("a section cannot be moved before itself"))
    edited = _problems(ledger)
    sections = _sections(edited)
    moving = _section(sections, section_id)
    sections.remove(moving)
    _place(sections, moving, before)
    return _change(ledger, edited, said("section move {section}", section=section_id))


def plan_section_remove(ledger: Ledger, section_id: str) -> Change:
    """A section removed; refused while it holds problems (move or remove them first)."""
    edited = _problems(ledger)
    sections = _sections(edited)
    entry = _section(sections, section_id)
    held = [str(problem.get("id")) for problem in entry.get("problems") or []]
    if held:
        raise LedgerError(
            said("section {section} still holds {ids}: move them (`zhenggai problem move`) or "
                 "remove them first", section=section_id, ids=", ".join(held))
        )  # fmt: skip
    sections.remove(entry)
    return _change(ledger, edited, said("section remove {section}", section=section_id))


def _problem(sections: Any, problem_id: str) -> tuple[Any, Any]:
    for section in sections:
        for problem in section.get("problems") or []:
            if str(problem.get("id")) == problem_id:
                return section, problem
    raise LedgerError(said("no problem {id} in {file}", id=problem_id, file=PROBLEMS_FILE))


def plan_problem_set(ledger: Ledger, problem_id: str, values: dict[str, str | None]) -> Change:
    """A problem's title, source reference or summary changed (an empty value removes
    the last two)."""
    require_one_line(**{key: value for key, value in values.items() if key != "summary"})
    if all(value is None for value in values.values()):
        raise LedgerError(said("nothing to change: give --title, --source-ref or --summary"))
    if values.get("title") == "":
        raise LedgerError(said("a problem needs a title"))
    edited = _problems(ledger)
    _, entry = _problem(_sections(edited), problem_id)
    for key, value in values.items():
        set_or_remove(entry, key, value, keys_of(Problem))
    return _change(ledger, edited, said("problem set {id}", id=problem_id))


def plan_problem_move(
    ledger: Ledger, problem_id: str, section_id: str, before: str | None
) -> Change:
    """A problem moved under another section (last, or before one of its problems)."""
    from ruamel.yaml.comments import CommentedSeq

    edited = _problems(ledger)
    sections = _sections(edited)
    source, entry = _problem(sections, problem_id)
    target = _section(sections, section_id)
    source["problems"].remove(entry)
    problems = target.get("problems")
    if problems is None:
        problems = CommentedSeq()
        target["problems"] = problems
    if before is None:
        problems.append(entry)
    else:
        place = next((i for i, p in enumerate(problems) if str(p.get("id")) == before), None)
        if place is None:
            raise LedgerError(
                said("no problem {id} in section {section}", id=before, section=section_id)
            )
        problems.insert(place, entry)
    if not source["problems"]:
        del source["problems"]
    return _change(ledger, edited, said("problem move {id}", id=problem_id))


def plan_problem_remove(ledger: Ledger, problem_id: str) -> Change:
    """A problem removed; refused while tasks answer it (naming them)."""
    from zhenggai.writes.people import listed, tasks_naming

    naming = tasks_naming(ledger, "problem", problem_id)
    if naming:
        raise LedgerError(
            said("{tasks} answer problem {id}: give them another problem (`zhenggai edit`) "
                 "before removing it", tasks=listed(naming), id=problem_id)
        )  # fmt: skip
    edited = _problems(ledger)
    section, entry = _problem(_sections(edited), problem_id)
    section["problems"].remove(entry)
    if not section["problems"]:
        del section["problems"]
    return _change(ledger, edited, said("problem remove {id}", id=problem_id))
