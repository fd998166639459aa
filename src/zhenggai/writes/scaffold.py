"""`zhenggai init`: the files of a new, valid, empty ledger."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from zhenggai.files.atomic import write_atomic
from zhenggai.files.journal import JOURNAL
from zhenggai.files.lock import LOCK_FILE
from zhenggai.findings import LedgerError
from zhenggai.ledger.paths import (
    BULLETIN_DIR,
    EVIDENCE_DIR,
    PROBLEMS_FILE,
    SETTINGS_FILE,
    TASKS_DIR,
)
from zhenggai.ledger.texts import BULLETIN_TEXTS, default_text
from zhenggai.messages import text as said
from zhenggai.records.schema import SCHEMA_DIR, modeline, write_schemas
from zhenggai.safetext import require_one_line

KINDS = ("巡视", "巡察", "审计", "督查")

_SETTINGS = """\
# The ledger's settings and registries. Every key, its type and default: docs/settings.md
# (docs/zh/设置参考.md), or `zhenggai schema settings`.
title: {title}
source:
  kind: {kind}             # 巡视 | 巡察 | 审计 | 督查
  inspector: {inspector}
  feedback_date: {feedback}  # when the findings were handed over; relative deadlines count from it
timezone: Asia/Shanghai    # "today" is the ledger's today, not the CI runner's
language: zh               # zh | en: the words in tables and reports
id_prefix: TASK
thresholds:
  notice_days: 20          # 提示
  yellow_days: 10          # 黄灯; overdue is red
stale_days: 30             # no progress note for this long: a warning
signoff_requires_approver: false
allow_close_without_evidence: false
shift_deadline_to_workday: false   # 民法典 Art. 203: a computed deadline on a rest day moves on
commit: false              # commit every change to git, as if given --commit
units:                     # the first unit of a task leads (牵头单位), the rest cooperate
  - id: 办公室
    name: 整改工作领导小组办公室
    liaison: 联络员
leaders:                   # 牵头领导
  - id: 组长
    name: 整改工作领导小组组长
"""

_PROBLEMS = """\
# The inspection's findings (反馈问题), grouped as the feedback groups them.
sections:
  - id: S1
    title: （一）第一方面
    problems:
      - id: P01
        title: 第一个问题
        source_ref: 一(一)1
"""

_GITATTRIBUTES = """\
# Ledger files are text with LF line endings on every machine, so diffs stay clean.
*.yaml text eol=lf
# Evidence is kept byte for byte: its sha256 is recorded in the tasks.
evidence/** binary
"""

_GITIGNORE = f"""\
{LOCK_FILE}
{JOURNAL}
.zhenggai-cache/
"""


def create_ledger(
    folder: Path, *, title: str, kind: str, inspector: str, feedback: date
) -> list[Path]:
    """Write a new ledger into ``folder`` and return its files; never touches an existing one."""
    require_one_line(title=title, inspector=inspector)
    if kind not in KINDS:
        raise LedgerError(
            said(
                "--kind must be one of {known}, not {typed}",
                known=", ".join(KINDS),
                typed=repr(kind),
            )
        )
    if (folder / SETTINGS_FILE).exists():
        raise LedgerError(
            said(
                "{file} exists: {folder} is already a ledger",
                file=folder / SETTINGS_FILE,
                folder=folder,
            )
        )
    if folder.exists() and not folder.is_dir():
        raise LedgerError(said("{folder} exists and is not a folder", folder=folder))
    if folder.is_dir() and any(folder.iterdir()):
        raise LedgerError(said("{folder} is not empty; give a new or empty folder", folder=folder))
    files = {
        SETTINGS_FILE: modeline("settings", 0)
        + _SETTINGS.format(
            title=_quoted(title), kind=kind, inspector=_quoted(inspector), feedback=feedback
        ),
        PROBLEMS_FILE: modeline("problems", 0) + _PROBLEMS,
        ".gitattributes": _GITATTRIBUTES,
        ".gitignore": _GITIGNORE,
        f"{TASKS_DIR}/.gitkeep": "",
        f"{EVIDENCE_DIR}/.gitkeep": "",
        # The bulletin's texts, for the office to write its own (`zhenggai report bulletin`).
        **{f"{BULLETIN_DIR}/{name}.md": default_text(name) for name in BULLETIN_TEXTS},
    }
    written = []
    for name, text in files.items():
        path = folder / name
        write_atomic(path, text.encode("utf-8"))
        written.append(path)
    # Editors validate as you type against these (see `zhenggai schema`).
    written += write_schemas(folder / SCHEMA_DIR, "zh")
    return written


def _quoted(text: str) -> str:
    # JSON strings are valid YAML double-quoted scalars: safe for any title.
    import json

    return json.dumps(text, ensure_ascii=False)
