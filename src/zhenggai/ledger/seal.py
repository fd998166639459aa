"""The parse cache's seal: an HMAC-SHA256 over its contents, keyed by a secret that is
never in a work tree, so that no cache committed, copied or edited is believed."""

from __future__ import annotations

import hashlib
import os
from functools import cache
from pathlib import Path


def folder_usable(folder: Path, *, create: bool) -> bool:
    """Whether ``folder`` is a real folder (not a link that could lead out of the ledger)."""
    import stat as stat_module

    try:
        info = folder.lstat()
    except FileNotFoundError:
        if not create:
            return False
        folder.mkdir()
        return True
    except OSError:
        return False
    return stat_module.S_ISDIR(info.st_mode)


def seal(root: Path, payload: bytes | memoryview) -> bytes:
    """A keyed hash (HMAC-SHA256) of the cache's contents. The key is this machine's secret, kept
    outside any work tree, so no cache committed or copied from elsewhere carries a
    valid seal (a cache restored beside that secret, as a CI cache step can, does).
    Where no secret can be kept, the ledger folder's device and inode key it."""
    key = machine_secret()
    if not key:
        info = os.stat(root)
        key = hashlib.blake2b(f"{info.st_dev}:{info.st_ino}".encode(), digest_size=32).digest()
    import hmac  # HMAC-SHA256: twice as fast as a keyed blake2b where the CPU has SHA

    return hmac.digest(key, payload, "sha256")


@cache
def machine_secret() -> bytes:
    """32 random bytes kept outside any work tree (the user's cache folder), made once;
    empty where none can be kept (the inode alone then keys the seal). A pipeline that
    keeps the parse cache between runs on fresh machines gives the secret instead, in
    $ZHENGGAI_CACHE_SECRET (a masked CI variable, never in the repository)."""
    given = os.environ.get("ZHENGGAI_CACHE_SECRET")
    if given:
        return hashlib.sha256(given.encode("utf-8", "surrogateescape")).digest()
    from zhenggai.files.within import open_regular, read_within_limit

    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    path = os.path.join(base, "zhenggai", "cache-key")
    try:
        secret = read_within_limit(open_regular(path), 64)
        if len(secret) == 32:
            return secret
    except OSError:
        pass
    secret = os.urandom(32)
    try:
        os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
        descriptor = os.open(path, flags, 0o600)
        with os.fdopen(descriptor, "wb") as out:
            out.write(secret)
    except FileExistsError:
        try:  # made by a run beside this one: use theirs
            kept = read_within_limit(open_regular(path), 64)
        except OSError:
            return b""
        return kept if len(kept) == 32 else b""
    except OSError:
        return b""
    return secret
