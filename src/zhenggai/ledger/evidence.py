"""Evidence files: hashing, verifying them against a task's records, planning copies in."""

from __future__ import annotations

import dataclasses
import errno
import hashlib
import os
import posixpath
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from zhenggai.ledger.inventory import Kind, entries_of
from zhenggai.ledger.paths import EVIDENCE_DIR
from zhenggai.messages import Text, TextError
from zhenggai.messages import text as said
from zhenggai.records.model import Evidence


def _read_and_hash(root: Path, rel: str, info: os.stat_result) -> str:
    del info
    from zhenggai.files.within import hash_within

    return hash_within(str(root), posixpath.normpath(rel))[0]


@dataclass(frozen=True)
class EvidenceProblem:
    """Why a recorded evidence file cannot be trusted; ``key`` is the record's key at fault."""

    key: str
    message: Text
    hint: Text | None = None


def is_relative_inside(text: str) -> bool:
    """Whether a recorded evidence path is relative to the ledger, without ``..``."""
    # Split only a path that holds "..": this runs for every evidence record of a check.
    return not (text.startswith("/") or "\\" in text or (".." in text and ".." in text.split("/")))


#: ``hasher(root, rel, stat)``: the sha256 of the file at ``rel`` under ``root``.
Hasher = Callable[[Path, str, os.stat_result], str]


def verify(
    root: Path,
    record: Evidence,
    files: set[str] | None = None,
    hasher: Hasher | None = None,
) -> EvidenceProblem | None:
    """Check that ``record`` names a file inside the ledger with the recorded size and hash.

    ``files`` is `scan_evidence`'s inventory (a file found there is a regular file
    inside the ledger); ``hasher(root, rel, stat)`` may answer from a cache, else
    the file is read.
    """
    text = record.path
    if not is_relative_inside(text):
        return EvidenceProblem(
            "path",
            said("evidence path {path} must be relative to the ledger, without '..'", path=text),
            said("keep evidence under evidence/<ID>/ and record the path from the ledger root"),
        )
    normalized = posixpath.normpath(text)
    if files is not None and normalized in files:
        # Listed: a regular file, reached through real folders when evidence/ was scanned.
        try:
            info = os.stat(f"{root}/{normalized}", follow_symlinks=False)
        except OSError:
            info = None  # gone since it was listed: said below
        if info is not None and stat.S_ISREG(info.st_mode):
            return _compare(root, record, info, hasher)
    from zhenggai.files.within import NotWithin, open_within

    try:
        descriptor = open_within(str(root), normalized)
    except NotWithin as err:
        return EvidenceProblem(
            "path",
            said(
                "evidence {path} {why}: a link may lead outside the ledger, and is never followed",
                path=record.path,
                why=err.strerror,
            ),
            said("put the file itself under evidence/<ID>/"),
        )
    except OSError:
        return EvidenceProblem(
            "path",
            said("evidence file {path} does not exist", path=record.path),
            said("restore the file, or correct the recorded path"),
        )
    try:
        info = os.fstat(descriptor)
    finally:
        os.close(descriptor)
    return _compare(root, record, info, hasher)


def _compare(
    root: Path, record: Evidence, info: os.stat_result, hasher: Hasher | None
) -> EvidenceProblem | None:
    size = info.st_size
    actual = (hasher or _read_and_hash)(root, record.path, info)
    if actual != record.sha256:
        return EvidenceProblem(
            "sha256",
            said(
                "evidence file {path} has changed: sha256 is {actual}, the record says {recorded}",
                path=record.path,
                actual=actual,
                recorded=record.sha256,
            ),
            said("restore the original file; a new version is new evidence and needs a new record"),
        )
    if size != record.size:
        return EvidenceProblem(
            "size",
            said(
                "evidence file {path} is {size} bytes, the record says {recorded}",
                path=record.path,
                size=size,
                recorded=record.size,
            ),
        )
    return None


@dataclass(frozen=True)
class StoredEvidence:
    """An evidence file as it will be recorded: copied in, or already there."""

    source: Path
    path: str  # relative to the ledger root, forward slashes
    sha256: str
    size: int
    copy: bool  # False when the same content is already stored
    also: tuple[str, ...] = ()  # other names this content was given in the same close


_UNSAFE = re.compile(r"[^\w.()（）\-]+")


def safe_name(name: str) -> str:
    """A file name that stays inside its folder on every system: letters (Chinese too),
    digits, dots, dashes and brackets; no leading dot; at most 120 characters."""
    stem, dot, suffix = name.rpartition(".")
    if not dot or not stem:
        stem, suffix = name, ""
    stem = _UNSAFE.sub("_", stem).strip("._") or "evidence"
    suffix = _UNSAFE.sub("", suffix)[:16]
    return (stem[:100] + ("." + suffix if suffix else "")).lstrip(".")


class EvidenceRefused(TextError):
    """A file that cannot be taken as evidence, and why."""


