"""A document as one self-contained HTML file: inline CSS, no request to any host,
every text escaped by the template engine (jinja2, autoescape on)."""

from __future__ import annotations

from functools import cache
from typing import Any

from zhenggai.render.document import Document


@cache
def _environment() -> Any:
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    return Environment(
        loader=PackageLoader("zhenggai.render", "templates"),
        autoescape=select_autoescape(["html", "j2"], default=True),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )


def to_html(document: Document) -> str:
    return str(_environment().get_template("document.html.j2").render(document=document))
