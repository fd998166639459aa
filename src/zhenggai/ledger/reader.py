"""The one strict reader of a ledger file: bytes, to a document, to a validated record or
positioned findings. What the ledger accepts is defined here, for loading, writing and
the baseline of a change alike."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import cache
from typing import Any, TypeVar

from zhenggai.files.document import Document, Loc, ReadError, ReadResult
from zhenggai.findings import Finding
from zhenggai.messages import Text
from zhenggai.messages import text as said
from zhenggai.records.model import (
    HolidaysFile,
    ProblemsFile,
    Settings,
    Task,
    keys_of,
    records_within,
)
from zhenggai.records.validation import UNKNOWN_KEY, WRONG_KIND, Invalid, Issue, validate

M = TypeVar("M")


@dataclass(frozen=True)
class TaskReading:
    """A task file as read: its task and document, or the findings that kept it out."""

    task: Task | None
    document: Document | None
    findings: list[Finding]


def read_task(raw: bytes, path: str, rel: str, *, positions: bool = False) -> TaskReading:
    """Parse and validate a task file's bytes (``rel`` is its path from the ledger root)."""
    from zhenggai.files.yamlio import parse_bytes  # the YAML parser: only when a file is read

    result = parse_bytes(raw, path, positions=positions)
    findings: list[Finding] = []
    task = validated_task(result, rel, findings)
    return TaskReading(task, result.document if task is not None else None, findings)


def read_record(
    raw: bytes, path: str, rel: str, model: type[M]
) -> tuple[Document | None, M | None, list[Finding]]:
    """Parse and validate a file holding one ``model`` record (the settings, a registry)."""
    from zhenggai.files.yamlio import parse_bytes

    result = parse_bytes(raw, path)
    if result.document is None:
        return None, None, [read_finding(error, rel) for error in result.errors]
    try:
        return result.document, validate(model, result.document.data), []
    except Invalid as err:
        return result.document, None, validation_findings(err.issues, result.document, rel)


def unreadable(result: ReadResult, rel: str) -> list[Finding]:
    """The findings of a file that could not be read at all (too large, not a file)."""
    return [read_finding(error, rel) for error in result.errors]


def task_id_of(data: dict[str, Any]) -> str | None:
    value = data.get("id")
    return value if isinstance(value, str) else None


def read_finding(error: ReadError, rel: str) -> Finding:
    where = error.position
    return Finding(
        "parse",
        error.message,
        rel,
        where.line,
        where.column,
        hint=error.hint,
        packed=error.packed,
        hint_packed=error.hint_packed,
    )


def validated_task(result: ReadResult, rel: str, findings: list[Finding]) -> Task | None:
    if result.document is None:
        findings.extend(read_finding(error, rel) for error in result.errors)
        return None
    try:
        return validate(Task, result.document.data)
    except Invalid as err:
        task_id = task_id_of(result.document.data)
        findings.extend(validation_findings(err.issues, result.document, rel, task_id))
        return None


def validation_findings(
    issues: list[Issue], document: Document, rel: str, task: str | None = None
) -> list[Finding]:
    """One positioned finding per validation issue, at the offending key or list item."""
    findings = []
    for issue in issues:
        message, hint = _describe(issue)
        where = document.locate(issue.loc)
        findings.append(
            Finding(
                "schema",
                message.english(),
                rel,
                where.line,
                where.column,
                task=task,
                hint=hint.english() if hint else None,
                packed=message.packed(),
                hint_packed=hint.packed() if hint else None,
            )
        )
    return findings


def _describe(issue: Issue) -> tuple[Text, Text | None]:
    kind, loc = issue.kind, issue.loc
    where = format_loc(loc)
    if kind in UNKNOWN_KEY:
        key = str(loc[-1])
        close = difflib.get_close_matches(key, _known_keys(), n=1, cutoff=0.75)
        hint = (
            said("did you mean '{key}'?", key=close[0])
            if close
            else said("remove it, or check its spelling")
        )
        return said("unknown key '{key}'", key=where), hint
    if kind == "missing":
        return said("missing required key '{key}'", key=where), None
    # The validator's own words: said from the catalog where it has them (`messages`).
    message = issue.message.removeprefix("Value error, ")
    found = issue.found
    shown: str | None = None
    if kind in WRONG_KIND:
        shown = _describe_input(found)
    elif isinstance(found, str) and repr(found) not in message and found not in message.split():
        shown = repr(found)
    if shown is None:
        if where:
            return said("{key}: {problem}", key=where, problem=message), None
        return said("{problem}", problem=message), None
    if where:
        return said(
            "{key}: {problem} (found {found})", key=where, problem=message, found=shown
        ), None
    return said("{problem} (found {found})", problem=message, found=shown), None


def _describe_input(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    return repr(value)


def format_loc(loc: Loc) -> str:
    """``("milestones", 0, "due")`` as ``milestones[0].due``."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


@cache
def _known_keys() -> frozenset[str]:
    return frozenset(
        key
        for top in (Settings, ProblemsFile, Task, HolidaysFile)
        for record in records_within(top)
        for key in keys_of(record)
    )
