"""`zhenggai export`: the 台账 as xlsx (read back by two independent readers and by
LibreOffice), CSV, JSON and iCalendar; and the round trip through `import`."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.helpers import EXAMPLE_LEDGER, GOLDEN, REPO, golden, invoke

DAY = "2021-12-01"
HEADERS_ZH = [
    "序号", "编号", "反馈问题", "整改措施", "责任领导", "牵头单位", "配合单位",
    "完成时限", "整改进展", "完成情况", "佐证材料", "备注",
]  # fmt: skip


def _export(runner: CliRunner, tmp_path: Path, *args: str) -> Path:
    out = tmp_path / "台账.xlsx"
    code, _, err = invoke(
        runner, ["export", "xlsx", "--output", str(out), "--as-of", DAY, "--lang", "zh", *args],
        cwd=REPO,
    )  # fmt: skip
    assert code == 0, err
    return out


def test_the_xlsx_is_the_ledger_as_offices_print_it(runner: CliRunner, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    book = load_workbook(_export(runner, tmp_path))
    sheet = book["台账"]
    assert sheet["A1"].value == "全国政协机关党组中央巡视整改台账（示例） 【示例】非正式文件"
    assert "A1:L1" in {str(r) for r in sheet.merged_cells.ranges}
    assert sheet["A2"].value == f"填报日期：{DAY}"
    assert [c.value for c in sheet[3]] == HEADERS_ZH
    assert sheet.freeze_panes == "A4"
    assert sheet.print_title_rows == "$3:$3"
    assert sheet.page_setup.orientation == "landscape"
    assert sheet["A4"].value.startswith("先期整改")  # a section heading, full width
    assert sheet["A6"].value.startswith("（一）")
    ids = [sheet.cell(row, 2).value for row in range(4, sheet.max_row + 1)]
    tasks = [i for i in ids if i and str(i).startswith("TASK-")]
    assert len(tasks) == 107 and tasks[:2] == ["TASK-104", "TASK-001"]
    # 反馈问题 merged over its measures: TASK-001..008 answer P01, in rows 7 to 14.
    assert "C7:C14" in {str(r) for r in sheet.merged_cells.ranges}
    assert sheet.cell(7, 3).value == "强化党的政治建设"
    row = {sheet.cell(r, 2).value: r for r in range(4, sheet.max_row + 1)}["TASK-022"]
    due = sheet.cell(row, 8).value
    assert isinstance(due, dt.datetime) and due.date() == date(2021, 10, 31)  # a date cell
    assert sheet.cell(row, 10).value == "逾期"
    assert sheet.cell(row, 10).fill.fgColor.rgb.endswith("F4B6B6")  # the light as a fill
    formulas = [c.coordinate for r in sheet.iter_rows() for c in r if c.data_type == "f"]
    assert formulas == []


def test_a_second_reader_sees_the_same_cells(runner: CliRunner, tmp_path: Path) -> None:
    from openpyxl import load_workbook
    from python_calamine import CalamineWorkbook

    path = _export(runner, tmp_path)
    by_openpyxl = [
        ["" if v is None else v for v in row] for row in load_workbook(path)["台账"].values
    ]
    by_calamine = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("台账").to_python()
    assert len(by_openpyxl) == len(by_calamine)
    for left, right in zip(by_openpyxl, by_calamine, strict=True):
        ids = (left[1], right[1])
        assert ids[0] == ids[1] or (ids[0] == "" and ids[1] == "")
        assert str(left[3]) == str(right[3])  # the measure, text for text


def _soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    assert found, "LibreOffice is needed (Debian's libreoffice-calc-nogui; .ci/run installs it)"
    return found


def _libreoffice_csv(path: Path, tmp_path: Path) -> list[list[str]]:
    """The first sheet as LibreOffice reads it, converted to UTF-8 CSV headless."""
    out = tmp_path / "lo"
    out.mkdir(exist_ok=True)
    subprocess.run(
        [_soffice(), f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--headless",
         "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1", "--outdir", str(out), str(path)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    converted = out / (path.stem + ".csv")
    return list(csv.reader(io.StringIO(converted.read_text(encoding="utf-8"))))


def test_libreoffice_opens_the_xlsx_and_sees_no_formula(runner: CliRunner, tmp_path: Path) -> None:
    ledger = tmp_path / "hostile"
    shutil.copytree(EXAMPLE_LEDGER, ledger, ignore=shutil.ignore_patterns(".zhenggai-cache"))
    task = ledger / "tasks" / "TASK-022.yaml"
    lines = task.read_text(encoding="utf-8").splitlines()
    lines[1] = """title: '=HYPERLINK("http://x","点我")'"""
    task.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "t.xlsx"
    code, _, err = invoke(
        runner,
        ["export", "xlsx", "-o", str(out), "--as-of", DAY, "--lang", "zh", "--ledger", str(ledger)],
    )
    assert code == 0, err
    rows = _libreoffice_csv(out, tmp_path)
    assert rows[0][0] == "全国政协机关党组中央巡视整改台账（示例） 【示例】非正式文件"
    assert rows[2] == HEADERS_ZH
    by_id = {row[1]: row for row in rows[3:] if len(row) > 1 and row[1].startswith("TASK-")}
    assert len(by_id) == 107
    assert by_id["TASK-022"][3].startswith('=HYPERLINK("http://x","点我")')  # text, not run
    assert by_id["TASK-022"][7] == "2021-10-31"
    assert by_id["TASK-001"][7] == "长期坚持（每季度）"


def test_csv_json_and_ics_golden(runner: CliRunner) -> None:
    for kind, name in (("csv", "export-2021-12-01.csv"), ("ics", "export-2021-12-01.ics")):
        code, out, err = invoke(runner, ["export", kind, "--as-of", DAY, "--lang", "zh"], cwd=REPO)
        assert code == 0, err
        assert out == golden(out, GOLDEN / name), f"{name} differs: regenerate it if meant"
    code, out, _ = invoke(runner, ["export", "json", "--as-of", DAY], cwd=REPO)
    document = json.loads(out)
    assert document["schema_version"] == 1 and document["count"] == 107
    first = document["tasks"][0]
    assert first["id"] == "TASK-104" and first["section"] == "S0"  # 先期整改 comes first
    assert first["record"]["id"] == "TASK-104" and first["record"]["progress"]


def test_ics_is_rfc_5545_with_stable_uids(runner: CliRunner) -> None:
    from icalendar import Calendar

    _, out, _ = invoke(runner, ["export", "ics", "--as-of", DAY], cwd=REPO)
    calendar = Calendar.from_ical(out)
    events = list(calendar.walk("VEVENT"))
    uids = [str(event["UID"]) for event in events]
    assert len(uids) == len(set(uids)) > 50
    late = next(e for e in events if str(e["UID"]).startswith("TASK-022-deadline."))
    assert late.decoded("DTSTART") == date(2021, 10, 31)
    assert str(late["SUMMARY"]).startswith("[overdue] TASK-022")  # ZHENGGAI_LANG=en here
    _, again, _ = invoke(runner, ["export", "ics", "--as-of", DAY], cwd=REPO)
    assert again == out  # the same ledger on the same day: the same bytes


def test_one_unit_s_task_list_and_the_public_version(runner: CliRunner) -> None:
    _, out, _ = invoke(runner, ["export", "json", "--as-of", DAY, "--unit", "研究室"], cwd=REPO)
    tasks = json.loads(out)["tasks"]
    assert tasks and all("研究室" in task["units"] for task in tasks)
    _, everything, _ = invoke(runner, ["export", "json", "--as-of", DAY], cwd=REPO)
    assert len(tasks) < json.loads(everything)["count"]
    code, _, err = invoke(runner, ["export", "csv", "--unit", "无此单位"], cwd=REPO)
    assert code == 2 and "--unit: unknown '无此单位'" in err
    code, _, err = invoke(runner, ["export", "xlsx"], cwd=REPO)
    assert code == 2 and "give --output FILE.xlsx" in err


def test_public_leaves_out_private_tasks(runner: CliRunner, tmp_path: Path) -> None:
    ledger = tmp_path / "l"
    shutil.copytree(EXAMPLE_LEDGER, ledger, ignore=shutil.ignore_patterns(".zhenggai-cache"))
    task = ledger / "tasks" / "TASK-022.yaml"
    task.write_text(task.read_text(encoding="utf-8") + "public: false\n", encoding="utf-8")
    _, out, _ = invoke(
        runner, ["export", "json", "--public", "--as-of", DAY, "--ledger", str(ledger)]
    )
    ids = [task["id"] for task in json.loads(out)["tasks"]]
    assert "TASK-022" not in ids and "TASK-057" not in ids  # 057 is private in the example
    assert len(ids) == 105


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_export_then_import_gives_back_the_same_tasks(
    kind: str, runner: CliRunner, tmp_path: Path
) -> None:
    from zhenggai.ledger.load import load_ledger
    from zhenggai.ledger.queries import rows_for

    sheet = tmp_path / f"台账.{kind}"
    args = ["export", kind, "--output", str(sheet), "--as-of", DAY, "--lang", "zh"]
    assert invoke(runner, args, cwd=REPO)[0] == 0
    new = tmp_path / "new"
    assert invoke(runner, ["init", str(new), "--feedback-date", "2021-02-04"])[0] == 0
    code, _, err = invoke(runner, ["import", kind, str(sheet), "--ledger", str(new)])
    assert code == 0, err

    def tasks(root: Path) -> dict[str, tuple[object, ...]]:
        ledger = load_ledger(root, use_cache=False)
        names = {unit.id: unit.name for unit in ledger.settings.units}
        return {
            row.task.id: (
                row.task.title,
                row.task.measure,
                tuple(names[u] for u in row.task.units),
                row.state.deadline,
                row.state.status,
                row.task.term,
            )
            for row in rows_for(ledger, date(2021, 12, 1))
        }

    assert tasks(new) == tasks(EXAMPLE_LEDGER)
