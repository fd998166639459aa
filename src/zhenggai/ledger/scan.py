"""The task folder and the ledger root as listed: task files with their stats, and what
else lies there (files that are no tasks, temp files of killed writes)."""

from __future__ import annotations

import os
from pathlib import Path

from zhenggai.files.atomic import is_temp_name
from zhenggai.files.filestat import Stat, stat_key
from zhenggai.ledger.paths import REVIEWS_DIR, TASK_SUFFIX, TASKS_DIR

#: The task folder as `scan_tasks` finds it: each task file with its stat (None when not
#: asked for, or gone), and the entries that are not task files; paths from the root.
TaskFolderScan = tuple[list[tuple[str, Stat | None]], list[str]]


def scan_tasks(folder: str, with_stat: bool) -> TaskFolderScan:
    # This loop and the cache's run once per task of a warm run: written for speed.
    candidates: list[tuple[str, Stat | None]] = []
    strays: list[str] = []
    prefix = f"{TASKS_DIR}/"
    with os.scandir(folder) as entries:
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                if name.endswith(".tmp"):
                    strays.append(prefix + name)  # perhaps left by a killed write
                continue  # .gitkeep and editor files; documented in the README
            if not name.endswith(TASK_SUFFIX) or entry.is_dir():
                strays.append(prefix + name)
                continue
            # A directory entry's stat needs no path to be built: a tenth of the time.
            info = file_stat(entry) if with_stat else None
            candidates.append((prefix + name, stat_key(info) if info is not None else None))
    candidates.sort()  # path order; the paths are unique, so the stats are never compared
    return candidates, strays


def root_temp_files(root: Path) -> list[str]:
    """Temp files a killed write of the settings or the registries left in the root."""
    try:
        with os.scandir(root) as entries:
            return sorted(entry.name for entry in entries if is_temp_name(entry.name))
    except OSError:
        return []


def file_stat(target: os.DirEntry[str] | str) -> os.stat_result | None:
    try:
        return target.stat() if isinstance(target, os.DirEntry) else os.stat(target)
    except OSError:
        return None


def review_files(root: Path, under: str = REVIEWS_DIR) -> list[str]:
    """The records under reviews/ (or another folder of records, ``under``), by name (a
    link or a folder is left to `_load_model`, which reads nothing outside the ledger)."""
    folder = root / under
    if not folder.is_dir() or folder.is_symlink():
        return []
    return sorted(
        f"{under}/{entry.name}"
        for entry in os.scandir(folder)
        if entry.name.endswith(TASK_SUFFIX) and not entry.name.startswith(".")
    )
