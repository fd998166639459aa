"""The one sink of every command's result: standard output, or a file written
atomically and said once, in the language of the run.

A file is never one of a ledger's own (its records, texts, cache or git: output
written there would replace a task with a report); a pipe or a terminal named as the
file (a FIFO, ``/dev/stdout``) is written into, never replaced by a regular file;
``-o -`` is standard output.
"""

import os
import stat
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from zhenggai.cli.common import say_now, write_err, write_out
from zhenggai.findings import LedgerError
from zhenggai.messages import text as said

if TYPE_CHECKING:
    from zhenggai.messages import Text
    from zhenggai.render.context import RenderContext
    from zhenggai.workspace.space import Workspace


def deliver(
    command: str,
    name: str,
    result: Any,
    ctx: "RenderContext",
    output: Path | None = None,
    written: "Text | None" = None,
    workspace: "Workspace | None" = None,
) -> None:
    """``result`` in the format ``name`` of ``command``'s formats (`render.output`), to
    the sink."""
    from zhenggai.render.output import TABLES

    emit(TABLES[command]()[name](result, ctx), output, written, workspace)


def emit(
    content: str | bytes,
    output: Path | None = None,
    written: "Text | None" = None,
    workspace: "Workspace | None" = None,
) -> None:
    """``content`` on stdout, or into ``output`` and ``written`` said on stderr (default:
    "wrote FILE"). A path that is part of one of ``workspace``'s ledgers is refused."""
    if output is None or str(output) == "-":
        _to_stdout(content)
        return
    data = content.encode("utf-8") if isinstance(content, str) else content
    if workspace is not None:
        owned = workspace.owned(output)
        if owned is not None:
            raise LedgerError(
                said("refusing to write {file}: it is part of the ledger in {root} ({part}); "
                     "write the output outside the ledger's files and folders",
                     file=output, root=owned[0], part=owned[1])
            )  # fmt: skip
    try:
        mode = os.stat(output).st_mode
    except FileNotFoundError:
        mode = 0
    except NotADirectoryError:
        raise LedgerError(
            said("cannot write {file}: a part of its path is a file", file=output)
        ) from None
    if stat.S_ISDIR(mode):
        raise LedgerError(said("{file} is a folder: give the name of a file", file=output))
    if stat.S_ISFIFO(mode) or stat.S_ISCHR(mode):
        with open(output, "wb") as stream:  # a pipe or a terminal: written into, not replaced
            stream.write(data)
    elif mode and not stat.S_ISREG(mode):
        raise LedgerError(said("refusing to write {file}: it is not a file", file=output))
    else:
        from zhenggai.files.atomic import write_atomic

        write_atomic(output, data)
    write_err("zhenggai: " + say_now(written or said("wrote {file}", file=output)))


def _to_stdout(content: str | bytes) -> None:
    if isinstance(content, str):
        write_out(content)
        return
    try:
        write_out(content.decode("utf-8"))
    except UnicodeDecodeError:  # a workbook or a Word document, asked for with -o -
        sys.stdout.flush()
        sys.stdout.buffer.write(content)
        sys.stdout.buffer.flush()
