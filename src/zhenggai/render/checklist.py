"""`zhenggai check --list`: each check's id, tier, default level and documentation."""

from __future__ import annotations

import textwrap

from zhenggai.checks.registry import CHECKS


def format_check_list() -> str:
    blocks = []
    for check in CHECKS:
        heading = f"{check.id}  ({check.tier}, {check.level.value} by default)"
        blocks.append(heading + "\n" + textwrap.indent(check.doc, "    ") + "\n")
    return "\n".join(blocks)
