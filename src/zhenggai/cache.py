"""A parse cache like git's index: validated records and evidence hashes, keyed by file stat.

An entry is used only while its file's size, mtime (ns) and inode are what
they were when it was read; anything else is read again. Like git's "racily
clean" rule, an entry whose file was modified within two seconds before the
cache was written is not trusted (a same-size edit in the same timestamp tick
would look unchanged), and is read again next time.

The file is marshal data of plain values (no pickle: a cache committed to a
repository by someone else must never run code), under a header of the
zhenggai version, the models' source and the Python version; a corrupt or
foreign cache is ignored and rebuilt. It lives in ``.zhenggai-cache/`` under
the ledger, with a ``.gitignore`` of its own.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
from dataclasses import astuple, dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from zhenggai import __version__
from zhenggai.document import Positions
from zhenggai.findings import Finding
from zhenggai.packing import pack, unpack, unpacker

if TYPE_CHECKING:
    from zhenggai.evidence import Listing

CACHE_DIR = ".zhenggai-cache"
CACHE_FILE = "ledger-v1.marshal"
RACY_NS = 2_000_000_000  # FAT and some network file systems keep 2-second mtimes

Stat = tuple[int, int, int]  # size, mtime_ns, inode
R = TypeVar("R")
S = TypeVar("S")
#: The findings of the checks that look at one file alone, and the key of what else they
#: read (the settings and registries): valid while the key is (see `checks.runner`).
Memo = tuple[str, list[Finding]]
# A file's entry: its stat, its record (marshal bytes of the packed record, unpacked
# only when the record is used), its packed summary, and its packed memo.
_Entry = tuple[Stat, bytes, Any, Any]


def stat_key(info: os.stat_result) -> Stat:
    return (info.st_size, info.st_mtime_ns, info.st_ino)


def digest(raw: bytes) -> bytes:
    """A file's content digest: enough to tell whether its bytes changed (not a security hash)."""
    return hashlib.blake2b(raw, digest_size=16).digest()


