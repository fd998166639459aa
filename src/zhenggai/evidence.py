"""Evidence files: hashing and verifying them against a task's records."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from zhenggai.model import Evidence

_CHUNK = 1024 * 1024


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass(frozen=True)
class EvidenceProblem:
    """Why a recorded evidence file cannot be trusted; ``key`` is the record's key at fault."""

    key: str
    message: str
    hint: str | None = None


def verify(root: Path, record: Evidence) -> EvidenceProblem | None:
    """Check that ``record`` names a file inside the ledger with the recorded size and hash."""
    relative = PurePosixPath(record.path)
    if relative.is_absolute() or "\\" in record.path or ".." in relative.parts:
        return EvidenceProblem(
            "path",
            f"evidence path {record.path} must be relative to the ledger, without '..'",
            "keep evidence under evidence/<ID>/ and record the path from the ledger root",
        )
    target = root / relative
    try:
        inside = target.resolve().is_relative_to(root.resolve())
    except OSError:
        inside = False
    if not inside:
        return EvidenceProblem("path", f"evidence {record.path} leads outside the ledger")
    if not target.is_file():
        return EvidenceProblem(
            "path",
            f"evidence file {record.path} does not exist",
            "restore the file, or correct the recorded path",
        )
    size = target.stat().st_size
    actual = sha256_of(target)
    if actual != record.sha256:
        return EvidenceProblem(
            "sha256",
            f"evidence file {record.path} has changed: sha256 is {actual}, "
            f"the record says {record.sha256}",
            "restore the original file; a new version is new evidence and needs a new record",
        )
    if size != record.size:
        return EvidenceProblem(
            "size",
            f"evidence file {record.path} is {size} bytes, the record says {record.size}",
        )
    return None
