"""A command line the parser refuses (an unknown option, a missing argument, a bad
value), told in the language of the ledger at hand, framed as click frames it.

Click builds its sentences in English when it raises; they are said again here from
what each error carries (the option, the parameter, the value) and, for the sentences
a parameter type writes, from their pattern. A sentence of ours inside a bad value
(`say_now`) is already in the language; anything not known is passed on as it came.
"""

import re
from collections.abc import Callable
from typing import Any

from typer._click import exceptions as click_errors

from zhenggai.messages import Language, Text, say_packed, text

#: The sentences click's parameter types and parser write, and how each is said.
_QUOTED = r"'(.*)'"
_SENTENCES: tuple[tuple[re.Pattern[str], Callable[..., Text]], ...] = (
    (
        re.compile(rf"^{_QUOTED} is not one of (.*)\.$", re.S),
        lambda value, choices: text(
            "{value} is not one of {choices}.", value=value, choices=_unquoted(choices)
        ),
    ),
    (
        re.compile(rf"^{_QUOTED} is not a valid int(?:eger)?(?: range)?\.$", re.S),
        lambda value: text("{value} is not a whole number.", value=value),
    ),
    (
        re.compile(rf"^{_QUOTED} is not a valid float(?: range)?\.$", re.S),
        lambda value: text("{value} is not a number.", value=value),
    ),
    (
        re.compile(rf"^{_QUOTED} is not a valid boolean\..*$", re.S),
        lambda value: text("{value} is not yes or no.", value=value),
    ),
    (
        re.compile(r"^(.*) is not in the range (.*)\.$", re.S),
        lambda value, bounds: text(
            "{value} is not in the range {bounds}.", value=value, bounds=bounds
        ),
    ),
    (
        re.compile(rf"^{_QUOTED} does not match the formats (.*)\.$", re.S),
        lambda value, formats: text(
            "{value} does not match the formats {formats}.", value=value, formats=formats
        ),
    ),
    (
        re.compile(rf"^Option {_QUOTED} requires an argument\.$"),
        lambda name: text("Option {name} requires a value.", name=name),
    ),
    (
        re.compile(rf"^Option {_QUOTED} requires (\d+) arguments\.$"),
        lambda name, count: text("Option {name} requires {count} values.", name=name, count=count),
    ),
    (
        re.compile(rf"^Option {_QUOTED} does not take a value\.$"),
        lambda name: text("Option {name} does not take a value.", name=name),
    ),
    (
        re.compile(r"^Got unexpected extra argument(?:\(s\)|s)? \((.*)\)$", re.S),
        lambda extra: text("Got unexpected extra arguments: {extra}", extra=extra),
    ),
    (
        re.compile(rf"^No such command {_QUOTED}\. Did you mean (.*)\?$", re.S),
        lambda name, names: text(
            "No such command {name}. Did you mean {names}?", name=name, names=_unquoted(names)
        ),
    ),
    (
        re.compile(rf"^No such command {_QUOTED}\.$", re.S),
        lambda name: text("No such command {name}.", name=name),
    ),
    (
        re.compile(r"^No such option: (.*)$", re.S),
        lambda name: text("No such option: {name}", name=name),
    ),
    (
        re.compile(r"^Choose from:\s*(.*)$", re.S),
        lambda choices: text("Choose from: {choices}", choices=_spaced(choices)),
    ),
)


def say_usage_error(err: click_errors.ClickException, language: Language) -> str:
    """What click would print for ``err`` (usage, hint, error), in ``language``."""
    ctx = getattr(err, "ctx", None)
    lines = []
    if ctx is not None and isinstance(err, click_errors.UsageError):
        lines.append(_usage_line(ctx, language))
        if ctx.command.get_help_option(ctx) is not None:
            help_command = f"{ctx.command_path} {ctx.help_option_names[0]}"
            lines.append(_say(text("Try '{command}' for help.", command=help_command), language))
        lines.append("")
    lines.append(_say(text("Error: {reason}", reason=_reason(err, language)), language))
    return "\n".join(lines) + "\n"


def say_aborted(language: Language) -> str:
    return _say(text("Aborted."), language) + "\n"


def _usage_line(ctx: Any, language: Language) -> str:
    pieces = " ".join(ctx.command.collect_usage_pieces(ctx))
    if language == "zh":
        pieces = pieces.replace("[OPTIONS]", "[选项]")
        pieces = pieces.replace("COMMAND [ARGS]...", "命令 [参数]...")
    gap = "" if language == "zh" else " "  # a full-width colon needs no space after it
    return f"{_say(text('Usage:'), language)}{gap}{ctx.command_path} {pieces}".rstrip()


def _reason(err: click_errors.ClickException, language: Language) -> str:
    if isinstance(err, click_errors.NoSuchOption):
        said = _sentence(err.message, language)
        if err.possibilities:
            names = ", ".join(sorted(err.possibilities))
            gap = "" if language == "zh" else " "
            said += gap + _say(text("(Possible options: {names})", names=names), language)
        return said
    if isinstance(err, click_errors.MissingParameter):
        return _missing(err, language)
    if isinstance(err, click_errors.BadParameter):
        hint = _hint(err)
        reason = _sentence(err.message, language)
        if hint is None:
            return _say(text("Invalid value: {reason}", reason=reason), language)
        return _say(text("Invalid value for {name}: {reason}", name=hint, reason=reason), language)
    if isinstance(err, click_errors.FileError):
        return _say(
            text("Could not open file {file}: {reason}", file=err.ui_filename,
                 reason=_sentence(err.message, language)),
            language,
        )  # fmt: skip
    return _sentence(err.format_message(), language)


def _missing(err: click_errors.MissingParameter, language: Language) -> str:
    hint = _hint(err) or ""
    kind = err.param_type or (err.param.param_type_name if err.param is not None else "")
    said = _say(
        text("Missing argument {name}.", name=hint)
        if kind == "argument"
        else text("Missing option {name}.", name=hint),
        language,
    )
    extra = err.param.type.get_missing_message(param=err.param, ctx=err.ctx) if err.param else ""
    gap = "" if language == "zh" else " "
    return f"{said}{gap}{_sentence(extra, language)}" if extra else said


def _hint(err: click_errors.BadParameter) -> str | None:
    hint: Any = err.param_hint
    if hint is None and err.param is not None:
        hint = err.param.get_error_hint(err.ctx)  # type: ignore[arg-type]
    if hint is None:
        return None
    if isinstance(hint, str):
        return _unquoted(hint)
    return " / ".join(hint)


def _sentence(message: str, language: Language) -> str:
    """Click's sentence said in ``language``; a sentence it does not know, as it came."""
    if language == "en":
        return message
    for pattern, said in _SENTENCES:
        found = pattern.match(message)
        if found:
            return _say(said(*found.groups()), language)
    return message


def _say(message: Text, language: Language) -> str:
    return say_packed(message.packed(), language)


def _unquoted(words: str) -> str:
    return re.sub(r"'([^']*)'", r"\1", words)


def _spaced(choices: str) -> str:
    return ", ".join(part.strip() for part in choices.split(",") if part.strip())
