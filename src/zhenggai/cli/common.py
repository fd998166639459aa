"""What every command shares: its common options, the language of the run, the
streams every line passes through."""

import os
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TextIO

import typer

from zhenggai.messages import Text, reason_of

# Only what building the command line needs is imported here; the rest when a
# command runs, so `zhenggai --help` starts without pydantic.
if TYPE_CHECKING:
    from zhenggai.ledger.loaded import Ledger
    from zhenggai.messages import Language
    from zhenggai.render.context import RenderContext


def _as_of(value: str | None) -> date | None:
    if value is None:
        return None
    from zhenggai.days.dates import parse_day

    try:
        return parse_day(value)
    except ValueError as err:
        raise typer.BadParameter(say_now(reason_of(err))) from None


LedgerOption = Annotated[
    # A list, so that a second --ledger is seen (and refused) rather than silently
    # replacing the first.
    list[Path] | None,
    typer.Option(
        "--ledger",
        help="The ledger folder (or its zhenggai.yaml). Default: $ZHENGGAI_LEDGER, "
        "the nearest zhenggai.yaml upward, or ./ledger/.",
        show_default=False,
    ),
]
AsOfOption = Annotated[
    date | None,
    typer.Option(
        "--as-of",
        parser=_as_of,
        metavar="YYYY-MM-DD",
        help="Answer as of this day instead of today in the ledger's timezone.",
        show_default=False,
    ),
]


NoCacheOption = Annotated[
    bool,
    typer.Option(
        "--no-cache",
        help="Read every file again instead of using the parse cache in .zhenggai-cache/.",
    ),
]


def display_prefix(root: Path) -> str:
    """The ledger's root as shown in paths: relative to the working directory.

    Relative paths are what editors and CI annotations resolve against the
    checkout, wherever the ledger was found.
    """
    try:
        relative = os.path.relpath(root, Path.cwd())
    except ValueError:  # another drive on Windows
        return root.as_posix()
    return "" if relative == "." else Path(relative).as_posix()


def write_out(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


def write_err(text: str) -> None:
    sys.stderr.write(text if text.endswith("\n") else text + "\n")


def wants_colour() -> bool:
    """Colour on a terminal, or wherever FORCE_COLOR asks for it (a CI log that shows
    colour); never when NO_COLOR is set, nor on a dumb terminal."""
    if "NO_COLOR" in os.environ:
        return False
    if os.environ.get("FORCE_COLOR", "0") not in ("", "0"):
        return True
    return sys.stdout.isatty() and os.environ.get("TERM") != "dumb"


class SafeStream:
    """A text stream that shows every control and bidi character written to it as an
    escape (`safetext.for_output`): whatever a renderer missed, the terminal or the CI
    log never receives a raw one. Only our own colouring gets through, on a terminal."""

    def __init__(self, stream: TextIO, keep_colour: bool) -> None:
        self._stream = stream
        self._keep_colour = keep_colour

    def write(self, text: str) -> int:
        from zhenggai.safetext import for_output

        return self._stream.write(for_output(text, keep_colour=self._keep_colour))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


@contextmanager
def safe_streams() -> Iterator[None]:
    """sys.stdout and sys.stderr as `SafeStream`s while the block runs."""
    if isinstance(sys.stdout, SafeStream):
        yield
        return
    saved = sys.stdout, sys.stderr
    sys.stdout = SafeStream(saved[0], keep_colour=wants_colour())
    sys.stderr = SafeStream(saved[1], keep_colour=False)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved


class TextOrJson(StrEnum):
    """The formats of the commands that show one thing: `show`, `log`."""

    TEXT = "text"
    JSON = "json"


class OutputLanguage(StrEnum):
    ZH = "zh"
    EN = "en"


def _remember_lang(value: OutputLanguage | None) -> OutputLanguage | None:
    # Kept as soon as the option is read, so that even an error raised before the
    # command looks at --lang (an unknown id, a refused write) is said in it.
    if value is not None:
        _asked[:] = [value.value]
    return value


AllowOutsideOption = Annotated[
    bool,
    typer.Option(
        "--allow-outside",
        help="Read child ledgers whose folders lie outside the parent's.",
    ),
]
LangOption = Annotated[
    OutputLanguage | None,
    typer.Option(
        "--lang",
        help="Language of messages, labels and state words. Default: the ledger's `language`.",
        show_default=False,
        callback=_remember_lang,
    ),
]


def language_for(ledger: "Ledger", lang: OutputLanguage | None) -> "Language":
    """The language of what a person reads: --lang, $ZHENGGAI_LANG, the ledger's."""
    from zhenggai.messages import language_of

    asked = lang.value if lang else (_asked[0] if _asked else None)
    language = language_of(asked, dict(os.environ), ledger.settings.language)
    _in_use[:] = [language]
    return language


#: The language last resolved for this run (for an error said after the ledger is read).
_in_use: list["Language"] = []
#: The --lang given to this run, if any.
_asked: list[str] = []
#: The language of the ledger the command line names (or would find), read from its
#: settings' `language:` line before the command runs: what an error is said in
#: before the ledger is loaded (a missing option, a refused value).
_presumed: list["Language"] = []


def forget_language() -> None:
    _in_use.clear()
    _asked.clear()


def presume_language(language: "Language") -> None:
    _presumed[:] = [language]


def say_now(message: Text | str) -> str:
    """A message in the language of this run, for text Click frames itself (a bad value)."""
    from zhenggai.messages import say_packed

    if isinstance(message, Text):
        return say_packed(message.packed(), language_in_use())
    return message


def ask(question: Text, default: str | None) -> str:
    """One question on the terminal, in the language of the run; an empty answer takes
    the default shown, and a question with none is asked until it is answered."""
    answer: str = typer.prompt(say_now(question), default=default, show_default=bool(default))
    return answer.strip()


def language_in_use() -> "Language":
    """The language an error is said in: the one resolved for the ledger, or, before it
    was read, that of the ledger the command line names, else $ZHENGGAI_LANG or the
    locale."""
    if _in_use:
        return _in_use[0]
    from zhenggai.messages import language_of

    if _presumed and not _asked:
        return _presumed[0]
    return language_of(_asked[0] if _asked else None, dict(os.environ), None)


def render_context(
    ledger: "Ledger",
    lang: OutputLanguage | None,
    prefix: str = "",
    day: date | None = None,
    template: "Path | None" = None,
) -> "RenderContext":
    """Labels in the chosen language; a table as wide as the terminal, in colour only there;
    paths shown from ``prefix``; a document dated ``day``, written into ``template``."""
    from zhenggai.labels import Labels
    from zhenggai.render.context import RenderContext, TerminalOptions

    language: Language = language_for(ledger, lang)
    color = wants_colour()
    width = shutil.get_terminal_size(fallback=(100, 24)).columns
    terminal = TerminalOptions(width=width, color=color)
    example = ledger.settings.example
    documents = ledger.settings.documents
    named = (("签发人", documents.signer), ("密级", documents.secrecy),
             ("印发机关", documents.printer))  # fmt: skip
    fields = tuple((name, value) for name, value in named if value)
    return RenderContext(Labels(language), terminal, prefix, day, example, template, fields)
