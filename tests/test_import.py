"""`zhenggai import`: messy office sheets built here, each with the exact tasks expected
and the exact addresses of the cells that cannot be read; CSV in the encodings offices
save; re-import; bad input of every kind."""

from __future__ import annotations

import datetime as dt
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from tests.helpers import invoke
from zhenggai.days.workdays import WorkCalendar
from zhenggai.imports.values import CellError, read_deadline, read_state, read_units
from zhenggai.records.model import Status, Term

FEEDBACK = date(2021, 3, 1)


def _work() -> WorkCalendar:
    from tests.helpers import EXAMPLE_LEDGER
    from zhenggai.ledger.load import load_ledger

    return load_ledger(EXAMPLE_LEDGER, task_files=[]).work_calendar()


@pytest.mark.parametrize(
    ("cell", "term", "day", "basis"),
    [
        (dt.datetime(2021, 6, 30), Term.DATED, date(2021, 6, 30), None),
        (date(2021, 6, 30), Term.DATED, date(2021, 6, 30), None),
        (44561.0, Term.DATED, date(2021, 12, 31), None),  # an Excel serial number
        ("2021-11-30", Term.DATED, date(2021, 11, 30), None),
        ("2021/6/30", Term.DATED, date(2021, 6, 30), "2021/6/30"),
        ("2021.9.30", Term.DATED, date(2021, 9, 30), "2021.9.30"),
        ("2021年12月31日", Term.DATED, date(2021, 12, 31), "2021年12月31日"),
        ("2021年12月31日前完成", Term.DATED, date(2021, 12, 31), "2021年12月31日前完成"),
        ("2021年12月底前", Term.DATED, date(2021, 12, 31), "2021年12月底前"),
        ("2021年6月", Term.DATED, date(2021, 6, 30), "2021年6月"),
        ("12月底前", Term.DATED, date(2021, 12, 31), "12月底前"),
        ("2月底前", Term.DATED, date(2022, 2, 28), "2月底前"),  # before the feedback month
        ("年内", Term.DATED, date(2021, 12, 31), "年内"),
        ("年底前", Term.DATED, date(2021, 12, 31), "年底前"),
        ("3个月内", Term.DATED, date(2021, 6, 1), "3个月内"),
        ("10个工作日内", Term.DATED, date(2021, 3, 15), "10个工作日内"),
        ("立行立改", Term.IMMEDIATE, date(2021, 4, 1), "立行立改"),
        ("长期坚持", Term.ONGOING, None, "长期坚持"),
        ("持续推进", Term.ONGOING, None, "持续推进"),
        ("长期坚持（每年）", Term.ONGOING, None, "长期坚持（每年）"),
    ],
)
def test_deadlines_as_people_type_them(
    cell: Any, term: Term, day: date | None, basis: str | None
) -> None:
    read = read_deadline(cell, FEEDBACK, _work(), shift=False)
    assert (read.term, read.deadline, read.basis) == (term, day, basis)


def test_an_ongoing_cell_says_its_cadence() -> None:
    assert read_deadline("长期坚持（每年）", FEEDBACK, _work(), False).cadence == "yearly"
    assert read_deadline("长期坚持", FEEDBACK, _work(), False).cadence is None


@pytest.mark.parametrize("cell", ["下月中旬", "2021-02-30", "2021年13月", "尽快", 3.5, 12.0])
def test_a_deadline_that_cannot_be_read_says_so(cell: Any) -> None:
    with pytest.raises(CellError):
        read_deadline(cell, FEEDBACK, _work(), shift=False)


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2099, 12, 31)), st.sampled_from(
    ["{y}-{m:02d}-{d:02d}", "{y}/{m}/{d}", "{y}.{m}.{d}", "{y}年{m}月{d}日", "{y} 年 {m} 月 {d} 日"]
))  # fmt: skip
def test_every_written_date_reads_as_itself(day: date, form: str) -> None:
    typed = form.format(y=day.year, m=day.month, d=day.day)
    assert read_deadline(typed, FEEDBACK, _work(), shift=False).deadline == day


