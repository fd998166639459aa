"""`--help` in the language of the ledger at hand: the help of every command and option
from the catalog, and the headings the help formatter writes.

Help is printed while the command line is parsed, before any command runs, so the
language is worked out from the arguments themselves (``--lang``), $ZHENGGAI_LANG, the
``language`` of the ledger that would be read, or the locale.
"""

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import typer

from zhenggai.messages import Language, catalog, language_of

_HEADINGS = {"Usage": "用法", "Arguments": "参数", "Options": "选项", "Commands": "命令"}
#: What the formatter adds to an option's help, and the help option's own line.
_EXTRAS = (
    (re.compile(r"\[default: "), "[默认："),
    (re.compile(r"\[required\]"), "[必填]"),
    (re.compile(r"\[env var: "), "[环境变量："),
    (re.compile(r"Show this message and exit\."), "显示本帮助并退出。"),
)
_LANGUAGE_LINE = re.compile(rb"^language:\s*['\"]?(zh|en)\b", re.MULTILINE)


def wants_help(group: Any, args: Sequence[str]) -> bool:
    """Whether these arguments print help: ``--help``/``-h``, or a group named alone."""
    if not args or "--help" in args or "-h" in args:
        return True
    return len(args) == 1 and hasattr(group.commands.get(args[0]), "commands")


def help_language(args: Sequence[str], environ: dict[str, str], cwd: Path) -> Language:
    """--lang in the arguments, else $ZHENGGAI_LANG, else the ledger's, else the locale."""
    asked = _option(args, "--lang")
    setting = None
    if asked not in ("zh", "en") and environ.get("ZHENGGAI_LANG") not in ("zh", "en"):
        chosen = _option(args, "--ledger")
        setting = ledger_language(Path(chosen) if chosen else None, environ, cwd)
    return language_of(asked, environ, setting)


def localise(command: Any, language: Language) -> None:
    """Put the help of ``command`` and of everything under it into ``language``."""
    if language == "en":
        return
    translations = catalog(language)
    formatter = _formatter_for(typer.Context.formatter_class)
    context = type("LocalisedContext", (command.context_class,), {"formatter_class": formatter})
    for each in _tree(command):
        each.context_class = context
        if each.help:
            each.help = translations.gettext(each.help)
        if each.short_help:
            each.short_help = translations.gettext(each.short_help)
        for param in each.params:
            if getattr(param, "help", None):
                param.help = translations.gettext(param.help)


def help_strings(command: Any) -> set[str]:
    """Every help text under ``command``: what the catalog must say in each language."""
    found: set[str] = set()
    for each in _tree(command):
        found.update(text for text in (each.help, each.short_help) if text)
        found.update(param.help for param in each.params if getattr(param, "help", None))
    return found


def _tree(command: Any) -> list[Any]:
    found = [command]
    for sub in getattr(command, "commands", {}).values():
        found += _tree(sub)
    return found


def _option(args: Sequence[str], name: str) -> str | None:
    for index, arg in enumerate(args):
        if arg == name and index + 1 < len(args):
            return args[index + 1]
        if arg.startswith(name + "="):
            return arg.split("=", 1)[1]
    return None


def ledger_language(chosen: Path | None, environ: dict[str, str], cwd: Path) -> str | None:
    """The ``language:`` line of the ledger that would be read (its default when it has
    none); None when there is no ledger.
    Read as a line, not loaded: help must come at once, and even from a broken ledger."""
    from zhenggai.findings import LedgerError
    from zhenggai.ledger.find import find_ledger

    try:
        root = find_ledger(chosen, environ, cwd)
        from zhenggai.ledger.paths import SETTINGS_FILE

        found = _LANGUAGE_LINE.search((root / SETTINGS_FILE).read_bytes()[:65536])
    except (LedgerError, OSError):
        return None
    if found:
        return found.group(1).decode()
    from dataclasses import fields

    from zhenggai.records.model import Settings

    # A ledger that does not say speaks the default.
    return str(next(f.default for f in fields(Settings) if f.name == "language"))


def _formatter_for(base: type) -> type:
    class LocalisedHelpFormatter(base):  # type: ignore[misc]
        """Click's help layout with Chinese headings and option extras."""

        def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
            super().write_usage(prog, args, prefix if prefix is not None else "用法：")

        def write_heading(self, heading: str) -> None:
            self.write(f"{'':>{self.current_indent}}{_HEADINGS.get(heading, heading)}：\n")

        def write_dl(self, rows: Sequence[tuple[str, str]], *args: Any, **kwargs: Any) -> None:
            super().write_dl([(term, _extras(text)) for term, text in rows], *args, **kwargs)

    return LocalisedHelpFormatter


def _extras(text: str) -> str:
    for pattern, replacement in _EXTRAS:
        text = pattern.sub(replacement, text)
    return text
