"""What a reader keeps of a file or a folder to know, next time, whether it changed."""

from __future__ import annotations

import os

#: A file's size, mtime (ns) and inode: what git's index keeps, and the parse cache.
Stat = tuple[int, int, int]

#: A folder's regular files, its subfolders, its symbolic links and the temp files of
#: killed copies, by name.
Listing = tuple[list[str], list[str], list[str], list[str]]


def stat_key(info: os.stat_result) -> Stat:
    return (info.st_size, info.st_mtime_ns, info.st_ino)
