"""The weekly round of 填报表 through the command line: forms issued to the units, filled
as a liaison fills them (only the unlocked cells), saved again by LibreOffice as an
office suite saves a user's file, collected — good rows recorded, bad cells named,
nothing made twice — and the register of who reported."""

from __future__ import annotations

import datetime
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from tests.helpers import copy_example, invoke

PERIOD = "2021-W42"
ISSUE = ["forms", "issue", "--period", PERIOD, "--date", "2021-10-18", "--due", "2021-10-22"]
UNIT = "研究室"  # leads TASK-002, 006, 028, 030, 033, 038, 082; joins TASK-001
# The columns of the form (1-based, as openpyxl counts): the facts, then what is filled.
DEADLINE, PROGRESS, STATE, EXTEND_TO, REASON, EVIDENCE, BY, REMARKS = 7, 9, 10, 11, 12, 13, 14, 16


@pytest.fixture
def ledger(tmp_path: Path) -> Path:
    return copy_example(tmp_path / "ledger")


def _issue(runner: CliRunner, ledger: Path, out: Path, *extra: str) -> dict[str, Path]:
    code, stdout, err = invoke(runner, [*ISSUE, "-o", str(out), *extra, "--lang", "en"],
                               cwd=ledger)  # fmt: skip
    assert code == 0, err
    return {line.split("\t")[1]: Path(line.split("\t")[0]) for line in stdout.splitlines()}


def _rows(path: Path) -> dict[str, int]:
    """Each task's row on the form (1-based), by the visible 编号."""
    import openpyxl

    sheet = openpyxl.load_workbook(path)["填报表"]
    return {str(sheet.cell(row, 1).value): row for row in range(4, sheet.max_row + 1)
            if sheet.cell(row, 1).value}  # fmt: skip


def _fill(path: Path, into: Path, cells: dict[tuple[int, int], Any], filled_on: Any) -> Path:
    """The form filled as a liaison fills it: only cells the sheet leaves unlocked
    (a locked one is refused here, as the office suite refuses it)."""
    import openpyxl

    book = openpyxl.load_workbook(path)
    sheet = book["填报表"]
    for (row, column), value in {(2, 3): filled_on, **cells}.items():
        cell = sheet.cell(row, column)
        assert cell.protection.locked is False, (row, column)
        cell.value = value
    into.parent.mkdir(parents=True, exist_ok=True)
    book.save(into)
    return into


