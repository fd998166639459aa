"""Writing a new record as YAML text, fast and plainly: keys in the order given, a text
left plain where no YAML reader could take it for anything else and double-quoted
(JSON's escapes, which YAML shares) where one could, dates as YYYY-MM-DD, lists of
texts in flow style, lists of records as block items of flow mappings.

For files made in bulk (`zhenggai import`: 10,000 tasks). What it writes is read back
by the ledger's own strict reader before it is ever written to disk.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from datetime import date

#: Texts that stay plain: no indicator first, nothing YAML reads as a structure, a
#: comment or another type (true, null, numbers, dates and times all start with a
#: digit, a sign, a dot or one of the words below).
_PLAIN = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`+.\d~][^\n\r\t:#,\[\]{}]*")
_RESERVED = re.compile(r"(?i)y|n|yes|no|true|false|on|off|null")


def dump_record(record: Mapping[str, object]) -> str:
    """``record`` as a YAML block mapping, one key a line."""
    lines = []
    for key, value in record.items():
        if isinstance(value, Mapping):
            lines.append(f"{key}: {_flow_mapping(value)}")
        elif isinstance(value, Sequence) and not isinstance(value, str):
            if value and all(isinstance(item, Mapping) for item in value):
                lines.append(f"{key}:")
                lines += [f"  - {_flow_mapping(item)}" for item in value]
            else:
                lines.append(f"{key}: [{', '.join(_scalar(item) for item in value)}]")
        else:
            lines.append(f"{key}: {_scalar(value)}")
    return "\n".join(lines) + "\n"


def _flow_mapping(value: Mapping[str, object]) -> str:
    return "{" + ", ".join(f"{k}: {_scalar(v)}" for k, v in value.items()) + "}"


def _scalar(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    if _PLAIN.fullmatch(text) and not _RESERVED.fullmatch(text) and text == text.strip():
        return text
    return json.dumps(text, ensure_ascii=False)
