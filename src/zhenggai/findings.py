"""Findings: what a check found, where, as plain records."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from zhenggai.messages import Language, Packed, Text

Severity = Literal["error", "warning"]
#: A finding as plain values, in the order of its fields (`dataclasses.astuple`): what
#: the parse cache keeps of a file that did not read, and what a worker sends back.
FindingTuple = tuple[
    str, str, str, int, int, Severity, "str | None", "str | None", "Packed | None", "Packed | None"
]


@dataclass(frozen=True, order=True)
class Position:
    """A 1-based line and column in a file."""

    line: int
    column: int


@dataclass(frozen=True)
class Finding:
    """One problem in the ledger, at a 1-based line and column of a ledger file.

    ``path`` is relative to the ledger's root and uses forward slashes, so
    findings compare and sort the same on every machine.
    """

    check: str
    message: str  # in English: what JSON and the other machine formats give
    path: str
    line: int = 1
    column: int = 1
    severity: Severity = "error"
    task: str | None = None
    hint: str | None = None
    # The message and hint as their catalog templates and values (`messages.Packed`),
    # so that they can be said in the reader's language when shown; None for a text
    # not yet in the catalogs, shown as it is.
    packed: Packed | None = None
    hint_packed: Packed | None = None

    def in_language(self, language: Language) -> tuple[str, str | None]:
        """The message and the hint as they read in ``language``."""
        if language == "en" or (self.packed is None and self.hint_packed is None):
            return self.message, self.hint
        from zhenggai.messages import say_packed

        message = say_packed(self.packed, language) if self.packed else self.message
        hint = say_packed(self.hint_packed, language) if self.hint_packed else self.hint
        return message, hint

    @classmethod
    def at(
        cls,
        check: str,
        message: str,
        path: str,
        position: Position,
        *,
        task: str | None = None,
        hint: str | None = None,
    ) -> Finding:
        return cls(check, message, path, position.line, position.column, task=task, hint=hint)

    def stamped(self, check: str, severity: Severity) -> Finding:
        """This finding of ``check`` at ``severity`` (the runner's stamp on what a check
        yields). A finding that already names another check is a bug: it fails loudly."""
        if self.check not in ("", check):
            raise ValueError(f"check {check!r} yielded a finding of {self.check!r}")
        if self.check == check and self.severity == severity:
            return self
        return Finding(
            check,
            self.message,
            self.path,
            self.line,
            self.column,
            severity,
            self.task,
            self.hint,
            self.packed,
            self.hint_packed,
        )

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line, self.column, self.check, self.message)


class LedgerError(Exception):
    """The run cannot go on: no ledger, unreadable settings, a bad option value.

    It carries findings when the cause has a place in a file, so the CLI can
    show them in the usual ``path:line:col`` form before exiting with 2.
    """

    def __init__(
        self,
        message: str | Text,
        findings: list[Finding] | None = None,
        root: Path | None = None,
        details: Sequence[Text] = (),
    ) -> None:
        # The message as catalog templates and values, where it has them: the
        # message, then the details that follow it (``cannot create the task: a; b``).
        self.packed: list[Packed] | None = (
            [message.packed(), *(detail.packed() for detail in details)]
            if isinstance(message, Text)
            else None
        )
        english = self.in_language("en") if self.packed else str(message)
        super().__init__(english)
        self.message = english
        self.findings = findings or []
        self.root = root  # the ledger root that finding paths are relative to

    def said(self) -> Text:
        """Its message as a catalog message, to be said in any language: its own, else
        its English said as a refusal."""
        from zhenggai.messages import text

        if self.packed:
            return Text(*self.packed[0])
        return text("refused: {why}", why=self.message)

    def in_language(self, language: str) -> str:
        if self.packed is None:
            return self.message
        from zhenggai.messages import say_packed

        first, *details = (say_packed(part, language) for part in self.packed)  # type: ignore[arg-type]
        if not details:
            return first
        colon, semicolon = ("：", "；") if language == "zh" else (": ", "; ")
        return first + colon + semicolon.join(details)


def days(count: int) -> str:
    """``1 day``, ``3 days``: counts in messages read as English."""
    return f"{count} day" if count == 1 else f"{count} days"