def test_states_and_units() -> None:
    assert read_state("已完成") is Status.DONE
    assert read_state("已销号") is Status.DONE
    assert read_state("正在推进") is Status.IN_PROGRESS
    assert read_state("未启动") is Status.IN_PROGRESS
    assert read_state("长期坚持") is Status.ONGOING
    assert read_state("不再执行") is Status.CANCELLED
    assert read_state("") is None
    with pytest.raises(CellError):
        read_state("差不多了")
    assert read_units("办公厅、研究室，人事局;机关党委/ 纪委\n信息中心") == [
        "办公厅", "研究室", "人事局", "机关党委", "纪委", "信息中心",
    ]  # fmt: skip


def _office_sheet(
    path: Path, bad_deadline: str = "下月中旬", changes: dict[str, str] | None = None
) -> None:
    """A sheet as offices keep it: a merged title, a 填报日期 line, section rows,
    a 反馈问题 merged over its measures, dates in five forms, a formula-looking text,
    a column nobody knows, a total row, a note under the table, a hidden sheet."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path))
    book.add_worksheet("上周").write(0, 0, "旧表")
    book.worksheets()[0].hide()
    ws = book.add_worksheet("整改台账")
    book.worksheets_objs.reverse()  # the visible sheet first, the hidden one after
    ws.merge_range(0, 0, 0, 9, "某单位巡视反馈问题整改落实台账")
    ws.write(1, 0, "填报单位：办公厅")
    ws.write(1, 6, "填报日期：2021年11月26日")
    header = ["序号", "反馈问题", "整改措施", "责任领导", "牵头单位", "配合单位",
              "完成时限\n（年月日）", "整改进展", "完成情况", "督办人"]  # fmt: skip
    for col, text in enumerate(header):
        ws.write_string(2, col, text)
    ws.merge_range(3, 0, 3, 9, "一、政治建设方面")
    ws.merge_range(4, 1, 6, 1, "理论学习不够深入")
    date_format = book.add_format({"num_format": "yyyy年m月d日"})
    rows = [
        (1, "建立学习制度", "张书记", "办公厅", "研究室、人事局", dt.datetime(2021, 6, 30), "已印发制度", "已完成"),
        (2, "开展专题研讨\n每季度一次", "张书记", "研究室", "", "长期坚持", "第三季度已开展", "长期坚持"),
        (3, "整改措施三", "王副书记", "提案委员会办公室", "", "2021年12月底前", "正在推进", "推进中"),
    ]  # fmt: skip
    for offset, (number, measure, leader, lead, others, due, note, state) in enumerate(rows):
        row = 4 + offset
        if number == 2:  # a 序号 computed by a formula: read by its cached value
            ws.write_formula(row, 0, "=A5+1", None, 2)
        else:
            ws.write_number(row, 0, number)
        ws.write_string(row, 2, measure)
        ws.write_string(row, 3, leader)
        ws.write_string(row, 4, lead)
        ws.write_string(row, 5, others)
        if isinstance(due, dt.datetime):
            ws.write_datetime(row, 6, due, date_format)
        else:
            ws.write_string(row, 6, due)
        ws.write_string(row, 7, note)
        ws.write_string(row, 8, state)
        ws.write_string(row, 9, "李四")
    ws.merge_range(7, 0, 7, 9, "二、作风建设方面")
    more = [
        (4, '=HYPERLINK("http://x","点我")', 44561, "未启动"),
        (5, "措施五", bad_deadline, "推进中"),
        (6, "措施六", "2021.9.30", "完成"),
        (7, "措施七", "2021/6/30", "已取消"),
    ]
    for offset, (number, measure, due, state) in enumerate(more):
        row = 8 + offset
        ws.write_number(row, 0, number)
        ws.write_string(row, 1, "作风不实")
        ws.write_string(row, 2, measure)  # text: a formula-looking one stays text
        ws.write_string(row, 3, "张书记")
        ws.write_string(row, 4, "办公厅")
        if isinstance(due, int):
            ws.write_number(row, 6, due)
        else:
            ws.write_string(row, 6, due)
        ws.write_string(row, 8, state)
    ws.write_formula(12, 0, "=COUNTA(A5:A12)", None, 7)  # a formula: its cached value
    ws.write_string(12, 1, "合计")
    ws.write_string(14, 0, "注：本表每周五报送。")
    for cell, text in (changes or {}).items():  # next week's sheet: cells written over
        ws.write_string(cell, text)
    book.close()


@pytest.fixture
def new_ledger(tmp_path: Path, runner: CliRunner) -> Path:
    root = tmp_path / "ledger"
    code, _, err = invoke(runner, ["init", str(root), "--feedback-date", "2021-03-01"])
    assert code == 0, err
    return root


def _tree(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".zhenggai-cache" not in p.parts
    }


def _task(root: Path, task_id: str) -> dict[str, Any]:
    data = yaml.safe_load((root / "tasks" / f"{task_id}.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_an_unreadable_cell_is_named_by_address_and_nothing_is_written(
    new_ledger: Path, tmp_path: Path, runner: CliRunner
) -> None:
    sheet = tmp_path / "台账.xlsx"
    _office_sheet(sheet)
    before = _tree(new_ledger)
    code, out, err = invoke(runner, ["import", "xlsx", str(sheet), "--ledger", str(new_ledger)])
    assert (code, out) == (1, "")
    assert err.splitlines()[0] == (
        f"{sheet}:整改台账!G10: error: cannot read '下月中旬' as a deadline"
    )
    assert "zhenggai: hidden sheets not read: 上周" in err
    assert "zhenggai: columns not recognised, not read: J3: 督办人" in err
    assert "zhenggai: 整改台账!13: skipped: a total row" in err
    assert "zhenggai: 整改台账!15: skipped: a note" in err
    assert "1 cell cannot be read: nothing written" in err
    assert _tree(new_ledger) == before


def test_the_messy_sheet_gives_exactly_these_tasks(
    new_ledger: Path, tmp_path: Path, runner: CliRunner
) -> None:
    sheet = tmp_path / "台账.xlsx"
    _office_sheet(sheet, bad_deadline="3个月内")
    args = ["import", "xlsx", str(sheet), "--ledger", str(new_ledger), "--by", "整改办"]
    code, out, err = invoke(runner, args)
    assert code == 0, err
    assert out.split() == [
        "+", "TASK-001", "整改台账!5", "+", "TASK-002", "整改台账!6", "+", "TASK-003", "整改台账!7",
        "+", "TASK-004", "整改台账!9", "+", "TASK-005", "整改台账!10", "+", "TASK-006", "整改台账!11",
        "+", "TASK-007", "整改台账!12",
    ]  # fmt: skip
    assert "整改台账: 7 new, 0 updated, 0 notes added, 0 unchanged; as of 2021-11-26" in err
    assert "2 tasks done in the sheet, which gives no day, are signed off on 2021-11-26" in err
    assert "after their deadlines (TASK-001、TASK-006)" in err
    one = _task(new_ledger, "TASK-001")
    assert one["title"] == "建立学习制度" and one["units"] == ["办公厅", "研究室", "人事局"]
    assert (one["deadline"], one["status"]) == (date(2021, 6, 30), "done")
    assert one["closing"] == {"date": date(2021, 11, 26), "by": "整改办", "summary": "已印发制度"}
    assert one["progress"] == [{"date": date(2021, 11, 26), "text": "已印发制度", "by": "整改办"}]
    two = _task(new_ledger, "TASK-002")
    assert (two["term"], two["status"], two["cadence"]) == ("ongoing", "ongoing", "quarterly")
    assert two["title"] == "开展专题研讨" and two["measure"] == "开展专题研讨\n每季度一次"
    assert two["imported"]["key"] == "2"  # the formula's cached value
    three = _task(new_ledger, "TASK-003")
    assert (three["deadline"], three["deadline_basis"]) == (date(2021, 12, 31), "2021年12月底前")
    four = _task(new_ledger, "TASK-004")
    assert four["title"] == '=HYPERLINK("http://x","点我")'  # text, as it was typed
    assert four["deadline"] == date(2021, 12, 31)  # from the serial number 44561
    assert _task(new_ledger, "TASK-005")["deadline"] == date(2021, 6, 1)  # 3个月内
    assert _task(new_ledger, "TASK-006")["status"] == "done"
    seven = _task(new_ledger, "TASK-007")
    assert seven["status"] == "cancelled" and seven["cancelled"]["date"] == date(2021, 11, 26)
    problems = yaml.safe_load((new_ledger / "problems.yaml").read_text(encoding="utf-8"))
    titles = {s["title"]: [p["title"] for p in s["problems"]] for s in problems["sections"]}
    assert titles["一、政治建设方面"] == ["理论学习不够深入"]
    assert titles["二、作风建设方面"] == ["作风不实"]
    # The ledger now checks, and says the truth: done tasks lack their evidence.
    code, out, _ = invoke(runner, ["check", "--ledger", str(new_ledger), "--as-of", "2021-11-30"])
    assert code == 1 and out.count("[evidence-present]") == 2
    assert "[parse]" not in out and "[schema]" not in out and "[known-references]" not in out


def test_keep_going_writes_the_rows_it_could_read(
    new_ledger: Path, tmp_path: Path, runner: CliRunner
) -> None:
    sheet = tmp_path / "台账.xlsx"
    _office_sheet(sheet)
    args = ["import", "xlsx", str(sheet), "--ledger", str(new_ledger), "--keep-going"]
    code, out, err = invoke(runner, args)
    assert code == 1
    assert "整改台账!G10" in err and len(out.splitlines()) == 6
    assert not (new_ledger / "tasks" / "TASK-007.yaml").exists()


def test_dry_run_writes_nothing(new_ledger: Path, tmp_path: Path, runner: CliRunner) -> None:
    sheet = tmp_path / "台账.xlsx"
    _office_sheet(sheet, bad_deadline="年内")
    before = _tree(new_ledger)
    args = ["import", "xlsx", str(sheet), "--ledger", str(new_ledger), "--dry-run"]
    code, out, err = invoke(runner, args)
    assert code == 0 and len(out.splitlines()) == 7 and "dry run: nothing written" in err
    assert _tree(new_ledger) == before


def test_importing_again_updates_never_duplicates_and_reports_conflicts(
    new_ledger: Path, tmp_path: Path, runner: CliRunner
) -> None:
    sheet = tmp_path / "台账.xlsx"
    _office_sheet(sheet, bad_deadline="年内")
    base = ["import", "xlsx", str(sheet), "--ledger", str(new_ledger)]
    assert invoke(runner, base)[0] == 0
    code, out, err = invoke(runner, base)
    assert (code, out) == (0, "")
    assert "0 new, 0 updated, 0 notes added, 7 unchanged" in err

    # Next week: a new note on TASK-003, TASK-002 and TASK-004 renamed in the sheet;
    # TASK-004 was also edited in the ledger meanwhile.
    next_week = {
        "H7": "已形成初稿",
        "C6": "开展专题研讨（修订）",
        "C9": '=HYPERLINK("http://x","点我吧")',
        "G2": "填报日期：2021年12月3日",
    }
    _office_sheet(sheet, bad_deadline="年内", changes=next_week)
    path = new_ledger / "tasks" / "TASK-004.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "owner: 张三\n", encoding="utf-8")
    code, out, err = invoke(runner, [*base, "--date", "2021-12-03"])
    assert code == 0, err
    assert "TASK-004 (整改台账!9): conflict: changed both in the sheet and in the ledger" in err
    assert "0 new, 1 updated, 1 notes added, 5 unchanged" in err
    assert _task(new_ledger, "TASK-002")["title"] == "开展专题研讨（修订）"
    four = _task(new_ledger, "TASK-004")
    assert (four["title"], four["owner"]) == ('=HYPERLINK("http://x","点我")', "张三")
    notes = _task(new_ledger, "TASK-003")["progress"]
    assert [n["text"] for n in notes] == ["正在推进", "已形成初稿"]
    assert notes[-1]["date"] == date(2021, 12, 3)


def test_a_name_one_character_off_a_registered_one_is_a_question(
    new_ledger: Path, tmp_path: Path, runner: CliRunner
) -> None:
    for unit in ("提案委员会办公厅", "财务科"):
        assert invoke(runner, ["unit", "add", unit, "--name", unit,
                               "--ledger", str(new_ledger)])[0] == 0  # fmt: skip
    sheet = tmp_path / "台账.xlsx"
    _office_sheet(sheet, bad_deadline="年内")
    before = {p: p.read_bytes() for p in new_ledger.rglob("*.yaml")}
    code, out, err = invoke(runner, ["import", "xlsx", str(sheet), "--ledger", str(new_ledger)])
    assert (code, out) == (2, "")
    assert ("unit '提案委员会办公室' is one character from '提案委员会办公厅': correct the sheet "
            "if it is '提案委员会办公厅', or give --new-unit '提案委员会办公室'") in err  # fmt: skip
    assert {p: p.read_bytes() for p in new_ledger.rglob("*.yaml")} == before
    # a short name too: 股, 科, 处 are often three characters
    short = tmp_path / "短.xlsx"
    _one_row(short, unit="财物科")
    code, _, err = invoke(runner, ["import", "xlsx", str(short), "--ledger", str(new_ledger)])
    assert code == 2 and "unit '财物科' is one character from '财务科'" in err
    # a leader likewise, confirmed by --new-leader
    assert invoke(runner, ["leader", "add", "副组长", "--name", "副组长",
                           "--ledger", str(new_ledger)])[0] == 0  # fmt: skip
    _one_row(short, unit="财务科")  # 组长: one character from 副组长
    code, _, err = invoke(runner, ["import", "xlsx", str(short), "--ledger", str(new_ledger)])
    assert code == 2 and "leader '组长' is one character from '副组长'" in err
    assert "give --new-leader '组长' if it is new" in err
    # confirmed as new, they are added
    code, _, err = invoke(runner, ["import", "xlsx", str(sheet), "--ledger", str(new_ledger),
                                   "--new-unit", "提案委员会办公室", "--new-leader", "组长"])  # fmt: skip
    assert code == 0, err
    assert _task(new_ledger, "TASK-003")["units"] == ["提案委员会办公室"]
    settings = (new_ledger / "zhenggai.yaml").read_text(encoding="utf-8")
    assert "提案委员会办公室" in settings


def _one_row(path: Path, unit: str = "办公室", remarks: str = "", state: str = "") -> None:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("台账")
    header = [
        "序号",
        "反馈问题",
        "整改措施",
        "牵头领导",
        "牵头单位",
        "完成时限",
        "完成情况",
        "备注",
    ]
    for col, text in enumerate(header):
        sheet.write_string(0, col, text)
    for col, text in enumerate(["1", "问题", "措施", "组长", unit, "2021-06-30", state, remarks]):
        sheet.write_string(1, col, text)
    book.close()


@pytest.mark.parametrize(
    ("remark", "asked"),
    [
        ("与财政局对接中", None),
        ("需延期至9月", ("extension", "2021-09-30")),
        ("已完成，申请销号", ("signoff", None)),
        ("申请延期到2021年3月31日", None),  # not after the deadline: a note only
    ],
)
def test_a_remark_is_kept_and_what_it_asks_is_applied_for(
    remark: str, asked: tuple[str, str | None] | None, new_ledger: Path, tmp_path: Path,
    runner: CliRunner,
) -> None:  # fmt: skip
    sheet = tmp_path / "台账.xlsx"
    _one_row(sheet, remarks=remark)
    code, _, err = invoke(runner, ["import", "xlsx", str(sheet), "--ledger", str(new_ledger),
                                   "--date", "2021-05-10"])  # fmt: skip
    assert code == 0, err
    task = _task(new_ledger, "TASK-001")
    assert (date(2021, 5, 10), f"备注：{remark}") in [
        (n["date"], n["text"]) for n in task["progress"]
    ]
    requests = task.get("requests") or []
    if asked is None:
        assert requests == []
        return
    kind, to = asked
    assert [(r["kind"], r["by"], str(r.get("to")) if to else None) for r in requests] == [
        (kind, "办公室", to)
    ]
    assert "applies for" in err and "for the office to approve" in err
    code, out, _ = invoke(runner, ["list", "--pending", "--ledger", str(new_ledger),
                                   "--as-of", "2021-05-10"])  # fmt: skip
    assert "TASK-001" in out
    # imported again, nothing is added twice
    code, out, err = invoke(runner, ["import", "xlsx", str(sheet), "--ledger", str(new_ledger),
                                     "--date", "2021-05-10"])  # fmt: skip
    assert code == 0 and len(_task(new_ledger, "TASK-001").get("requests") or []) == 1, err


def test_evidence_found_is_copied_in_and_hashed(
    new_ledger: Path, tmp_path: Path, runner: CliRunner
) -> None:
    import xlsxwriter

    folder = tmp_path / "佐证"
    folder.mkdir()
    (folder / "会议纪要.pdf").write_bytes(b"%PDF-1.4 minutes")
    sheet = tmp_path / "台账.xlsx"
    book = xlsxwriter.Workbook(str(sheet))
    ws = book.add_worksheet("台账")
    for col, text in enumerate(["序号", "反馈问题", "整改措施", "牵头领导", "牵头单位",
                                "完成时限", "完成情况", "佐证材料"]):  # fmt: skip
        ws.write_string(0, col, text)
    for col, text in enumerate(["1", "问题", "措施", "组长", "办公室", "2021-06-30", "已完成",
                                "会议纪要.pdf\n照片.jpg"]):  # fmt: skip
        ws.write_string(1, col, text)
    book.close()
    args = ["import", "xlsx", str(sheet), "--ledger", str(new_ledger), "--evidence-dir",
            str(folder), "--date", "2021-07-01"]  # fmt: skip
    code, _, err = invoke(runner, args)
    assert code == 0, err
    assert "TASK-001: evidence '照片.jpg' not found (--evidence-dir): not recorded" in err
    task = _task(new_ledger, "TASK-001")
    assert [e["path"] for e in task["evidence"]] == ["evidence/TASK-001/会议纪要.pdf"]
    assert (new_ledger / "evidence" / "TASK-001" / "会议纪要.pdf").read_bytes().startswith(b"%PDF")
    code, _, err = invoke(runner, ["check", "--ledger", str(new_ledger), "--as-of", "2021-07-01"])
    assert code == 0, err


@pytest.mark.parametrize(
    ("encoding", "bom", "separator"),
    [("utf-8", True, ","), ("utf-8", False, ","), ("gbk", False, ","), ("gb18030", False, "\t")],
)
def test_csv_from_wps_or_excel(
    encoding: str, bom: bool, separator: str, new_ledger: Path, tmp_path: Path, runner: CliRunner
) -> None:
    rows = [
        ["填报日期：2021-11-26"],
        [
            "序号",
            "反馈问题",
            "具体表现",
            "整改措施",
            "责任领导",
            "牵头单位",
            "完成时限",
            "完成情况",
        ],
        [
            "1",
            "学习不深入",
            "学用脱节",
            "建立学习制度",
            "组长",
            "办公室、研究室",
            "2021年6月底前",
            "已完成",
        ],
        ["2", "学习不深入", "学用脱节", "开展研讨，每季度一次", "组长", "研究室", "长期坚持", ""],
    ]
    text = "\r\n".join(separator.join(row) for row in rows) + "\r\n"
    path = tmp_path / "台账.csv"
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode(encoding))
    code, out, err = invoke(runner, ["import", "csv", str(path), "--ledger", str(new_ledger)])
    assert code == 0, err
    assert len(out.splitlines()) == 2
    one = _task(new_ledger, "TASK-001")
    assert one["units"] == ["办公室", "研究室"] and one["deadline"] == date(2021, 6, 30)
    assert _task(new_ledger, "TASK-002")["term"] == "ongoing"
    problems = (new_ledger / "problems.yaml").read_text(encoding="utf-8")
    assert "title: 学习不深入" in problems and "summary: 学用脱节" in problems


@pytest.mark.parametrize(
    ("make", "args", "code", "said"),
    [
        (lambda p: p.write_bytes(b"PK\x03\x04not really a zip"), ["xlsx"], 2, "cannot read"),
        (lambda p: p.write_bytes(b"\x00\x01\x02"), ["xlsx"], 2, "as a workbook"),
        (lambda p: None, ["xlsx"], 2, "does not exist"),
        (lambda p: p.write_bytes("序号,措施\n1,x\n".encode()), ["csv"], 1, "no header row"),
        (lambda p: p.write_bytes(b"\xff\xfe\xfa bad"), ["csv", "--encoding", "utf-8"], 2,
         "is not utf-8"),
        (lambda p: p.write_bytes(b"a,b\n"), ["csv", "--encoding", "no-such"], 2,
         "unknown encoding"),
        (lambda p: p.write_bytes(b"a,b\n"), ["csv", "--map", "nonsense"], 2, "--map 'nonsense'"),
        (lambda p: p.write_bytes(b"a,b\n"), ["csv", "--sheet", "x"], 2, "no sheet 'x'"),
    ],
)  # fmt: skip
def test_bad_input_is_named_and_changes_nothing(
    make: Any, args: list[str], code: int, said: str,
    new_ledger: Path, tmp_path: Path, runner: CliRunner,
) -> None:  # fmt: skip
    path = tmp_path / f"in.{args[0]}"
    make(path)
    before = _tree(new_ledger)
    got, out, err = invoke(
        runner, ["import", args[0], str(path), *args[1:], "--ledger", str(new_ledger)]
    )
    assert got == code and said in err, err
    assert "Traceback" not in err and out == ""
    assert _tree(new_ledger) == before


def test_a_column_can_be_mapped(new_ledger: Path, tmp_path: Path, runner: CliRunner) -> None:
    path = tmp_path / "台账.csv"
    rows = ["落实举措,牵头单位,截止,领导", "建立制度,办公室,2021-06-30,组长"]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    args = ["import", "csv", str(path), "--ledger", str(new_ledger), "--date", "2021-07-01",
            "--map", "落实举措=measure", "--map", "C=deadline", "--map", "领导=leader"]  # fmt: skip
    code, _, err = invoke(runner, args)
    assert code == 0, err
    task = _task(new_ledger, "TASK-001")
    assert (task["title"], task["deadline"], task["lead"]) == (
        "建立制度",
        date(2021, 6, 30),
        "组长",
    )


def test_a_renumbered_row_never_overwrites_another_task(
    new_ledger: Path, tmp_path: Path, runner: CliRunner
) -> None:
    sheet = tmp_path / "台账.xlsx"
    _office_sheet(sheet, bad_deadline="年内")
    base = ["import", "xlsx", str(sheet), "--ledger", str(new_ledger)]
    assert invoke(runner, base)[0] == 0
    # 序号 3 now holds a measure nobody had: it is a new task, and TASK-003 stays.
    _office_sheet(sheet, bad_deadline="年内", changes={"C7": "完全不同的新措施"})
    code, out, err = invoke(runner, base)
    assert code == 0, err
    assert out.split()[:2] == ["+", "TASK-008"]  # TASK-003 was as imported: a new row
    assert _task(new_ledger, "TASK-003")["title"] == "整改措施三"
    assert _task(new_ledger, "TASK-008")["title"] == "完全不同的新措施"


def test_a_remark_added_to_a_sheet_imported_before_applies_for_the_task(
    new_ledger: Path, tmp_path: Path, runner: CliRunner
) -> None:
    sheet = tmp_path / "台账.xlsx"
    _one_row(sheet)
    base = ["import", "xlsx", str(sheet), "--ledger", str(new_ledger)]
    assert invoke(runner, [*base, "--date", "2021-05-10"])[0] == 0
    _one_row(sheet, remarks="需延期至9月")  # next week's sheet: the unit asks for time
    code, out, err = invoke(runner, [*base, "--date", "2021-05-17"])
    assert code == 0, err
    assert "+ TASK-001" in out and "(note)" in out
    assert "TASK-001 (台账!2): its 备注 applies for an extension" in err
    task = _task(new_ledger, "TASK-001")
    assert (date(2021, 5, 17), "备注：需延期至9月") in [
        (n["date"], n["text"]) for n in task["progress"]
    ]
    assert [(r["kind"], r["by"], str(r["to"])) for r in task["requests"]] == [
        ("extension", "办公室", "2021-09-30")
    ]
