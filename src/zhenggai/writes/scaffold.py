"""`zhenggai init`: the files of a new, valid, empty ledger."""

from __future__ import annotations

from dataclasses import dataclass
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

#: zhenggai.yaml as `init` writes it, its comments in the ledger's language; what was
#: not given is left out (the bulletin then says which setting it needs).
_SETTINGS = {
    "zh": """\
# 台账设置与名录。每个键的类型、默认值和含义：docs/zh/设置参考.md，或 `zhenggai schema settings`。
# 修改设置用 `zhenggai settings set 键 值`，名录用 `zhenggai unit|leader|section|problem`。
title: {title}
source:
  kind: {kind}             # 巡视 | 巡察 | 审计 | 督查
  inspector: {inspector}   # 巡视（巡察、审计、督查）组
  feedback_date: {feedback}  # 反馈意见的日期；“3个月内”等相对时限从此日算起
{source_more}timezone: Asia/Shanghai    # “今天”按此时区计算，而不是按 CI 服务器的时区
language: zh               # zh | en：表格、报告和提示所用的语言
id_prefix: TASK
thresholds:
  notice_days: 20          # 距时限不足此天数：提示
  yellow_days: 10          # 距时限不足此天数：黄灯；逾期为红灯
stale_days: 30             # 超过此天数没有进展记录：提醒
commit: false              # true：每次修改都提交到 git，如同加了 --commit
{bulletin}{documents}units: []                  # 责任单位：zhenggai unit add（第一个为牵头单位）
leaders: []                # 牵头领导：zhenggai leader add
""",
    "en": """\
# The ledger's settings and registries. Every key, its type and default: docs/settings.md,
# or `zhenggai schema settings`. Change a setting with `zhenggai settings set KEY VALUE`,
# the registries with `zhenggai unit|leader|section|problem`.
title: {title}
source:
  kind: {kind}             # 巡视 | 巡察 | 审计 | 督查
  inspector: {inspector}   # who inspected
  feedback_date: {feedback}  # when the findings were handed over; relative deadlines count from it
{source_more}timezone: Asia/Shanghai    # "today" is the ledger's today, not the CI runner's
language: en               # zh | en: the words in tables, reports and messages
id_prefix: TASK
thresholds:
  notice_days: 20          # due within this many days: a notice
  yellow_days: 10          # due within this many days: yellow; overdue is red
stale_days: 30             # no progress note for this long: a warning
commit: false              # commit every change to git, as if given --commit
{bulletin}{documents}units: []                  # zhenggai unit add (a task's first unit leads)
leaders: []                # zhenggai leader add
""",
}

#: The heads of the two blocks, written when they hold something.
_HEADS = {
    "zh": (
        "bulletin:                  # 整改进展情况通报（zhenggai report bulletin）\n",
        "documents:                 # 以整改办名义发出的周报、督办单\n",
    ),
    "en": (
        "bulletin:                  # the progress bulletin (zhenggai report bulletin)\n",
        "documents:                 # what goes out under the office's name\n",
    ),
}

_PROBLEMS = {
    "zh": """\
# 反馈问题，按反馈意见的方面分组：zhenggai section add、zhenggai problem add。
sections: []
""",
    "en": """\
# The inspection's findings (反馈问题), grouped as the feedback groups them:
# zhenggai section add, zhenggai problem add.
sections: []
""",
}


@dataclass(frozen=True)
class NewLedger:
    """What `zhenggai init` was told of the inspection and the office."""

    kind: str
    inspector: str
    feedback: date
    title: str | None = None  # default: the subject's (or the inspection's) 整改台账
    round: str | None = None  # 十九届中央第六轮, 市委第十轮
    period: tuple[date, date] | None = None  # when the inspectors were there
    authority: str | None = None  # who ordered it: 党中央, 市委 (default: read from the name)
    subject: str | None = None  # who was inspected: 中共XX市XX局党组
    issuer: str | None = None  # who issues the bulletin (发文机关)
    office: str | None = None  # the rectification office: the weekly report's 编发单位
    phone: str | None = None  # the public's contact, printed at a bulletin's end
    email: str | None = None
    language: str = "zh"


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


def create_ledger(folder: Path, spec: NewLedger) -> list[Path]:
    """Write a new ledger into ``folder`` and return its files; never touches an existing one."""
    given = {key: value for key, value in vars(spec).items() if isinstance(value, str)}
    require_one_line(**given)
    if spec.kind not in KINDS:
        raise LedgerError(
            said(
                "--kind must be one of {known}, not {typed}",
                known=", ".join(KINDS),
                typed=repr(spec.kind),
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
    language = spec.language if spec.language in _SETTINGS else "zh"
    files = {
        SETTINGS_FILE: modeline("settings", 0) + _settings(spec, language),
        PROBLEMS_FILE: modeline("problems", 0) + _PROBLEMS[language],
        ".gitattributes": _GITATTRIBUTES,
        ".gitignore": _GITIGNORE,
        f"{TASKS_DIR}/.gitkeep": "",
        f"{EVIDENCE_DIR}/.gitkeep": "",
        # The bulletin's texts, for the office to write its own (`zhenggai report bulletin`).
        **{f"{BULLETIN_DIR}/{name}.md": default_text(name, spec.kind) for name in BULLETIN_TEXTS},
    }
    written = []
    for name, text in files.items():
        path = folder / name
        write_atomic(path, text.encode("utf-8"))
        written.append(path)
    # Editors validate as you type against these (see `zhenggai schema`).
    written += write_schemas(folder / SCHEMA_DIR, "zh")
    return written


def _settings(spec: NewLedger, language: str) -> str:
    title = spec.title or f"{spec.subject or ''}{spec.kind}整改台账"
    source_more = "".join(
        f"  {key}: {value}\n"
        for key, value in (
            ("round", _quoted(spec.round) if spec.round else None),
            ("authority", _quoted(spec.authority) if spec.authority else None),
            (
                "period",
                f"{{start: {spec.period[0]}, end: {spec.period[1]}}}" if spec.period else None,
            ),
        )
        if value
    )
    contact = {"phone": spec.phone, "email": spec.email}
    bulletin = "".join(
        f"  {key}: {_quoted(value)}\n"
        for key, value in (("issuer", spec.issuer), ("subject", spec.subject))
        if value
    ) + (
        "  contact:\n" + "".join(f"    {k}: {_quoted(v)}\n" for k, v in contact.items() if v)
        if any(contact.values())
        else ""
    )
    documents = f"  issuer: {_quoted(spec.office)}\n" if spec.office else ""
    heads = _HEADS[language]
    return _SETTINGS[language].format(
        title=_quoted(title),
        kind=spec.kind,
        inspector=_quoted(spec.inspector),
        feedback=spec.feedback,
        source_more=source_more,
        bulletin=heads[0] + bulletin if bulletin else "",
        documents=heads[1] + documents if documents else "",
    )


def _quoted(text: str) -> str:
    # JSON strings are valid YAML double-quoted scalars: safe for any title.
    import json

    return json.dumps(text, ensure_ascii=False)
