"""The one sink of every command's result: standard output, or a file written
atomically and said once, in the language of the run."""

from pathlib import Path
from typing import TYPE_CHECKING, Any

from zhenggai.cli.common import say_now, write_err, write_out
from zhenggai.messages import text as said

if TYPE_CHECKING:
    from zhenggai.messages import Text
    from zhenggai.render.context import RenderContext


def deliver(
    command: str,
    name: str,
    result: Any,
    ctx: "RenderContext",
    output: Path | None = None,
    written: "Text | None" = None,
) -> None:
    """``result`` in the format ``name`` of ``command``'s formats (`render.output`), to
    the sink."""
    from zhenggai.render.output import TABLES

    emit(TABLES[command]()[name](result, ctx), output, written)


def emit(content: str | bytes, output: Path | None = None, written: "Text | None" = None) -> None:
    """``content`` on stdout, or into ``output`` (replaced whole) and ``written`` said
    on stderr (default: "wrote FILE")."""
    if output is None:
        write_out(content if isinstance(content, str) else content.decode("utf-8"))
        return
    from zhenggai.files.atomic import write_atomic

    write_atomic(output, content.encode("utf-8") if isinstance(content, str) else content)
    write_err("zhenggai: " + say_now(written or said("wrote {file}", file=output)))
