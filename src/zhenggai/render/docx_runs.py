"""The runs and marks of a Word 公文 below its blocks: fonts named for both scripts,
a run of text, the page numbers, the 版头 and the 版记's 印发 line (GB/T 9704 7.2, 7.4,
7.5). `docx` lays the blocks out with these."""

from __future__ import annotations

from typing import Any

from zhenggai.render.gongwen import BODY_PT, MARGINS_MM, PAGE_NUMBER_GAP_MM
from zhenggai.safetext import block as shown

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
KAI_FONT = "楷体_GB2312"
PAGE_NUMBER_FONT = "宋体"
HEADING_FONTS = {1: "黑体", 2: KAI_FONT, 3: BODY_FONT}
LATIN_FONT = "Times New Roman"
TABLE_PT, PAGE_NUMBER_PT = 12, 14  # 小四, 四号
#: Characters of a table row beyond which it may split across pages (half a page of 小四
#: in the narrow columns of a six-column table).
LONG_ROW = 80
MASTHEAD_PT = 30  # the issuer's mark: offices set it as their name's length allows


def fonts(font: Any, east_asian: str, size: float, element: Any) -> None:
    """A font named for Latin (ascii, hAnsi) and East Asian text, at ``size`` points."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    font.name = LATIN_FONT
    font.size = Pt(size)
    properties = element.get_or_add_rPr()
    fonts = properties.find(qn("w:rFonts"))
    if fonts is None:
        fonts = properties.makeelement(qn("w:rFonts"), {})
        properties.append(fonts)
    fonts.set(qn("w:eastAsia"), east_asian)
    # Quotes and dashes are of both scripts: Word and WPS then set them full width in
    # the East Asian font, as 公文 print them.
    fonts.set(qn("w:hint"), "eastAsia")
    fonts.set(qn("w:ascii"), LATIN_FONT)
    fonts.set(qn("w:hAnsi"), LATIN_FONT)


def run(paragraph: Any, text: str, east_asian: str, size: float, bold: bool = False) -> Any:
    run = paragraph.add_run(shown(text))
    fonts(run.font, east_asian, size, run._element)
    run.font.bold = bold
    return run


def masthead(word: Any, issuer: str, number: str) -> None:
    """版头: the issuer's mark in red 小标宋, centred, its number under it, then a red
    rule across the 版心 (GB/T 9704 7.2)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import RGBColor

    mark = word.add_paragraph()
    mark.alignment = WD_ALIGN_PARAGRAPH.CENTER
    mark.paragraph_format.keep_with_next = True
    named = run(mark, issuer, TITLE_FONT, MASTHEAD_PT)
    named.font.color.rgb = RGBColor(0xE6, 0, 0)
    ruled = word.add_paragraph()
    ruled.alignment = WD_ALIGN_PARAGRAPH.CENTER
    ruled.paragraph_format.keep_with_next = True
    run(ruled, number, BODY_FONT, BODY_PT)
    border(ruled, "bottom", "E60000", 12)
    word.add_paragraph()


def imprint(word: Any, lines: tuple[str, ...], printer: str, day: str) -> None:
    """版记 (GB/T 9704 7.4), 4号 between rules: ``lines`` (报：…, 抄送：…) one a line,
    then the 印发 line — who prints it on the left and the day on the right."""
    from docx.enum.text import WD_TAB_ALIGNMENT
    from docx.shared import Pt

    word.add_paragraph()
    written = []
    for text in (*lines, *([f"{printer}\t{day}印发"] if printer else [])):
        line = word.add_paragraph()
        layout = line.paragraph_format
        layout.left_indent, layout.right_indent = Pt(PAGE_NUMBER_PT), Pt(PAGE_NUMBER_PT)
        layout.first_line_indent = Pt(0)
        layout.keep_with_next = True
        layout.tab_stops.add_tab_stop(Pt(BODY_PT * 27), WD_TAB_ALIGNMENT.RIGHT)
        run(line, text, BODY_FONT, PAGE_NUMBER_PT)
        written.append(line)
    if written:
        border(written[0], "top", "000000", 4)
        border(written[-1], "bottom", "000000", 4)
        written[-1].paragraph_format.keep_with_next = False


def border(paragraph: Any, side: str, colour: str, eighths: int) -> None:
    """A rule on one side of ``paragraph``: ``eighths`` of a point thick."""
    from docx.oxml.ns import qn

    properties = paragraph._element.get_or_add_pPr()
    borders = properties.find(qn("w:pBdr"))
    if borders is None:
        borders = properties.makeelement(qn("w:pBdr"), {})
        properties.append(borders)
    borders.append(borders.makeelement(qn(f"w:{side}"), {
        qn("w:val"): "single", qn("w:sz"): str(eighths), qn("w:space"): "1",
        qn("w:color"): colour}))  # fmt: skip


def page_numbers(word: Any, section: Any) -> None:
    """— 1 — 4号半角宋体, its 一字线 7 mm below the 版心: odd pages on the right and even
    pages on the left, one character in from the edge (GB/T 9704 7.5)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Mm, Pt

    from zhenggai.render.gongwen import MM_PER_PT

    word.settings.odd_and_even_pages_header_footer = True
    # Word measures the footer from the page's foot to the footer's last line's foot.
    section.footer_distance = Mm(
        MARGINS_MM["bottom"] - PAGE_NUMBER_GAP_MM - PAGE_NUMBER_PT * MM_PER_PT
    )
    for footer, align in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
                          (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):  # fmt: skip
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        paragraph.alignment = align
        layout = paragraph.paragraph_format
        layout.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        layout.line_spacing = Pt(PAGE_NUMBER_PT)
        layout.first_line_indent = Pt(0)
        if align == WD_ALIGN_PARAGRAPH.RIGHT:
            layout.right_indent = Pt(PAGE_NUMBER_PT)
        else:
            layout.left_indent = Pt(PAGE_NUMBER_PT)
        page_number(paragraph)


def page_number(paragraph: Any) -> None:
    """— PAGE — in 宋体 for Latin and East Asian text both (半角 digits)."""
    from docx.oxml.ns import qn

    def piece(text: str) -> Any:
        made = run(paragraph, text, PAGE_NUMBER_FONT, PAGE_NUMBER_PT)
        named = made._element.get_or_add_rPr().find(qn("w:rFonts"))
        named.set(qn("w:ascii"), PAGE_NUMBER_FONT)
        named.set(qn("w:hAnsi"), PAGE_NUMBER_FONT)
        return made

    piece("— ")
    field = piece("")
    for kind, text in (
        ("begin", None),
        (None, " PAGE "),
        ("separate", None),
        (None, "1"),
        ("end", None),
    ):
        if kind is not None:
            element = field._element.makeelement(qn("w:fldChar"), {qn("w:fldCharType"): kind})
        elif text == " PAGE ":
            element = field._element.makeelement(qn("w:instrText"), {qn("xml:space"): "preserve"})
            element.text = text
        else:
            element = field._element.makeelement(qn("w:t"), {})
            element.text = text
        field._element.append(element)
    piece(" —")
