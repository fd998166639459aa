"""A report laid out as a plain document (`Layout`: a title, headings, paragraphs and
tables), so that each report is written once and each format (Markdown, HTML, a Word
公文) once. Not to be confused with `files.document.Document`, a YAML file read with
its positions."""

from __future__ import annotations

from dataclasses import dataclass, field

from zhenggai.render.cells import md_text


@dataclass(frozen=True)
class Heading:
    level: int  # 1: 一、 2: （一） 3: 1.
    text: str


@dataclass(frozen=True)
class Paragraph:
    text: str
    align: str = ""  # "right": flush right; "center": a number under a title


@dataclass(frozen=True)
class Signature:
    """The issuer and the date under a document (落款), laid out as GB/T 9704 says."""

    issuer: str
    date: str
    sealed: bool = False  # the layout for a seal: the date 右空四字, the issuer over it


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    empty: str = ""  # said instead of an empty table


@dataclass(frozen=True)
class PageBreak:
    """What follows starts a new page (one 督办单 per unit); with ``restart``, a document
    of its own: its pages numbered from 1."""

    page_break: bool = True  # for the template to tell the kinds apart
    restart: bool = False


@dataclass(frozen=True)
class Title:
    """A title inside the document: each of several documents made at once has its own."""

    title: str


Block = Heading | Paragraph | Signature | Table | PageBreak | Title


@dataclass(frozen=True)
class Layout:
    """A report as a document to write out, in any format."""

    title: str
    subtitle: str  # a line under the title: the office, the period
    language: str
    blocks: tuple[Block, ...] = field(default_factory=tuple)
    # Phrases of the title a line break must not split (the issuer, the round), and the
    # title's lines where the office set them.
    title_keep: tuple[str, ...] = ()
    title_lines: tuple[str, ...] = ()
    # For an office's template: who issues it, its number (发文字号, 期号), its date.
    issuer: str = ""
    number: str = ""
    dated: str = ""
    # A 版头 (the issuer's mark in red above a red rule) and a 版记's 印发 line.
    masthead: str = ""
    imprint: tuple[str, str] = ("", "")  # who prints it, and the day
    record: tuple[str, ...] = ()  # 版记's lines before it: 报：…, 送：…, 抄送：…


def to_markdown(document: Layout) -> str:
    """Clean Markdown; every user text escaped (`cells.md_text`)."""
    lines = [md_text(document.masthead), ""] if document.masthead else []
    lines += [f"# {md_text(document.title)}", ""]
    if document.subtitle:
        lines += [md_text(document.subtitle), ""]
    for block in document.blocks:
        if isinstance(block, Heading):
            lines += ["#" * (block.level + 1) + " " + md_text(block.text), ""]
        elif isinstance(block, Paragraph):
            lines += [md_text(block.text), ""] if block.text else []
        elif isinstance(block, PageBreak):
            lines += ["---", ""]
        elif isinstance(block, Signature):
            lines += [md_text(block.issuer), "", md_text(block.date), ""]
        elif isinstance(block, Title):
            lines += [f"# {md_text(block.title)}", ""]
        elif not block.rows:
            lines += [md_text(block.empty), ""] if block.empty else []
        else:
            lines.append("| " + " | ".join(md_text(h) for h in block.header) + " |")
            lines.append("|" + "|".join(" --- " for _ in block.header) + "|")
            lines += ["| " + " | ".join(md_text(c) for c in row) + " |" for row in block.rows]
            lines.append("")
    if document.imprint[0] or document.record:
        lines += ["---", ""] + [f"{md_text(line)}\n" for line in document.record]
    if document.imprint[0]:
        lines += [md_text(f"{document.imprint[0]}　{document.imprint[1]}印发"), ""]
    return "\n".join(lines).rstrip("\n") + "\n"
