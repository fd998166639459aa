"""The sign-off form (销号审批表) and the extension form (延期申请表) as a document: one
task a page, each level's opinion where recorded and a blank to sign where not."""

from __future__ import annotations

from collections.abc import Callable

from zhenggai.labels import Words
from zhenggai.messages import Language
from zhenggai.render.layout import Block, Heading, Layout, PageBreak, Paragraph, Table
from zhenggai.render.text import human_size
from zhenggai.reports.signoff import SignoffForm

_WORDS = Words(
    "signoff",
    {
        "title.signoff": "Sign-off approval form",
        "title.extension": "Extension application form",
        "item": "Item",
        "content": "Content",
        "id": "ID",
        "measure": "Measure",
        "problem": "Problem",
        "leader": "Lead",
        "lead_unit": "Lead unit",
        "cooperating": "Cooperating units",
        "deadline": "Deadline",
        "extensions": "Extensions",
        "applied": "Applied on",
        "applied_by": "Applied by",
        "summary.signoff": "What was done",
        "summary.extension": "Deadline asked for, and why",
        "returned": "Returned before",
        "evidence": "Evidence",
        "file": "File",
        "kind": "Kind",
        "size": "Size",
        "sha256": "SHA-256",
        "no_evidence": "No evidence files.",
        "levels": "Opinions",
        "level": "Level",
        "opinion": "Opinion",
        "signature": "Signature",
        "date": "Date",
        "approved": "Approved",
        "returned_act": "Returned",
        "applied_act": "Applied",
        "none": "None",
        "no_form": "No application to put on a form.",
    },
)

#: Room to write in by hand: a cell of blank lines.
_BLANK = "\n\n\n"


def signoff_layout(forms: list[SignoffForm], title: str, language: Language) -> Layout:
    """``forms``, one a page, under the ledger's ``title``."""

    def w(key: str, **values: object) -> str:
        return _WORDS.say(key, language, **values)

    kinds = {form.kind for form in forms}
    named = w(f"title.{kinds.pop()}") if len(kinds) == 1 else w("title.signoff")
    blocks: list[Block] = []
    for index, form in enumerate(forms):
        if index:
            blocks.append(PageBreak())
        blocks += _page(form, w, heading=len(forms) > 1 or len(kinds) > 1)
    if not forms:
        blocks.append(Paragraph(w("no_form")))
    return Layout(title=named, subtitle=title, language=language, blocks=tuple(blocks))


def _page(form: SignoffForm, w: Callable[..., str], heading: bool) -> list[Block]:
    facts = [
        (w("id"), form.task_id),
        (w("problem"), form.problem),
        (w("measure"), form.measure),
        (w("leader"), form.leader),
        (w("lead_unit"), form.lead_unit),
        (w("cooperating"), "、".join(form.cooperating) or w("none")),
        (w("deadline"), form.deadline),
        (w("extensions"), "\n".join(form.extensions) or w("none")),
        (w("applied"), form.applied),
        (w("applied_by"), form.applied_by),
        (w(f"summary.{form.kind}"), form.summary),
    ]
    if form.returned:
        facts.append((w("returned"), "\n".join(form.returned)))
    acts = {"approved": w("approved"), "returned": w("returned_act"), "applied": w("applied_act")}
    levels = [
        (
            level.name,
            (f"{acts[level.action]}：{level.opinion}" if level.opinion else acts[level.action])
            if level.action
            else _BLANK,
            level.by,
            level.day,
        )
        for level in form.levels
    ]
    blocks: list[Block] = []
    if heading:
        blocks.append(Heading(1, f"{w('title.' + form.kind)}：{form.task_id} {form.title}"))
    blocks.append(Table((w("item"), w("content")), tuple(facts)))
    if form.kind == "signoff":
        blocks.append(Heading(2, w("evidence")))
        blocks.append(
            Table(
                (w("file"), w("kind"), w("size"), w("sha256")),
                tuple((e.name, e.kind, human_size(e.size), e.sha256) for e in form.evidence),
                w("no_evidence"),
            )
        )
    blocks.append(Heading(2, w("levels")))
    blocks.append(Table((w("level"), w("opinion"), w("signature"), w("date")), tuple(levels)))
    return blocks
