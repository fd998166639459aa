"""A document as a Word file laid out as a 公文 (GB/T 9704-2012, where it applies):
A4 with the standard's 版心 and its grid of 22 lines × 28 characters, the title in
小标宋 二号 centred and broken by sense, the body in 仿宋 三号, headings 一、 in 黑体
and （一） in 楷体 (a run-in （一）…。 too), every heading kept with what follows, the
signature and date placed as 7.3.5 says, ids and dates never broken in a table, page
numbers 4号半角宋体 "— 1 —" on the outside edge 7 mm below the 版心. Fonts are named
for East Asian and Latin text both, so that WPS and Word each find them. python-docx
writes it; nothing here knows a report; the measures are `gongwen`'s.
"""

from __future__ import annotations

import io
import re
from datetime import date, datetime
from typing import Any

from zhenggai.render.gongwen import (
    BODY_PT,
    LINE_PITCH_PT,
    MARGINS_MM,
    PAGE_NUMBER_GAP_MM,
    TITLE_PT,
    char_spacing,
    column_widths_mm,
    joined,
    signature_place,
    title_lines,
)
from zhenggai.render.layout import (
    Heading,
    Layout,
    PageBreak,
    Paragraph,
    Signature,
    Table,
    Title,
)
from zhenggai.safetext import block as shown

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
KAI_FONT = "楷体_GB2312"
PAGE_NUMBER_FONT = "宋体"
HEADING_FONTS = {1: "黑体", 2: KAI_FONT, 3: BODY_FONT}
LATIN_FONT = "Times New Roman"
TABLE_PT, PAGE_NUMBER_PT = 12, 14  # 小四, 四号
MASTHEAD_PT = 30  # the issuer's mark: offices set it as their name's length allows
LINE_PT = LINE_PITCH_PT
#: A paragraph that opens with a 二级 heading run in: （一）深化思想认识，提高政治站位。
RUN_IN = re.compile(r"（[一二三四五六七八九十]+）[^。]{1,60}。")


def to_docx(document: Layout, day: date) -> bytes:
    """The document as .docx bytes; its properties are dated ``day`` (not the clock), so
    two runs give the same text, styles and properties."""
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    word = docx.Document()
    section = word.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    _grid(section)
    # Before any section break: a later section takes its footers (and grid) from this.
    _page_numbers(word, section)
    normal = word.styles["Normal"]
    _fonts(normal.font, BODY_FONT, BODY_PT, normal.element)
    normal.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    normal.paragraph_format.line_spacing = Pt(LINE_PT)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(0)
    spacing = normal.element.get_or_add_rPr()
    spacing.append(spacing.makeelement(qn("w:spacing"), {qn("w:val"): str(char_spacing())}))

    if document.masthead:
        _masthead(word, document.masthead, document.number)
    _title(word, document.title_lines or title_lines(document.title, document.title_keep))
    if document.subtitle:
        subtitle = word.add_paragraph()
        subtitle.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(subtitle, document.subtitle, BODY_FONT, BODY_PT)
    word.add_paragraph()
    for block in document.blocks:
        if isinstance(block, Heading):
            paragraph = word.add_paragraph()
            paragraph.paragraph_format.first_line_indent = Pt(BODY_PT * 2)
            paragraph.paragraph_format.keep_with_next = True  # never alone at a page's foot
            _run(paragraph, block.text, HEADING_FONTS.get(block.level, BODY_FONT), BODY_PT)
        elif isinstance(block, Signature):
            _signature(word, block)
        elif isinstance(block, Paragraph):
            paragraph = word.add_paragraph()
            if block.align == "center":  # a document's number under its title
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            elif block.align == "right":
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                paragraph.paragraph_format.right_indent = Pt(BODY_PT * 2)
            else:
                paragraph.paragraph_format.first_line_indent = Pt(BODY_PT * 2)
            run_in = RUN_IN.match(block.text)
            if run_in:  # the 二级 heading in 楷体, the sentences after it in 仿宋
                _run(paragraph, run_in.group(), KAI_FONT, BODY_PT)
            _run(paragraph, block.text[run_in.end() if run_in else 0 :], BODY_FONT, BODY_PT)
        elif isinstance(block, Title):
            _title(word, title_lines(block.title, document.title_keep))
        elif isinstance(block, PageBreak) and block.restart:
            from docx.enum.section import WD_SECTION

            _restart_numbers(word.add_section(WD_SECTION.NEW_PAGE))
        elif isinstance(block, PageBreak):
            from docx.enum.text import WD_BREAK

            word.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        else:
            _table(word, block)
    if document.imprint[0]:
        _imprint(word, *document.imprint)
    properties = word.core_properties
    stamp = datetime(day.year, day.month, day.day)
    properties.created = properties.modified = stamp
    properties.last_printed = stamp
    properties.revision = 1
    properties.author = properties.last_modified_by = "zhenggai"
    properties.title = shown(document.title)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def _fonts(font: Any, east_asian: str, size: float, element: Any) -> None:
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


