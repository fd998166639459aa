"""`zhenggai report notice` (督办单): goldens, the escalation 提醒 → 督办 → 告诫 through
recorded notices, the `notice-unanswered` check, all-or-none recording, bad input, and
the Word document one page per unit in LibreOffice."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.helpers import GOLDEN, REPO, copy_example, golden, invoke

DAY = "2021-12-01"


@pytest.mark.parametrize("kind", ["md", "html"])
def test_notice_golden(kind: str, runner: CliRunner) -> None:
    args = ["report", "notice", "--as-of", DAY, "--lang", "zh", "--format", kind]
    code, out, err = invoke(runner, args, cwd=REPO)
    assert code == 0, err
    assert out == golden(out, GOLDEN / f"notice-{DAY}.{kind}"), "regenerate it if meant"
    assert invoke(runner, args, cwd=REPO)[1] == out


def test_the_notices_are_the_late_and_coming_tasks_of_list(runner: CliRunner) -> None:
    import json
    from datetime import date

    from zhenggai.ledger.load import load_ledger
    from zhenggai.reports.notice import build_notices

    ledger = load_ledger(REPO / "ledger", use_cache=False)
    for day in (date(2021, 11, 20), date(2021, 12, 1)):
        report = build_notices(ledger, day, date(2021, 12, 31))
        items = {item.task_id: item for notice in report.notices for item in notice.items}
        notice_days = ledger.settings.thresholds.notice_days
        listed = json.loads(invoke(runner, ["list", "--as-of", str(day), "--format", "json"],
                                   cwd=REPO)[1])["tasks"]  # fmt: skip
        want = {
            t["id"]
            for t in listed
            if t["status"] in ("in-progress",)
            and t["days_left"] is not None
            and t["days_left"] <= notice_days
        }
        want |= {  # and those with a milestone overdue
            t["id"]
            for t in listed
            if t["status"] == "in-progress"
            and any(m.due < day and (m.done is None or m.done > day)
                    for m in ledger.by_id[t["id"]].task.milestones)
        }  # fmt: skip
        assert set(items) == want
        for notice in report.notices:
            assert all(item.task_id in items for item in notice.items)
            units = {ledger.by_id[item.task_id].task.lead_unit for item in notice.items}
            assert units == {notice.unit_id}
        for item in items.values():
            assert str(item.level) == ("督办" if item.days_left < 0 or item.milestones else "提醒")


def _levels(runner: CliRunner, ledger: Path, day: str, unit: str) -> list[str]:
    args = ["report", "notice", "--as-of", day, "--unit", unit, "--ledger", str(ledger)]
    code, out, err = invoke(runner, [*args, "--lang", "zh"])
    assert code == 0, err
    rows = [line for line in out.splitlines() if "TASK-" in line and line.count(" | ") >= 4]
    return [line.split(" | ")[-1].rstrip(" |") for line in rows]  # not the 回执's rows


def test_notices_escalate_through_their_records(runner: CliRunner, tmp_path: Path) -> None:
    ledger = copy_example(tmp_path / "ledger")
    task = ledger / "tasks" / "TASK-022.yaml"  # 新闻局, deadline 2021-10-31
    # 2021-10-20: coming due — a reminder
    assert _levels(runner, ledger, "2021-10-20", "新闻局") == ["提醒"]
    # 2021-11-20 (a Saturday): overdue — supervision, recorded, reply in five working days
    args = ["report", "notice", "--as-of", "2021-11-20", "--unit", "全国政协办公厅新闻局",
            "--record", "--by", "整改办", "--ledger", str(ledger), "--lang", "en"]  # fmt: skip
    code, out, err = invoke(runner, args)
    assert code == 0, err
    assert "recorded 1 notice in its task" in err and "reply by 2021-11-26" in out
    text = task.read_text(encoding="utf-8")
    assert text.endswith(
        "notices:\n  - date: 2021-11-20\n    level: 督办\n    reply_by: 2021-11-26\n    by: 整改办\n"
        "    number: 督办〔2021〕1号\n"
    )  # the year's first number; made again that day, the notice keeps it
    again = invoke(runner, ["report", "notice", "--as-of", "2021-11-20", "--unit", "新闻局",
                            "--ledger", str(ledger), "--lang", "zh"])[1]  # fmt: skip
    assert "督办〔2021〕1号" in again and "督办〔2021〕2号" not in again
    code, _, err = invoke(runner, args)  # the same day's notices again: recorded once
    assert "recorded 0 notices" in err and task.read_text(encoding="utf-8") == text
    # 2021-12-01: the reply-by day passed with nothing recorded
    check = ["check", "--as-of", DAY, "--ledger", str(ledger)]

    def unanswered() -> list[str]:
        return [line for line in invoke(runner, check)[1].splitlines() if "[notice-un" in line]

    (finding,) = unanswered()
    assert "tasks/TASK-022.yaml:" in finding and "reply by 2021-11-26" in finding
    assert _levels(runner, ledger, DAY, "新闻局") == ["告诫 前次：2021年11月20日 督办"]
    # a reply recorded within the time answers it: no finding, back to 督办
    # a note by someone not of the task's units answers nothing (the office's own log)
    code, _, err = invoke(runner, ["progress", "TASK-022", "--date", "2021-11-23", "--ledger",
                                   str(ledger), "已电话催办", "--by", "整改办"])  # fmt: skip
    assert code == 0, err
    assert len(unanswered()) == 1
    code, _, err = invoke(runner, ["progress", "TASK-022", "--date", "2021-11-24", "--ledger",
                                   str(ledger), "已书面反馈，12月中旬完成", "--by", "新闻局"])  # fmt: skip
    assert code == 0, err
    assert unanswered() == []
    assert _levels(runner, ledger, DAY, "新闻局") == ["督办 前次：2021年11月20日 督办"]


def test_a_failed_recording_changes_nothing(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ledger = copy_example(tmp_path / "ledger")
    before = {p.name: p.read_bytes() for p in (ledger / "tasks").iterdir()}
    replace = os.replace
    calls: list[str] = []

    def failing_replace(source: str | Path, target: str | Path) -> None:
        calls.append(str(target))
        if len(calls) == 3:  # after two task files are in place
            raise OSError(28, "No space left on device", str(target))
        replace(source, target)

    monkeypatch.setattr(os, "replace", failing_replace)
    args = ["report", "notice", "--as-of", DAY, "--record", "--ledger", str(ledger)]
    code, out, err = invoke(runner, args)
    monkeypatch.setattr(os, "replace", replace)
    assert code != 0 and out == "" and "Traceback" not in err
    assert "No space left on device" in err
    assert {p.name: p.read_bytes() for p in (ledger / "tasks").iterdir()} == before
    assert not [p for p in (ledger / "tasks").iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--unit", "新闻司"], "the nearest: "),
        (["--unit", "xyz"], "--unit: unknown 'xyz'"),
        (["--reply-within", "0d"], "after the day the notice is issued"),
        (["--reply-within", "soon"], "soon"),
        (["--format", "docx"], "give --output FILE.docx"),
    ],
)
def test_bad_input_is_a_usage_error(args: list[str], said: str, runner: CliRunner) -> None:
    code, out, err = invoke(runner, ["report", "notice", "--as-of", DAY, *args], cwd=REPO)
    assert code == 2 and out == "" and said in err, (code, err)
    assert "Traceback" not in err


def test_one_page_per_unit_in_word_and_libreoffice(runner: CliRunner, tmp_path: Path) -> None:
    import docx

    out = tmp_path / "督办单.docx"
    args = ["report", "notice", "--as-of", DAY, "--lang", "zh", "--format", "docx", "-o", str(out)]
    assert invoke(runner, args, cwd=REPO)[0] == 0
    document = docx.Document(str(out))
    headings = [p.text for p in document.paragraphs if p.text.startswith(("督办单（", "提示函："))]
    assert len(headings) >= 4
    # Each notice a document of its own: a section with its pages numbered from 1, its
    # title, its number, its signature; and a 回执 page after it.
    assert len(document.sections) == len(headings)
    assert all('w:start="1"' in section._sectPr.xml for section in document.sections[1:])
    texts = [p.text for p in document.paragraphs]
    assert texts.count("整改工作督办单") + texts.count("整改工作提示函") == len(headings)
    numbers = [t for t in texts if re.fullmatch(r"督办〔2021〕\d+号", t)]
    assert numbers == [f"督办〔2021〕{n}号" for n in range(1, len(headings))]
    assert "提示〔2021〕1号" in texts  # the supervising body's 提示函: a series of its own
    assert texts.count("全国政协机关巡视整改工作领导小组办公室") == len(headings)
    assert sum(t.startswith("回执") for t in texts) == len(headings)
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice Writer is needed (libreoffice-writer-nogui; .ci/run installs it)"
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(out)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    pdf = tmp_path / "督办单.pdf"
    pages = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True)
    texts = pages.stdout.decode("utf-8").split("\f")
    on_pages = [
        index for index, page in enumerate(texts) for h in headings if h.replace(" ", "") in
        page.replace(" ", "").replace("\n", "")
    ]  # fmt: skip
    assert len(on_pages) == len(headings) == len(set(on_pages))  # each on a page of its own
    assert all("—1—" in texts[page].replace(" ", "") for page in on_pages)  # numbered anew


def test_a_supervising_body_gets_a_prompt_not_a_notice(runner: CliRunner) -> None:
    """The discipline inspection group (`prompt: true` in the example) is reminded of its
    duty in a 提示函 of its own number series, never 督办'd nor 告诫'd."""
    code, out, err = invoke(runner, ["report", "notice", "--as-of", DAY, "--lang", "zh"], cwd=REPO)
    assert code == 0, err
    part = out.split("# 整改工作提示函")[1].split("\n# ")[0]
    assert "## 提示函：中央纪委国家监委驻全国政协机关纪检监察组" in part
    assert "请结合监督职责督促推进" in part and "提示〔2021〕" in part
    assert "督办单（" not in part
