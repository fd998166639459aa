"""Opening files inside the ledger folder without following a link out of it.

A ledger is untrusted input: a symbolic link committed as ``evidence/TASK-001``
or as a task file would make a reader open, hash or print a file anywhere on
the machine, and a FIFO or a device would make it hang or read forever. Every
file the ledger names is opened here: each folder on the way walked with
``O_NOFOLLOW``, the file itself opened without following a link and without
blocking, and taken only if it is a regular file.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat

_FILE_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
_FOLDER_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_DIRECTORY", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


class NotWithin(OSError):
    """The path passes through a link, or ends at something that is not a regular file;
    ``strerror`` says which, as the predicate of a sentence about the path."""


def open_regular(path: str) -> int:
    """A descriptor of the regular file at ``path``, its last component not followed if a
    link; NotWithin for a link, a folder, a FIFO or a device; OSError as the system says."""
    try:
        descriptor = os.open(path, _FILE_FLAGS | _CLOEXEC)
    except OSError as err:
        if err.errno == errno.ELOOP:
            raise NotWithin(errno.ELOOP, "is a symbolic link", path) from None
        raise
    _require_regular(descriptor, path)
    return descriptor


def open_within(root: str, rel: str) -> int:
    """A descriptor of the regular file at ``rel`` under the folder ``root``, no component
    of ``rel`` followed if a link (``..`` refused); raises as `open_regular`."""
    parts = rel.split("/")
    if any(part in ("", ".", "..") for part in parts):
        raise NotWithin(errno.EINVAL, "is not a plain path inside the ledger", rel)
    folder = os.open(root, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | _CLOEXEC)
    try:
        for index, part in enumerate(parts[:-1]):
            try:
                inner = os.open(part, _FOLDER_FLAGS | _CLOEXEC, dir_fd=folder)
            except OSError as err:
                if err.errno in (errno.ELOOP, errno.ENOTDIR):
                    where = "/".join(parts[: index + 1])
                    reason = "a symbolic link" if _is_link(folder, part) else "not a folder"
                    raise NotWithin(err.errno, f"passes through {where}, {reason}", rel) from None
                raise
            os.close(folder)
            folder = inner
        try:
            descriptor = os.open(parts[-1], _FILE_FLAGS | _CLOEXEC, dir_fd=folder)
        except OSError as err:
            if err.errno == errno.ELOOP:
                raise NotWithin(errno.ELOOP, "is a symbolic link", rel) from None
            raise
    finally:
        os.close(folder)
    _require_regular(descriptor, rel)
    return descriptor


def _is_link(folder: int, name: str) -> bool:
    try:
        return stat.S_ISLNK(os.stat(name, dir_fd=folder, follow_symlinks=False).st_mode)
    except OSError:
        return False


def _require_regular(descriptor: int, shown: str) -> None:
    info = os.fstat(descriptor)
    if not stat.S_ISREG(info.st_mode):
        os.close(descriptor)
        kind = "is a folder" if stat.S_ISDIR(info.st_mode) else "is not a regular file"
        raise NotWithin(errno.EINVAL, kind, shown)
    # Opened without blocking (a FIFO would have hung the open); a regular file reads
    # the same either way, but say so plainly to the reads that follow.
    os.set_blocking(descriptor, True)


def read_within_limit(descriptor: int, limit: int) -> bytes:
    """Up to ``limit + 1`` bytes of an open file (one more tells it is too large); closes it."""
    with os.fdopen(descriptor, "rb") as stream:
        return stream.read(limit + 1)


def hash_within(root: str, rel: str) -> tuple[str, os.stat_result]:
    """The sha256 of the regular file at ``rel`` under ``root`` (as `open_within` opens
    it), with its stat as it was opened."""
    descriptor = open_within(root, rel)
    with os.fdopen(descriptor, "rb") as stream:
        info = os.fstat(stream.fileno())
        return hashlib.file_digest(stream, "sha256").hexdigest(), info
