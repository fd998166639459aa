"""Atomic writes: a reader sees the old file or the new one, never half of either."""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

#: New files get the usual mode for a file in a repository (umask still applies to nothing:
#: the mode is set explicitly so a temp file's 0600 never leaks into the ledger).
DEFAULT_MODE = 0o644


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temp file in the same folder.

    The temp file is fsynced and renamed over the target (``os.replace`` is
    atomic on one file system), then the folder is fsynced so the rename
    survives a power cut. An existing file keeps its mode. On any failure the
    target is untouched and the temp file is removed.
    """
    mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else DEFAULT_MODE
    _replace(path, mode, lambda out: out.write(data))


def copy_atomic(source: Path, target: Path) -> str:
    """Copy ``source`` to a new file ``target`` atomically; returns the sha256 of what was written.

    Hashing the bytes as they are copied means the record can never describe a
    file that changed between hashing and copying.
    """
    digest = hashlib.sha256()

    def fill(out: BinaryIO) -> None:
        with source.open("rb") as stream:
            while chunk := stream.read(1024 * 1024):
                digest.update(chunk)
                out.write(chunk)

    _replace(target, DEFAULT_MODE, fill)
    return digest.hexdigest()


def _replace(path: Path, mode: int, fill: Callable[[BinaryIO], object]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "wb") as out:
            fill(out)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
        raise
    _fsync_folder(path.parent)


def _fsync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