def _resave(path: Path, tmp_path: Path) -> Path:
    """``path`` opened and saved again by LibreOffice, as a user's office suite saves it."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is needed (Debian's libreoffice-calc-nogui)"
    out = tmp_path / "resaved"
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to",
         "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out), str(path)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    return out / path.name


def _task(ledger: Path, task_id: str) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(
        (ledger / "tasks" / f"{task_id}.yaml").read_text("utf-8")
    )
    return loaded


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and ".zhenggai-cache" not in p.parts}  # fmt: skip


def test_a_form_locks_the_facts_and_opens_only_what_the_liaison_fills(
    ledger: Path, runner: CliRunner, tmp_path: Path
) -> None:
    import openpyxl

    forms = _issue(runner, ledger, tmp_path / "out")
    assert len(forms) == 14 and forms[UNIT].name == f"{UNIT}_{PERIOD}.xlsx"
    book = openpyxl.load_workbook(forms[UNIT])
    assert book.sheetnames == ["填报表", "填报说明", "zhenggai"]
    assert book["zhenggai"].sheet_state == "veryHidden"
    sheet = book["填报表"]
    assert sheet.protection.sheet is True
    assert [sheet.cell(3, c).value for c in range(1, 17)] == [
        "编号", "牵头/配合", "反馈问题", "整改举措", "牵头领导", "牵头单位", "完成时限", "上期进展",
        "本期进展", "完成情况", "申请延期至", "延期理由", "佐证材料", "填报人", "联系电话", "备注",
    ]  # fmt: skip
    rows = _rows(forms[UNIT])
    assert list(rows) == ["TASK-002", "TASK-006", "TASK-028", "TASK-030", "TASK-033",
                          "TASK-038", "TASK-082", "TASK-001"]  # fmt: skip
    assert sheet.cell(rows["TASK-001"], 2).value == "配合"
    for row in rows.values():
        assert all(sheet.cell(row, c).protection.locked for c in range(1, 9))
        assert not any(sheet.cell(row, c).protection.locked for c in range(9, 17))
    lists = [v for v in sheet.data_validations.dataValidation if v.type == "list"]
    assert lists and lists[0].formula1 == '"推进中,申请销号,申请延期"'
    assert any(v.type == "date" for v in sheet.data_validations.dataValidation)
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize == 9
    assert sheet.print_title_rows == "$3:$3"
    hidden = book["zhenggai"]
    assert hidden["A4"].value == "unit" and hidden["B4"].value == UNIT
    assert hidden["B11"].value == "TASK-002"
    round_ = yaml.safe_load((ledger / "forms" / f"{PERIOD}.yaml").read_text("utf-8"))
    assert round_["due"] == datetime.date(2021, 10, 22) and len(round_["forms"]) == 14
    code, _, err = invoke(runner, [*ISSUE, "-o", str(tmp_path / "again"), "--lang", "en"],
                          cwd=ledger)  # fmt: skip
    assert code == 2 and "the forms of 2021-W42 were issued already" in err


def test_a_form_filled_well_is_recorded_and_collecting_it_again_changes_nothing(
    ledger: Path, runner: CliRunner, tmp_path: Path
) -> None:
    forms = _issue(runner, ledger, tmp_path / "out")
    rows = _rows(forms[UNIT])
    back = tmp_path / "back"
    (back / "印发通知.pdf").parent.mkdir(parents=True)
    (back / "印发通知.pdf").write_bytes(b"%PDF-1.4 notice")
    _fill(forms[UNIT], back / forms[UNIT].name, {
        (rows["TASK-002"], PROGRESS): "本周集体学习一次",
        (rows["TASK-002"], BY): "张三",
        (rows["TASK-002"], REMARKS): "下周报送学习记录",
        (rows["TASK-030"], PROGRESS): "改革任务方案已印发",
        (rows["TASK-030"], STATE): "申请销号",
        (rows["TASK-030"], EVIDENCE): "印发通知.pdf",
        (rows["TASK-030"], BY): "张三",
    }, datetime.date(2021, 10, 21))  # fmt: skip
    tasks_before = sorted((ledger / "tasks").iterdir())
    code, out, err = invoke(runner, ["forms", "collect", str(back), "--lang", "en"], cwd=ledger)
    assert code == 0, err
    assert out.splitlines() == [
        f"~ TASK-002  {forms[UNIT].name}",
        f"~ TASK-030  {forms[UNIT].name}",
    ]
    assert sorted((ledger / "tasks").iterdir()) == tasks_before  # a form makes no task
    note = _task(ledger, "TASK-002")["progress"][-1]
    assert note == {"date": datetime.date(2021, 10, 21),
                    "text": "本周集体学习一次（备注：下周报送学习记录）", "by": "张三"}  # fmt: skip
    applied = _task(ledger, "TASK-030")
    assert applied["status"] == "in-progress" and "closing" not in applied  # never signs off
    (request,) = applied["requests"]
    assert (request["kind"], request["by"], request["date"]) == (
        "signoff", UNIT, datetime.date(2021, 10, 21)
    )  # fmt: skip
    assert request["evidence"] == ["evidence/TASK-030/印发通知.pdf"]
    assert (ledger / "evidence" / "TASK-030" / "印发通知.pdf").read_bytes() == b"%PDF-1.4 notice"
    code, out, _ = invoke(runner, ["list", "--pending", "--as-of", "2021-10-22"], cwd=ledger)
    assert "TASK-030" in out
    before = _files(ledger)
    code, _, err = invoke(runner, ["forms", "collect", str(back), "--lang", "en"], cwd=ledger)
    assert code == 0 and "was collected already: nothing to do" in err
    resaved = _resave(back / forms[UNIT].name, tmp_path)  # other bytes, the same form
    import openpyxl

    book = openpyxl.load_workbook(resaved)  # what the office suite kept of the form
    assert book["填报表"].protection.sheet is True
    assert book["zhenggai"].sheet_state in ("hidden", "veryHidden")
    kept = book["填报表"].data_validations.dataValidation
    assert any(v.type == "list" and "申请销号" in str(v.formula1) for v in kept)
    assert any(v.type == "date" for v in kept)
    assert book["填报表"].cell(rows["TASK-030"], 1).protection.locked
    assert not book["填报表"].cell(rows["TASK-030"], PROGRESS).protection.locked
    shutil.copy(back / "印发通知.pdf", resaved.parent / "印发通知.pdf")
    code, _, err = invoke(runner, ["forms", "collect", str(resaved), "--lang", "en"], cwd=ledger)
    assert code == 0, err
    now = _files(ledger)
    assert {k: v for k, v in now.items() if not k.startswith("forms/")} == {
        k: v for k, v in before.items() if not k.startswith("forms/")
    }  # nothing recorded twice: only the return itself is added to the round


def test_every_bad_cell_is_named_and_nothing_is_recorded(
    ledger: Path, runner: CliRunner, tmp_path: Path
) -> None:
    import openpyxl

    forms = _issue(runner, ledger, tmp_path / "out")
    rows = _rows(forms[UNIT])
    book = openpyxl.load_workbook(forms[UNIT])
    sheet = book["填报表"]
    sheet.protection.sheet = False  # a liaison who removed the protection
    sheet.cell(rows["TASK-033"], DEADLINE).value = "2022-06-30"
    sheet.cell(rows["TASK-038"], STATE).value = "申请延期"
    sheet.cell(rows["TASK-038"], EXTEND_TO).value = "明年春天"
    sheet.cell(rows["TASK-038"], REASON).value = "需征求意见"
    sheet.cell(rows["TASK-082"], STATE).value = "已完成"
    sheet.cell(rows["TASK-082"], EVIDENCE).value = "不存在.pdf"
    sheet.cell(rows["TASK-002"], PROGRESS).value = "这一行是好的"
    back = tmp_path / "back" / forms[UNIT].name
    back.parent.mkdir()
    book.save(back)
    before = _files(ledger)
    code, out, err = invoke(runner, ["forms", "collect", str(back), "--lang", "en"], cwd=ledger)
    assert code == 1 and out == ""
    name = forms[UNIT].name
    row = {task: str(number) for task, number in rows.items()}
    for said in (
        f"{name}!填报表!G{row['TASK-033']}: error: deadline was changed on the form: it was "
        "issued as '2021-12-31'",
        f"{name}!填报表!K{row['TASK-038']}: error: cannot read '明年春天' as a date",
        f"{name}!填报表!J{row['TASK-082']}: error: '已完成' is not one of 推进中、申请销号、申请延期",
        f"{name}!填报表!M{row['TASK-082']}: error: evidence '不存在.pdf' is not beside the workbook",
        f"zhenggai: {name}: nothing recorded, fix the cells above and collect it again",
    ):
        assert said in err, said
    assert _files(ledger) == before


def test_a_form_of_another_period_or_ledger_is_refused_as_such(
    ledger: Path, runner: CliRunner, tmp_path: Path
) -> None:
    forms = _issue(runner, ledger, tmp_path / "out")
    other = copy_example(tmp_path / "other")
    code, _, err = invoke(runner, ["forms", "collect", str(forms[UNIT]), "--lang", "en"],
                          cwd=other)  # fmt: skip
    assert code == 1 and "no forms of 2021-W42 were issued here" in err
    settings_file = other / "zhenggai.yaml"
    settings_file.write_text(settings_file.read_text("utf-8").replace("title: ", "title: 另一", 1),
                             "utf-8")  # fmt: skip
    _issue(runner, other, tmp_path / "other-out")
    code, _, err = invoke(runner, ["forms", "collect", str(forms[UNIT]), "--lang", "en"],
                          cwd=other)  # fmt: skip
    assert code == 1 and "is a form of another ledger: collect it there" in err
    plain = tmp_path / "plain.xlsx"
    code, _, _ = invoke(runner, ["export", "xlsx", "-o", str(plain), "--as-of", "2021-10-23"],
                        cwd=ledger)  # fmt: skip
    code, _, err = invoke(runner, ["forms", "collect", str(plain), "--lang", "en"], cwd=ledger)
    assert code in (1, 2) and "is not a form zhenggai issued" in err


def test_who_reported_on_time_late_or_not(ledger: Path, runner: CliRunner, tmp_path: Path) -> None:
    forms = _issue(runner, ledger, tmp_path / "out", "--unit", UNIT, "--unit", "秘书局",
                   "--unit", "联络局")  # fmt: skip
    on_time = _fill(forms[UNIT], tmp_path / "a" / forms[UNIT].name,
                    {(_rows(forms[UNIT])["TASK-002"], PROGRESS): "学习一次"},
                    datetime.date(2021, 10, 21))  # fmt: skip
    late = _fill(forms["秘书局"], tmp_path / "b" / forms["秘书局"].name,
                 {(_rows(forms["秘书局"])["TASK-003"], PROGRESS): "征求意见"},
                 datetime.date(2021, 10, 25))  # fmt: skip
    for path in (on_time, late):
        code, _, err = invoke(runner, ["forms", "collect", str(path)], cwd=ledger)
        assert code == 0, err
    code, out, err = invoke(runner, ["forms", "status", "--as-of", "2021-10-26", "--lang", "en"],
                            cwd=ledger)  # fmt: skip
    assert code == 0, err
    lines = {line.split()[0]: line for line in out.splitlines()[2:]}
    assert (
        "on time" in lines["全国政协办公厅研究室"] and "2021-10-21" in lines["全国政协办公厅研究室"]
    )
    assert "3 days late" in lines["全国政协办公厅秘书局"]
    assert "not reported" in lines["全国政协办公厅联络局"]


# --- Whatever a liaison types ---------------------------------------------------------

# What a cell of an xlsx file can hold at all: no C0 control but tab and line breaks
# (the XML refuses them; no office suite writes them), no lone surrogates.
_CELL_TEXT = st.characters(
    blacklist_categories=["Cs"],
    blacklist_characters=[chr(c) for c in (*range(0, 9), 11, 12, *range(14, 32))],
)
TYPED = st.one_of(
    st.text(_CELL_TEXT, max_size=300),
    st.sampled_from(
        [
            "=1+1",
            '=HYPERLINK("http://x","点")',
            "@SUM(A1)",
            "\u009b[2J清屏",
            "\u202e反转",
            "2021-13-45",
            "2021/10/20",
            "45000",
            "申请销号",
            "申请延期",
            "推进中",
            "../../etc/passwd",
            "a" * 6000,
        ]
    ),
    st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2999, 12, 31)),
    st.integers(min_value=-(10**9), max_value=10**9),
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
          HealthCheck.function_scoped_fixture])  # fmt: skip
@given(typed=st.lists(st.tuples(st.integers(0, 7), st.integers(PROGRESS, REMARKS), TYPED),
                      min_size=1, max_size=6))  # fmt: skip
def test_whatever_a_liaison_types_is_recorded_inert_or_named(
    typed: list[tuple[int, int, Any]], tmp_path_factory: pytest.TempPathFactory, runner: CliRunner
) -> None:
    root = tmp_path_factory.mktemp("typed")
    ledger = copy_example(root / "ledger")
    forms = _issue(runner, ledger, root / "out", "--unit", UNIT)
    rows = list(_rows(forms[UNIT]).values())
    cells = {(rows[at], column): value for at, column, value in typed}
    back = _fill(forms[UNIT], root / "back" / forms[UNIT].name, cells, datetime.date(2021, 10, 21))
    facts_before = {task: _task(ledger, task) for task in _rows(forms[UNIT])}
    before = _files(ledger)
    code, _, err = invoke(runner, ["forms", "collect", str(back), "--lang", "en"], cwd=ledger)
    assert "Traceback" not in err and "internal error" not in err
    if code != 0:
        assert code in (1, 2) and _files(ledger) == before, err
        return
    code, out, err = invoke(runner, ["check", "--as-of", "2021-10-23", "--select", "basic"],
                            cwd=ledger)  # fmt: skip
    assert code == 0, out + err
    for task, was in facts_before.items():
        now = _task(ledger, task)
        for key in ("title", "measure", "deadline", "lead", "units", "status"):
            assert now.get(key) == was.get(key), (task, key)


def test_the_weekly_report_and_check_tell_who_has_not_reported(
    ledger: Path, runner: CliRunner, tmp_path: Path
) -> None:
    forms = _issue(runner, ledger, tmp_path / "out", "--unit", UNIT, "--unit", "秘书局")
    back = _fill(forms[UNIT], tmp_path / "a" / forms[UNIT].name,
                 {(_rows(forms[UNIT])["TASK-002"], PROGRESS): "学习一次"},
                 datetime.date(2021, 10, 21))  # fmt: skip
    collect = ["forms", "collect", str(back), "--date", "2021-10-22"]
    assert invoke(runner, collect, cwd=ledger)[0] == 0
    code, out, err = invoke(runner, ["report", "weekly", "--as-of", "2021-10-24", "--lang", "zh"],
                            cwd=ledger)  # fmt: skip
    assert code == 0, err
    register = out.split("各单位填报情况")[1].split("##")[0]
    assert "| 全国政协办公厅研究室 | 按时 | 2021-10-21 | 1 | 1/1 |" in register
    assert "| 全国政协办公厅秘书局 | 未报 |  | 0 | 0/1 |" in register
    code, out, _ = invoke(runner, ["check", "--as-of", "2021-10-25", "--select", "forms-missing",
                                   "--lang", "en"], cwd=ledger)  # fmt: skip
    assert "forms/2021-W42.yaml" in out
    assert "秘书局 has not returned its form of 2021-W42 (due 2021-10-22, 3 days ago)" in out
    assert "研究室 has not returned" not in out


def test_the_mail_that_sends_each_form_opens_in_a_mail_client(
    ledger: Path, runner: CliRunner, tmp_path: Path
) -> None:
    import email
    from email import policy

    args = ["unit", "set", UNIT, "--email", "yjs@example.org", "--liaison", "王五"]
    code, _, err = invoke(runner, args, cwd=ledger)
    assert code == 0, err
    out = tmp_path / "out"
    code, _, err = invoke(runner, [*ISSUE, "-o", str(out), "--unit", UNIT, "--unit", "秘书局",
                                   "--mail", "--from", "zgb@example.org"], cwd=ledger)  # fmt: skip
    assert code == 0, err
    assert "秘书局 has no mail address" in err or "秘书局 没有电子邮箱" in err
    raw = (out / f"{UNIT}_{PERIOD}.eml").read_bytes()
    message = email.message_from_bytes(raw, policy=policy.default)
    assert message["To"] == "yjs@example.org" and message["From"] == "zgb@example.org"
    assert (
        message["Subject"]
        == "【整改填报】全国政协办公厅研究室2021-W42整改任务进展填报表（请于2021-10-22前报送）"
    )
    body = message.get_body(("plain",))
    assert body is not None and body.get_content().startswith("王五同志：")
    (attached,) = list(message.iter_attachments())
    assert attached.get_filename() == f"{UNIT}_{PERIOD}.xlsx"
    assert attached.get_content() == (out / f"{UNIT}_{PERIOD}.xlsx").read_bytes()
    chat = (out / f"{UNIT}_{PERIOD}.txt").read_text("utf-8")
    assert "共8项" in chat and "2021-10-22" in chat
    no_one = email.message_from_bytes((out / f"秘书局_{PERIOD}.eml").read_bytes(),
                                      policy=policy.default)  # fmt: skip
    assert no_one["To"] is None


def test_the_ledgers_own_export_imported_back_updates_the_same_tasks_and_makes_none(
    ledger: Path, runner: CliRunner, tmp_path: Path
) -> None:
    import openpyxl

    sheet = tmp_path / "研究室台账.xlsx"
    args = [
        "export",
        "xlsx",
        "--unit",
        UNIT,
        "-o",
        str(sheet),
        "--as-of",
        "2021-10-23",
        "--lang",
        "zh",
    ]
    assert invoke(runner, args, cwd=ledger)[0] == 0
    before = _files(ledger)
    back = ["import", "xlsx", str(sheet), "--date", "2021-10-23", "--lang", "en"]
    code, out, err = invoke(runner, back, cwd=ledger)
    assert code == 0, err
    assert out == "" and _files(ledger) == before  # the same tasks, nothing new, nothing made
    book = openpyxl.load_workbook(sheet)
    rows = book.active
    assert rows is not None
    for row in range(4, rows.max_row + 1):
        if rows.cell(row, 2).value == "TASK-030":
            rows.cell(row, 10).value = "已完成"
            rows.cell(row, 12).value = "已报党组审议通过"
        if rows.cell(row, 2).value == "TASK-033":
            rows.cell(row, 8).value = "2022-03-31"
    book.save(sheet)
    code, out, err = invoke(runner, back, cwd=ledger)
    assert code == 0, err
    assert sorted((ledger / "tasks").iterdir()) == sorted(
        ledger / k for k in before if k.startswith("tasks/")
    )  # fmt: skip
    assert "TASK-030 applied for sign-off, for the office to approve" in err
    assert "TASK-033 applied for an extension, for the office to approve" in err
    signed = _task(ledger, "TASK-030")
    assert signed["status"] == "in-progress" and signed["requests"][0]["kind"] == "signoff"
    assert signed["progress"][-1]["text"] == "备注：已报党组审议通过"
    moved = _task(ledger, "TASK-033")
    assert moved["deadline"] == datetime.date(2021, 12, 31)  # not moved until approved
    assert moved["requests"][0]["to"] == datetime.date(2022, 3, 31)
    code, out, err = invoke(runner, back, cwd=ledger)  # again: nothing new
    assert (code == 0 and "already" in err) or "waits already" in err


def test_over_many_ledgers_each_childs_units_are_in_the_register(
    tmp_path: Path, runner: CliRunner
) -> None:
    from tests.helpers import TESTS

    root = tmp_path / "province"
    shutil.copytree(TESTS / "fixtures" / "family", root)
    child = root / "units" / "yi"
    issue = [*ISSUE, "-o", str(tmp_path / "out")]
    code, _, err = invoke(runner, issue, cwd=child)
    assert code == 0, err
    code, out, err = invoke(runner, ["forms", "status", "--as-of", "2021-10-25", "--lang", "en"],
                            cwd=root)  # fmt: skip
    assert "乙单位:乙单位办公室" in out and "not reported" in out, out + err


def test_a_round_as_an_office_runs_it(ledger: Path, runner: CliRunner, tmp_path: Path) -> None:
    """The whole round on the example: forms to every unit; one returned well with a
    申请销号 and its evidence beside it, one with a changed deadline and a bad date,
    one saved again by LibreOffice, one not returned at all; then who reported, the
    weekly report, the applications waiting, and the 台账 exported and imported back."""
    forms = _issue(runner, ledger, tmp_path / "out")
    inbox = tmp_path / "inbox"
    good, bad, resaved, silent = UNIT, "秘书局", "联络局", "提案局"
    assert silent in forms
    rows = _rows(forms[good])
    (inbox / "good").mkdir(parents=True)
    (inbox / "good" / "印发通知.pdf").write_bytes(b"%PDF-1.4 notice")
    _fill(forms[good], inbox / "good" / forms[good].name, {
        (rows["TASK-030"], PROGRESS): "改革任务方案已印发", (rows["TASK-030"], STATE): "申请销号",
        (rows["TASK-030"], EVIDENCE): "印发通知.pdf", (rows["TASK-030"], BY): "王五",
    }, datetime.date(2021, 10, 21))  # fmt: skip
    import openpyxl

    book = openpyxl.load_workbook(forms[bad])
    sheet = book["填报表"]
    sheet.protection.sheet = False
    first = _rows(forms[bad])["TASK-003"]
    sheet.cell(first, DEADLINE).value = "2022-12-31"
    sheet.cell(first, STATE).value = "申请延期"
    sheet.cell(first, EXTEND_TO).value = "下个月"
    (inbox / "bad").mkdir()
    book.save(inbox / "bad" / forms[bad].name)
    filled = _fill(forms[resaved], tmp_path / "lo-in" / forms[resaved].name,
                   {(next(iter(_rows(forms[resaved]).values())), PROGRESS): "按计划推进"},
                   datetime.date(2021, 10, 23))  # fmt: skip
    shutil.copy(_resave(filled, tmp_path), inbox / forms[resaved].name)
    tasks_before = sorted(p.name for p in (ledger / "tasks").iterdir())
    paths = [str(inbox / "good"), str(inbox / "bad"), str(inbox / forms[resaved].name)]
    code, out, err = invoke(runner, ["forms", "collect", *paths, "--date", "2021-10-23",
                                     "--lang", "en"], cwd=ledger)  # fmt: skip
    assert code == 1  # the bad workbook: named, nothing of it recorded; the others are
    assert f"{forms[bad].name}!填报表!G{first}: error: deadline was changed" in err
    assert f"{forms[bad].name}!填报表!K{first}: error: cannot read '下个月' as a date" in err
    assert f"~ TASK-030  {forms[good].name}" in out and forms[resaved].name in out
    assert sorted(p.name for p in (ledger / "tasks").iterdir()) == tasks_before
    code, out, _ = invoke(runner, ["forms", "status", "--as-of", "2021-10-25", "--lang", "zh"],
                          cwd=ledger)  # fmt: skip
    lines = {line.split()[0]: line for line in out.splitlines()[2:]}
    assert "按时" in lines["全国政协办公厅研究室"]
    assert "迟报 1 天" in lines["全国政协办公厅联络局"]
    assert "未报" in lines["全国政协办公厅秘书局"] and "未报" in lines["全国政协办公厅提案局"]
    code, out, _ = invoke(runner, ["report", "weekly", "--as-of", "2021-10-24", "--lang", "zh"],
                          cwd=ledger)  # fmt: skip
    assert "各单位填报情况" in out and "| 全国政协办公厅研究室 | 按时 | 2021-10-21 |" in out
    code, out, _ = invoke(runner, ["list", "--pending", "--as-of", "2021-10-24"], cwd=ledger)
    assert "TASK-030" in out
    sheet_path = tmp_path / "研究室台账.xlsx"
    export = ["export", "xlsx", "--unit", UNIT, "-o", str(sheet_path), "--as-of", "2021-10-24",
              "--lang", "zh"]  # fmt: skip
    assert invoke(runner, export, cwd=ledger)[0] == 0
    code, _, err = invoke(runner, ["import", "xlsx", str(sheet_path), "--date", "2021-10-24",
                                   "--lang", "en"], cwd=ledger)  # fmt: skip
    assert code == 0 and "0 new" in err, err
    assert sorted(p.name for p in (ledger / "tasks").iterdir()) == tasks_before


def test_a_workbook_that_is_no_form_is_refused_alone(
    ledger: Path, runner: CliRunner, tmp_path: Path
) -> None:
    forms = _issue(runner, ledger, tmp_path / "out", "--unit", UNIT)
    back = _fill(forms[UNIT], tmp_path / "back" / forms[UNIT].name,
                 {(_rows(forms[UNIT])["TASK-002"], PROGRESS): "学习一次"},
                 datetime.date(2021, 10, 21))  # fmt: skip
    other = tmp_path / "back" / "台账.xlsx"
    args = ["export", "xlsx", "-o", str(other), "--as-of", "2021-10-23"]
    assert invoke(runner, args, cwd=ledger)[0] == 0
    code, out, err = invoke(runner, ["forms", "collect", str(back.parent), "--lang", "en"],
                            cwd=ledger)  # fmt: skip
    assert code == 1 and "台账.xlsx: error: " in err and "is not a form zhenggai issued" in err
    assert f"~ TASK-002  {forms[UNIT].name}" in out  # the form beside it is collected
