"""`zhenggai check --list`: each check's id, tier, default level and documentation.

The documentation is the check's docstring, in English. In Chinese each check says
its one-line summary from the catalog and points to the full text.
"""

from __future__ import annotations

import textwrap

from zhenggai.checks.index import CHECKS
from zhenggai.messages import Language, say_packed, text


def format_check_list(language: Language = "en") -> str:
    blocks = []
    for check in CHECKS:
        heading = say_packed(
            text(
                "{id}  ({tier}, {level} by default)",
                id=check.id,
                tier=check.tier,
                level=check.level.value,
            ).packed(),
            language,
        )
        if language == "en":
            body = check.doc
        else:
            body = say_packed(text(check.doc.splitlines()[0]).packed(), language)
        blocks.append(heading + "\n" + textwrap.indent(body, "    ") + "\n")
    if language != "en":
        blocks.append(say_packed(_FULL_TEXT.packed(), language) + "\n")
    return "\n".join(blocks)


_FULL_TEXT = text("The full text of each check, with examples: zhenggai check --list --lang en")