@dataclass
class LedgerCache:
    """What the last run read, and what this run adds; saved when anything changed."""

    root: Path
    # Every file that read and validated: its record, packed into plain values.
    records: dict[str, _Entry] = field(default_factory=dict)
    # Every file that did not: the findings that said why (a broken file stays broken
    # until it changes, and reading it again would cost a parse and pydantic's import).
    rejected: dict[str, tuple[Stat, list[tuple[Any, ...]]]] = field(default_factory=dict)
    hashes: dict[str, tuple[Stat, str]] = field(default_factory=dict)
    # Positions worked out for files that had findings: the same findings come back
    # every run until the file changes, and re-parsing for them costs ~1 ms a file.
    # Each file's are marshal data of their own, unpacked only when a finding in that
    # file is placed: a command that places none (`list`) never unpacks them.
    positions: dict[str, tuple[Stat, bytes]] = field(default_factory=dict)
    # The content digest (`digest`) of each file an entry above was made from: a file
    # whose stat changed but whose bytes did not (a fresh clone, a checkout, a touch, a
    # racily-clean entry) is recognised by reading it, not parsed again.
    digests: dict[str, bytes] = field(default_factory=dict)
    # The listings of the folders under evidence/, kept while a folder's stat holds
    # (as git's untracked cache keeps them): listing thousands of folders costs more
    # than asking each for its stat.
    listings: dict[str, tuple[Stat, Listing]] = field(default_factory=dict)
    written_ns: int = 0
    dirty: bool = False
    # Files whose content was found unchanged in this run: trusted whatever their mtime.
    verified: set[str] = field(default_factory=set)

    def _fresh(self, rel: str, stat: Stat) -> bool:
        """Whether an entry made with ``stat`` may be trusted without reading the file."""
        return stat[1] < self.written_ns - RACY_NS or rel in self.verified

    def _trusted(self, rel: str, stat: Stat) -> _Entry | None:
        entry = self.records.get(rel)
        if entry is None or entry[0] != stat or not self._fresh(rel, stat):
            return None
        return entry

    def may_adopt(self, rel: str, stat: Stat) -> bool:
        """Whether ``rel`` has entries that `adopt` could take back: entries, with their
        content digest, that do not already hold for ``stat``."""
        if rel not in self.digests:
            return False
        entry = self.records.get(rel) or self.rejected.get(rel)
        return entry is not None and not (entry[0] == stat and self._fresh(rel, stat))

    def adopt(self, rel: str, stat: Stat, digest: bytes) -> bool:
        """Take ``rel``'s entries as its own again if its bytes are those they were made
        from: only its stat changed. The entries then hold for ``stat``."""
        record, rejected = self.records.get(rel), self.rejected.get(rel)
        if self.digests.get(rel) != digest or (record is None and rejected is None):
            return False
        old = record[0] if record is not None else rejected[0] if rejected is not None else None
        if record is not None:
            self.records[rel] = (stat, *record[1:])
        if rejected is not None:
            self.rejected[rel] = (stat, rejected[1])
        positions = self.positions.get(rel)
        if positions is not None and positions[0] == old:
            self.positions[rel] = (stat, positions[1])
        self.verified.add(rel)
        self.dirty = True
        return True

    def record(self, rel: str, stat: Stat, kind: type[R]) -> R | None:
        """The ``kind`` record read from ``rel`` when it had ``stat``, if still trusted."""
        entry = self._trusted(rel, stat)
        if entry is None:
            return None
        try:
            return unpack(kind, marshal.loads(entry[1]))
        except (ValueError, EOFError, TypeError):
            return None

    def summaries(
        self, files: list[tuple[str, Stat]], summary: type[S]
    ) -> list[tuple[S, Memo | None, bytes] | None]:
        """For each (path, stat): its record's summary, memo and marshal data, while trusted.

        One call for every task of a ledger: this loop is most of a warm run.
        """
        records, newest_trusted, verified = self.records, self.written_ns - RACY_NS, self.verified
        unpack_summary = unpacker(summary)
        found: list[tuple[S, Memo | None, bytes] | None] = []
        for rel, stat in files:
            entry = records.get(rel)
            if (
                entry is None
                or entry[0] != stat
                or (stat[1] >= newest_trusted and rel not in verified)
                or entry[2] is None
            ):
                found.append(None)
                continue
            try:
                value = unpack_summary(entry[2])
                kept = entry[3]
                if kept is None:
                    memo = None
                else:  # most tasks have no findings of their own: no comprehension for them
                    memo = (kept[0], [Finding(*f) for f in kept[1]] if kept[1] else [])
            except (ValueError, TypeError, IndexError, KeyError):
                found.append(None)
                continue
            found.append((value, memo, entry[1]))
        return found

    def rejection(self, rel: str, stat: Stat) -> list[Finding] | None:
        """The findings that kept ``rel`` out of the ledger when it had ``stat``, if trusted."""
        entry = self.rejected.get(rel)
        if entry is None or entry[0] != stat or not self._fresh(rel, stat):
            return None
        try:
            return [Finding(*fields) for fields in entry[1]]
        except TypeError:
            return None

    def store_rejection(
        self, rel: str, stat: Stat, findings: list[Finding], digest: bytes | None
    ) -> None:
        self.rejected[rel] = (stat, [astuple(finding) for finding in findings])
        self.records.pop(rel, None)
        self._keep_digest(rel, digest)

    def _keep_digest(self, rel: str, digest: bytes | None) -> None:
        if digest is None:
            self.digests.pop(rel, None)
        else:
            self.digests[rel] = digest
        self.verified.add(rel)  # what was just read is what the entry says
        self.dirty = True

    def positions_of(self, rel: str, stat: Stat) -> Positions | None:
        entry = self.positions.get(rel)
        if entry is None or entry[0] != stat or not self._fresh(rel, stat):
            return None
        try:
            positions: Positions = marshal.loads(entry[1])
        except (ValueError, EOFError, TypeError):
            return None
        return positions

    def listing(self, folder: str, stat: Stat) -> Listing | None:
        """The files and subfolders of ``folder`` when it had ``stat``, if still trusted."""
        entry = self.listings.get(folder)
        if entry is None or entry[0] != stat or not stat[1] < self.written_ns - RACY_NS:
            return None
        return entry[1]

    def store_listing(self, folder: str, stat: Stat, listing: Listing) -> None:
        self.listings[folder] = (stat, listing)
        self.dirty = True

    def forget_listings_except(self, folders: set[str]) -> None:
        gone = [folder for folder in self.listings if folder not in folders]
        for folder in gone:
            del self.listings[folder]
        self.dirty = self.dirty or bool(gone)

    def store_positions(self, rel: str, stat: Stat, positions: Positions) -> None:
        self.positions[rel] = (stat, marshal.dumps(positions))
        self.dirty = True

    def store(self, rel: str, stat: Stat, value: Any, digest: bytes | None) -> None:
        """Store a record that has no summary (the settings, the registries)."""
        self.records[rel] = (stat, marshal.dumps(pack(value)), None, None)
        self.rejected.pop(rel, None)
        self._keep_digest(rel, digest)

    def store_packed(
        self,
        rel: str,
        stat: Stat,
        blob: bytes,
        packed_summary: Any,
        digest: bytes | None,
        packed_memo: Any = None,
    ) -> None:
        """Store a record already packed (see `loader`): its marshal data, packed summary
        and, if its one-file checks ran, their packed memo."""
        self.records[rel] = (stat, blob, packed_summary, packed_memo)
        self.rejected.pop(rel, None)
        self._keep_digest(rel, digest)

    def store_memo(self, rel: str, stat: Stat, memo: Memo) -> None:
        entry = self.records.get(rel)
        if entry is not None and entry[0] == stat:
            key, findings = memo
            packed = (key, [astuple(finding) for finding in findings])
            self.records[rel] = (*entry[:3], packed)
            self.dirty = True

    def fresh_hashes(self) -> dict[str, tuple[Stat, str]]:
        """The evidence hashes that may be trusted while their file's stat is as kept."""
        newest_trusted = self.written_ns - RACY_NS
        return {rel: entry for rel, entry in self.hashes.items() if entry[0][1] < newest_trusted}

    def sha256(self, root: Path, rel: str, info: os.stat_result) -> str:
        """The sha256 of the file at ``rel`` under ``root``, from the cache while its stat holds."""
        import posixpath

        from zhenggai.within import hash_within

        stat = stat_key(info)
        entry = self.hashes.get(rel)
        if entry is not None and entry[0] == stat and stat[1] < self.written_ns - RACY_NS:
            return entry[1]
        digest = hash_within(str(root), posixpath.normpath(rel))[0]
        self.hashes[rel] = (stat, digest)
        self.dirty = True
        return digest

    def store_hash(self, rel: str, stat: Stat, sha256: str) -> None:
        self.hashes[rel] = (stat, sha256)
        self.dirty = True

    def forget_missing(self, present: set[str]) -> None:
        gone = [rel for rel in (*self.records, *self.rejected) if rel not in present]
        for rel in gone:
            self.records.pop(rel, None)
            self.rejected.pop(rel, None)
            self.positions.pop(rel, None)
            self.digests.pop(rel, None)
        self.dirty = self.dirty or bool(gone)

    def save(self) -> None:
        """Write the cache atomically; a ledger on a read-only disk simply goes uncached."""
        if not self.dirty:
            return
        from zhenggai.atomic import write_atomic  # tempfile: only when something is written

        folder = self.root / CACHE_DIR
        try:
            if not _cache_folder_usable(folder, create=True):
                return
            ignore = folder / ".gitignore"
            if not ignore.exists():
                write_atomic(ignore, b"# zhenggai's parse cache: never commit it\n*\n")
            parts = (
                self.records,
                self.rejected,
                self.hashes,
                self.positions,
                self.digests,
                self.listings,
            )
            payload = marshal.dumps((_header(), *parts))
            write_atomic(folder / CACHE_FILE, _MAGIC + _seal(self.root, payload) + payload)
        except OSError:
            return
        self.dirty = False