def _unreadable(source: Path | str, err: OSError) -> Text:
    if err.errno == errno.ENOENT:
        return said("cannot read {file}: no such file", file=source)
    if err.errno in (errno.EACCES, errno.EPERM):
        return said("cannot read {file}: no permission", file=source)
    return said("cannot read {file}: {why}", file=source, why=err.strerror or str(err))


def plan_evidence(
    root: Path, task_id: str, sources: list[Path], max_bytes: int, recorded: list[Evidence]
) -> list[StoredEvidence]:
    """Where each source file goes under ``evidence/<task_id>/``; nothing is copied yet.

    Refuses links, folders, FIFOs and other non-files, and files over ``max_bytes``.
    The same content is stored and recorded once, whatever its names.
    """
    if "/" in task_id or "\\" in task_id or task_id in (".", ".."):
        raise EvidenceRefused(
            said("task id {id} would put evidence outside the ledger", id=repr(task_id))
        )
    rel_folder = f"{EVIDENCE_DIR}/{task_id}"
    for rel in (EVIDENCE_DIR, rel_folder):
        try:
            info = (root / rel).lstat()
        except FileNotFoundError:
            break  # made when the first file is copied in
        except OSError as err:
            raise EvidenceRefused(_unreadable(f"{rel}/", err)) from None
        if not stat.S_ISDIR(info.st_mode):
            raise EvidenceRefused(
                said("{file} is a symbolic link: evidence is copied only into a real folder "
                     "inside the ledger; make {file}/ a folder", file=rel)
                if stat.S_ISLNK(info.st_mode)
                else said("{file} is not a folder: evidence is copied only into a real folder "
                          "inside the ledger; make {file}/ a folder", file=rel)
            )  # fmt: skip
    existing: dict[str, str] = {}
    taken: set[str] = set()
    for entry, kind in entries_of(str(root / rel_folder)) or ():
        taken.add(entry.name)
        if kind is Kind.FILE:
            from zhenggai.files.within import hash_within

            try:
                existing.setdefault(
                    hash_within(str(root), f"{rel_folder}/{entry.name}")[0], entry.name
                )
            except OSError:
                continue
    known = {record.sha256 for record in recorded}
    planned: list[StoredEvidence] = []
    for source in sources:
        _check_source(source, max_bytes)
        digest, size = _hash_source(source, max_bytes)
        twin = next((i for i, item in enumerate(planned) if item.sha256 == digest), None)
        if twin is not None:  # the same content under another name: stored once, both named
            item = planned[twin]
            if source.name != item.source.name and source.name not in item.also:
                planned[twin] = dataclasses.replace(item, also=(*item.also, source.name))
            continue
        if digest in known:
            continue
        known.add(digest)
        if digest in existing:
            rel = f"{rel_folder}/{existing[digest]}"
            planned.append(StoredEvidence(source, rel, digest, size, copy=False))
            continue
        name = _free_name(safe_name(source.name), taken)
        taken.add(name)
        planned.append(StoredEvidence(source, f"{rel_folder}/{name}", digest, size, copy=True))
    return planned


def _hash_source(source: Path, max_bytes: int) -> tuple[str, int]:
    """The sha256 and size of the bytes ``source`` gives when read: the size a record
    keeps and the limit applies to (a file in /proc says 0 bytes and gives more)."""
    digest = hashlib.sha256()
    size = 0
    try:
        with open(source, "rb") as stream:
            while chunk := stream.read(1024 * 1024):
                size += len(chunk)
                if size > max_bytes:
                    raise EvidenceRefused(_too_big(source, max_bytes))
                digest.update(chunk)
    except OSError as err:
        raise EvidenceRefused(_unreadable(source, err)) from None
    return digest.hexdigest(), size


def _too_big(source: Path, max_bytes: int) -> Text:
    return said("{file} is over the ledger's limit of {n} MiB (evidence_max_mb)", file=source,
                n=max_bytes // (1024 * 1024))  # fmt: skip


def _check_source(source: Path, max_bytes: int) -> None:
    try:
        info = source.lstat()
    except OSError as err:
        raise EvidenceRefused(_unreadable(source, err)) from None
    if stat.S_ISLNK(info.st_mode):
        raise EvidenceRefused(
            said("{file} is a symbolic link; give the file it points to", file=source)
        )
    if stat.S_ISDIR(info.st_mode):
        raise EvidenceRefused(
            said("{file} is a folder; give each file, or zip the folder", file=source)
        )
    if not stat.S_ISREG(info.st_mode):
        raise EvidenceRefused(
            said("{file} is not a regular file (a pipe or a device)", file=source)
        )
    if info.st_size > max_bytes:  # refused before a byte is read
        raise EvidenceRefused(_too_big(source, max_bytes))


def _free_name(name: str, taken: set[str]) -> str:
    if name not in taken:
        return name
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    number = 2
    while True:
        candidate = f"{stem}-{number}" + (f".{suffix}" if suffix else "")
        if candidate not in taken:
            return candidate
        number += 1
