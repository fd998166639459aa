"""`zhenggai report dashboard`: the leaders' page, opened in Debian's Chromium with the
network off. Its figures are those of `status`, search and detail work, user text stays
text, it reads without JavaScript, and the public version holds no private task.

Screenshots at 1280×800 and 390×844 are kept in ``test-artifacts/`` (CI uploads it)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from tests.browser import open_page
from tests.helpers import EXAMPLE_LEDGER, GOLDEN, REPO, copy_example, golden, invoke

if TYPE_CHECKING:
    from playwright.sync_api import Dialog

DAY = "2021-12-01"
ARTIFACTS = REPO / "test-artifacts"
HOSTILE = "<img src=x onerror=alert(1)></script><script>alert(2)</script>"


def _page(runner: CliRunner, out: Path, *args: str, ledger: Path = EXAMPLE_LEDGER) -> Path:
    code, _, err = invoke(runner, ["report", "dashboard", "--as-of", DAY, "--lang", "zh",
                                   "--ledger", str(ledger), "-o", str(out), *args])  # fmt: skip
    assert code == 0, err
    return out


def test_dashboard_golden(runner: CliRunner, tmp_path: Path) -> None:
    page = _page(runner, tmp_path / "a.html").read_text(encoding="utf-8")
    assert page == golden(page, GOLDEN / f"dashboard-{DAY}.html"), "regenerate it if meant"
    assert _page(runner, tmp_path / "b.html").read_text(encoding="utf-8") == page
    assert not re.search(r"(src|href)=\"?(https?:)?//", page)  # nothing fetched from a host


def test_the_page_in_chromium(runner: CliRunner, tmp_path: Path) -> None:
    page_file = _page(runner, tmp_path / "dashboard.html")
    _, out, _ = invoke(runner, ["status", "--as-of", DAY, "--format", "json"], cwd=REPO)
    overall = json.loads(out)["overall"]
    ARTIFACTS.mkdir(exist_ok=True)
    with open_page(page_file, 1280, 800) as opened:
        page = opened.page
        figures = dict(zip(
            page.locator("#figures .name").all_inner_texts(),
            page.locator("#figures .value").all_inner_texts(), strict=True,
        ))  # fmt: skip
        assert figures["整改举措"] == str(overall["total"])
        assert figures["已完成"] == str(overall["done"])
        assert figures["推进中"] == str(overall["in_progress"])
        assert figures["长期坚持"] == str(overall["ongoing"])
        assert figures["逾期"] == str(overall["overdue"])
        assert figures["临期"] == str(overall["due_soon"])
        assert figures["延期"] == str(overall["extended"])
        rate = overall["done"] / (overall["total"] - overall["cancelled"])
        assert figures["完成率"] == f"{rate * 100:.1f}%"
        assert page.locator("figure svg").count() == 4  # the four charts
        assert page.locator("figure details table").count() == 4  # each with its data
        overdue = page.locator("#overdue tbody tr td.id").all_inner_texts()
        assert overdue == ["TASK-022", "TASK-101", "TASK-050", "TASK-077"]  # worst first
        page.screenshot(path=str(ARTIFACTS / "dashboard-1280x800.png"))
        # search: a task id leaves exactly that row
        assert page.locator("#all tbody tr").count() == 107
        page.fill("#search", "TASK-022")
        page.wait_for_function("document.querySelectorAll('#all tbody tr').length === 1")
        assert page.locator("#all tbody tr td.id").all_inner_texts() == ["TASK-022"]
        # the detail shows the task's notes, without leaving the file
        page.locator("#all tbody tr").first.click()
        detail = page.locator("#detail")
        assert detail.is_visible()
        text = detail.inner_text()
        assert "2021-10-20 根据意见修改完善，按周报制度报送进展" in text and "进展记录" in text
        page.click("#detail-close")
        assert not detail.is_visible()
        # filters and sorting
        page.fill("#search", "")
        page.select_option("#filter-unit", "研究室")
        page.wait_for_function("document.querySelectorAll('#all tbody tr').length === 10")
        page.click("th button[data-sort='id']")  # the second click on id sorts down
        ids = page.locator("#all tbody tr td.id").all_inner_texts()
        assert ids == sorted(ids, reverse=True)
        ready = page.evaluate("performance.getEntriesByName('dashboard-ready')[0].startTime")
        print(f"first render of the example's page: {ready:.0f} ms")  # measured, not asserted
        assert opened.requests == [] and opened.errors == []
    with open_page(page_file, 390, 844) as opened:
        opened.page.screenshot(path=str(ARTIFACTS / "dashboard-390x844.png"))
        assert opened.page.evaluate("document.body.scrollWidth <= window.innerWidth + 1")
        assert opened.errors == []


def test_user_text_is_text_and_no_script_runs(runner: CliRunner, tmp_path: Path) -> None:
    ledger = copy_example(tmp_path / "ledger")
    task = ledger / "tasks" / "TASK-022.yaml"
    lines = task.read_text(encoding="utf-8").splitlines()
    assert lines[1].startswith("title: ")
    lines[1] = "title: " + json.dumps(HOSTILE + " \u202e", ensure_ascii=False)
    task.write_text("\n".join(lines) + "\n", encoding="utf-8")
    page_file = _page(runner, tmp_path / "d.html", ledger=ledger)
    html = page_file.read_text(encoding="utf-8")
    assert "<script>alert(2)" not in html and "<img src=x" not in html
    with open_page(page_file) as opened:
        page = opened.page
        dialogs: list[str] = []

        def on_dialog(dialog: Dialog) -> None:
            dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", on_dialog)
        page.fill("#search", "TASK-022")
        page.wait_for_function("document.querySelectorAll('#all tbody tr').length === 1")
        cell = page.locator("#all tbody tr td").nth(1).inner_text()
        assert cell == HOSTILE + " \\u202e"  # as text; the bidi control shown as an escape
        assert page.locator("#overdue tbody tr td").nth(1).inner_text().startswith("<img src=x")
        page.locator("#all tbody tr").first.click()
        assert HOSTILE in page.locator("#detail-title").inner_text()
        page.wait_for_timeout(200)
        assert dialogs == [] and page.locator("img").count() == 0
        assert opened.errors == [] and opened.requests == []


def test_the_figures_and_the_overdue_list_need_no_javascript(
    runner: CliRunner, tmp_path: Path
) -> None:
    from playwright.sync_api import sync_playwright

    page_file = _page(runner, tmp_path / "d.html")
    chromium = shutil.which("chromium")
    assert chromium, "Chromium is needed (Debian's chromium; .ci/run installs it)"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        try:
            context = browser.new_context(java_script_enabled=False, offline=True)
            page = context.new_page()
            page.goto(page_file.resolve().as_uri())
            assert page.locator("#figures .value").first.inner_text() == "107"
            assert page.locator("#overdue tbody tr").count() == 4
            assert page.locator("figure svg").count() == 4
            assert page.locator("#all tbody tr").count() == 0  # the table needs the script
        finally:
            browser.close()


def test_the_public_page_holds_no_private_task(runner: CliRunner, tmp_path: Path) -> None:
    full = _page(runner, tmp_path / "full.html").read_text(encoding="utf-8")
    public = _page(runner, tmp_path / "public.html", "--public").read_text(encoding="utf-8")
    assert "TASK-057" in full and "处置中央巡视移交问题线索" in full
    assert "TASK-057" not in public and "处置中央巡视移交问题线索" not in public
    assert "公开版" in public and "公开版" not in full
    data = json.loads(re.search(r'id="data">(.*?)</script>', public, re.S).group(1))  # type: ignore[union-attr]
    assert len(data["tasks"]) == 106


def test_the_page_prints_a_summary_on_a4_landscape(runner: CliRunner, tmp_path: Path) -> None:
    import subprocess

    page_file = _page(runner, tmp_path / "d.html")
    with open_page(page_file) as opened:
        opened.page.emulate_media(media="print")
        assert not opened.page.locator("#all-section").is_visible()  # the table is not printed
        pdf = tmp_path / "d.pdf"
        opened.page.pdf(path=str(pdf), prefer_css_page_size=True)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, check=True).stdout.decode()
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups())  # type: ignore[union-attr]
    assert width > height and abs(width - 841.9) < 2  # A4 landscape, in points
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True)
    pages = text.stdout.decode("utf-8").split("\f")
    assert "总体情况" in pages[0] and "TASK-022" not in pages[0]
    # Every chart whole on page 1: its caption and its last label, and nothing of it later.
    for caption in (
        "未完成任务的提示灯",
        "各牵头单位完成情况",
        "反馈以来的整改进度",
        "各反馈问题的举措",
    ):
        assert caption in pages[0] and all(caption not in page for page in pages[1:])
    assert "P12" in pages[0] and "2021-12-01" in pages[0]
    assert any("逾期任务" in page and "TASK-022" in page for page in pages[1:])


@pytest.mark.parametrize("args", [["--format", "md"], ["--week", "2021-W40"]])
def test_unknown_options_are_usage_errors(args: list[str], runner: CliRunner) -> None:
    code, _, err = invoke(runner, ["report", "dashboard", *args], cwd=REPO)
    assert code == 2 and "Traceback" not in err


@given(st.integers(min_value=0, max_value=10**9))
def test_a_chart_axis_runs_in_whole_even_steps(largest: int) -> None:
    from zhenggai.render.charts import whole_steps

    step, top = whole_steps(largest)
    assert top >= largest and top % step == 0 and 1 <= top // step <= 5
    assert str(step).rstrip("0") in ("1", "2", "5")
