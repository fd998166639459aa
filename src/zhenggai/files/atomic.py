"""Atomic writes: a reader sees the old file or the new one, never half of either."""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import stat
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


def copy_atomic(source: Path, target: Path) -> tuple[str, int]:
    """Copy ``source`` to a new file ``target`` atomically; returns the sha256 and the size
    of what was written.

    Hashing and counting the bytes as they are copied means the record can never
    describe a file that changed between hashing and copying.
    """
    digest = hashlib.sha256()
    size = 0

    def fill(out: BinaryIO) -> None:
        nonlocal size
        with source.open("rb") as stream:
            while chunk := stream.read(CHUNK):
                digest.update(chunk)
                size += len(chunk)
                out.write(chunk)

    _replace(target, DEFAULT_MODE, fill)
    return digest.hexdigest(), size


CHUNK = 1024 * 1024


def write_many_atomic(
    contents: list[tuple[Path, bytes]],
    before_renames: Callable[[list[tuple[Path, Path]]], None] | None = None,
) -> None:
    """Several files written as `write_atomic` writes one, each replaced whole, but
    flushed to disk once for all of them rather than twice each (an import of 10,000
    tasks: one sync instead of 20,000 fsyncs, seconds instead of minutes on a slow disk).

    Every temp file is written, then all are synced, then ``before_renames`` is told
    each (temp, target) (a journal, see `journal`), then each is renamed over its
    target and each folder synced. Until the renames no target has changed; a failure
    then removes the temp files. A rename that fails leaves the earlier ones done: the
    caller, who knows what the files held, puts them back.
    """
    import tempfile

    temps: list[tuple[Path, Path]] = []
    made: list[Path] = []
    try:
        for path, data in contents:
            made += make_folders(path.parent)
            mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else DEFAULT_MODE
            handle, name = tempfile.mkstemp(
                dir=path.parent, prefix=f"{TEMP_PREFIX}{path.name}.", suffix=TEMP_SUFFIX
            )
            temps.append((Path(name), path))
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.chmod(name, mode)
        os.sync()
        if before_renames is not None:
            before_renames(list(temps))
        for index, (temp, path) in enumerate(temps):
            os.replace(temp, path)
            temps[index] = (path, path)  # renamed: nothing left to remove
        for folder in sorted({path.parent for _, path in temps}):
            _fsync_folder(folder)
    except BaseException:
        for temp, path in temps:
            if temp != path:
                with contextlib.suppress(FileNotFoundError):
                    temp.unlink()
        remove_folders(made)
        raise


def write_all_or_none(
    contents: list[tuple[Path, bytes]],
    before_renames: Callable[[list[tuple[Path, Path]]], None] | None = None,
) -> None:
    """`write_many_atomic`, and if it fails midway, each file put back as it was (a new
    one removed), so that either every file is written or none has changed."""
    before = [(path, path.read_bytes() if path.exists() else None) for path, _ in contents]
    try:
        write_many_atomic(contents, before_renames)
    except BaseException:
        for path, content in before:
            with contextlib.suppress(OSError):
                if content is None:
                    path.unlink(missing_ok=True)
                elif path.read_bytes() != content:
                    write_atomic(path, content)
        raise


#: How a temp file of ours is named: ``.<target name>.<random>.tmp`` beside its target.
TEMP_PREFIX, TEMP_SUFFIX = ".", ".tmp"
_TEMP_NAME = re.compile(r"\..+\.[a-z0-9_]{8}\.tmp")


def is_temp_name(name: str) -> bool:
    """Whether ``name`` is that of a temp file a write left behind (it was killed)."""
    return name.endswith(TEMP_SUFFIX) and _TEMP_NAME.fullmatch(name) is not None


def _replace(path: Path, mode: int, fill: Callable[[BinaryIO], object]) -> None:
    import tempfile  # here: a check that only looks for temp files never imports it

    made = make_folders(path.parent)
    temp: Path | None = None
    try:
        handle, temp_name = tempfile.mkstemp(
            dir=path.parent, prefix=f"{TEMP_PREFIX}{path.name}.", suffix=TEMP_SUFFIX
        )
        temp = Path(temp_name)
        with os.fdopen(handle, "wb") as out:
            fill(out)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, mode)
        os.replace(temp, path)
        _fsync_folder(path.parent)
    except BaseException as err:
        if temp is not None:
            with contextlib.suppress(FileNotFoundError):
                temp.unlink()
        remove_folders(made)
        if isinstance(err, OSError) and err.filename != str(path):
            # Said of the file being written, not of our temp file: that is what the
            # user knows and can fix (a read-only folder, a full disk).
            raise OSError(err.errno, err.strerror, str(path)) from None
        raise


def make_folders(folder: Path) -> list[Path]:
    """Make ``folder`` and any missing parents; returns those made, deepest first."""
    missing = []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for made in reversed(missing):
        made.mkdir()
    return missing


def remove_folders(folders: list[Path]) -> None:
    """Remove folders made for a write that failed, deepest first, where they are empty."""
    for folder in folders:
        with contextlib.suppress(OSError):
            folder.rmdir()


def _fsync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
