"""A document as a Word file laid out as a 公文 (GB/T 9704-2012, where it applies):
A4 with the standard's margins, the title in 小标宋 二号 centred, the body in 仿宋
三号 at a fixed 28-point line, headings 一、 in 黑体 and （一） in 楷体, page numbers
四号 at the foot. Fonts are named for East Asian and Latin text both, so that WPS
and Word each find them. python-docx writes it; nothing here knows a report.
"""

from __future__ import annotations

import io
from datetime import date, datetime
from typing import Any

from zhenggai.render.layout import Heading, Layout, PageBreak, Paragraph, Table
from zhenggai.safetext import block as shown

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING_FONTS = {1: "黑体", 2: "楷体_GB2312", 3: "仿宋_GB2312"}
LATIN_FONT = "Times New Roman"
TITLE_PT, BODY_PT, TABLE_PT, PAGE_NUMBER_PT = 22, 16, 12, 14  # 二号, 三号, 小四, 四号
LINE_PT = 28
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}


def to_docx(document: Layout, day: date) -> bytes:
    """The document as .docx bytes; its properties are dated ``day`` (not the clock), so
    two runs give the same text, styles and properties."""
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Mm, Pt

    word = docx.Document()
    section = word.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    normal = word.styles["Normal"]
    _fonts(normal.font, BODY_FONT, BODY_PT, normal.element)
    normal.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    normal.paragraph_format.line_spacing = Pt(LINE_PT)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(0)

    title = word.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(title, document.title, TITLE_FONT, TITLE_PT)
    if document.subtitle:
        subtitle = word.add_paragraph()
        subtitle.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(subtitle, document.subtitle, BODY_FONT, BODY_PT)
    word.add_paragraph()
    for block in document.blocks:
        if isinstance(block, Heading):
            paragraph = word.add_paragraph()
            paragraph.paragraph_format.first_line_indent = Pt(BODY_PT * 2)
            _run(paragraph, block.text, HEADING_FONTS.get(block.level, BODY_FONT), BODY_PT,
                 bold=block.level >= 3)  # fmt: skip
        elif isinstance(block, Paragraph):
            paragraph = word.add_paragraph()
            if block.align == "right":  # a signature: 右空四字
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                paragraph.paragraph_format.right_indent = Pt(BODY_PT * 4)
            else:
                paragraph.paragraph_format.first_line_indent = Pt(BODY_PT * 2)
            _run(paragraph, block.text, BODY_FONT, BODY_PT)
        elif isinstance(block, PageBreak):
            from docx.enum.text import WD_BREAK

            word.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        else:
            _table(word, block)
    _page_numbers(section)
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
    from docx.shared import Pt

    if not table.rows:
        if table.empty:
            paragraph = word.add_paragraph()
            paragraph.paragraph_format.first_line_indent = Pt(BODY_PT * 2)
            _run(paragraph, table.empty, BODY_FONT, BODY_PT)
        return
    grid = word.add_table(rows=2, cols=len(table.header))
    grid.style = "Table Grid"
    grid.autofit = False
    widths = _column_widths(table)
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
        for number, line in enumerate(shown(value).split("\n")):
            if number:
                run.append(run.makeelement(qn("w:br"), {}))
            text = run.makeelement(qn("w:t"), {qn("xml:space"): "preserve"})
            text.text = line
            run.append(text)


def _column_widths(table: Table) -> list[Any]:
    """Each column as wide as its longest line where that is narrow (ids, dates, counts
    never wrap); the wide ones share what is left between the margins by how much text
    they hold in all, none narrower than a few characters. A Chinese character counts
    two cells of about 2.5 mm at 小四 (with room for a wider face where Times New Roman
    is missing), plus the cell's margins."""
    from docx.shared import Mm

    from zhenggai.render.text import cells

    room = 210 - MARGINS_MM["left"] - MARGINS_MM["right"]
    columns = [(header, *(row[i] for row in table.rows)) for i, header in enumerate(table.header)]
    wants = [
        min(max(cells(line) for text in texts for line in text.split("\n")), 60) * 2.5 + 4
        for texts in columns
    ]
    narrow = [want <= _NARROW_MM for want in wants]
    left = room - sum(want for want, small in zip(wants, narrow, strict=True) if small)
    weights = [sum(cells(text) for text in texts) for texts in columns]
    wide = sum(weight for weight, small in zip(weights, narrow, strict=True) if not small)
    count = narrow.count(False)
    if left < count * _NARROW_MM / 2 or not wide:
        return [Mm(room * want / sum(wants)) for want in wants]
    # each wide column gets a floor, and the rest of the room by its share of the text
    spare = left - count * _NARROW_MM / 2
    return [
        Mm(want if small else _NARROW_MM / 2 + spare * weight / wide)
        for want, weight, small in zip(wants, weights, narrow, strict=True)
    ]


_NARROW_MM = 36


def _page_numbers(section: Any) -> None:
    """— 1 — at the foot of each page, 四号, centred: a PAGE field between dashes."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn

    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(paragraph, "— ", BODY_FONT, PAGE_NUMBER_PT)
    run = _run(paragraph, "", BODY_FONT, PAGE_NUMBER_PT)
    for kind, text in (
        ("begin", None),
        (None, " PAGE "),
        ("separate", None),
        (None, "1"),
        ("end", None),
    ):
        if kind is not None:
            element = run._element.makeelement(qn("w:fldChar"), {qn("w:fldCharType"): kind})
        elif text == " PAGE ":
            element = run._element.makeelement(qn("w:instrText"), {qn("xml:space"): "preserve"})
            element.text = text
        else:
            element = run._element.makeelement(qn("w:t"), {})
            element.text = text
        run._element.append(element)
    _run(paragraph, " —", BODY_FONT, PAGE_NUMBER_PT)