def _run(paragraph: Any, text: str, east_asian: str, size: float, bold: bool = False) -> Any:
    run = paragraph.add_run(shown(text))
    _fonts(run.font, east_asian, size, run._element)
    run.font.bold = bold
    return run


def _table(word: Any, table: Table) -> None:
    from copy import deepcopy

    from docx.enum.text import WD_LINE_SPACING
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    if not table.rows:
        if table.empty:
            paragraph = word.add_paragraph()
            paragraph.paragraph_format.first_line_indent = Pt(BODY_PT * 2)
            _run(paragraph, table.empty, BODY_FONT, BODY_PT)
        return
    grid = word.add_table(rows=2, cols=len(table.header))
    grid.style = "Table Grid"
    grid.autofit = False
    widths = [Mm(width) for width in column_widths_mm(table.header, table.rows)]
    for column, width in zip(grid.columns, widths, strict=True):
        column.width = width  # the table grid: what LibreOffice and WPS lay out by
    header, model = grid.rows
    for row, font in ((header, "黑体"), (model, BODY_FONT)):
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
            paragraph = cell.paragraphs[0]
            paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
            paragraph.paragraph_format.first_line_indent = Pt(0)
            _run(paragraph, "", font, TABLE_PT)
    _fill(header._tr, table.header)
    # Each body row is a copy of one formatted row with its texts filled in: python-docx
    # formatting cell by cell took 11 s for the 4,000 rows of a 10,000-task weekly report.
    model_row = model._tr
    properties = model_row.get_or_add_trPr()  # a row is never split across two pages
    properties.append(properties.makeelement(qn("w:cantSplit"), {qn("w:val"): "true"}))
    parent = model_row.getparent()
    for values in table.rows:
        row_element = deepcopy(model_row)
        _fill(row_element, values)
        parent.append(row_element)
    parent.remove(model_row)
    # The header row is repeated at the top of every page the table runs onto.
    header_properties = header._tr.get_or_add_trPr()
    repeat = header_properties.makeelement(qn("w:tblHeader"), {qn("w:val"): "true"})
    header_properties.append(repeat)
    word.add_paragraph()


def _fill(row: Any, values: tuple[str, ...]) -> None:
    """Put ``values`` into the one empty run of each cell of a table row; a line break
    in a value becomes Word's."""
    from docx.oxml.ns import qn

    runs = list(row.iter(qn("w:r")))
    for run, value in zip(runs, values, strict=True):
        for number, line in enumerate(joined(shown(value)).split("\n")):
            if number:
                run.append(run.makeelement(qn("w:br"), {}))
            text = run.makeelement(qn("w:t"), {qn("xml:space"): "preserve"})
            text.text = line
            run.append(text)


