"""Checks that evidence on disk and evidence in the tasks agree."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from pathlib import PurePosixPath

from zhenggai.checks.base import CheckContext, file_finding, task_finding
from zhenggai.findings import Finding
from zhenggai.ledger.paths import EVIDENCE_DIR
from zhenggai.messages import text


def check_evidence_intact(ctx: CheckContext) -> Iterator[Finding]:
    """Every recorded evidence file exists inside the ledger and matches its sha256 and size.

    A file changed after sign-off is no longer the evidence that was
    accepted; the finding gives the expected and the actual hash.

    Fails::

        evidence:
          - path: evidence/TASK-001/纪要.pdf     # file missing, or edited since
            sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
            size: 48213
            added: 2021-06-30

    A symbolic link under ``evidence/`` (or ``evidence/`` itself a link) is an
    error too: it may lead outside the ledger, so it is never followed, listed
    or hashed.

    Passes: the same record, with the file present and unchanged.
    """
    ledger = ctx.ledger
    for rel in ledger.evidence.links:
        yield file_finding(
            rel,
            text(
                "{path} is a symbolic link: it may lead outside the ledger, and is never followed",
                path=rel,
            ),
            text("put the files themselves under evidence/<ID>/ and remove the link"),
        )
    with ledger.evidence.verifier() as verify_record:
        for loaded in ledger.tasks:
            evidence = loaded.evidence
            if not evidence:
                continue  # most tasks: skipped before an enumerate is made
            for index, record in enumerate(evidence):
                problem = verify_record(record)
                if problem is not None:
                    yield task_finding(
                        loaded,
                        ("evidence", index, problem.key),
                        problem.message,
                        hint=problem.hint,
                    )


def check_orphan_evidence(ctx: CheckContext) -> Iterator[Finding]:
    """Every file under ``evidence/`` is recorded by some task.

    A file nobody references is usually evidence that was copied in but never
    recorded. Files in the folder of a task that failed to load are not
    reported (that task's own finding comes first).

    Fails: ``evidence/TASK-001/scan.pdf`` exists, and no task lists it.

    Passes: the file is listed in the ``evidence:`` of TASK-001.
    """
    ledger = ctx.ledger
    referenced = {
        posixpath.normpath(record.path) for loaded in ledger.tasks for record in loaded.evidence
    }
    # The folders of tasks that did not load: their own finding comes first.
    skipped = {f"{EVIDENCE_DIR}/{PurePosixPath(path).stem}/" for path in ledger.unloaded_task_files}
    for rel in sorted(ledger.evidence.files):
        if rel in referenced or any(rel.startswith(folder) for folder in skipped):
            continue
        yield file_finding(
            rel,
            text("evidence file {path} is not recorded by any task", path=rel),
            text("record it in a task's evidence (zhenggai close), or remove it"),
        )
