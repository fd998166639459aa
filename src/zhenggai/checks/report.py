"""What a run of the checks found: the report every output format renders.

Kept apart from `runner` so that a renderer, and a command that only prints a
report, import no check module.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from zhenggai.findings import Finding


@dataclass(frozen=True)
class CheckReport:
    """All findings of one run, sorted by file and position."""

    today: date
    findings: tuple[Finding, ...]
    checks: tuple[str, ...]
    paths: tuple[str, ...]  # every file read, relative to the ledger root

    @property
    def files(self) -> int:
        return len(self.paths)

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity == "warning")
