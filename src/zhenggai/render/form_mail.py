"""A unit's 填报表 on its way to the liaison: a mail message (``.eml``, the workbook
attached, opened by any mail client) and a short text to paste into an instant-messaging
app — built with the standard library's email package."""

from __future__ import annotations

from email.message import EmailMessage
from email.policy import SMTP
from email.utils import formatdate

from zhenggai.labels import Words
from zhenggai.messages import Language
from zhenggai.reports.forms import UnitForm

_WORDS = Words(
    "mail",
    {
        "subject": "Rectification progress form of {unit}, {period}: return by {due}",
        "greeting": "Dear {liaison},",
        "colleague": "liaison",
        "body": (
            "Attached is the progress form of {unit} for {period}: {n} tasks, {overdue} of "
            "them overdue. Please fill in the white columns (see the sheet 填报说明) and "
            "return the workbook by {due}, with the evidence files it names."
        ),
        "chat": (
            "{unit}: the progress form of {period} ({n} tasks, {overdue} overdue) has been "
            "sent to your mail. Please return it by {due}. — {office}"
        ),
    },
)
_XLSX = ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def form_mail(
    form: UnitForm, workbook: bytes, office: str, sender: str, language: Language
) -> bytes:
    """The message that sends ``workbook`` to the unit's liaison (no To: where the
    registry has no address: the office fills it in), as bytes of an .eml file."""

    def w(key: str, **values: object) -> str:
        return _WORDS.say(key, language, **values)

    facts = {"unit": form.name, "period": form.period, "due": form.due, "n": len(form.rows),
             "overdue": form.overdue}  # fmt: skip
    message = EmailMessage(policy=SMTP)
    message["Subject"] = w("subject", **facts)
    message["From"] = sender or office
    if form.email:
        message["To"] = form.email
    message["Date"] = formatdate(localtime=False)
    greeting = w("greeting", liaison=form.liaison or w("colleague"))
    message.set_content(f"{greeting}\n\n{w('body', **facts)}\n\n{office}\n{form.issued}\n")
    message.add_attachment(workbook, maintype=_XLSX[0], subtype=_XLSX[1], filename=form.file)
    return bytes(message)


def chat_text(form: UnitForm, office: str, language: Language) -> str:
    """The few lines to paste into an instant-messaging app."""
    return _WORDS.say("chat", language, unit=form.name, period=form.period, n=len(form.rows),
                      overdue=form.overdue, due=form.due, office=office) + "\n"  # fmt: skip
