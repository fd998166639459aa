"""What a renderer needs to know besides its data: the words, and the terminal."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from zhenggai.labels import Labels

#: The version of every JSON document zhenggai writes: bumped when a key changes meaning
#: or goes away (new keys may be added without it).
JSON_SCHEMA_VERSION = 1


@dataclass(frozen=True)
class TerminalOptions:
    """Where a table goes: its width in cells, and whether colour is wanted."""

    width: int = 100
    color: bool = False


@dataclass(frozen=True)
class RenderContext:
    """The words (in the language of the run), the terminal, the folder the paths of
    findings are shown from, and the day a document is dated."""

    labels: Labels
    terminal: TerminalOptions = field(default_factory=TerminalOptions)
    prefix: str = ""
    day: date | None = None
    example: bool = False  # the ledger is an example: every document says so
    template: Path | None = None  # the office's Word template a document is written into
    # What the template's placeholders take from the settings: 签发人, 密级, 印发机关.
    fields: tuple[tuple[str, str], ...] = ()
