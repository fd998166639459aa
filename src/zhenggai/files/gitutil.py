"""Git through its command line: find the repository, commit a change, read a file's history.

Facts from git are gathered here and handed to the core as values; nothing
else runs git. File names are passed after ``--`` and read with ``-z`` and
``core.quotepath=false``, so Chinese names come through as they are.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path


class GitError(Exception):
    """Git is missing, or a git command failed; the message is git's own."""


def _git(args: list[str], cwd: Path) -> str:
    return _git_bytes(args, cwd).decode("utf-8", "replace")


def _git_bytes(args: list[str], cwd: Path, request: bytes | None = None) -> bytes:
    env = {**os.environ, "LC_ALL": "C.UTF-8", "GIT_TERMINAL_PROMPT": "0"}
    try:
        result = subprocess.run(
            ["git", "-c", "core.quotepath=false", *args],
            cwd=cwd,
            input=request,
            capture_output=True,
            env=env,
            check=False,
        )
    except FileNotFoundError:
        raise GitError("git is not installed") from None
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip()
        raise GitError(message or f"git {args[0]} failed")
    return result.stdout


def repository_of(path: Path) -> Path | None:
    """The top folder of the git work tree holding ``path``, or None outside one."""
    try:
        return Path(_git(["rev-parse", "--show-toplevel"], path).strip())
    except GitError:
        return None


def user_name(cwd: Path) -> str | None:
    """git's ``user.name`` as seen from ``cwd``, or None if unset or git is missing."""
    try:
        return _git(["config", "user.name"], cwd).strip() or None
    except GitError:
        return None


def commit(repository: Path, paths: list[Path], message: str) -> str:
    """Stage ``paths`` and commit exactly them (other staged changes are left alone).

    Uses the user's own git identity; returns the new commit's short hash.
    """
    names = [str(path) for path in paths]
    _git(["add", "--", *names], repository)
    _git(["commit", "--quiet", "-m", message, "--only", "--", *names], repository)
    return _git(["rev-parse", "--short", "HEAD"], repository).strip()


@dataclass(frozen=True)
class LogEntry:
    commit: str
    date: str  # ISO 8601 with the author's offset
    author: str
    subject: str


def log(repository: Path, paths: list[Path]) -> list[LogEntry]:
    """Commits that touched ``paths``, newest first (none in a repository without commits)."""
    try:
        _git(["rev-parse", "--verify", "--quiet", "HEAD"], repository)
    except GitError:
        return []
    separator = "\x1f"
    out = _git(
        [
            "log",
            "-z",
            f"--format=%h{separator}%aI{separator}%an{separator}%s",
            "--",
            *[str(path) for path in paths],
        ],
        repository,
    )
    entries = []
    for record in out.split("\0"):
        if record.strip():
            # The subject comes last and keeps any separator it holds.
            fields = record.strip("\n").split(separator, 3)
            if len(fields) == 4:
                entries.append(LogEntry(*fields))
    return entries


def resolve_revision(repository: Path, revision: str) -> str:
    """The full commit id ``revision`` names; GitError when it names none."""
    if revision.startswith("-"):
        raise GitError(f"{revision!r} is not a revision")
    return _git(["rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}"], repository).strip()


def files_at(repository: Path, commit_id: str, folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` as it was at ``commit_id``: path (relative to the
    repository, forward slashes) to content. One ``ls-tree`` and one ``cat-file --batch``,
    however many files there are.

    The listing is NUL-separated and the batch asks for each blob by its object id,
    never by name: no file name (a newline in one, say) can shift what is read.
    """
    relative = folder.resolve().relative_to(repository.resolve()).as_posix()
    listing = _git_bytes(["ls-tree", "-r", "-z", commit_id, "--", relative], repository)
    blobs: list[tuple[str, bytes]] = []
    for entry in listing.split(b"\0"):
        if not entry:
            continue
        meta, _, raw_name = entry.partition(b"\t")  # "<mode> <type> <object>\t<name>"
        fields = meta.split()
        if len(fields) == 3 and fields[1] == b"blob" and fields[0] != b"120000":  # no links
            blobs.append((raw_name.decode("utf-8", "surrogateescape"), fields[2]))
    if not blobs:
        return {}
    request = b"".join(object_id + b"\n" for _, object_id in blobs)
    data = _git_bytes(["cat-file", "--batch"], repository, request)
    contents: dict[str, bytes] = {}
    offset = 0
    for name, object_id in blobs:
        header_end = data.index(b"\n", offset)
        header = data[offset:header_end].split()
        offset = header_end + 1
        if len(header) < 3 or header[0] != object_id or header[1] != b"blob":
            raise GitError(f"git cat-file answered {header!r} for {name}")
        size = int(header[2])
        contents[name] = data[offset : offset + size]
        offset += size + 1  # the blob is followed by a newline
    return contents
