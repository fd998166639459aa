"""Every Word document zhenggai writes, measured against GB/T 9704-2012 from its XML —
the 版心 and its 22 × 28 grid, page numbers, heading fonts, keep-with-next, the title
broken by sense, the signature, ids and dates held whole in tables — and looked at as
LibreOffice lays it out (pdftotext of the PDF it makes)."""

from __future__ import annotations

import re
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from tests.helpers import REPO, copy_example, invoke, to_pdf

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MM_PER_PT = 25.4 / 72
JOINER = "\u2060"

#: Every command that writes Word, on the example ledger.
DOCUMENTS = {
    "bulletin": ["report", "bulletin", "--as-of", "2021-10-23"],
    "party": ["report", "bulletin", "--audience", "party", "--as-of", "2021-10-23"],
    "weekly": ["report", "weekly", "--as-of", "2021-10-23"],
    "notice": ["report", "notice", "--as-of", "2021-12-01"],
    "signoff": ["report", "signoff", "TASK-033", "--as-of", "2021-11-05"],
}


def _applied(runner: CliRunner, tmp_path: Path) -> Path:
    """A copy of the example with levels of sign-off and TASK-033 applied for."""
    from tests.test_approvals import _chained

    ledger = _chained(copy_example(tmp_path / "applied"))
    scan = tmp_path / "定稿.pdf"
    scan.write_bytes(b"%PDF-1.4 final text")
    args = ["close", "TASK-033", "--evidence", str(scan), "--by", "研究室", "--date",
            "2021-11-05", "--summary", "形成研究报告并印发"]  # fmt: skip
    assert invoke(runner, args, cwd=ledger)[0] == 0
    return ledger


def _write(runner: CliRunner, name: str, out: Path, cwd: Path = REPO) -> Any:
    import docx

    args = [*DOCUMENTS[name], "--lang", "zh", "--format", "docx", "-o", str(out)]
    code, _, err = invoke(runner, args, cwd=cwd)
    assert code == 0, err
    return docx.Document(str(out))


def _fonts(run: Any) -> str | None:
    fonts = run._element.rPr.rFonts if run._element.rPr is not None else None
    return None if fonts is None else fonts.get(W + "eastAsia")


@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_every_word_document_is_laid_out_to_gbt_9704(
    name: str, runner: CliRunner, tmp_path: Path
) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    where = _applied(runner, tmp_path) if name == "signoff" else REPO
    document = _write(runner, name, tmp_path / f"{name}.docx", cwd=where)
    section = document.sections[0]
    # The 版心 156 × 225 mm, 22 lines of 28.95 pt, and 28 characters of 三号 a line.
    type_width = section.page_width.mm - section.left_margin.mm - section.right_margin.mm
    type_height = section.page_height.mm - section.top_margin.mm - section.bottom_margin.mm
    assert (round(type_width), round(type_height)) == (156, 225)
    grid = section._sectPr.find(W + "docGrid")
    pitch = int(grid.get(W + "linePitch")) / 20
    assert int(type_height / MM_PER_PT // pitch) == 22
    normal = document.styles["Normal"]
    assert normal.paragraph_format.line_spacing == Pt(pitch)
    spacing = int(normal.element.rPr.find(W + "spacing").get(W + "val")) / 20
    per_char = normal.font.size.pt + spacing
    assert int(type_width / MM_PER_PT // per_char) == 28
    # Page numbers: odd on the right, even on the left, one 四号 character in, 宋体,
    # "— PAGE —", the line's top 7 mm below the 版心.
    assert document.settings.odd_and_even_pages_header_footer
    for footer, align, indent in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT, "right_indent"),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT, "left_indent"),
    ):
        paragraph = footer.paragraphs[0]
        assert paragraph.alignment == align
        assert getattr(paragraph.paragraph_format, indent) == Pt(14)
        assert paragraph.text.startswith("— ") and paragraph.text.endswith(" —")
        assert "PAGE" in paragraph._element.xml
        assert {_fonts(run) for run in paragraph.runs} == {"宋体"}
        assert all(run.font.size == Pt(14) for run in paragraph.runs)
        height = paragraph.paragraph_format.line_spacing.pt * MM_PER_PT
        gap = section.bottom_margin.mm - section.footer_distance.mm - height
        assert abs(gap - 7) < 0.3, gap
    # Every heading (and the title) kept with what follows; 一、 in 黑体, （一） in 楷体.
    title, *body = document.paragraphs
    assert title.paragraph_format.keep_with_next
    for paragraph in body:
        first = paragraph.runs[0] if paragraph.runs else None
        if (
            first is not None
            and _fonts(first) in ("黑体", "楷体_GB2312")
            and (paragraph.text == first.text)
        ):
            assert paragraph.paragraph_format.keep_with_next, paragraph.text
        if re.match(r"[一二三四五六七八九十]+、", paragraph.text):
            assert _fonts(first) == "黑体", paragraph.text
        run_in = re.match(r"（[一二三四五六七八九十]+）[^。]{1,60}。", paragraph.text)
        if run_in:  # the 二级 heading in 楷体, whether alone or run in
            assert first is not None and _fonts(first) == "楷体_GB2312"
            assert first.text == (
                paragraph.text if paragraph.text == first.text else run_in.group()
            )
    # Ids and dates in a table are held whole, and their column is wide enough for them.
    for table in document.tables:
        for row in table.rows[1:]:
            for cell in row.cells:
                for found in re.finditer(
                    r"TASK-\d+|\d{4}-\d{2}-\d{2}", cell.text.replace(JOINER, "")
                ):
                    assert JOINER in cell.text, found.group()


