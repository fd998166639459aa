"""回头看 on disk: a sampling record written as ``reviews/REVIEW-YYYY-NN.yaml``
(`zhenggai sample --record`), and a review's outcome written into it — a failed one
reopening its task in the same write (`zhenggai review`)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from zhenggai.findings import LedgerError
from zhenggai.ledger.loaded import Ledger, LoadedReview
from zhenggai.ledger.paths import REVIEWS_DIR
from zhenggai.ledger.reader import read_record
from zhenggai.messages import text as said
from zhenggai.records.base import keys_of
from zhenggai.records.review import Pick, SampleRecord
from zhenggai.safetext import require_one_line
from zhenggai.writes.edits import plan_reopen
from zhenggai.writes.plan import Plan, clean_text, open_for_edit


@dataclass(frozen=True)
class ReviewWrite:
    """The files a review writes: the sampling record, and the task when it reopens."""

    record_path: Path
    record_content: bytes
    record_id: str
    reopen: Plan | None


def next_review_id(ledger: Ledger, year: int) -> str:
    taken = {review.record.id for review in ledger.reviews}
    number = 1
    while f"REVIEW-{year}-{number:02d}" in taken:
        number += 1
    return f"REVIEW-{year}-{number:02d}"


def sample_record_text(
    record_id: str,
    day: date,
    by: str | None,
    seed: int,
    method: str,
    closed_before: date | None,
    population: tuple[int, str],
    picks: tuple[str, ...],
) -> str:
    """The record as YAML: strings as JSON strings (valid YAML, nothing to misread)."""

    def q(text: str) -> str:
        return json.dumps(text, ensure_ascii=False)

    lines = [
        "# 回头看抽查记录：用同一 seed、method、date（与 closed_before）重新运行",
        "# `zhenggai sample` 会抽出同样的任务。",
        f"id: {record_id}",
        f"date: {day.isoformat()}",
    ]
    if by:
        lines.append(f"by: {q(by)}")
    lines += [f"seed: {seed}", f"method: {method}"]
    if closed_before is not None:
        lines.append(f"closed_before: {closed_before.isoformat()}")
    size, rule = population
    lines += ["population:", f"  size: {size}", f"  rule: {q(rule)}", "picks:"]
    lines += [f"  - task: {task_id}" for task_id in picks]
    return "\n".join(lines) + "\n"


def plan_sample_record(ledger: Ledger, text: str, record_id: str) -> tuple[Path, bytes]:
    """The new record's path and bytes, read back by the ledger's strict reader first."""
    rel = f"{REVIEWS_DIR}/{record_id}.yaml"
    path = ledger.root / rel
    folder = ledger.root / REVIEWS_DIR
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        raise LedgerError(
            said("refusing to write {file}: {folder}/ is not a real folder of the ledger "
                 "(a link or a file); make it one", file=rel, folder=REVIEWS_DIR)
        )  # fmt: skip
    if path.exists():
        raise LedgerError(said("{file} exists already", file=rel))
    content = text.encode("utf-8")
    _, value, findings = read_record(content, str(path), rel, SampleRecord)
    if value is None:
        raise LedgerError(said("refusing to write {file}: it does not validate", file=rel),
                          findings, ledger.root)  # fmt: skip
    return path, content


def plan_review(
    ledger: Ledger,
    task_id: str,
    result: str,
    note: str | None,
    by: str | None,
    day: date,
    record_id: str | None = None,
    reopen_in: tuple[Ledger, str] | None = None,
) -> ReviewWrite:
    """The outcome of ``task_id``'s review written into its sampling record (the one
    named, else the latest where it waits for one); a ``fail`` reopens the task — in
    ``reopen_in`` (a child ledger and the id there) where the sample spans many."""
    require_one_line(by=by)
    review, index = _waiting(ledger, task_id, record_id)
    note = clean_text(note or "") or None
    if result == "fail" and not note:
        raise LedgerError(said("a failed review needs --note: what was not done"))
    if day < review.record.date:
        raise LedgerError(
            said("{id} was drawn on {drawn}, after {day}", id=review.record.id,
                 drawn=review.record.date, day=day)
        )  # fmt: skip
    path = ledger.root / review.path
    edited = open_for_edit(path.read_text(encoding="utf-8"))
    from zhenggai.files.roundtrip import set_key

    pick = edited.data["picks"][index]
    order = keys_of(Pick)
    for key, given in (("result", result), ("date", day), ("by", by), ("note", note)):
        if given is not None:
            set_key(pick, key, given, order)
    content = edited.dump()
    _, checked, findings = read_record(content, str(path), review.path, SampleRecord)
    if checked is None:
        raise LedgerError(said("refusing to write {file}: it does not validate",
                               file=review.path), findings, ledger.root)  # fmt: skip
    reopen = None
    if result == "fail":
        reason = f"回头看 {review.record.id}：{note}"
        where, plain = reopen_in or (ledger, task_id)
        reopen = plan_reopen(where, plain, reason, by, day, review=review.record.id)
    return ReviewWrite(path, content, review.record.id, reopen)


def _waiting(ledger: Ledger, task_id: str, record_id: str | None) -> tuple[LoadedReview, int]:
    """The sampling record and the index of ``task_id``'s pick waiting for an outcome."""
    for review in reversed(ledger.reviews):
        if record_id is not None and review.record.id != record_id:
            continue
        for index, pick in enumerate(review.record.picks):
            if pick.task == task_id and (pick.result is None or record_id is not None):
                return review, index
    if record_id is not None and not any(r.record.id == record_id for r in ledger.reviews):
        raise LedgerError(said("no sampling record {id} in reviews/", id=record_id))
    raise LedgerError(
        said("{id} waits in no sampling record for a review: draw one with "
             "`zhenggai sample N --record`", id=task_id)
    )  # fmt: skip
