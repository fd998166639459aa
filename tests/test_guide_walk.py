"""The Chinese user guide, step by step: every command of its ``sh`` blocks from 建立台账
on, run in order in a fresh repository as a new office would type it, with no file
edited by hand — and the documents it makes read as they should."""

from __future__ import annotations

import itertools
import re
import shlex
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.helpers import GIT_ENV, REPO, git, invoke, to_pdf

GUIDE = (REPO / "docs" / "zh" / "使用指南.md").read_text(encoding="utf-8")
#: The day the guide is followed on: its dates are those of 2021.
TODAY = datetime(2021, 10, 23, 4, 0, tzinfo=UTC)


def steps() -> list[str]:
    """The guide's shell lines from section 二 on, in order, continuations joined."""
    text = GUIDE[GUIDE.index("## 二、") :].replace("\\\n", " ")
    blocks = re.findall(r"```sh\n(.*?)```", text, re.S)
    return [line for block in blocks for line in block.splitlines() if line.strip()]


class _Clock(datetime):
    @classmethod
    def now(cls, tz: object = None) -> datetime:  # type: ignore[override]
        return TODAY


def _sheet(path: Path) -> None:
    """The office's Excel 台账 the guide imports: rows of its registered units."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["序号", "反馈问题", "整改措施", "责任领导", "牵头单位", "完成时限", "整改进展"])
    sheet.append([1, "理论学习不够深入", "建立理论学习督学制度", "书记", "机关党委", "2021年11月30日",
                  "已起草督学办法"])  # fmt: skip
    sheet.append(
        [2, "理论学习不够深入", "开展党史学习教育专题读书班", "书记", "办公室", "年底前", ""]
    )
    book.save(path)


def _inputs(words: list[str], cwd: Path) -> None:
    """The files a step names that an office would have on its desk."""
    for option, value in itertools.pairwise(words):
        if option == "--evidence" and not (cwd / value).exists():
            (cwd / value).write_bytes(f"{value}\n".encode())
        if option == "--evidence-dir":
            (cwd / value).mkdir(exist_ok=True)
    if words[:2] == ["import", "xlsx"] and not (cwd / words[2]).exists():
        _sheet(cwd / words[2])


def test_the_guide_runs_step_by_step(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    for key, value in GIT_ENV.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("ZHENGGAI_USER", "整改办")
    monkeypatch.delenv("ZHENGGAI_LANG", raising=False)
    monkeypatch.setattr("zhenggai.cli.front.datetime", _Clock)
    monkeypatch.setattr("zhenggai.cli.newledger.datetime", _Clock)
    cwd = tmp_path
    ran = 0
    for line in steps():
        for part in line.split("&&"):
            words = shlex.split(part, comments=True)
            if not words:
                continue
            if words[0] == "mkdir":
                (cwd / words[1]).mkdir()
            elif words[0] == "cd":
                cwd = cwd / words[1]
            elif words[:2] == ["git", "init"]:
                git(cwd, "init", "-q", "-b", "main")
            else:
                assert words[0] == "zhenggai", f"a step the walk does not know: {part}"
                _inputs(words[1:], cwd)
                code, _, err = invoke(runner, words[1:], cwd)
                assert code == 0, f"{part}\n{err}"
                assert "Traceback" not in err
                ran += 1
                if words[1:3] == ["init", "ledger"]:
                    # the office's first commit: what `check --since main` compares with
                    git(cwd, "add", "-A")
                    git(cwd, "commit", "-qm", "新建整改台账")
    assert ran >= 50
    _the_documents_read_right(cwd, tmp_path)


def _the_documents_read_right(ledger: Path, tmp_path: Path) -> None:
    """The first weekly report, 督办单 and bulletin, as LibreOffice lays them out."""
    weekly, notice, bulletin = (
        ledger / name for name in ("工作周报.docx", "督办单.docx", "整改进展情况通报.docx")
    )
    texts = {}
    for path in to_pdf(tmp_path, weekly, notice, bulletin):
        import subprocess

        texts[path.stem] = subprocess.run(
            ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout
    week = re.sub(r"\s+", "", texts["工作周报"])
    assert "中共临江市住房和城乡建设局党组巡察整改工作周报" in week
    assert "临江市住房和城乡建设局巡察整改工作领导小组办公室编" in week
    notices = re.sub(r"\s+", "", texts["督办单"])
    assert "督办〔2021〕1号" in notices and "赵六" in notices  # 组织人事科's liaison
    assert "联络员：联络员" not in notices
    told = re.sub(r"\s+", "", texts["整改进展情况通报"])
    assert "中共临江市住房和城乡建设局党组关于十二届市委第三轮巡察整改进展情况的通报" in told
    assert "根据市委统一部署，市委第三巡察组于2021年4月6日至5月28日" in told
    assert "第一方面" not in told and "第一个问题" not in told and "党中央" not in told
    for words in (week, notices, told):
        assert "zhenggai" not in words and "+10wd" not in words
