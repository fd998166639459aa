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
    env = {**os.environ, "LC_ALL": "C.UTF-8", "GIT_TERMINAL_PROMPT": "0"}
    try:
        result = subprocess.run(
            ["git", "-c", "core.quotepath=false", *args],
            cwd=cwd,
            capture_output=True,
            env=env,
            check=False,
        )
    except FileNotFoundError:
        raise GitError("git is not installed") from None
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip()
        raise GitError(message or f"git {args[0]} failed")
    return result.stdout.decode("utf-8", "replace")


def repository_of(path: Path) -> Path | None:
    """The top folder of the git work tree holding ``path``, or None outside one."""
    try:
        return Path(_git(["rev-parse", "--show-toplevel"], path).strip())
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
    """Commits that touched ``paths``, newest first."""
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
            fields = record.strip("\n").split(separator)
            if len(fields) == 4:
                entries.append(LogEntry(*fields))
    return entries
