"""A Word document written into the office's own template (`--template office.docx`):
its 版头 (红头, 发文字号, 签发人, 密级) and 版记 stay as the office drew them, the
placeholders in them are filled, and the body goes where the template's {正文}
paragraph stands. The template is the office's file: whatever is wrong with it is said
by its name and the place, never as a traceback.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Mapping
from copy import deepcopy
from pathlib import Path
from typing import Any

from zhenggai.findings import LedgerError
from zhenggai.messages import text as said

#: The placeholders a template may hold, by the name an office writes them.
PLACEHOLDERS = ("标题", "发文机关", "发文字号", "成文日期", "签发人", "密级", "印发机关",
                "印发日期")  # fmt: skip
BODY = "{正文}"
_PLACEHOLDER = re.compile(r"\{([^{}\s]{1,20})\}")


def into_template(body: bytes, template: Path, values: Mapping[str, str]) -> bytes:
    """The document ``body`` (a .docx zhenggai wrote) written into ``template``: its
    placeholders filled from ``values``, the body's paragraphs and tables in place of
    the paragraph that holds only {正文}. LedgerError for a template that is no Word
    document, has no {正文} paragraph, or names a placeholder there is none of."""
    import docx

    office = _open(template)
    marker = _body_paragraph(office, template)
    for where, paragraph in _paragraphs(office):
        _fill(paragraph, values, template, where)
    source = docx.Document(io.BytesIO(body))
    anchor = marker._element
    for element in list(source.element.body):
        if element.tag.endswith("}sectPr"):
            continue  # the body's page setup is the template's
        anchor.addprevious(deepcopy(element))
    anchor.getparent().remove(anchor)
    buffer = io.BytesIO()
    office.save(buffer)
    return buffer.getvalue()


def _open(template: Path) -> Any:
    import zipfile

    import docx
    from docx.opc.exceptions import PackageNotFoundError

    if not template.is_file():
        raise LedgerError(said("cannot read {file}: no such file", file=template))
    try:
        return docx.Document(str(template))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise LedgerError(
            said("{file} is not a Word document (.docx): save the template as .docx",
                 file=template)
        ) from None  # fmt: skip


def _body_paragraph(office: Any, template: Path) -> Any:
    found = [p for p in office.paragraphs if p.text.strip() == BODY]
    if len(found) != 1:
        raise LedgerError(
            said("{file} must hold {body} alone on one paragraph, where the body goes "
                 "({n} found)", file=template, body=BODY, n=len(found))
        )  # fmt: skip
    return found[0]


def _paragraphs(office: Any) -> Iterator[tuple[tuple[str, int], Any]]:
    """Every paragraph of the template with where it is: the body's (by number), its
    tables' cells (by table), each section's headers and footers."""
    for number, paragraph in enumerate(office.paragraphs, 1):
        yield ("paragraph", number), paragraph
    for table_number, table in enumerate(office.tables, 1):
        for row in table.rows:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    yield ("table", table_number), paragraph
    for number, section in enumerate(office.sections, 1):
        for part in (section.header, section.footer, section.first_page_header,
                     section.first_page_footer, section.even_page_header,
                     section.even_page_footer):  # fmt: skip
            for paragraph in part.paragraphs:
                yield ("margin", number), paragraph


def _unknown(template: Path, where: tuple[str, int], name: str) -> LedgerError:
    known = "、".join("{" + known + "}" for known in PLACEHOLDERS)
    kind, n = where
    if kind == "paragraph":
        message = said(
            "{file}, paragraph {n}: {name} is no placeholder; the placeholders are {known}",
            file=template,
            n=n,
            name=name,
            known=known,
        )
    elif kind == "table":
        message = said(
            "{file}, table {n}: {name} is no placeholder; the placeholders are {known}",
            file=template,
            n=n,
            name=name,
            known=known,
        )
    else:
        message = said(
            "{file}, a header or footer of section {n}: {name} is no "
            "placeholder; the placeholders are {known}",
            file=template,
            n=n,
            name=name,
            known=known,
        )
    return LedgerError(message)  # fmt: skip


def _fill(
    paragraph: Any, values: Mapping[str, str], template: Path, where: tuple[str, int]
) -> None:
    """The placeholders of ``paragraph`` replaced in the run that holds each (Word keeps
    a placeholder typed at once in one run); one split across runs is joined first."""
    if "{" not in paragraph.text or paragraph.text.strip() == BODY:
        return
    for found in _PLACEHOLDER.finditer(paragraph.text):
        if found.group(1) not in PLACEHOLDERS:
            raise _unknown(template, where, found.group())
    runs = paragraph.runs
    if any(_PLACEHOLDER.search(run.text) is None and "{" in run.text for run in runs):
        text = paragraph.text  # split across runs: the first run takes the whole text
        for run in runs[1:]:
            run.text = ""
        if runs:
            runs[0].text = text
    for run in paragraph.runs:
        run.text = _PLACEHOLDER.sub(lambda m: values.get(m.group(1), ""), run.text)
