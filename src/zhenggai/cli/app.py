"""The `zhenggai` command: the Typer app and the one place errors become exit codes."""

import errno
import gc
import os
import sys
from collections.abc import Sequence
from contextlib import suppress
from pathlib import Path
from typing import Any

import typer
from typer.core import TyperGroup

from zhenggai import __version__
from zhenggai.findings import LedgerError
from zhenggai.messages import Language, say_packed, text

#: Exit codes: 0 clean, 1 findings, 2 usage, configuration or internal error.
EXIT_FINDINGS = 1
EXIT_ERROR = 2


class ZhenggaiGroup(TyperGroup):
    """Turns every failure into a message and exit 2; never a traceback."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        from typer._click.exceptions import ClickException, NoArgsIsHelpError
        from typer.exceptions import Abort

        from zhenggai.cli.common import presume_language
        from zhenggai.cli.helptext import help_language, localise, wants_help

        arguments = list(sys.argv[1:] if args is None else args)
        language = help_language(arguments, dict(os.environ), Path.cwd())
        presume_language(language)
        if wants_help(self, arguments):
            localise(self, language)
        try:
            # Not standalone, so that a refused command line is said here, in the language.
            returned = super().main(
                args, prog_name, complete_var, False, windows_expand_args, **extra
            )
        except ClickException as err:
            if not standalone_mode:
                raise
            if language == "en" or isinstance(err, NoArgsIsHelpError):
                err.show()  # a group named alone shows its help, already in the language
            else:
                from zhenggai.cli.usage import say_usage_error  # only for a refused line

                sys.stderr.write(say_usage_error(err, language))
            sys.exit(err.exit_code)
        except Abort:
            if not standalone_mode:
                raise
            from zhenggai.cli.usage import say_aborted

            sys.stderr.write(say_aborted(language))
            sys.exit(1)
        if not standalone_mode:
            return returned
        # A command that ends by raising Exit(code) comes back as that code.
        sys.exit(returned if isinstance(returned, int) else 0)

    def invoke(self, ctx: Any) -> Any:
        for stream in (sys.stdout, sys.stderr):
            # A console that cannot show a character (PYTHONIOENCODING=gbk) must not crash.
            reconfigure = getattr(stream, "reconfigure", None)
            if reconfigure is not None:
                reconfigure(errors="replace")
        from zhenggai.cli.common import forget_language, safe_streams

        forget_language()  # each command resolves its language anew (tests run many)

        # Every line the command writes passes the text-safety rule (`safetext`).
        with safe_streams():
            try:
                return super().invoke(ctx)
            except LedgerError as err:
                _report_ledger_error(err)
                sys.exit(EXIT_ERROR)
            except (typer.Exit, typer.Abort, typer.TyperException):
                raise  # exits and usage errors (exit 2) that the command line itself reports
            except BrokenPipeError:
                sys.exit(EXIT_ERROR)  # the reader went away (`| head`): nothing more to say
            except OSError as err:
                sys.stderr.write(os_fault_message(err, _language()) + "\n")
                sys.exit(EXIT_ERROR)
            except Exception as err:
                sys.stderr.write(
                    f"zhenggai: internal error: {type(err).__name__}: {err}\n"
                    + say_packed(
                        text(
                            "This is a bug in zhenggai, not in your ledger; please report it."
                        ).packed(),
                        _language(),
                    )
                    + "\n"
                )
                sys.exit(EXIT_ERROR)


#: What the user can do about the faults the system reports most.
_OS_ADVICE = {
    errno.EACCES: text("no permission: check the permissions of the file and its folder"),
    errno.EPERM: text(
        "not permitted: check the file's permissions and attributes "
        "(`lsattr`: an immutable file cannot be replaced)"
    ),
    errno.EROFS: text("the file system is read-only"),
    errno.ENOSPC: text("the disk is full: free some space and run the command again"),
    errno.EDQUOT: text("the disk quota is used up: free some space and run the command again"),
}


#: The system's words for the faults a user meets most, in the catalog: in a Chinese
#: ledger they are said in Chinese, not in the C library's English.
_OS_CAUSES = {
    errno.ENOENT: text("no such file or folder"),
    errno.EACCES: text("permission denied"),
    errno.EPERM: text("operation not permitted"),
    errno.EISDIR: text("it is a folder"),
    errno.ENOTDIR: text("a part of the path is not a folder"),
    errno.EEXIST: text("it exists already"),
    errno.ENOSPC: text("no space left on the device"),
    errno.EROFS: text("read-only file system"),
}


def os_fault_message(err: OSError, language: Language = "en") -> str:
    """A fault of the system (permissions, a full disk) told as such, naming the file:
    it is not a bug in zhenggai, and the ledger is as it was (writes are atomic). The
    system's own words (strerror) stay as the system says them, but in Chinese where
    the catalog has them."""
    where = f"{err.filename}: " if err.filename else ""
    advice = _OS_ADVICE.get(err.errno or 0)
    cause = err.strerror or str(err)
    known = _OS_CAUSES.get(err.errno or 0)
    if language != "en" and known is not None:
        cause = say_packed(known.packed(), language)
    said = f" ({say_packed(advice.packed(), language)})" if advice else ""
    return f"zhenggai: {where}{cause}{said}"


def _language() -> Language:
    from zhenggai.cli.common import language_in_use

    return language_in_use()


def _report_ledger_error(err: LedgerError) -> None:
    from zhenggai.cli.common import display_prefix, language_in_use
    from zhenggai.render.findings import format_findings

    language = language_in_use()
    prefix = display_prefix(err.root) if err.root is not None else ""
    sys.stderr.write(format_findings(err.findings, prefix, language))
    sys.stderr.write(f"zhenggai: {err.in_language(language)}\n")


app = typer.Typer(
    cls=ZhenggaiGroup,
    name="zhenggai",
    help="整改台账: keep a rectification ledger as YAML files; check it, report what is late.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    add_completion=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"zhenggai {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """整改台账: keep a rectification ledger as YAML files; check it, report what is late."""


def _register() -> None:
    from zhenggai.cli import (
        approving,
        check,
        configuring,
        correcting,
        creating,
        exporting,
        forming,
        importing,
        newledger,
        noticing,
        problems,
        reading,
        registries,
        reporting,
        reviewing,
        schema,
        upkeep,
        writing,
    )

    app.command("list")(reading.list_tasks)
    app.command("show")(reading.show)
    app.command("status")(reading.status)
    app.command("check")(check.check)
    app.command("init")(newledger.init)
    app.command("new")(creating.new)
    app.command("progress")(writing.progress)
    app.command("extend")(writing.extend)
    app.command("close")(writing.close)
    app.command("reopen")(writing.reopen)
    app.command("approve")(approving.approve)
    app.command("return")(approving.send_back)
    app.command("attach")(approving.attach)
    app.command("correct")(correcting.correct)
    app.command("cancel")(upkeep.cancel)
    app.command("edit")(upkeep.edit)
    app.add_typer(upkeep.milestone_app, name="milestone")
    app.command("counter")(upkeep.counter)
    app.add_typer(registries.unit_app, name="unit")
    app.add_typer(registries.leader_app, name="leader")
    app.add_typer(problems.section_app, name="section")
    app.add_typer(configuring.settings_app, name="settings")
    app.add_typer(problems.problem_app, name="problem")
    app.command("log")(reading.log)
    app.command("schema")(schema.schema)
    app.command("export")(exporting.export)
    app.command("import")(importing.import_sheet)
    reporting.report_app.command("notice")(noticing.notice)
    reporting.report_app.command("signoff")(approving.signoff_form)
    app.add_typer(reporting.report_app, name="report")
    app.command("sample")(reviewing.sample)
    app.command("review")(reviewing.review)
    app.add_typer(forming.forms_app, name="forms")


_register()


def main() -> None:
    """Entry point of the `zhenggai` script."""
    # The one garbage-collector policy: off for the whole process. A command is one
    # short run that builds many small objects and keeps them all; the cyclic collector
    # would only walk them again and again (it doubled the time of `check` on 10,000
    # tasks), and reference counting still frees what is dropped. Worker processes
    # forked from here inherit it. The process ends without freeing anything.
    gc.disable()
    from zhenggai.cli.common import safe_streams

    try:
        with safe_streams():  # also for the errors the command line itself reports
            app()
        code = 0
    except SystemExit as done:
        code = _exit_status(done.code)
    _end_process(code)


def _exit_status(code: object) -> int:
    """The status `sys.exit(code)` would end the process with."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    sys.stderr.write(f"{code}\n")
    return 1


def _end_process(code: int) -> None:
    """End the process once its output is out, without freeing what it built.

    Python would free every object of the ledger one by one on its way out (0.24 s
    of a `check` of 100,000 tasks); the system takes back the whole memory of the
    process at once. Nothing is left to do at exit: files are written atomically
    and closed before a command returns, and worker processes have been joined.
    """
    for stream in (sys.stdout, sys.stderr):
        # A closed pipe (`| head`) or stream: nothing more can be said.
        with suppress(OSError, ValueError):
            stream.flush()
    os._exit(code)
