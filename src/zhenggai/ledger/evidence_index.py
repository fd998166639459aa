"""One object that knows the evidence on disk: what lies under evidence/ (its files,
links and temp files), each file's stat, and the sha256 already known for it (hashed
while its task was read, or kept by the parse cache). The loader builds it; the
evidence checks ask it, and verify every record by the one route it offers.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from zhenggai.files.filestat import Stat, stat_key
from zhenggai.ledger.evidence import EvidenceProblem, is_relative_inside, verify
from zhenggai.ledger.paths import EVIDENCE_DIR
from zhenggai.records.model import Evidence

if TYPE_CHECKING:
    from zhenggai.ledger.cache import LedgerCache
    from zhenggai.ledger.inventory import Inventory

#: ``verify(record)``: why a recorded evidence file cannot be trusted, or None.
Verifier = Callable[[Evidence], EvidenceProblem | None]


@dataclass
class EvidenceIndex:
    """The evidence of one ledger, as far as this run knows it."""

    root: Path
    cache: LedgerCache | None = field(default=None, repr=False)
    # Where evidence files are looked for: all of evidence/, or, in a ledger loaded for
    # some tasks only, their own folders (a file elsewhere is verified on its own).
    folders: tuple[str, ...] = (EVIDENCE_DIR,)
    # Hashes worked out while the tasks were read: (file stat, sha256) by path.
    hashes: dict[str, tuple[Stat, str]] = field(default_factory=dict, repr=False)
    # Where the loader had evidence/ taken stock of in another process (`preload`): the
    # inventory, when first asked for (None if that failed: evidence/ is scanned here).
    inventory_source: Callable[[], Inventory | None] | None = field(default=None, repr=False)

    @cached_property
    def files(self) -> set[str]:
        """Every regular file under evidence/ (no links followed), by path from the root."""
        return self._scan[0]

    @cached_property
    def links(self) -> list[str]:
        """The symbolic links met under evidence/ (``evidence`` itself included): never
        followed, each a finding."""
        return sorted(self._scan[1])

    @cached_property
    def temp_files(self) -> list[str]:
        """Temp files that killed copies of evidence left under evidence/."""
        return sorted(self._scan[2])

    @cached_property
    def _scan(self) -> tuple[set[str], list[str], list[str]]:
        if self._inventory is not None:
            from zhenggai.ledger.inventory import LINK, TEMP

            inventory = self._inventory
            links = [rel for rel, seen in inventory.items() if seen == LINK]
            temps = [rel for rel, seen in inventory.items() if seen == TEMP]
            files = set(inventory).difference(links, temps) if links or temps else set(inventory)
            return files, links, temps
        from zhenggai.ledger.inventory import scan_evidence

        found_links: list[str] = []
        found_temps: list[str] = []
        files = scan_evidence(self.root, self.cache, self.folders, found_links, found_temps)
        return files, found_links, found_temps

    @cached_property
    def _inventory(self) -> Inventory | None:
        return self.inventory_source() if self.inventory_source is not None else None

    @contextmanager
    def _stats(self) -> Iterator[Callable[[str], Stat | None]]:
        """The stat of a listed evidence file, by its path from the root: as taken with
        the inventory of evidence/ where there is one, else asked of the system now."""
        if self._inventory is not None:
            yield self._inventory.get
            return
        from zhenggai.ledger.inventory import relative_stat

        with relative_stat(self.root) as stat:

            def stat_of(rel: str) -> Stat | None:
                try:
                    return stat_key(stat(rel))
                except OSError:
                    return None

            yield stat_of

    def _trusted_hashes(self) -> dict[str, tuple[Stat, str]]:
        """The hashes that need no reading while their file's stat is the one kept with
        them: those worked out in this run, over those the cache holds."""
        trusted = self.cache.fresh_hashes() if self.cache is not None else {}
        trusted.update(self.hashes)
        return trusted

    def sha256(self, root: Path, rel: str, info: os.stat_result) -> str:
        """An evidence file's sha256: as hashed while its task was read, or from the
        parse cache, while the file is unchanged; else read now."""
        known = self.hashes.get(rel)
        if known is not None and known[0] == stat_key(info):
            return known[1]
        if self.cache is None:
            from zhenggai.files.within import hash_within

            return hash_within(str(root), posixpath.normpath(rel))[0]
        return self.cache.sha256(root, rel, info)

    @contextmanager
    def verifier(self) -> Iterator[Verifier]:
        """The one route to verify a record: a listed file whose stat is the one its
        hash was kept with is settled by that stat and a lookup; every other record is
        judged in full by `evidence.verify`."""
        files, trusted, root = self.files, self._trusted_hashes(), self.root
        with self._stats() as stat_of:

            def verify_record(record: Evidence) -> EvidenceProblem | None:
                path = record.path
                if path in files and is_relative_inside(path):  # listed: a normal path
                    seen = stat_of(path)
                    known = trusted.get(path)
                    if (
                        seen is not None
                        and known is not None
                        and known[0] == seen
                        and known[1] == record.sha256
                        and seen[0] == record.size
                    ):
                        return None
                return verify(root, record, files, self.sha256)

            yield verify_record
