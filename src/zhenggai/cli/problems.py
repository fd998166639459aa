"""`zhenggai section`, `problem`: the feedback's headings and problems (problems.yaml),
kept by commands, not by hand."""

from typing import Annotated

import typer

from zhenggai.cli.common import LangOption, LedgerOption
from zhenggai.cli.registries import list_registry, write_registry
from zhenggai.cli.writing import CommitOption

section_app = typer.Typer(
    help="The feedback's headings (一、…): add, set, move, remove.", no_args_is_help=True
)
problem_app = typer.Typer(
    help="The inspection's findings (反馈问题): add, set, move, remove, list.",
    no_args_is_help=True,
)

SectionArgument = Annotated[str, typer.Argument(metavar="ID", help="The section.")]
ProblemArgument = Annotated[str, typer.Argument(metavar="ID", help="The problem.")]
BeforeOption = Annotated[
    str | None,
    typer.Option("--before", help="Put it before this one (default: last).", show_default=False),
]


@section_app.command("add")
def section_add(
    section_id: Annotated[str, typer.Argument(metavar="ID", help="Its id, e.g. S1.")],
    title: Annotated[str, typer.Option("--title", help="The heading, e.g. （一）党的领导弱化.")],
    before: BeforeOption = None,
    early: Annotated[
        bool, typer.Option("--early", help="Work begun before the feedback (先期整改).")
    ] = False,
    commit: CommitOption = None,
    lang: LangOption = None,
    ledger: LedgerOption = None,
) -> None:
    """Add a heading of the feedback to problems.yaml."""
    from zhenggai.writes.sections import plan_section_add

    write_registry(
        ledger,
        commit,
        lambda loaded: plan_section_add(loaded, section_id, title, before, early),
        lang,
    )


@section_app.command("set")
def section_set(
    section_id: SectionArgument,
    title: Annotated[
        str | None, typer.Option("--title", help="A new heading.", show_default=False)
    ] = None,
    early: Annotated[
        bool | None,
        typer.Option(
            "--early/--not-early",
            help="Whether it is work begun before the feedback (先期整改).",
            show_default=False,
        ),
    ] = None,
    commit: CommitOption = None,
    lang: LangOption = None,
    ledger: LedgerOption = None,
) -> None:
    """Retitle a section, or mark it 先期整改."""
    from zhenggai.writes.sections import plan_section_set

    write_registry(
        ledger, commit, lambda loaded: plan_section_set(loaded, section_id, title, early), lang
    )


@section_app.command("move")
def section_move(
    section_id: SectionArgument,
    before: BeforeOption = None,
    commit: CommitOption = None,
    lang: LangOption = None,
    ledger: LedgerOption = None,
) -> None:
    """Move a section before another, or to the end."""
    from zhenggai.writes.sections import plan_section_move

    write_registry(
        ledger, commit, lambda loaded: plan_section_move(loaded, section_id, before), lang
    )


@section_app.command("remove")
def section_remove(
    section_id: SectionArgument,
    commit: CommitOption = None,
    lang: LangOption = None,
    ledger: LedgerOption = None,
) -> None:
    """Remove a section that holds no problem."""
    from zhenggai.writes.sections import plan_section_remove

    write_registry(ledger, commit, lambda loaded: plan_section_remove(loaded, section_id), lang)


@problem_app.command("add")
def problem_add(
    problem_id: Annotated[str, typer.Argument(metavar="ID", help="The id tasks will name it by.")],
    title: Annotated[str, typer.Option("--title", help="The finding, in one line.")],
    section: Annotated[str, typer.Option("--section", help="The id of its heading.")],
    source_ref: Annotated[
        str | None,
        typer.Option("--source-ref", help="Where it stands in the feedback.", show_default=False),
    ] = None,
    summary: Annotated[
        str | None, typer.Option("--summary", help="How it showed itself.", show_default=False)
    ] = None,
    commit: CommitOption = None,
    lang: LangOption = None,
    ledger: LedgerOption = None,
) -> None:
    """Add a problem under a section of problems.yaml."""
    from zhenggai.writes.sections import plan_problem_add

    write_registry(
        ledger,
        commit,
        lambda loaded: plan_problem_add(loaded, problem_id, title, section, source_ref, summary),
        lang,
    )


@problem_app.command("set")
def problem_set(
    problem_id: ProblemArgument,
    title: Annotated[
        str | None, typer.Option("--title", help="A new wording.", show_default=False)
    ] = None,
    source_ref: Annotated[
        str | None,
        typer.Option(
            "--source-ref",
            help="Where it stands in the feedback (empty: none).",
            show_default=False,
        ),
    ] = None,
    summary: Annotated[
        str | None,
        typer.Option("--summary", help="How it showed itself (empty: none).", show_default=False),
    ] = None,
    commit: CommitOption = None,
    lang: LangOption = None,
    ledger: LedgerOption = None,
) -> None:
    """Retitle a problem, or set where it stands in the feedback."""
    from zhenggai.writes.sections import plan_problem_set

    values = {"title": title, "source_ref": source_ref, "summary": summary}
    write_registry(
        ledger, commit, lambda loaded: plan_problem_set(loaded, problem_id, values), lang
    )


@problem_app.command("move")
def problem_move(
    problem_id: ProblemArgument,
    section: Annotated[str, typer.Option("--section", help="The section it goes under.")],
    before: BeforeOption = None,
    commit: CommitOption = None,
    lang: LangOption = None,
    ledger: LedgerOption = None,
) -> None:
    """Move a problem under another section (or within its own, with --before)."""
    from zhenggai.writes.sections import plan_problem_move

    write_registry(
        ledger,
        commit,
        lambda loaded: plan_problem_move(loaded, problem_id, section, before),
        lang,
    )


@problem_app.command("remove")
def problem_remove(
    problem_id: ProblemArgument,
    commit: CommitOption = None,
    lang: LangOption = None,
    ledger: LedgerOption = None,
) -> None:
    """Remove a problem no task answers."""
    from zhenggai.writes.sections import plan_problem_remove

    write_registry(ledger, commit, lambda loaded: plan_problem_remove(loaded, problem_id), lang)


@problem_app.command("list")
def problem_list(lang: LangOption = None, ledger: LedgerOption = None) -> None:
    """The problems by section, with how many tasks answer each."""
    list_registry(ledger, lang, "problem")
