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

from zhenggai.render.docx_runs import (
    BODY_FONT,
    HEADING_FONTS,
    KAI_FONT,
    LONG_ROW,
    TABLE_PT,
    TITLE_FONT,
    fonts,
    imprint,
    masthead,
    page_numbers,
    run,
)
from zhenggai.render.gongwen import (
    BODY_PT,
    LINE_PITCH_PT,
    MARGINS_MM,
    TITLE_PT,
    UNBROKEN_IN_CELLS,
    char_spacing,
    column_widths_mm,
    joined,
    packed_lines,
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
    page_numbers(word, section)
    normal = word.styles["Normal"]
    fonts(normal.font, BODY_FONT, BODY_PT, normal.element)
    normal.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    normal.paragraph_format.line_spacing = Pt(LINE_PT)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(0)
    spacing = normal.element.get_or_add_rPr()
    spacing.append(spacing.makeelement(qn("w:spacing"), {qn("w:val"): str(char_spacing())}))

    if document.masthead:
        masthead(word, document.masthead, document.number)
    _title(word, document.title_lines or title_lines(document.title, document.title_keep))
    if document.subtitle:
        subtitle = word.add_paragraph()
        subtitle.alignment = WD_ALIGN_PARAGRAPH.CENTER
        subtitle.paragraph_format.keep_with_next = True
        for number, line in enumerate(packed_lines(document.subtitle.split("　"), "　")):
            if number:
                subtitle.add_run().add_break()
            run(subtitle, line, BODY_FONT, BODY_PT)
    word.add_paragraph()
    for block in document.blocks:
        if isinstance(block, Heading):
            paragraph = word.add_paragraph()
            paragraph.paragraph_format.first_line_indent = Pt(BODY_PT * 2)
            paragraph.paragraph_format.keep_with_next = True  # never alone at a page's foot
            run(paragraph, block.text, HEADING_FONTS.get(block.level, BODY_FONT), BODY_PT)
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
                run(paragraph, run_in.group(), KAI_FONT, BODY_PT)
            rest = block.text[run_in.end() if run_in else 0 :]
            run(paragraph, joined(rest), BODY_FONT, BODY_PT)  # no date broken at a line's end
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
    if document.imprint[0] or document.record:
        imprint(word, document.record, *document.imprint)
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


def _table(word: Any, table: Table) -> None:
    from copy import deepcopy

    from docx.enum.text import WD_LINE_SPACING
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    if not table.rows:
        if table.empty:
            paragraph = word.add_paragraph()
            paragraph.paragraph_format.first_line_indent = Pt(BODY_PT * 2)
            run(paragraph, table.empty, BODY_FONT, BODY_PT)
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
            run(paragraph, "", font, TABLE_PT)
    _fill(header._tr, table.header)
    # Each body row is a copy of one formatted row with its texts filled in: python-docx
    # formatting cell by cell took 11 s for the 4,000 rows of a 10,000-task weekly report.
    model_row = model._tr
    whole = deepcopy(model_row)  # a row of a few lines is never split across two pages
    properties = whole.get_or_add_trPr()
    properties.append(properties.makeelement(qn("w:cantSplit"), {qn("w:val"): "true"}))
    parent = model_row.getparent()
    for values in table.rows:
        # A long row may run onto the next page rather than leave half of this one empty.
        long = sum(len(value) for value in values) > LONG_ROW
        row_element = deepcopy(model_row if long else whole)
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
    for element, value in zip(runs, values, strict=True):
        for number, line in enumerate(joined(shown(value), UNBROKEN_IN_CELLS).split("\n")):
            if number:
                element.append(element.makeelement(qn("w:br"), {}))
            text = element.makeelement(qn("w:t"), {qn("xml:space"): "preserve"})
            text.text = line
            element.append(text)


def _title(word: Any, lines: list[str] | tuple[str, ...]) -> None:
    """The title in 小标宋 二号, centred, its lines as given, kept with what follows."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    title = word.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.keep_with_next = True
    for number, line in enumerate(lines):
        if number:
            title.add_run().add_break()
        run(title, line, TITLE_FONT, TITLE_PT)


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
        run(paragraph, text, BODY_FONT, BODY_PT)
