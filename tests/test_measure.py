"""Every kind of workbook an import reads is measured before it is built: xls from its
cell records, ods from its repeat attributes; an xlsb is refused. Real files that
LibreOffice wrote are measured as they are and imported."""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import time
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from tests.helpers import copy_example, invoke
from zhenggai.findings import LedgerError
from zhenggai.sheets.measure import workbook_extents
from zhenggai.sheets.measure_xls import OLE_MAGIC
from zhenggai.sheets.read import require_measured

_HEADER = ["整改措施", "责任领导", "牵头单位", "完成时限"]
_ROW = ["建立联络员周报制度", "党组书记", "研究室", "2021-12-31"]


@pytest.fixture
def ledger(tmp_path: Path) -> Path:
    return copy_example(tmp_path / "ledger")


def _ods(path: Path, rows_xml: str, prolog: str = "") -> Path:
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?>{prolog}'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="台账">'
        f"{rows_xml}</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    with zipfile.ZipFile(path, "w") as book:
        book.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        book.writestr("content.xml", content)
    return path


def _cell(text: str, repeat: int = 1) -> str:
    return (
        f'<table:table-cell office:value-type="string" table:number-columns-repeated="{repeat}">'
        f"<text:p>{text}</text:p></table:table-cell>"
    )


def _soffice(sources: list[Path], kind: str, tmp_path: Path) -> list[Path]:
    """``sources`` converted to ``kind`` by LibreOffice, as an office would save them."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    assert found, "LibreOffice is needed (Debian's libreoffice-calc-nogui; .ci/run installs it)"
    out = tmp_path / kind
    subprocess.run(
        [found, f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--headless",
         "--convert-to", kind, "--outdir", str(out), *map(str, sources)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    return [out / f"{source.stem}.{kind}" for source in sources]


def _xlsx(path: Path, far: tuple[int, int] | None = None) -> Path:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("台账")
    sheet.write_row(0, 0, _HEADER)
    sheet.write_row(1, 0, _ROW)
    if far is not None:
        sheet.write_string(*far, "x")
    book.close()
    return path


def test_an_ods_of_a_hundred_million_repeated_cells_is_refused_unbuilt(
    ledger: Path, tmp_path: Path, runner: CliRunner
) -> None:
    row = (
        f'<table:table-row table:number-rows-repeated="100000">{_cell("x", 1000)}</table:table-row>'
    )
    path = _ods(tmp_path / "炸弹.ods", row)
    assert path.stat().st_size < 2_000
    started = time.monotonic()
    code, _, err = invoke(runner, ["import", "xlsx", str(path), "--lang", "en"], cwd=ledger)
    assert code == 2, err
    assert "sheet '台账' spans 100000 rows × 1000 columns, more than the 2000000 cells" in err
    assert time.monotonic() - started < 10


def test_an_ods_that_declares_entities_is_refused(
    ledger: Path, tmp_path: Path, runner: CliRunner
) -> None:
    prolog = '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    path = _ods(tmp_path / "实体.ods", f"<table:table-row>{_cell('&b;')}</table:table-row>", prolog)
    code, _, err = invoke(runner, ["import", "xlsx", str(path), "--lang", "en"], cwd=ledger)
    assert code == 2
    assert "cannot read" in err and "declares a document type" in err


def test_trailing_empty_repeated_rows_are_not_counted() -> None:
    # LibreOffice ends a sheet with its empty rows repeated to the last row: no reader
    # builds them, and the measure does not count them.
    empty = '<table:table-cell table:number-columns-repeated="1024"/>'
    rows = (
        f"<table:table-row>{_cell('整改措施')}{_cell('牵头单位')}</table:table-row>"
        f'<table:table-row table:number-rows-repeated="1048575">{empty}</table:table-row>'
    )
    path = _ods(Path("/tmp") / f"trailing-{time.monotonic_ns()}.ods", rows)
    try:
        assert workbook_extents(path) == {"台账": (1, 2)}
    finally:
        path.unlink()


def test_xls_and_ods_as_libreoffice_saves_them_are_measured_and_imported(
    ledger: Path, tmp_path: Path, runner: CliRunner
) -> None:
    small = _xlsx(tmp_path / "台账.xlsx")
    far = _xlsx(tmp_path / "炸弹.xlsx", far=(65535, 255))  # the last cell an xls has
    small_xls, far_xls = _soffice([small, far], "xls", tmp_path)
    (small_ods,) = _soffice([small], "ods", tmp_path)
    assert workbook_extents(far_xls) == {"台账": (65536, 256)}
    assert workbook_extents(small_xls) == workbook_extents(small_ods) == {"台账": (2, 4)}
    code, _, err = invoke(runner, ["import", "xlsx", str(far_xls), "--lang", "en"], cwd=ledger)
    assert code == 2 and "spans 65536 rows × 256 columns" in err
    for path in (small_xls, small_ods):
        code, out, err = invoke(
            runner, ["import", "xlsx", str(path), "--dry-run", "--date", "2021-10-20"], cwd=ledger
        )
        assert code == 0, err
        assert out.startswith("+ ") and "台账!2" in out  # the one row, read as a task


def test_a_binary_workbook_is_refused_by_what_it_is(
    ledger: Path, tmp_path: Path, runner: CliRunner
) -> None:
    path = tmp_path / "台账.xlsx"  # named xlsx, an xlsb inside
    with zipfile.ZipFile(path, "w") as book:
        book.writestr("xl/workbook.bin", b"\x83\x01\x00")
    code, _, err = invoke(runner, ["import", "xlsx", str(path), "--lang", "en"], cwd=ledger)
    assert code == 2
    assert "is a binary workbook (xlsb), which is not read: save it as .xlsx" in err


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    kind=st.sampled_from(["ole", "zip-ods", "zip-xlsx", "raw"]),
    body=st.binary(max_size=3000),
)
def test_any_bytes_are_measured_or_refused_plainly(kind: str, body: bytes) -> None:
    path = Path("/tmp") / f"measure-{time.monotonic_ns()}.bin"
    try:
        if kind == "ole":
            path.write_bytes(OLE_MAGIC + body)
        elif kind == "raw":
            path.write_bytes(body)
        else:
            member = "content.xml" if kind == "zip-ods" else "xl/workbook.xml"
            with zipfile.ZipFile(path, "w") as book:
                book.writestr(member, body)
        with contextlib.suppress(LedgerError):  # refused plainly: fine; anything else fails
            require_measured(path, 2_000_000)
    finally:
        path.unlink()
