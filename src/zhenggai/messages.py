"""Messages a person reads, in Chinese or English, from gettext catalogs.

A message is written in the code as its English template with named
placeholders (``text("overdue by {n} days", n=3)``): the template is the
gettext msgid, the Chinese lives in ``locale/zh/LC_MESSAGES/zhenggai.po``
(compiled to the ``.mo`` beside it, which a test holds to the ``.po``).
A message keeps its template and arguments as plain values, so that a finding
kept in the parse cache can still be said in either language when it is shown;
its English text is what JSON and other machine formats give.
"""

from __future__ import annotations

import gettext
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

Language = Literal["zh", "en"]
#: A message as plain values: (template, plural template or None, (name, value) pairs).
Packed = tuple[str, "str | None", tuple[tuple[str, "str | int"], ...]]

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "zhenggai"
#: The placeholders whose values are words of the vocabulary, said in the language too.
WORD_ARGS = frozenset({"cadence", "why", "noun", "status", "found", "kind"})
#: The placeholders whose values are a task's keys (``owner, units``), each said as the
#: catalog's ``field KEY`` (责任人、责任单位).
FIELD_ARGS = frozenset({"fields"})
#: The placeholders whose values are the words of the YAML reader (libyaml) or of the
#: validator (pydantic): said from the catalog where it has them, whole or by pattern.
FOREIGN_ARGS = frozenset({"problem", "context"})
#: Their sentences that carry a value, as a pattern and the catalog's template for it
#: (``{0}`` the value). The English sentence is the reader's or validator's own.
FOREIGN_PATTERNS = (
    # The bounds first: the general "Input should be {0}" would leave them in English.
    (
        re.compile(r"Input should be less than or equal to (.+)"),
        "Input should be less than or equal to {0}",
    ),
    (
        re.compile(r"Input should be greater than or equal to (.+)"),
        "Input should be greater than or equal to {0}",
    ),
    (re.compile(r"Input should be less than (.+)"), "Input should be less than {0}"),
    (re.compile(r"Input should be greater than (.+)"), "Input should be greater than {0}"),
    (
        re.compile(r"String should have at most (\d+) characters?"),
        "String should have at most {0} character(s)",
    ),
    (re.compile(r"Input should be (.+)"), "Input should be {0}"),
    (re.compile(r"String should match pattern (.+)"), "String should match pattern {0}"),
    (
        re.compile(r"String should have at least (\d+) characters?"),
        "String should have at least {0} character(s)",
    ),
    (
        re.compile(r"List should have at least (\d+) items? after validation, not \d+"),
        "List should have at least {0} item(s)",
    ),
    (
        re.compile(r"unknown timezone (.+); use a name like Asia/Shanghai"),
        "unknown timezone {0}; use a name like Asia/Shanghai",
    ),
    (
        re.compile(r"done \((\d+)\) is larger than total \((\d+)\)"),
        "done ({0}) is larger than total ({1})",
    ),
)


@dataclass(frozen=True)
class Text:
    """A message: its English template(s) and the values of its placeholders."""

    msgid: str
    plural: str | None
    args: tuple[tuple[str, str | int], ...]

    def packed(self) -> Packed:
        return (self.msgid, self.plural, self.args)

    def english(self) -> str:
        return say_packed(self.packed(), "en")


def text(msgid: str, **args: object) -> Text:
    """A message; every value is kept as text (a date as YYYY-MM-DD)."""
    return Text(msgid, None, tuple((name, _plain(value)) for name, value in args.items()))


def text_n(singular: str, plural: str, n: int, **args: object) -> Text:
    """A message with a count ``n``: English says 1 day, 2 days; Chinese 1 天, 2 天."""
    values = (("n", n), *((name, _plain(value)) for name, value in args.items()))
    return Text(singular, plural, values)


class TextError(ValueError):
    """A ValueError whose message is a catalog message, so that whoever reports it
    can say it in the language of the run (a date typed wrong on the command line)."""

    def __init__(self, message: Text) -> None:
        super().__init__(message.english())
        self.text = message


def reason_of(err: Exception) -> Text | str:
    """What ``err`` says: its catalog message where it has one, else its English."""
    return err.text if isinstance(err, TextError) else str(err)


def _plain(value: object) -> str | int:
    return value if isinstance(value, int) and not isinstance(value, bool) else str(value)


@cache
def catalog(language: Language) -> gettext.NullTranslations:
    """The translations of ``language``: English is the templates themselves."""
    if language == "en":
        return gettext.NullTranslations()
    path = LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
    with open(path, "rb") as stream:
        return gettext.GNUTranslations(stream)


def say_packed(packed: Packed, language: Language) -> str:
    """A packed message in ``language``, its placeholders filled."""
    msgid, plural, args = packed
    if language == "en":  # the templates themselves: no catalog to ask (thousands a run)
        values = dict(args)
        if plural is not None and values.get("n") != 1:
            return plural.format(**values)
        return msgid.format(**values)
    translations = catalog(language)
    values = {
        name: (
            translations.gettext(value)
            if name in WORD_ARGS
            else _fields(translations, value)
            if name in FIELD_ARGS
            else _foreign(translations, value)
            if name in FOREIGN_ARGS
            else value
        )
        if isinstance(value, str)
        else value
        for name, value in args
    }
    if plural is None:
        template = translations.gettext(msgid)
    else:
        template = translations.ngettext(msgid, plural, int(values.get("n", 0)))
    return template.format(**values)


def _fields(translations: gettext.NullTranslations, keys: str) -> str:
    said = []
    for key in keys.split(", "):
        word = translations.gettext(f"field {key}")
        said.append(key if word == f"field {key}" else word)
    return "、".join(said)


def _foreign(translations: gettext.NullTranslations, words: str) -> str:
    said = translations.gettext(words)
    if said != words:
        return said
    for pattern, template in FOREIGN_PATTERNS:
        found = pattern.fullmatch(words)
        if found:
            # A list of choices (``'a', 'b' or 'c'``) joined as the language joins them.
            values = (
                value.replace(" or ", translations.gettext(" or ")) for value in found.groups()
            )
            return translations.gettext(template).format(*values)
    return words  # a sentence the catalog does not have: as the reader said it


def language_of(
    option: str | None, environ: dict[str, str] | None, setting: str | None
) -> Language:
    """The language asked for: ``--lang``, else $ZHENGGAI_LANG, else the ledger's
    ``language``, else the locale ($LC_ALL or $LANG starting with zh), else English."""
    environ = environ or {}
    for candidate in (option, environ.get("ZHENGGAI_LANG"), setting):
        if candidate in ("zh", "en"):
            return candidate  # type: ignore[return-value]
    locale = environ.get("LC_ALL") or environ.get("LANG") or ""
    return "zh" if locale.lower().startswith("zh") else "en"


def compile_catalogs() -> list[Path]:
    """Compile every ``.po`` under `LOCALE_DIR` to its ``.mo`` (Babel: a development
    tool, not needed at run time); returns the files written."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written = []
    for po in sorted(LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        with open(po, "rb") as stream:
            messages = read_po(stream)
        mo = po.with_suffix(".mo")
        with open(mo, "wb") as out:
            write_mo(out, messages, use_fuzzy=False)
        written.append(mo)
    return written


if __name__ == "__main__":  # python -m zhenggai.messages: compile the catalogs
    for path in compile_catalogs():
        print(f"wrote {path}")
