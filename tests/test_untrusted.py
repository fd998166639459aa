"""A sheet from a liaison is untrusted input (issue 25): what is named as a sheet must
be a regular file of a bounded size, and a cell that will not read is a message, never
an internal error; nothing in the ledger changes."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from tests.helpers import copy_example, invoke


@pytest.fixture
def ledger(tmp_path: Path) -> Path:
    return copy_example(tmp_path / "ledger")


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()
            and ".zhenggai-cache" not in p.parts}  # fmt: skip


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_folder_is_no_sheet(kind: str, ledger: Path, tmp_path: Path, runner: CliRunner) -> None:
    before = _files(ledger)
    code, out, err = invoke(runner, ["import", kind, str(tmp_path), "--lang", "en"], cwd=ledger)
    assert code == 2 and out == ""
    assert f"{tmp_path} is a folder: give the sheet's file" in err
    assert _files(ledger) == before


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
@pytest.mark.parametrize("special", ["fifo", "/dev/zero"])
def test_a_pipe_or_a_device_is_refused_at_once(
    kind: str, special: str, ledger: Path, tmp_path: Path, runner: CliRunner
) -> None:
    path = Path(special)
    if special == "fifo":
        path = tmp_path / "sheet.csv"
        os.mkfifo(path)
    started = time.monotonic()
    code, _, err = invoke(runner, ["import", kind, str(path), "--lang", "en"], cwd=ledger)
    assert code == 2 and "is not a regular file (a pipe or a device)" in err
    assert time.monotonic() - started < 10
    assert "internal error" not in err


def test_a_csv_cell_over_the_limit_is_said_by_line(
    ledger: Path, tmp_path: Path, runner: CliRunner
) -> None:
    sheet = tmp_path / "台账.csv"
    sheet.write_text(
        "整改措施,牵头单位,完成时限\n" + "x" * 200_000 + ",研究室,2021-12-31\n", "utf-8"
    )
    before = _files(ledger)
    code, _, err = invoke(runner, ["import", "csv", str(sheet), "--lang", "en"], cwd=ledger)
    assert code == 2, err
    assert "a cell on line 2 is longer than 131072 characters" in err
    assert "internal error" not in err and _files(ledger) == before


def _sheet(tmp_path: Path, evidence: str) -> Path:
    sheet = tmp_path / "台账.csv"
    sheet.write_text(
        "整改措施,责任领导,牵头单位,完成时限,完成情况,佐证材料\n"
        f"建立联络员周报制度,党组书记,研究室,2021-12-31,已完成,{evidence}\n",
        "utf-8",
    )
    return sheet


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("../outside.txt", "is not inside --evidence-dir"),
        ("{outside}", "is not inside --evidence-dir"),
        ("linked/secret.txt", "passes through a link (linked)"),
        ("link.txt", "passes through a link (link.txt)"),
        ("big.pdf", "is larger than the ledger's evidence_max_mb (1 MB)"),
    ],
    ids=["dotdot", "absolute", "linked-folder", "linked-file", "over-the-limit"],
)
def test_evidence_a_sheet_names_stays_inside_the_folder_given(
    name: str, said: str, ledger: Path, tmp_path: Path, runner: CliRunner
) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("秘密", "utf-8")
    (tmp_path / "secrets").mkdir()
    (tmp_path / "secrets" / "secret.txt").write_text("秘密", "utf-8")
    folder = tmp_path / "returned"
    folder.mkdir()
    (folder / "linked").symlink_to(tmp_path / "secrets")
    (folder / "link.txt").symlink_to(outside)
    (folder / "big.pdf").write_bytes(b"0" * (2 * 1024 * 1024))
    settings = ledger / "zhenggai.yaml"
    settings.write_text(settings.read_text("utf-8") + "evidence_max_mb: 1\n", "utf-8")
    sheet = _sheet(tmp_path, name.replace("{outside}", str(outside)))
    before = _files(ledger)
    args = ["import", "csv", str(sheet), "--evidence-dir", str(folder), "--date", "2021-10-20",
            "--lang", "en"]  # fmt: skip
    code, out, err = invoke(runner, args, cwd=ledger)
    assert code == 2 and out == "", err
    assert f"台账!F2: evidence '{name.replace('{outside}', str(outside))}' {said}" in err
    assert _files(ledger) == before
    assert not any("秘密" in content.decode("utf-8", "replace") for content in before.values())


def test_evidence_inside_the_folder_is_copied_in(
    ledger: Path, tmp_path: Path, runner: CliRunner
) -> None:
    folder = tmp_path / "returned"
    (folder / "会议").mkdir(parents=True)
    (folder / "会议" / "纪要.pdf").write_bytes(b"%PDF-1.4 minutes")
    sheet = _sheet(tmp_path, "会议/纪要.pdf")
    args = ["import", "csv", str(sheet), "--evidence-dir", str(folder), "--date", "2021-10-20"]
    code, out, err = invoke(runner, args, cwd=ledger)
    assert code == 0, err
    task_id = out.split()[1]
    assert (ledger / "evidence" / task_id / "纪要.pdf").read_bytes() == b"%PDF-1.4 minutes"


def test_an_import_into_a_ledger_with_a_file_that_does_not_read_is_refused(
    ledger: Path, tmp_path: Path, runner: CliRunner
) -> None:
    task = ledger / "tasks" / "TASK-107.yaml"
    task.write_text("<<<<<<< HEAD\nid: TASK-107\n=======\nid: TASK-107\n>>>>>>> other\n", "utf-8")
    sheet = tmp_path / "台账.csv"
    sheet.write_text(
        "编号,整改措施,牵头单位,完成时限\nTASK-107,另一项举措,研究室,2021-12-31\n", "utf-8"
    )
    before = _files(ledger)
    code, _, err = invoke(runner, ["import", "csv", str(sheet), "--lang", "en"], cwd=ledger)
    assert code == 2 and "refusing to import: files of the ledger do not read" in err
    assert "tasks/TASK-107.yaml" in err and _files(ledger) == before


def test_an_import_into_linked_tasks_is_refused(
    ledger: Path, tmp_path: Path, runner: CliRunner
) -> None:
    outside = tmp_path / "elsewhere"
    (ledger / "tasks").rename(outside)
    (ledger / "tasks").symlink_to(outside)
    sheet = _sheet(tmp_path, "")
    before = {p.name for p in outside.iterdir()}
    code, _, err = invoke(runner, ["import", "csv", str(sheet), "--lang", "en"], cwd=ledger)
    assert code == 2 and "refusing to import: tasks in the ledger is a link" in err
    assert {p.name for p in outside.iterdir()} == before


@pytest.mark.parametrize("typed", ["TASK-١٢٣", "TASK-1", "TASK-0200", "task-200"])
def test_a_sheets_id_is_taken_only_in_the_ledgers_form_and_only_when_free(
    typed: str, ledger: Path, tmp_path: Path, runner: CliRunner
) -> None:
    sheet = tmp_path / "台账.csv"
    sheet.write_text(
        f"编号,整改措施,责任领导,牵头单位,完成时限\n{typed},另一项举措,党组书记,研究室,2021-12-31\n",
        "utf-8",
    )
    code, out, err = invoke(runner, ["import", "csv", str(sheet), "--date", "2021-10-20",
                                     "--lang", "en"], cwd=ledger)  # fmt: skip
    assert code == 0, err
    assert out.split()[:2] == ["+", "TASK-108"]
    assert f"编号 '{typed}' not taken" in err and "the task is TASK-108" in err


def test_a_sheets_free_id_in_the_ledgers_form_is_taken(
    ledger: Path, tmp_path: Path, runner: CliRunner
) -> None:
    sheet = tmp_path / "台账.csv"
    sheet.write_text(
        "编号,整改措施,责任领导,牵头单位,完成时限\nTASK-200,另一项举措,党组书记,研究室,2021-12-31\n",
        "utf-8",
    )
    code, out, err = invoke(runner, ["import", "csv", str(sheet), "--date", "2021-10-20"],
                            cwd=ledger)  # fmt: skip
    assert code == 0, err
    assert out.split()[:2] == ["+", "TASK-200"]


@pytest.mark.parametrize(
    ("cell", "extent"),
    [((1048575, 16383), "1048576 rows × 16384 columns"), ((1048575, 25), "1048576 rows × 26")],
    ids=["XFD1048576", "Z1048576"],
)
def test_a_sheet_is_measured_before_it_is_built(
    cell: tuple[int, int], extent: str, ledger: Path, tmp_path: Path, runner: CliRunner
) -> None:
    import xlsxwriter

    path = tmp_path / "炸弹.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("台账")
    sheet.write_row(0, 0, ["整改措施", "牵头单位", "完成时限"])
    sheet.write_string(*cell, "x")
    book.close()
    assert path.stat().st_size < 10_000
    started = time.monotonic()
    code, _, err = invoke(runner, ["import", "xlsx", str(path), "--lang", "en"], cwd=ledger)
    assert code == 2, err
    assert f"sheet '台账' spans {extent}" in err and "sheet_max_cells" in err
    assert time.monotonic() - started < 10


def test_the_sheet_bound_is_the_ledgers_setting(
    ledger: Path, tmp_path: Path, runner: CliRunner
) -> None:
    import xlsxwriter

    path = tmp_path / "台账.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("台账")
    sheet.write_row(0, 0, ["整改措施", "牵头单位", "完成时限"])
    sheet.write_row(1, 0, ["建立联络员周报制度", "研究室", "2021-12-31"])
    sheet.write_string(499, 2, "x")
    book.close()
    settings = ledger / "zhenggai.yaml"
    settings.write_text(settings.read_text("utf-8") + "sheet_max_cells: 1000\n", "utf-8")
    code, _, err = invoke(runner, ["import", "xlsx", str(path), "--dry-run", "--lang", "en"],
                          cwd=ledger)  # fmt: skip
    assert code == 2 and "spans 500 rows × 3 columns, more than the 1000 cells" in err


def test_a_csv_over_the_bound_is_refused_as_it_is_read(
    ledger: Path, tmp_path: Path, runner: CliRunner
) -> None:
    sheet = tmp_path / "百万行.csv"
    sheet.write_text("整改措施,牵头单位,完成时限\n" + ",研究室,\n" * 1_000_000, "utf-8")
    started = time.monotonic()
    code, _, err = invoke(runner, ["import", "csv", str(sheet), "--lang", "en"], cwd=ledger)
    assert code == 2 and "sheet '百万行' spans 666667+ rows × 3 columns" in err
    assert time.monotonic() - started < 10


def test_rows_skipped_for_one_reason_are_one_line(
    ledger: Path, tmp_path: Path, runner: CliRunner
) -> None:
    sheet = tmp_path / "台账.csv"
    sheet.write_text("整改措施,责任领导,牵头单位,完成时限\n" + ",,研究室,\n" * 50
                     + "建立联络员周报制度,党组书记,研究室,2021-12-31\n", "utf-8")  # fmt: skip
    code, _, err = invoke(runner, ["import", "csv", str(sheet), "--dry-run", "--lang", "en"],
                          cwd=ledger)  # fmt: skip
    assert code == 0, err
    assert "台账!2–51 (50 rows): skipped: no measure" in err
    assert err.count("skipped") == 1


def test_a_text_longer_than_a_cell_is_cut_with_a_note_in_the_cell(
    ledger: Path, tmp_path: Path, runner: CliRunner
) -> None:
    import openpyxl

    settings = ledger / "zhenggai.yaml"  # the longest note a ledger may allow
    settings.write_text(settings.read_text("utf-8") + "text_max: {note: 32767}\n", "utf-8")
    note = "推进" * 16_383
    code, _, err = invoke(runner, ["progress", "TASK-003", note, "--date", "2021-10-20",
                                   "--by", "李"], cwd=ledger)  # fmt: skip
    assert code == 0, err
    out = tmp_path / "台账.xlsx"
    code, _, err = invoke(runner, ["export", "xlsx", "-o", str(out), "--as-of", "2021-10-23",
                                   "--lang", "zh"], cwd=ledger)  # fmt: skip
    assert code == 0, err
    sheet = openpyxl.load_workbook(out).active
    assert sheet is not None
    texts = [str(c.value) for row in sheet.iter_rows() for c in row if c.value]
    cut = [text for text in texts if text.startswith("2021-10-20：推进推进")]
    assert len(cut) == 1 and len(cut[0]) == 32_767
    assert cut[0].endswith("（超过表格单元格 32767 字的上限，此处截断；台账中为全文）")


def test_a_write_longer_than_the_bound_is_refused_and_a_raised_bound_takes_it(
    ledger: Path, runner: CliRunner
) -> None:
    before = _files(ledger)
    note = "推进" * 2_501  # 5,002 characters: over the default 5,000
    args = ["progress", "TASK-003", note, "--date", "2021-10-20", "--lang", "en"]
    code, _, err = invoke(runner, args, cwd=ledger)
    assert code == 2
    assert "is 5002 characters long, more than the 5000 it may be [text-length]" in err
    assert _files(ledger) == before
    settings = ledger / "zhenggai.yaml"
    settings.write_text(settings.read_text("utf-8") + "text_max: {note: 6000}\n", "utf-8")
    code, _, err = invoke(runner, args, cwd=ledger)
    assert code == 0, err


def test_a_cell_longer_than_its_fields_bound_is_refused_by_address(
    ledger: Path, tmp_path: Path, runner: CliRunner
) -> None:
    sheet = tmp_path / "台账.csv"
    sheet.write_text(
        "整改措施,责任领导,牵头单位,完成时限,工作进展\n"
        f"建立联络员周报制度,党组书记,研究室,2021-12-31,{'推进' * 2_501}\n",
        "utf-8",
    )
    before = _files(ledger)
    args = ["import", "csv", str(sheet), "--date", "2021-10-20", "--lang", "en"]
    code, _, err = invoke(runner, args, cwd=ledger)
    assert code == 1  # as every cell that cannot be read: nothing written
    assert "台账!E2: error: 5002 characters, more than the 5000 this column may hold" in err
    assert _files(ledger) == before


def test_a_measure_of_one_long_line_gets_a_short_title_and_keeps_the_whole(
    ledger: Path, tmp_path: Path, runner: CliRunner
) -> None:
    import yaml

    first = "建立联络员周报制度。"
    measure = first + "每周五前报送进展，" * 40 + "年底前形成长效机制"
    sheet = tmp_path / "台账.csv"
    sheet.write_text(
        f"整改措施,责任领导,牵头单位,完成时限\n{measure},党组书记,研究室,2021-12-31\n", "utf-8"
    )
    args = ["import", "csv", str(sheet), "--date", "2021-10-20"]
    code, out, err = invoke(runner, args, cwd=ledger)
    assert code == 0, err
    task = yaml.safe_load((ledger / "tasks" / f"{out.split()[1]}.yaml").read_text("utf-8"))
    assert task["title"] == "建立联络员周报制度" and task["measure"] == measure
    code, _, err = invoke(runner, ["check", "--as-of", "2021-10-23"], cwd=ledger)
    assert code == 0, err


def test_units_from_cells_get_ids_of_their_own_and_lose_control_characters(
    ledger: Path, tmp_path: Path, runner: CliRunner
) -> None:
    import yaml

    long = "某某省某某市某某区" * 8  # 72 characters: the first 64 of the two are the same
    sheet = tmp_path / "台账.csv"
    sheet.write_text(
        "整改措施,责任领导,牵头单位,完成时限\n"
        f"第一项,党组书记,{long}甲,2021-12-31\n"
        f"第二项,党组书记,{long}乙,2021-12-31\n"
        "第三项,党组书记,\x1b[31m宣传\u202e部,2021-12-31\n",
        "utf-8",
    )
    code, _, err = invoke(runner, ["import", "csv", str(sheet), "--date", "2021-10-20"],
                          cwd=ledger)  # fmt: skip
    assert code == 0, err
    units = yaml.safe_load((ledger / "zhenggai.yaml").read_text("utf-8"))["units"]
    ids = [unit["id"] for unit in units]
    assert len(ids) == len(set(ids))
    names = {unit["name"] for unit in units}
    assert {f"{long}甲", f"{long}乙", "[31m宣传部"} <= names
    _, out, _ = invoke(runner, ["check", "--as-of", "2021-10-23"], cwd=ledger)
    assert "[unique-id]" not in out


def _family(tmp_path: Path, children: str) -> Path:
    import shutil

    from tests.helpers import TESTS

    root = tmp_path / "province"
    shutil.copytree(TESTS / "fixtures" / "family", root)
    settings = root / "zhenggai.yaml"
    text = settings.read_text("utf-8").split("children:")[0] + "children:\n" + children
    settings.write_text(text, "utf-8")
    return root


def test_a_child_name_holds_no_colon(tmp_path: Path, runner: CliRunner) -> None:
    root = _family(tmp_path, "  - {name: 'a:b', path: units/jia}\n")
    code, _, err = invoke(runner, ["check", "--as-of", "2021-10-23", "--lang", "en"], cwd=root)
    assert code == 2 and "zhenggai.yaml:9:" in err and "name" in err, err


def test_two_children_of_one_name_are_a_finding(tmp_path: Path, runner: CliRunner) -> None:
    root = _family(
        tmp_path, "  - {name: 甲单位, path: units/jia}\n  - {name: 甲单位, path: units/yi}\n"
    )
    code, out, _ = invoke(runner, ["check", "--as-of", "2021-10-23", "--lang", "en"], cwd=root)
    assert code == 1
    assert "zhenggai.yaml:10:" in out
    assert "child 甲单位: another child of the family has that name" in out


def test_a_linked_reviews_folder_is_a_finding_and_takes_no_sample(
    ledger: Path, tmp_path: Path, runner: CliRunner
) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (ledger / "reviews").symlink_to(outside)
    _, out, _ = invoke(runner, ["check", "--as-of", "2021-10-23", "--lang", "en"], cwd=ledger)
    assert "reviews: error: reviews/ is a symbolic link" in out or "reviews/ is a symbolic" in out
    args = ["sample", "2", "--seed", "1", "--record", "--as-of", "2021-10-23", "--lang", "en"]
    code, _, err = invoke(runner, args, cwd=ledger)
    assert code == 2 and "reviews/ is not a real folder of the ledger" in err
    assert list(outside.iterdir()) == []


@pytest.mark.parametrize("joined", ["\n", " "], ids=["lines", "one-line"])
def test_twenty_thousand_wrong_placeholders_are_said_at_once(
    joined: str, ledger: Path, runner: CliRunner
) -> None:
    (ledger / "bulletin" / "part1.md").write_text(joined.join(["{x}"] * 20_000) + "\n", "utf-8")
    started = time.monotonic()
    code, _, err = invoke(runner, ["report", "bulletin", "--as-of", "2021-10-23", "--lang", "en"],
                          cwd=ledger)  # fmt: skip
    assert code == 2 and time.monotonic() - started < 10
    assert err.count("no placeholder {x}") == 50
    assert "and 19950 more like them, not shown" in err


def test_a_bound_the_validator_says_is_said_whole_in_chinese(
    ledger: Path, runner: CliRunner
) -> None:
    settings = ledger / "zhenggai.yaml"
    settings.write_text(settings.read_text("utf-8") + "evidence_max_mb: 5000\n", "utf-8")
    code, _, err = invoke(runner, ["check", "--as-of", "2021-10-23", "--lang", "zh"], cwd=ledger)
    assert code == 2 and "应小于或等于 4096" in err
    assert "less than" not in err and "equal to" not in err


def test_a_sample_says_what_it_draws_from_in_the_ledgers_language(
    ledger: Path, runner: CliRunner
) -> None:
    args = ["sample", "2", "--seed", "1", "--as-of", "2021-10-23", "--lang", "zh"]
    code, _, err = invoke(runner, args, cwd=ledger)
    assert code == 0 and "截至 2021-10-23 已完成" in err and "done on" not in err


_CELL_TEXT = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["2021-12-31", "年内", "立行立改", "长期坚持", "=1+1", "../../etc/passwd",
                     "/etc/passwd", "a\x1b[31mb", "x\u202ey", "TASK-001", "TASK-١٢٣", "{{x}}",
                     "!!python/object:os.system", "*anchor", "&a b", "办公厅、机关党委"]),
)  # fmt: skip


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    rows=st.lists(st.lists(_CELL_TEXT, min_size=5, max_size=5), min_size=1, max_size=6),
    evidence=st.lists(_CELL_TEXT, max_size=3),
)
def test_any_sheet_is_imported_whole_or_refused_whole(
    rows: list[list[str]], evidence: list[str], tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Whatever the cells hold: no traceback, nothing outside the ledger read or written,
    and the ledger checks clean of errors after, or the import changed nothing."""
    import csv
    import io

    from tests.helpers import build_case

    place = tmp_path_factory.mktemp("import")
    root = build_case("clean", place)
    outside = place / "outside.txt"
    outside.write_text("秘密", "utf-8")
    folder = place / "returned"
    folder.mkdir()
    (folder / "ok.pdf").write_bytes(b"%PDF")
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["整改措施", "责任领导", "牵头单位", "完成时限", "佐证材料"])
    for index, row in enumerate(rows):
        writer.writerow([*row[:4], "、".join(evidence) if index == 0 else row[4]])
    sheet = place / "台账.csv"
    sheet.write_text(buffer.getvalue(), "utf-8")
    before = _files(root)
    runner = CliRunner()
    args = ["import", "csv", str(sheet), "--evidence-dir", str(folder), "--date", "2021-10-20"]
    code, _, err = invoke(runner, args, cwd=root)
    assert "Traceback" not in err and "internal error" not in err, err
    assert outside.read_text("utf-8") == "秘密"
    after = _files(root)
    assert not any(b"\xe7\xa7\x98\xe5\xaf\x86" in content for content in after.values())
    if code == 0:
        code, out, _ = invoke(runner, ["check", "--as-of", "2021-10-23"], cwd=root)
        assert ": error: " not in out, out
    else:
        assert after == before or (code == 1 and after == before)


def test_a_sheet_larger_than_any_office_keeps_is_refused_unread(
    ledger: Path, tmp_path: Path, runner: CliRunner
) -> None:
    sheet = tmp_path / "巨大.csv"
    with open(sheet, "wb") as stream:  # sparse: 257 MB on paper, nothing on the disk
        stream.truncate(257 * 1024 * 1024)
    started = time.monotonic()
    code, _, err = invoke(runner, ["import", "csv", str(sheet), "--lang", "en"], cwd=ledger)
    assert code == 2 and "is 257 MB, more than the 256 MB a sheet may be" in err
    assert time.monotonic() - started < 10


def test_every_attack_of_untrusted_input_on_one_ledger_is_refused_or_inert(
    tmp_path: Path,
) -> None:
    # The run of `benchmarks/attack.py`, each attack a separate process on one ledger:
    # exit codes, what each must say, nothing changed by a refusal, nothing outside.
    import sys

    sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
    from untrusted import attacks, plant, run_attacks

    ledger, outside, _ = plant(tmp_path)
    outcomes = run_attacks(attacks(tmp_path), ledger, outside)
    assert len(outcomes) == 28
    assert [(o.name, o.verdict) for o in outcomes if o.verdict != "ok"] == []
