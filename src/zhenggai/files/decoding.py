"""A ledger file's bytes as text: UTF-8 (a BOM allowed), or why not, and where.

Offices save files from WPS and Notepad in GBK or UTF-16 as often as not: those
are recognised and named, with the way to save the file as UTF-8.
"""

from __future__ import annotations

from zhenggai.files.document import ReadError
from zhenggai.findings import Position
from zhenggai.messages import text as said


def decode(raw: bytes) -> str | ReadError:
    """UTF-8 text with any BOM removed, or why the bytes are not UTF-8."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return ReadError.of(
            said("file is UTF-16, not UTF-8"),
            Position(1, 1),
            said("save the file as UTF-8 (in WPS/Notepad: 另存为 → 编码 UTF-8)"),
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        gbk_text = _as_gbk(raw)
        if gbk_text is not None:
            # Point at the first Chinese character, counted as GBK characters.
            index = next(i for i, ch in enumerate(gbk_text) if ord(ch) > 127)
            return ReadError.of(
                said("file is not UTF-8: it looks like GBK (GB2312/GB18030)"),
                text_position(gbk_text, index),
                said("save the file as UTF-8 (in WPS/Notepad: 另存为 → 编码 UTF-8)"),
            )
        line_start = raw.rfind(b"\n", 0, err.start) + 1
        column = len(raw[line_start : err.start].decode("utf-8", "replace")) + 1
        return ReadError.of(
            said(
                "file is not UTF-8: byte 0x{byte} cannot be decoded", byte=f"{raw[err.start]:02x}"
            ),
            Position(raw.count(b"\n", 0, err.start) + 1, column),
            said("save the file as UTF-8"),
        )


def text_position(text: str, index: int) -> Position:
    line_start = text.rfind("\n", 0, index) + 1
    return Position(text.count("\n", 0, index) + 1, index - line_start + 1)


def _as_gbk(raw: bytes) -> str | None:
    """The text, if the bytes read as GB18030 holding Chinese; else None."""
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError:
        return None
    return text if any("\u4e00" <= ch <= "\u9fff" for ch in text) else None
