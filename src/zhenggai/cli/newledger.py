"""`zhenggai init`: a new ledger for an inspection, its settings told by options or, on
a terminal, asked for one by one in the language of the run."""

import os
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Annotated

import typer

from zhenggai.cli.common import LangOption, ask, say_now, write_err
from zhenggai.cli.writing import option_date
from zhenggai.messages import Language
from zhenggai.messages import text as said


def init(
    folder: Annotated[
        Path, typer.Argument(help="Where to create the ledger.", show_default=True)
    ] = Path("ledger"),
    kind: Annotated[
        str | None, typer.Option("--kind", help="巡视, 巡察, 审计 or 督查.", show_default=False)
    ] = None,
    inspector: Annotated[
        str | None,
        typer.Option("--inspector", help="Who inspected, e.g. 市委第三巡察组.", show_default=False),
    ] = None,
    feedback_date: Annotated[
        str | None,
        typer.Option(
            "--feedback-date",
            metavar="YYYY-MM-DD",
            help="When the findings were handed over. Default: today in Asia/Shanghai.",
            show_default=False,
        ),
    ] = None,
    inspection_round: Annotated[
        str | None,
        typer.Option("--round", help="The round, e.g. 十二届市委第三轮.", show_default=False),
    ] = None,
    period: Annotated[
        str | None,
        typer.Option(
            "--period",
            metavar="START..END",
            help="When the inspectors were there, e.g. 2026-05-10..2026-07-10.",
            show_default=False,
        ),
    ] = None,
    authority: Annotated[
        str | None,
        typer.Option(
            "--authority",
            help="Who ordered it: 党中央, 省委, 市委, 县委. Default: read from --inspector.",
            show_default=False,
        ),
    ] = None,
    subject: Annotated[
        str | None,
        typer.Option(
            "--subject", help="Who was inspected, e.g. 中共XX市XX局党组.", show_default=False
        ),
    ] = None,
    issuer: Annotated[
        str | None,
        typer.Option(
            "--issuer",
            help="Who issues the bulletin (发文机关), e.g. 中共XX市XX局党组.",
            show_default=False,
        ),
    ] = None,
    office: Annotated[
        str | None,
        typer.Option(
            "--office",
            help="The rectification office, whose name the weekly report and notices bear.",
            show_default=False,
        ),
    ] = None,
    phone: Annotated[
        str | None,
        typer.Option(
            "--phone",
            help="The public's contact telephone, at a bulletin's end.",
            show_default=False,
        ),
    ] = None,
    email: Annotated[
        str | None,
        typer.Option(
            "--email",
            help="The public's contact mail address, at a bulletin's end.",
            show_default=False,
        ),
    ] = None,
    title: Annotated[
        str | None,
        typer.Option(
            "--title",
            help="The ledger's title. Default: the subject's 巡视整改台账.",
            show_default=False,
        ),
    ] = None,
    lang: LangOption = None,
) -> None:
    """Create a new ledger: settings, problems, tasks/, evidence/, .gitattributes; on a
    terminal, what the options do not say is asked for."""
    from zhenggai.cli.common import presume_language
    from zhenggai.cli.creating import interactive
    from zhenggai.cli.helptext import ledger_language
    from zhenggai.days.dates import ledger_today
    from zhenggai.writes.scaffold import NewLedger, create_ledger

    # A new ledger speaks as asked, else as the ledger around it, else Chinese (not the
    # locale's: an office's machine set to English still keeps a Chinese ledger).
    asked = lang.value if lang else os.environ.get("ZHENGGAI_LANG")
    around = ledger_language(None, dict(os.environ), Path.cwd())
    language: Language = "en" if (asked or around) == "en" else "zh"
    presume_language(language)
    today = ledger_today("Asia/Shanghai", datetime.now(UTC))
    if interactive():
        kind = kind or ask(said("What was it: 巡视, 巡察, 审计 or 督查?"), "巡视")
        inspector = inspector or ask(said("Who inspected (e.g. 市委第三巡察组)?"), None)
        feedback_date = feedback_date or ask(
            said("When were the findings handed over (2026-09-10)?"), today.isoformat()
        )
        subject = subject or ask(said("Who was inspected (e.g. 中共XX市XX局党组)?"), None)
        issuer = issuer or ask(said("Who issues the bulletin (发文机关)?"), subject)
        office = office or ask(
            said("Whose name do the weekly report and notices bear (整改办)?"),
            f"{subject}{kind}整改工作领导小组办公室",
        )
        phone = phone or ask(said("The public's contact telephone (may be left empty)?"), "")
    spec = NewLedger(
        kind=kind or "巡视",
        inspector=inspector or "巡视组",
        feedback=option_date(feedback_date, "--feedback-date") or today,
        title=title,
        round=inspection_round,
        period=_period(period),
        authority=authority,
        subject=subject,
        issuer=issuer,
        office=office,
        phone=phone or None,
        email=email,
        language=language,
    )
    created = create_ledger(folder, spec)
    for path in created:
        write_err(say_now(said("created {file}", file=path)))
    write_err(
        "zhenggai: "
        + say_now(
            said(
                "a new ledger in {folder}: add units and leaders (`zhenggai unit add`, "
                "`zhenggai leader add`), the findings (`zhenggai section add`, "
                "`zhenggai problem add`), then `zhenggai new`",
                folder=folder,
            )
        )
    )


def _period(typed: str | None) -> tuple[date, date] | None:
    """START..END (or START至END, START~END): when the inspectors were there."""
    import re

    if typed is None:
        return None
    parts = re.split(r"\s*(?:\.\.|至|~|～|—)\s*", typed.strip())
    if len(parts) != 2:
        raise typer.BadParameter(
            say_now(said("{typed} is no period: write START..END, e.g. 2026-05-10..2026-07-10",
                         typed=repr(typed))),
            param_hint="--period",
        )  # fmt: skip
    start, end = (option_date(part, "--period") or date.min for part in parts)
    if end < start:
        raise typer.BadParameter(
            say_now(said("{typed} ends before it starts", typed=repr(typed))),
            param_hint="--period",
        )
    return start, end
