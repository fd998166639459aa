"""`zhenggai report weekly`: goldens in Markdown and HTML, numbers cross-checked with
`status` and `list`, a Word 公文 read back by python-docx and converted by LibreOffice,
bad input."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.helpers import EXAMPLE_LEDGER, GOLDEN, REPO, golden, invoke

DAY = "2021-10-22"


@pytest.mark.parametrize("kind", ["md", "html"])
def test_weekly_golden(kind: str, runner: CliRunner) -> None:
    args = ["report", "weekly", "--as-of", DAY, "--lang", "zh", "--format", kind]
    code, out, err = invoke(runner, args, cwd=REPO)
    assert code == 0, err
    assert out == golden(out, GOLDEN / f"weekly-{DAY}.{kind}"), "regenerate it if meant"
    assert invoke(runner, args, cwd=REPO)[1] == out  # the same bytes every run


def test_weekly_numbers_are_those_of_status_and_list(runner: CliRunner) -> None:
    from zhenggai.ledger.load import load_ledger
    from zhenggai.reports.status import build_status
    from zhenggai.reports.weekly import DUE_WINDOW_DAYS, build_weekly

    ledger = load_ledger(EXAMPLE_LEDGER, use_cache=False)
    for end in (date(2021, 10, 22), date(2021, 12, 1)):
        start = date.fromordinal(end.toordinal() - 6)
        report = build_weekly(ledger, start, end)
        overall = build_status(ledger, end).overall
        assert report.now == overall
        assert (
            report.before == build_status(ledger, date.fromordinal(start.toordinal() - 1)).overall
        )
        listed = json.loads(invoke(runner, ["list", "--overdue", "--as-of", str(end), "--format",
                                            "json"], cwd=REPO)[1])  # fmt: skip
        assert sorted(x.task_id for x in report.overdue) == sorted(t["id"] for t in listed["tasks"])
        soon = json.loads(invoke(runner, ["list", "--due-within", str(DUE_WINDOW_DAYS), "--as-of",
                                          str(end), "--format", "json"], cwd=REPO)[1])  # fmt: skip
        assert sorted(x.task_id for x in report.due_soon) == sorted(t["id"] for t in soon["tasks"])
        days = [x.days for x in report.overdue]
        assert days == sorted(days, reverse=True)  # worst first


def test_the_period_is_a_week_or_as_given(runner: CliRunner) -> None:
    _, out, _ = invoke(runner, ["report", "weekly", "--week", "2021-W42", "--lang", "zh"], cwd=REPO)
    assert (
        out.splitlines()[2]
        == "【示例】非正式文件　第38期　全国政协机关巡视整改工作领导小组办公室编　2021年10月18日至2021年10月24日"
    )  # an example ledger; the 38th week since the feedback (2021-02-04); the office's
    args = ["report", "weekly", "--from", "2021-10-01", "--to", "2021-10-31", "--lang", "en"]
    _, out, _ = invoke(runner, args, cwd=REPO)
    assert out.splitlines()[2] == (
        "EXAMPLE — not a real document　Issued by 全国政协机关巡视整改工作领导小组办公室　"
        "2021-10-01 to 2021-10-31"
    )  # a month: no number of the weekly series


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--week", "2021-W60"], "is not a week"),
        (["--week", "42"], "is not a week"),
        (["--from", "2021-10-30", "--to", "2021-10-01"], "is after --to"),
        (["--week", "2021-W42", "--from", "2021-10-01"], "not both"),
        (["--from", "2021-02-30"], "not a real date"),
        (["--format", "docx"], "give --output FILE.docx"),
    ],
)
def test_a_bad_period_is_a_usage_error(args: list[str], said: str, runner: CliRunner) -> None:
    code, out, err = invoke(runner, ["report", "weekly", *args], cwd=REPO)
    assert (code, out) == (2, "") and said in err, err
    assert "Traceback" not in err


def test_the_word_document_is_a_gongwen(runner: CliRunner, tmp_path: Path) -> None:
    import docx
    from docx.shared import Pt

    out = tmp_path / "周报.docx"
    args = ["report", "weekly", "--as-of", DAY, "--lang", "zh", "--format", "docx", "-o", str(out)]
    code, _, err = invoke(runner, args, cwd=REPO)
    assert code == 0, err
    document = docx.Document(str(out))
    section = document.sections[0]

    def mm(length: Any) -> float:  # Word keeps twips: compare to a tenth of a millimetre
        return round(float(length.mm), 1)

    assert (mm(section.page_width), mm(section.page_height)) == (210, 297)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [mm(m) for m in margins] == [37, 35, 28, 26]
    title = document.paragraphs[0]
    assert title.text == "全国政协机关党组巡视整改工作周报"  # the subject and the inspection
    run = title.runs[0]
    assert run.font.size == Pt(22)
    assert _fonts(run) == ("方正小标宋简体", "Times New Roman")
    normal = document.styles["Normal"].paragraph_format
    assert normal.line_spacing == Pt(28.95)  # 22 lines in the 版心's 225 mm
    texts = [p.text for p in document.paragraphs]
    assert "一、总体情况" in texts and "三、本周进展" in texts
    heading = next(p for p in document.paragraphs if p.text == "一、总体情况")
    assert _fonts(heading.runs[0]) == ("黑体", "Times New Roman")
    body = next(p for p in document.paragraphs if p.text.startswith("截至"))
    assert _fonts(body.runs[0]) == ("仿宋_GB2312", "Times New Roman")
    assert body.runs[0].font.size == Pt(16)
    tables = document.tables
    assert tables[0].rows[0].cells[0].text == "项目"
    assert tables[1].rows[1].cells[0].text == "全国政协办公厅秘书局"  # completion by unit
    assert tables[3].rows[1].cells[0].text.startswith("TASK\u2060-")  # held together
    assert "w:tblHeader" in tables[1].rows[0]._tr.xml  # the header repeats on every page
    assert "w:cantSplit" in tables[1].rows[1]._tr.xml  # a row stays on one page
    footer = section.footer.paragraphs[0]._element.xml
    assert "PAGE" in footer  # page numbers at the foot


def _fonts(run: Any) -> tuple[str, str]:
    """The fonts a Word run names for East Asian and for Latin text (digits and Latin in
    Times New Roman, as 公文 set them)."""
    word = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    fonts = run._element.rPr.rFonts
    return fonts.get(word + "eastAsia"), fonts.get(word + "ascii")


def test_libreoffice_reads_the_word_document(runner: CliRunner, tmp_path: Path) -> None:
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice Writer is needed (libreoffice-writer-nogui; .ci/run installs it)"
    assert shutil.which("pdftotext"), "pdftotext is needed (poppler-utils; .ci/run installs it)"
    out = tmp_path / "周报.docx"
    args = ["report", "weekly", "--as-of", DAY, "--lang", "zh", "--format", "docx", "-o", str(out)]
    assert invoke(runner, args, cwd=REPO)[0] == 0
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(out)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    pdf = tmp_path / "周报.pdf"
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True).stdout
    said = text.decode("utf-8")
    assert "工作周报" in said and "本周进展" in said and "全国政协办公厅研究室" in said
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, check=True).stdout.decode()
    assert "A4" in info


def test_user_text_is_data_in_every_format(runner: CliRunner, tmp_path: Path) -> None:
    import docx

    ledger = tmp_path / "l"
    shutil.copytree(EXAMPLE_LEDGER, ledger, ignore=shutil.ignore_patterns(".zhenggai-cache"))
    task = ledger / "tasks" / "TASK-038.yaml"
    lines = task.read_text(encoding="utf-8").splitlines()
    lines[1] = 'title: "<script>alert(1)</script> \\e]8;;x\\e\\\\ \\u202e | *a* [b](c)"'
    task.write_text("\n".join(lines) + "\n", encoding="utf-8")
    base = ["report", "weekly", "--as-of", DAY, "--ledger", str(ledger)]
    code, html, _ = invoke(runner, [*base, "--format", "html"])
    assert code == 0
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "\x1b" not in html and "\u202e" not in html and "\\x1b]8;;x" in html
    assert "http" not in html.replace("http-equiv", "")  # no request to any host
    code, md, _ = invoke(runner, [*base, "--format", "md"])
    assert code == 0 and "\x1b" not in md and "\\<script\\>" not in md
    assert "&lt;script&gt;" in md and "\\*a\\* \\[b\\](c)" in md
    out = tmp_path / "r.docx"
    assert invoke(runner, [*base, "--format", "docx", "-o", str(out)])[0] == 0
    cells = [c.text for t in docx.Document(str(out)).tables for r in t.rows for c in r.cells]
    title = next(c for c in cells if "alert" in c)
    assert title.startswith("<script>alert(1)</script> \\x1b]8;;x") and "\\u202e" in title


#: Each report's HTML page at a fixed day, and the headings it opens with.
PAGES = {
    "weekly": (DAY, ["一、总体情况", "二、本周销号", "三、本周进展"]),
    "notice": ("2021-12-01", ["督办单（督办）：全国政协办公厅新闻局"]),
    "bulletin": (
        "2021-10-23",
        [
            "一、认真学习贯彻习近平总书记关于巡视工作重要论述和党中央决策部署，"
            "把巡视整改作为重大政治任务抓紧抓实"
        ],
    ),
}


@pytest.mark.parametrize("report", sorted(PAGES))
def test_chromium_shows_and_prints_the_html_report(
    report: str, runner: CliRunner, tmp_path: Path
) -> None:
    from tests.browser import open_page

    day, first_headings = PAGES[report]
    page_file = tmp_path / f"{report}.html"
    args = ["report", report, "--as-of", day, "--lang", "zh", "--format", "html", "-o",
            str(page_file)]  # fmt: skip
    assert invoke(runner, args, cwd=REPO)[0] == 0
    with open_page(page_file) as opened:
        page = opened.page
        assert page.title() == page.locator("h1").first.inner_text()
        assert page.locator("h1").first.is_visible()
        headings = page.locator("h2").all_inner_texts()
        assert headings[: len(first_headings)] == first_headings
        assert page.locator("table").count() >= (0 if report == "bulletin" else 1)
        # the header row repeats on a printed page, and every table fits the page's width
        if report != "bulletin":  # a bulletin is text: no table
            assert page.eval_on_selector("thead", "e => getComputedStyle(e).display") == (
                "table-header-group"
            )
        widths = page.evaluate(
            "[...document.querySelectorAll('table')].map(t => t.scrollWidth <= "
            "document.body.clientWidth + 1)"
        )
        assert all(widths)
        shot = page.screenshot(full_page=True)
        (tmp_path / f"{report}.png").write_bytes(shot)
        assert len(shot) > 20_000
        page.emulate_media(media="print")
        pdf = tmp_path / f"{report}.pdf"
        page.pdf(path=str(pdf), format="A4")
        assert opened.requests == [] and opened.errors == []
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True).stdout
    assert first_headings[0] in text.decode("utf-8").replace("\n", "")  # lines wrap
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, check=True).stdout.decode()
    assert "A4" in info


@pytest.mark.parametrize(
    ("report", "day"), [("weekly", DAY), ("notice", "2021-12-01"), ("bulletin", "2021-10-23")]
)
def test_the_word_document_is_the_same_every_run(
    report: str, day: str, runner: CliRunner, tmp_path: Path
) -> None:
    import zipfile

    parts = []
    for run in ("a", "b"):
        path = tmp_path / f"{run}.docx"
        args = ["report", report, "--as-of", day, "--format", "docx", "-o", str(path)]
        assert invoke(runner, args, cwd=REPO)[0] == 0
        with zipfile.ZipFile(path) as archive:
            parts.append({name: archive.read(name) for name in archive.namelist()})
    assert parts[0].keys() == parts[1].keys()
    for name in ("word/document.xml", "word/styles.xml", "docProps/core.xml"):
        assert parts[0][name] == parts[1][name], name


def test_every_document_of_an_example_ledger_is_marked_and_no_other(
    runner: CliRunner, tmp_path: Path
) -> None:
    from tests.helpers import copy_example

    ledger = copy_example(tmp_path / "ledger")
    for args in (["report", "weekly"], ["report", "bulletin"], ["report", "notice"]):
        _, out, _ = invoke(runner, [*args, "--as-of", "2021-10-23", "--lang", "zh"], cwd=ledger)
        assert "【示例】非正式文件" in out.splitlines()[2], args
    settings = ledger / "zhenggai.yaml"
    settings.write_text(settings.read_text("utf-8").replace("example: true", "example: false"),
                        "utf-8")  # fmt: skip
    for args in (["report", "weekly"], ["report", "bulletin"], ["report", "notice"]):
        _, out, _ = invoke(runner, [*args, "--as-of", "2021-10-23", "--lang", "zh"], cwd=ledger)
        assert "示例】" not in out, args


def test_the_weekly_report_tells_supervision_milestones_regulations_and_next_steps(
    runner: CliRunner, tmp_path: Path
) -> None:
    """A week with a 督办 sent and its reply missed, a milestone overdue, a regulation
    adopted and notes marked for 存在问题 and 下步工作安排: each in its part, numbered on;
    a week with none of them leaves those parts out."""
    from tests.helpers import copy_example

    ledger = copy_example(tmp_path / "ledger")
    run = [
        ["report", "notice", "--as-of", "2021-11-20", "--record", "--by", "整改办"],
        ["progress", "TASK-101", "办法与预算编制衔接未完成，需财政部门意见", "--date",
         "2021-11-29", "--weekly", "problem", "--by", "机关事务管理局"],
        ["progress", "TASK-101", "12月10日前提交党组会议审议", "--date", "2021-11-30",
         "--weekly", "next", "--by", "机关事务管理局"],
    ]  # fmt: skip
    for args in run:
        code, _, err = invoke(runner, [*args, "--ledger", str(ledger)])
        assert code == 0, err
    task = ledger / "tasks" / "TASK-101.yaml"  # its regulation adopted in the week
    text = task.read_text("utf-8").replace(
        "regulations:\n",
        "regulations:\n  - {name: 部门预算管理办法, action: 立, adopted: 2021-11-29}\n",
    )
    task.write_text(text, "utf-8")
    args = ["report", "weekly", "--as-of", "2021-12-01", "--lang", "zh", "--ledger", str(ledger)]
    code, out, err = invoke(runner, args)
    assert code == 0, err
    headings = [line[3:] for line in out.splitlines() if line.startswith("## ")]
    assert headings[-5:] == ["九、督办情况", "十、节点逾期情况", "十一、本周出台制度",
                             "十二、存在问题", "十三、下步工作安排"]  # fmt: skip
    assert "本周到期应反馈的督办单中，已反馈0份，未反馈" in out
    assert "| TASK-094 | 提交机关党组会议审议 | 2021年11月30日 | 1 | 全国政协机关党委 |" in out
    assert "| TASK-101 | 部门预算管理办法 | 立 | 2021年11月29日 |" in out
    assert "全国政协机关事务管理局（TASK-101）：办法与预算编制衔接未完成，需财政部门意见" in out
    steps = out.split("十三、下步工作安排")[1]
    assert steps.index("督促逾期任务") < steps.index("12月10日前提交党组会议审议")
    assert "报：机关党组书记、副书记" in out and out.rstrip().endswith("抄送：驻机关纪检监察组")
    quiet = ["report", "weekly", "--as-of", "2021-03-07", "--lang", "zh"]
    out = invoke(runner, quiet, cwd=REPO)[1]
    assert "督办情况" not in out and "节点逾期" not in out and "本周出台制度" not in out