def test_the_bulletin_signs_and_dates_as_the_standard_says(
    runner: CliRunner, tmp_path: Path
) -> None:
    """Unsealed (the default): the issuer 右空二字, the date under it starting two
    characters further right; sealed: the date 右空四字, the issuer centred over it."""
    from docx.shared import Pt

    document = _write(runner, "bulletin", tmp_path / "b.docx")
    issuer, day = document.paragraphs[-2:]
    assert (issuer.text, day.text) == ("中共政协全国委员会机关党组", "2021年10月23日")
    assert issuer.paragraph_format.right_indent == Pt(16 * 2)
    # 13 characters; the date 7 (its digits half width): it ends 13 − 7 = 6 in.
    assert day.paragraph_format.right_indent == Pt(16 * 6)
    assert issuer.paragraph_format.keep_with_next
    ledger = copy_example(tmp_path / "ledger")
    settings = ledger / "zhenggai.yaml"
    text = settings.read_text("utf-8").replace("documents:\n", "documents:\n  sealed: true\n")
    settings.write_text(text, "utf-8")
    document = _write(runner, "bulletin", tmp_path / "sealed.docx", cwd=ledger)
    issuer, day = document.paragraphs[-2:]
    assert day.paragraph_format.right_indent == Pt(16 * 4)
    assert issuer.paragraph_format.right_indent == Pt(16 * (4 + (7 - 13) / 2))


def test_the_title_breaks_where_the_office_says(runner: CliRunner, tmp_path: Path) -> None:
    ledger = copy_example(tmp_path / "ledger")
    settings = ledger / "zhenggai.yaml"
    text = settings.read_text("utf-8").replace(
        "  count_private: true",
        "  title_lines: [中共政协全国委员会机关党组, 关于十九届中央第六轮巡视, 整改进展情况的通报]\n"
        "  count_private: true",
    )
    settings.write_text(text, "utf-8")
    document = _write(runner, "bulletin", tmp_path / "b.docx", cwd=ledger)
    assert document.paragraphs[0].text.split("\n") == [
        "中共政协全国委员会机关党组", "关于十九届中央第六轮巡视", "整改进展情况的通报"
    ]  # fmt: skip


_CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF)


@given(
    st.lists(st.text(_CJK, min_size=1, max_size=12), min_size=1, max_size=6),
    st.data(),
)
def test_a_title_is_never_broken_inside_a_phrase_the_office_wrote(
    parts: list[str], data: st.DataObject
) -> None:
    from zhenggai.render.gongwen import title_lines

    title = "".join(parts)
    keep = [part for part in parts if data.draw(st.booleans())]
    lines = title_lines(title, keep)
    assert "".join(lines) == title
    assert all(len(line) <= 20 for line in lines)
    assert len(lines) <= -(-len(title) // 20) + 2
    starts = {sum(len(line) for line in lines[:i]) for i in range(1, len(lines))}
    at = 0
    for part in parts:
        if part in keep and len(part) <= 20 and title.count(part) == 1:
            assert not any(at < start < at + len(part) for start in starts), (part, lines)
        at += len(part)


def test_libreoffice_sets_28_characters_a_line_and_ids_whole(
    runner: CliRunner, tmp_path: Path
) -> None:
    paths = [tmp_path / "bulletin.docx", tmp_path / "weekly.docx"]
    _write(runner, "bulletin", paths[0])
    weekly = _write(runner, "weekly", paths[1])
    to_pdf(tmp_path, *paths)

    def text(name: str, *layout: str) -> str:
        pdf = str(tmp_path / f"{name}.pdf")
        done = subprocess.run(["pdftotext", *layout, pdf, "-"], capture_output=True, check=True)
        return done.stdout.decode("utf-8")

    # A line of Chinese text and its full-width marks is 28 characters, as the grid has
    # it (LibreOffice sets quotes, which both scripts share, in the Latin face: a line
    # holding them is left out here; Word and WPS set them full width by the hint).
    lines = [line.replace(" ", "") for line in text("bulletin", "-layout").splitlines()]
    body = [line for line in lines if re.fullmatch(r"[\u4e00-\u9fff，、。；《》（）]+", line)]
    assert max(len(line) for line in body) == 28
    assert Counter(len(line) for line in body).most_common(1)[0][0] == 28
    pages = text("bulletin").split("\f")
    assert "— 1 —" in pages[0].replace("—1—", "— 1 —") or "1" in pages[0]
    ids = {cell.text.replace(JOINER, "") for table in weekly.tables for row in table.rows
           for cell in row.cells if re.fullmatch(r"TASK-\d{3}", cell.text.replace(JOINER, ""))}  # fmt: skip
    laid_out = text("weekly", "-layout")
    assert ids and all(task in laid_out for task in ids)  # never TASK- / 042 across lines
