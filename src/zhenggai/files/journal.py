"""Several files written all or none, even when the process is killed between renames.

`atomic.write_all_or_none` puts files back when a write fails with an error; a kill -9
or a power cut between two of its renames would leave some files new and some old
(an import's tasks without the units it added). So: every temp file is written and
synced, then a journal naming each rename is written atomically in the ledger's
folder, then the renames are done and the journal removed. The change is decided when
its journal exists: the next command that finds one, under the ledger's lock, finishes
its renames (`recover`). Killed before, while the temp files were being written,
nothing has changed: the journal then names only the folders written in, and the next
command removes the temp files left there.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from zhenggai.files.atomic import is_temp_name, write_all_or_none, write_atomic

#: The journal of a write of several files, in the ledger's folder while it runs.
JOURNAL = ".zhenggai-journal"


def write_journaled(root: Path, contents: list[tuple[Path, bytes]]) -> None:
    """Every file of ``contents`` written, or none, whatever stops the process; the
    caller holds the lock of the ledger at ``root``."""
    import json  # here: `pending`, asked by every command, needs none of it

    recover(root)
    journal = root / JOURNAL
    folders = sorted({_relative(str(path.parent), root) for path, _ in contents})
    write_atomic(journal, json.dumps({"writing": folders}).encode("utf-8"))

    def record(renames: list[tuple[Path, Path]]) -> None:
        entries = [[_relative(str(temp), root), _relative(str(target), root)]
                   for temp, target in renames]  # fmt: skip
        write_atomic(journal, json.dumps({"renames": entries}).encode("utf-8"))

    try:
        write_all_or_none(contents, record)
    finally:  # done, or failed and put back: either way there is nothing to finish
        with contextlib.suppress(FileNotFoundError):
            journal.unlink()


def _relative(path: str, root: Path) -> str:
    """``path`` from ``root``: a prefix cut where it lies inside (ten thousand files a
    write: `os.path.relpath` on each took most of a second), else `os.path.relpath`."""
    top = str(root) + os.sep
    return path[len(top) :] if path.startswith(top) else os.path.relpath(path, root)


def pending(root: Path) -> bool:
    """Whether a write of the ledger at ``root`` was killed midway: its journal, or the
    temp file of one, is there (a look at the ledger's folder, no lock taken)."""
    with os.scandir(root) as entries:
        return any(
            entry.name == JOURNAL or (entry.name.startswith(f".{JOURNAL}.")
                                      and is_temp_name(entry.name))
            for entry in entries
        )  # fmt: skip


def recover(root: Path) -> bool:
    """Finish the renames of a write that was killed after its journal was written (the
    caller holds the ledger's lock); whether there was one."""
    import json

    for leftover in root.glob(f".{JOURNAL}.*"):  # killed while writing the journal itself
        if is_temp_name(leftover.name):
            leftover.unlink()
    journal = root / JOURNAL
    try:
        data = json.loads(journal.read_bytes())
        folders = [_inside(root, folder) for folder in data.get("writing", ())]
        pairs = [_checked(root, temp, target) for temp, target in data.get("renames", ())]
    except FileNotFoundError:
        return False
    except (ValueError, KeyError, TypeError, AttributeError) as err:
        raise ValueError(f"{JOURNAL}: not a journal zhenggai wrote ({err})") from None
    for temp, target in pairs:
        with contextlib.suppress(FileNotFoundError):  # renamed before the kill
            os.replace(temp, target)
    for folder in folders:  # killed while writing the temp files: they go
        with contextlib.suppress(OSError), os.scandir(folder) as entries:
            for entry in entries:
                if is_temp_name(entry.name) and entry.is_file(follow_symlinks=False):
                    os.unlink(entry.path)
    journal.unlink()
    return True


def _inside(root: Path, folder: object) -> Path:
    if not isinstance(folder, str) or Path(folder).is_absolute() or ".." in Path(folder).parts:
        raise ValueError(f"{folder!r} is outside the ledger")
    return root / folder


def _checked(root: Path, temp: object, target: object) -> tuple[Path, Path]:
    """A rename of the journal, only as zhenggai writes one: a temp file of its own
    naming beside its target, both inside the ledger. A journal that says otherwise
    (committed by hand, say) moves nothing: ValueError."""
    if not isinstance(temp, str) or not isinstance(target, str):
        raise ValueError(f"{JOURNAL}: not a journal zhenggai wrote")
    target_path, temp_path = Path(target), Path(temp)
    inside = not target_path.is_absolute() and ".." not in target_path.parts
    beside = temp_path.parent == target_path.parent
    named = is_temp_name(temp_path.name) and temp_path.name.startswith(f".{target_path.name}.")
    if not (inside and beside and named):
        raise ValueError(f"{JOURNAL}: {temp} -> {target} is no rename zhenggai makes")
    return root / temp_path, root / target_path
