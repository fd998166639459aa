"""The checks, in the order they are documented and run."""

from __future__ import annotations

from zhenggai.checks.approvals import check_approval_record, check_request_pending
from zhenggai.checks.base import Check
from zhenggai.checks.changes import (
    check_closed_task_edited,
    check_deadline_moved,
    check_evidence_changed,
    check_log_rewritten,
    check_status_backwards,
    check_task_removed,
)
from zhenggai.checks.closing import check_evidence_present, check_status_record
from zhenggai.checks.deadlines import (
    check_dates_in_order,
    check_deadline_present,
    check_future_date,
)
from zhenggai.checks.evidence import check_evidence_intact, check_orphan_evidence
from zhenggai.checks.files import (
    check_id_filename,
    check_parse,
    check_schema,
    check_stray_temp_file,
    check_unique_id,
    files_not_tasks,
)
from zhenggai.checks.references import check_known_references
from zhenggai.checks.reviews import check_review_record
from zhenggai.checks.text import check_plain_text, check_text_length
from zhenggai.checks.timeliness import (
    check_forms_missing,
    check_notice_unanswered,
    check_overdue,
    check_review_overdue,
    check_review_pending,
    check_stale,
)
from zhenggai.records.model import Level

CHECKS: tuple[Check, ...] = (
    Check("parse", "basic", Level.ERROR, check_parse),
    Check("schema", "basic", Level.ERROR, check_schema),
    Check("id-filename", "basic", Level.ERROR, files_not_tasks, each_task=check_id_filename),
    Check("unique-id", "basic", Level.ERROR, check_unique_id),
    Check("deadline-present", "basic", Level.ERROR, each_task=check_deadline_present),
    Check("known-references", "basic", Level.ERROR, each_task=check_known_references),
    Check("status-record", "basic", Level.ERROR, each_task=check_status_record),
    Check("future-date", "basic", Level.ERROR, check_future_date),
    Check("plain-text", "basic", Level.ERROR, each_task=check_plain_text),
    Check("text-length", "basic", Level.ERROR, each_task=check_text_length),
    Check("approval-record", "basic", Level.ERROR, each_task=check_approval_record),
    Check("review-record", "basic", Level.ERROR, check_review_record),
    Check("stray-temp-file", "basic", Level.WARNING, check_stray_temp_file),
    Check("evidence-present", "strict", Level.ERROR, each_task=check_evidence_present),
    Check("evidence-intact", "strict", Level.ERROR, check_evidence_intact),
    Check("dates-in-order", "strict", Level.ERROR, each_task=check_dates_in_order),
    Check("orphan-evidence", "strict", Level.WARNING, check_orphan_evidence),
    Check("overdue", "timeliness", Level.WARNING, check_overdue),
    Check("review-overdue", "timeliness", Level.WARNING, check_review_overdue),
    Check("stale", "timeliness", Level.WARNING, check_stale),
    Check("notice-unanswered", "timeliness", Level.WARNING, check_notice_unanswered),
    Check("review-pending", "timeliness", Level.WARNING, check_review_pending),
    Check("request-pending", "timeliness", Level.WARNING, check_request_pending),
    Check("forms-missing", "timeliness", Level.WARNING, check_forms_missing),
    # Only with --since REV: what a change did, against the ledger at REV.
    Check("deadline-moved", "change", Level.ERROR, check_deadline_moved),
    Check("closed-task-edited", "change", Level.ERROR, check_closed_task_edited),
    Check("evidence-changed", "change", Level.ERROR, check_evidence_changed),
    Check("status-backwards", "change", Level.ERROR, check_status_backwards),
    Check("task-removed", "change", Level.ERROR, check_task_removed),
    Check("log-rewritten", "change", Level.ERROR, check_log_rewritten),
)

CHECK_IDS: tuple[str, ...] = tuple(check.id for check in CHECKS)
TIERS: tuple[str, ...] = ("basic", "strict", "timeliness", "change")
