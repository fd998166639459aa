"""Evidence a sheet names (佐证材料), found only inside the folder the import was given:
a name from a liaison's workbook is untrusted, and must never reach a file elsewhere
on the machine to be copied into the ledger and committed."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from zhenggai.findings import LedgerError
from zhenggai.messages import text as said


def file_inside(
    folder: Path, name: str, cell: str, max_bytes: int, folder_named: str = "--evidence-dir"
) -> Path | None:
    """The regular file ``name`` (as a sheet writes it) names under ``folder``; None
    when there is none. LedgerError, said at ``cell``, for a name that leaves the
    folder: absolute, with a drive, with ``..``, or through a link at any part; and for
    a file larger than ``max_bytes`` (the ledger's ``evidence_max_mb``). ``folder_named``
    is how the folder is named to the user."""
    parts = [part for part in name.replace("\\", "/").split("/") if part not in ("", ".")]
    if name.startswith(("/", "\\")) or re.match(r"[A-Za-z]:", name) or ".." in parts:
        raise LedgerError(
            said("{cell}: evidence {name} is not inside {place}: name a file in that folder, "
                 "by its path from there", cell=cell, name=repr(name), place=folder_named)
        )  # fmt: skip
    place = folder
    for index, part in enumerate(parts):
        place = place / part
        try:
            mode = os.lstat(place).st_mode
        except (FileNotFoundError, NotADirectoryError):
            return None
        if stat.S_ISLNK(mode):
            raise LedgerError(
                said("{cell}: evidence {name} passes through a link ({part}): copy the file "
                     "itself into {place}", cell=cell, name=repr(name), part=part,
                     place=folder_named)
            )  # fmt: skip
        last = index == len(parts) - 1
        if not last and not stat.S_ISDIR(mode):
            return None
        if last and not stat.S_ISREG(mode):
            raise LedgerError(
                said("{cell}: evidence {name} is not a regular file", cell=cell,
                     name=repr(name))
            )  # fmt: skip
        if last and os.lstat(place).st_size > max_bytes:
            raise LedgerError(
                said("{cell}: evidence {name} is larger than the ledger's evidence_max_mb "
                     "({limit} MB)", cell=cell, name=repr(name), limit=max_bytes // 2**20)
            )  # fmt: skip
    return place if parts else None