def _title(word: Any, lines: list[str] | tuple[str, ...]) -> None:
    """The title in 小标宋 二号, centred, its lines as given, kept with what follows."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    title = word.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.keep_with_next = True
    for number, line in enumerate(lines):
        if number:
            title.add_run().add_break()
        _run(title, line, TITLE_FONT, TITLE_PT)


def _masthead(word: Any, issuer: str, number: str) -> None:
    """版头: the issuer's mark in red 小标宋, centred, its number under it, then a red
    rule across the 版心 (GB/T 9704 7.2)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import RGBColor

    mark = word.add_paragraph()
    mark.alignment = WD_ALIGN_PARAGRAPH.CENTER
    mark.paragraph_format.keep_with_next = True
    run = _run(mark, issuer, TITLE_FONT, MASTHEAD_PT)
    run.font.color.rgb = RGBColor(0xE6, 0, 0)
    ruled = word.add_paragraph()
    ruled.alignment = WD_ALIGN_PARAGRAPH.CENTER
    ruled.paragraph_format.keep_with_next = True
    _run(ruled, number, BODY_FONT, BODY_PT)
    _border(ruled, "bottom", "E60000", 12)
    word.add_paragraph()


def _imprint(word: Any, printer: str, day: str) -> None:
    """版记's 印发 line: who prints it on the left and the day on the right, between two
    rules, 4号 (GB/T 9704 7.4)."""
    from docx.enum.text import WD_TAB_ALIGNMENT
    from docx.shared import Pt

    word.add_paragraph()
    line = word.add_paragraph()
    layout = line.paragraph_format
    layout.left_indent, layout.right_indent = Pt(PAGE_NUMBER_PT), Pt(PAGE_NUMBER_PT)
    layout.tab_stops.add_tab_stop(Pt(BODY_PT * 27), WD_TAB_ALIGNMENT.RIGHT)
    _run(line, f"{printer}\t{day}印发", BODY_FONT, PAGE_NUMBER_PT)
    _border(line, "top", "000000", 4)
    _border(line, "bottom", "000000", 4)


def _border(paragraph: Any, side: str, colour: str, eighths: int) -> None:
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


def _restart_numbers(section: Any) -> None:
    """A section whose pages are numbered from 1 (a document of its own)."""
    from docx.oxml.ns import qn

    properties = section._sectPr
    restart = properties.makeelement(qn("w:pgNumType"), {qn("w:start"): "1"})
    # The schema's order: pgNumType comes before cols and docGrid.
    later = properties.find(qn("w:cols"))
    if later is None:
        later = properties.find(qn("w:docGrid"))
    if later is None:
        properties.append(restart)
    else:
        later.addprevious(restart)


def _grid(section: Any) -> None:
    """The 版心's grid: 22 lines (Word's 文档网格, by lines); the 28 characters a line
    come from the body's character spacing (`gongwen.char_spacing`)."""
    from docx.oxml.ns import qn

    properties = section._sectPr
    for old in properties.findall(qn("w:docGrid")):
        properties.remove(old)
    grid = properties.makeelement(
        qn("w:docGrid"),
        {
            qn("w:type"): "lines",
            qn("w:linePitch"): str(round(LINE_PITCH_PT * 20)),
        },
    )
    properties.append(grid)


def _signature(word: Any, block: Signature) -> None:
    """落款: the issuer, and under it the date, each its distance from the right edge."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    place = signature_place(block.issuer, block.date, block.sealed)
    for text, right, keep in ((block.issuer, place.issuer_right, True),
                              (block.date, place.date_right, False)):  # fmt: skip
        paragraph = word.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        paragraph.paragraph_format.right_indent = Pt(BODY_PT * right)
        paragraph.paragraph_format.keep_with_next = keep
        paragraph.paragraph_format.keep_together = True
        _run(paragraph, text, BODY_FONT, BODY_PT)


def _page_numbers(word: Any, section: Any) -> None:
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
        _page_number(paragraph)


def _page_number(paragraph: Any) -> None:
    """— PAGE — in 宋体 for Latin and East Asian text both (半角 digits)."""
    from docx.oxml.ns import qn

    def run(text: str) -> Any:
        made = _run(paragraph, text, PAGE_NUMBER_FONT, PAGE_NUMBER_PT)
        fonts = made._element.get_or_add_rPr().find(qn("w:rFonts"))
        fonts.set(qn("w:ascii"), PAGE_NUMBER_FONT)
        fonts.set(qn("w:hAnsi"), PAGE_NUMBER_FONT)
        return made

    run("— ")
    field = run("")
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
    run(" —")
