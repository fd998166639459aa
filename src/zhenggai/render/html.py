"""A document as one self-contained HTML file: inline CSS, no request to any host,
every text escaped by the template engine (jinja2, autoescape on)."""

from __future__ import annotations

from functools import cache
from typing import Any

from zhenggai.render.layout import Layout
from zhenggai.safetext import block


@cache
def _environment() -> Any:
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    return Environment(
        loader=PackageLoader("zhenggai.render", "templates"),
        autoescape=select_autoescape(["html", "j2"], default=True),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        finalize=_shown,
    )


def _shown(value: Any) -> Any:
    """Every value a template prints, control and bidi characters shown as escapes
    (`safetext`) before the engine escapes HTML: a U+202E in a title cannot reorder
    the page, nor an ESC reach a terminal that cats the file. Markup (JSON made safe
    for a script element) is left as it is."""
    from markupsafe import Markup

    if isinstance(value, Markup):
        return value
    return block(value) if isinstance(value, str) else value


def to_html(document: Layout) -> str:
    return render_template("document.html.j2", document=document)


def render_template(name: str, **context: Any) -> str:
    """A template of render/templates/ with ``context``, every value escaped."""
    return str(_environment().get_template(name).render(**context))
