"""Texts the office keeps in the ledger for its reports (``bulletin/*.md``), read as
every other ledger file is: never through a link, never a FIFO or a device."""

from __future__ import annotations

import errno
from pathlib import Path

from zhenggai.files.within import NotWithin, open_within, read_within_limit
from zhenggai.findings import LedgerError
from zhenggai.messages import text as said

#: A report's text is a few pages; anything larger is not one.
TEXT_LIMIT = 1024 * 1024


def read_ledger_text(root: Path, rel: str) -> str | None:
    """The text of ``rel`` under the ledger's root, or None when there is no such file;
    LedgerError when it is not a regular file inside the ledger, too large, or not UTF-8."""
    try:
        data = read_within_limit(open_within(str(root), rel), TEXT_LIMIT)
    except NotWithin as err:
        raise LedgerError(
            said("cannot read {file}: it {why}; a ledger file is a regular file inside the ledger",
                 file=rel, why=err.strerror)
        ) from None  # fmt: skip
    except OSError as err:
        if err.errno == errno.ENOENT:
            return None
        raise
    if len(data) > TEXT_LIMIT:
        raise LedgerError(said("{file} is larger than 1 MiB: not a report's text", file=rel))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise LedgerError(
            said("{file} is not UTF-8 (byte {offset}): save it as UTF-8", file=rel,
                 offset=err.start)
        ) from None  # fmt: skip


#: The bulletin's texts, in the order they appear (`bulletin/NAME.md`); a ledger without
#: one uses the default.
BULLETIN_TEXTS = ("opening", "part1", "part2", "part3")


#: The kinds of inspection whose bulletin is told in words of its own (file suffixes).
_OWN_TEXTS = {"审计": "audit", "督查": "supervision"}


def default_text(name: str, kind: str) -> str:
    """The text `zhenggai init` writes as ``bulletin/NAME.md`` for an inspection of
    ``kind``: its own (``NAME.audit.md``) where an 审计 or a 督查 is told otherwise than
    a 巡视 or 巡察, else the common one."""
    from importlib.resources import files

    folder = files("zhenggai.ledger") / "bulletin_defaults"
    own = folder / f"{name}.{_OWN_TEXTS.get(kind, '-')}.md"
    return (own if own.is_file() else folder / f"{name}.md").read_text("utf-8")
