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
from typing import Any, TypeVar

from zhenggai import __version__
from zhenggai.files.document import Positions
from zhenggai.files.filestat import Listing, Stat, stat_key
from zhenggai.findings import Finding, FindingTuple
from zhenggai.ledger.seal import folder_usable, seal
from zhenggai.records.packing import pack, unpack, unpacker

CACHE_DIR = ".zhenggai-cache"
CACHE_FILE = "ledger-v1.marshal"
RACY_NS = 2_000_000_000  # FAT and some network file systems keep 2-second mtimes

R = TypeVar("R")
S = TypeVar("S")
#: The findings of the checks that look at one file alone, and the key of what else they
#: read (the settings and registries): valid while the key is (see `checks.runner`).
OwnFindings = tuple[str, list[Finding]]
# A file's entry: its stat, its record (marshal bytes of the packed record, unpacked
# only when the record is used), its packed summary, and its own findings packed.
CachedRecord = tuple[Stat, bytes, Any, Any]


def digest(raw: bytes) -> bytes:
    """A file's content digest: enough to tell whether its bytes changed (not a security hash)."""
    return hashlib.blake2b(raw, digest_size=16).digest()


@dataclass
class LedgerCache:
    """What the last run read, and what this run adds; saved when anything changed."""

    root: Path
    # Every file that read and validated: its record, packed into plain values.
    records: dict[str, CachedRecord] = field(default_factory=dict)
    # Every file that did not: the findings that said why (a broken file stays broken
    # until it changes, and reading it again would cost a parse and pydantic's import).
    rejected: dict[str, tuple[Stat, list[FindingTuple]]] = field(default_factory=dict)
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

    @property
    def newest_trusted_ns(self) -> int:
        """The one freshness rule: an entry whose file was modified at or after this mtime
        is not trusted (git's "racily clean": a same-size edit in the same timestamp
        tick as the cache write would look unchanged)."""
        return self.written_ns - RACY_NS

    def _fresh(self, rel: str, stat: Stat) -> bool:
        """Whether an entry made with ``stat`` may be trusted without reading the file."""
        return stat[1] < self.newest_trusted_ns or rel in self.verified

    def _trusted(self, rel: str, stat: Stat) -> CachedRecord | None:
        entry = self.records.get(rel)
        if entry is None or entry[0] != stat or not self._fresh(rel, stat):
            return None
        return entry

    def may_recognise(self, rel: str, stat: Stat) -> bool:
        """Whether ``rel`` has entries that `recognise` could take back: entries, with their
        content digest, that do not already hold for ``stat``."""
        if rel not in self.digests:
            return False
        entry = self.records.get(rel) or self.rejected.get(rel)
        return entry is not None and not (entry[0] == stat and self._fresh(rel, stat))

    def recognise(self, rel: str, stat: Stat, digest: bytes) -> bool:
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
    ) -> list[tuple[S, OwnFindings | None, bytes] | None]:
        """For each (path, stat): its record's summary, own findings and marshal data, while
        trusted.

        One call for every task of a ledger: this loop is most of a warm run.
        """
        records, newest_trusted, verified = self.records, self.newest_trusted_ns, self.verified
        unpack_summary = unpacker(summary)
        found: list[tuple[S, OwnFindings | None, bytes] | None] = []
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
                    own_findings = None
                else:  # most tasks have no findings of their own: no comprehension for them
                    own_findings = (kept[0], [Finding(*f) for f in kept[1]] if kept[1] else [])
            except (ValueError, TypeError, IndexError, KeyError):
                found.append(None)
                continue
            found.append((value, own_findings, entry[1]))
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
        if entry is None or entry[0] != stat or not stat[1] < self.newest_trusted_ns:
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
        record_bytes: bytes,
        packed_summary: Any,
        digest: bytes | None,
        packed_own_findings: Any = None,
    ) -> None:
        """Store a record already packed (see `loader`): its marshal data, packed summary
        and, if its one-file checks ran, their findings packed."""
        self.records[rel] = (stat, record_bytes, packed_summary, packed_own_findings)
        self.rejected.pop(rel, None)
        self._keep_digest(rel, digest)

    def store_own_findings(self, rel: str, stat: Stat, own_findings: OwnFindings) -> None:
        entry = self.records.get(rel)
        if entry is not None and entry[0] == stat:
            key, findings = own_findings
            packed = (key, [astuple(finding) for finding in findings])
            self.records[rel] = (*entry[:3], packed)
            self.dirty = True

    def fresh_hashes(self) -> dict[str, tuple[Stat, str]]:
        """The evidence hashes that may be trusted while their file's stat is as kept."""
        newest_trusted = self.newest_trusted_ns
        return {rel: entry for rel, entry in self.hashes.items() if entry[0][1] < newest_trusted}

    def sha256(self, root: Path, rel: str, info: os.stat_result) -> str:
        """The sha256 of the file at ``rel`` under ``root``, from the cache while its stat holds."""
        import posixpath

        from zhenggai.files.within import hash_within

        stat = stat_key(info)
        entry = self.hashes.get(rel)
        if entry is not None and entry[0] == stat and stat[1] < self.newest_trusted_ns:
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
        from zhenggai.files.atomic import write_atomic  # tempfile: only when something is written

        folder = self.root / CACHE_DIR
        try:
            if not folder_usable(folder, create=True):
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
            write_atomic(folder / CACHE_FILE, _MAGIC + seal(self.root, payload) + payload)
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
    from zhenggai.files.within import open_regular, read_within_limit

    cache = LedgerCache(root)
    folder = root / CACHE_DIR
    if not folder_usable(folder, create=False):
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
    if raw[len(_MAGIC) : start] != seal(root, payload):
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


@cache  # asked when the cache is opened and again when it is saved
def _header() -> tuple[str, str, str]:
    # zhenggai's own source pins what an entry means: the records' fields, and the
    # checks whose findings are kept (~2 ms to read; a new version never misreads).
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.parent.rglob("*.py")):  # all of zhenggai
        digest.update(path.read_bytes())
    return (__version__, digest.hexdigest(), sys.version.split()[0])
