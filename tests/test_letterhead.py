"""`--template office.docx`: a Word report written into the office's own template (its
红头 版头, 发文字号, 签发人, 密级 and 版记), the body where the template's {正文} stands;
and every way a template can be wrong, said by its name and place, nothing written."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.helpers import REPO, copy_example, invoke, to_pdf


def _template(path: Path, *, body: str = "{正文}", extra: str = "") -> Path:
    """An office's template as a secretary makes one: a red 版头, its number line, the
    body's place, and a 版记 table."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt, RGBColor

    document = docx.Document()
    masthead = document.add_paragraph()
    masthead.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = masthead.add_run("{发文机关}文件")
    run.font.size, run.font.color.rgb = Pt(36), RGBColor(0xFF, 0, 0)
    document.add_paragraph("{发文字号}　　签发人：{签发人}").alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph("{密级}")
    if extra:
        document.add_paragraph(extra)
    document.add_paragraph(body)
    imprint = document.add_table(rows=1, cols=2)
    imprint.cell(0, 0).text = "{印发机关}"
    imprint.cell(0, 1).text = "{印发日期}印发"
    document.sections[0].header.paragraphs[0].text = "{密级}"
    document.save(str(path))
    return path


def _settings(ledger: Path) -> None:
    settings = ledger / "zhenggai.yaml"
    text = settings.read_text("utf-8").replace(
        "documents:\n",
        "documents:\n  signer: 张三\n  secrecy: 内部资料\n  printer: 机关党组办公室\n",
    )
    settings.write_text(text, "utf-8")


def test_the_bulletin_goes_into_the_offices_template(runner: CliRunner, tmp_path: Path) -> None:
    import docx

    ledger = copy_example(tmp_path / "ledger")
    _settings(ledger)
    template = _template(tmp_path / "红头.docx")
    out = tmp_path / "通报.docx"
    args = ["report", "bulletin", "--as-of", "2021-10-23", "--lang", "zh", "--format", "docx",
            "-o", str(out), "--template", str(template)]  # fmt: skip
    code, _, err = invoke(runner, args, cwd=ledger)
    assert code == 0, err
    document = docx.Document(str(out))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "中共政协全国委员会机关党组文件"
    assert document.paragraphs[0].runs[0].font.color.rgb == docx.shared.RGBColor(0xFF, 0, 0)
    assert texts[1] == "　　签发人：张三" and texts[2] == "内部资料"  # no 发文字号 set: empty
    title = texts.index("中共政协全国委员会机关党组关于\n十九届中央第六轮巡视整改进展情况的通报")
    assert title == 3  # the body where {正文} stood, the 版头 above it
    assert any(t.startswith("根据中央统一部署") for t in texts[title:])
    cells = [c.text for c in document.tables[-1].rows[0].cells]
    assert cells == ["机关党组办公室", "2021年10月23日印发"]  # the 版记, after the body
    assert document.sections[0].header.paragraphs[0].text == "内部资料"
    everything = "\n".join(texts + cells)
    assert "{" not in everything and "}" not in everything
    (converted,) = to_pdf(tmp_path, out)
    pdf = subprocess.run(["pdftotext", str(converted), "-"], capture_output=True,
                         check=True).stdout.decode("utf-8")  # fmt: skip
    pdf = pdf.replace("\n", "").replace(" ", "")  # the 36-point 版头 runs over two lines
    assert pdf.index("机关党组文件") < pdf.index("根据中央统一部署") < pdf.index("印发")


def test_the_weekly_report_and_notices_fill_their_numbers(
    runner: CliRunner, tmp_path: Path
) -> None:
    import docx

    template = _template(tmp_path / "红头.docx")
    for args, number in (
        (["report", "weekly", "--as-of", "2021-10-23"], "第38期"),
        (["report", "notice", "--as-of", "2021-12-01"], "督办〔2021〕1号"),
    ):
        out = tmp_path / "out.docx"
        code, _, err = invoke(runner, [*args, "--lang", "zh", "--format", "docx", "-o", str(out),
                                       "--template", str(template)], cwd=REPO)  # fmt: skip
        assert code == 0, err
        document = docx.Document(str(out))
        assert document.paragraphs[0].text == "全国政协机关巡视整改工作领导小组办公室文件"
        assert document.paragraphs[1].text.startswith(number)


def _refused(runner: CliRunner, tmp_path: Path, template: Path, *extra: str) -> str:
    out = tmp_path / "never.docx"
    args = ["report", "bulletin", "--as-of", "2021-10-23", "--lang", "zh", "--format", "docx",
            "-o", str(out), "--template", str(template), *extra]  # fmt: skip
    code, _, err = invoke(runner, args, cwd=REPO)
    assert code == 2 and "Traceback" not in err and not out.exists(), err
    return err


@pytest.mark.parametrize(
    ("make", "said"),
    [
        (lambda p: (p.write_text("not a document", "utf-8"), p)[1], "不是 Word 文档"),
        (lambda p: _template(p, body="正文放这里"), "{正文}"),
        (lambda p: _template(p, extra="{正文}"), "找到 2 处"),
        (lambda p: _template(p, extra="文号：{文号}"), "第 4 段：{文号} 不是占位符"),
        (lambda p: p, "没有这个文件"),
    ],
    ids=["not-docx", "no-body", "two-bodies", "unknown-placeholder", "missing"],
)
def test_a_template_that_is_wrong_is_named_and_nothing_written(
    make: Any, said: str, runner: CliRunner, tmp_path: Path
) -> None:
    template = make(tmp_path / "红头.docx")
    err = _refused(runner, tmp_path, template)
    assert "红头.docx" in err and said in err, err


def test_a_template_is_for_word_only(runner: CliRunner, tmp_path: Path) -> None:
    template = _template(tmp_path / "红头.docx")
    args = ["report", "bulletin", "--as-of", "2021-10-23", "--lang", "zh", "--template",
            str(template)]  # fmt: skip
    code, out, err = invoke(runner, args, cwd=REPO)
    assert code == 2 and out == "" and "--format docx" in err