#: The cache file: this magic, the seal of what follows (`_seal`), the marshal data.
_MAGIC = b"zhgcache"
_SEAL_BYTES = 32
#: No cache is read past this size: a ledger of 100,000 tasks keeps about 85 MB.
MAX_CACHE_BYTES = 1 << 30


def open_cache(root: Path) -> LedgerCache:
    """The ledger's cache, or an empty one when it is missing, corrupt or from elsewhere.

    Only a regular file is read (never through a link, never a FIFO or a device),
    up to `MAX_CACHE_BYTES`, and only if its seal is the one this machine gives
    this ledger folder: a cache committed to the repository, copied from another
    machine or edited by hand is ignored and rebuilt, never believed.
    """
    from zhenggai.within import open_regular, read_within_limit

    cache = LedgerCache(root)
    folder = root / CACHE_DIR
    if not _cache_folder_usable(folder, create=False):
        return cache
    try:
        descriptor = open_regular(str(folder / CACHE_FILE))
        written = os.fstat(descriptor).st_mtime_ns
        raw = read_within_limit(descriptor, MAX_CACHE_BYTES)
    except OSError:
        return cache
    start = len(_MAGIC) + _SEAL_BYTES
    if len(raw) > MAX_CACHE_BYTES or not raw.startswith(_MAGIC):
        return cache
    payload = memoryview(raw)[start:]
    if raw[len(_MAGIC) : start] != _seal(root, payload):
        return cache
    try:
        header, *parts = marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return cache
    if header != _header() or len(parts) != 6 or not all(isinstance(p, dict) for p in parts):
        return cache
    cache.records, cache.rejected, cache.hashes, cache.positions, cache.digests = parts[:5]
    cache.listings = parts[5]
    cache.written_ns = written
    return cache


def _cache_folder_usable(folder: Path, *, create: bool) -> bool:
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


def _seal(root: Path, payload: bytes | memoryview) -> bytes:
    """A keyed hash (HMAC-SHA256) of the cache's contents. The key is this machine's secret, kept
    outside any work tree, so no cache committed or copied from elsewhere carries a
    valid seal (a cache restored beside that secret, as a CI cache step can, does).
    Where no secret can be kept, the ledger folder's device and inode key it."""
    key = _machine_secret()
    if not key:
        info = os.stat(root)
        key = hashlib.blake2b(f"{info.st_dev}:{info.st_ino}".encode(), digest_size=32).digest()
    import hmac  # HMAC-SHA256: twice as fast as a keyed blake2b where the CPU has SHA

    return hmac.digest(key, payload, "sha256")


@cache
def _machine_secret() -> bytes:
    """32 random bytes kept outside any work tree (the user's cache folder), made once;
    empty where none can be kept (the inode alone then keys the seal). A pipeline that
    keeps the parse cache between runs on fresh machines gives the secret instead, in
    $ZHENGGAI_CACHE_SECRET (a masked CI variable, never in the repository)."""
    given = os.environ.get("ZHENGGAI_CACHE_SECRET")
    if given:
        return hashlib.sha256(given.encode("utf-8", "surrogateescape")).digest()
    from zhenggai.within import open_regular, read_within_limit

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


@cache  # asked when the cache is opened and again when it is saved
def _header() -> tuple[str, str, str]:
    # zhenggai's own source pins what an entry means: the records' fields, and the
    # checks whose findings are kept (~2 ms to read; a new version never misreads).
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.rglob("*.py")):
        digest.update(path.read_bytes())
    return (__version__, digest.hexdigest(), sys.version.split()[0])
