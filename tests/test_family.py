"""Many ledgers read as one: a parent ledger (`children:`) over the fixture
tests/fixtures/family/ — 甲单位 and 乙单位 both hold a TASK-001, 乙单位 has thresholds of its
own, 丙单位 is not checked out. Goldens for `check` (text, github) and `status`; a loop,
a child outside the parent, and a broken child are findings, never skipped silently."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.helpers import GOLDEN, TESTS, golden, invoke

FAMILY = TESTS / "fixtures" / "family"
DAY = "2021-10-23"
GOLDENS = {
    "family-check.txt": ["check", "--as-of", DAY],
    "family-check.github": ["check", "--as-of", DAY, "--format", "github"],
    "family-status.md": ["status", "--as-of", DAY, "--format", "md"],
    "family-list.md": ["list", "--as-of", DAY, "--format", "md"],
    "family-weekly.md": ["report", "weekly", "--as-of", DAY, "--lang", "zh"],
    "family-notice.md": ["report", "notice", "--as-of", DAY, "--lang", "zh"],
    "family-export.csv": ["export", "csv", "--as-of", DAY, "--lang", "zh"],
}


def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "province"
    shutil.copytree(FAMILY, root, ignore=shutil.ignore_patterns(".zhenggai-cache"))
    return root


@pytest.mark.parametrize("name", sorted(GOLDENS))
def test_family_golden(name: str, runner: CliRunner, tmp_path: Path) -> None:
    root = _copy(tmp_path)
    code, out, _ = invoke(runner, GOLDENS[name], cwd=root)
    assert code == 1  # 丙单位 is missing: an error, never a silent skip
    assert out == golden(out, GOLDEN / name), f"regenerate {name} if meant"


def test_each_child_keeps_its_own_settings(runner: CliRunner, tmp_path: Path) -> None:
    root = _copy(tmp_path)
    import json

    _, out, _ = invoke(runner, ["status", "--as-of", DAY, "--format", "json"], cwd=root)
    by_ledger = {t["key"]: t for t in json.loads(out)["by_ledger"]}
    # 乙单位's TASK-001 is due in 18 days: due soon by the parent's 20, not by its own 5
    assert by_ledger["乙单位"]["due_soon"] == 0 and by_ledger["甲单位"]["overdue"] == 1
    assert list(by_ledger) == ["甲单位", "乙单位"]  # worst first
    units = [t["key"] for t in json.loads(out)["by_lead_unit"]]
    assert units == ["甲单位:办公室", "乙单位:办公室"]  # the same id, two units
    _, out, _ = invoke(runner, ["check", "--as-of", DAY], cwd=root)
    assert "units/yi/tasks/TASK-001.yaml" not in out  # 83 days quiet: not stale by its 90


def test_a_loop_an_outside_child_and_a_broken_one_are_findings(
    runner: CliRunner, tmp_path: Path
) -> None:
    root = _copy(tmp_path)
    outside = tmp_path / "outside"
    shutil.copytree(root / "units" / "jia", outside)
    (root / "units" / "bing").mkdir()
    (root / "units" / "bing" / "zhenggai.yaml").write_text("title: [broken\n", encoding="utf-8")
    settings = root / "units" / "jia" / "zhenggai.yaml"
    settings.write_text(settings.read_text(encoding="utf-8")
                        + "children:\n  - {name: 上级, path: ../..}\n"
                        + "  - {name: 外部, path: ../../../outside}\n", encoding="utf-8")  # fmt: skip
    code, out, err = invoke(runner, ["check", "--as-of", DAY], cwd=root)
    assert code == 1 and "Traceback" not in err
    loop = "child 甲单位:上级: ../.. is a ledger already read (a loop) [parse]"
    assert f"units/jia/zhenggai.yaml:11:16: error: {loop}" in out
    assert "child 甲单位:外部: ../../../outside is outside the parent's folder" in out
    assert "units/bing/zhenggai.yaml:2:1: error: YAML syntax error" in out
    assert "child 丙单位: its settings cannot be read" in out
    code, out, _ = invoke(runner, ["check", "--as-of", DAY, "--allow-outside"], cwd=root)
    assert "is outside" not in out and "outside/tasks/TASK-001.yaml" in out


def test_list_narrows_to_a_child(runner: CliRunner, tmp_path: Path) -> None:
    import json

    root = _copy(tmp_path)
    _, out, _ = invoke(runner, ["list", "--as-of", DAY, "--format", "json", "--child", "乙单位"],
                       cwd=root)  # fmt: skip
    tasks = json.loads(out)["tasks"]
    assert [(t["ledger"], t["id"]) for t in tasks] == [("乙单位", "TASK-001")]
    code, out, err = invoke(runner, ["list", "--as-of", DAY, "--child", "丁单位"], cwd=root)
    assert code == 2 and out == "" and "--child: unknown '丁单位'; known: 甲单位, 乙单位" in err


def test_show_qualifies_an_id_where_two_ledgers_hold_it(runner: CliRunner, tmp_path: Path) -> None:
    root = _copy(tmp_path)
    code, out, err = invoke(runner, ["show", "TASK-001", "--as-of", DAY], cwd=root)
    assert code == 2 and out == ""
    assert "TASK-001 is in 2 ledgers: name one, e.g. 甲单位:TASK-001, 乙单位:TASK-001" in err
    code, out, _ = invoke(runner, ["show", "乙单位:TASK-001", "--as-of", DAY], cwd=root)
    assert code == 0 and out.startswith("TASK-001  建立台账制度\n")
    code, out, _ = invoke(runner, ["show", "TASK-002", "--as-of", DAY], cwd=root)  # one holds it
    assert code == 0 and out.startswith("TASK-002  修订财务制度\n")
    code, _, err = invoke(runner, ["show", "丁单位:TASK-001", "--as-of", DAY], cwd=root)
    assert code == 2 and "no ledger '丁单位' here; known: 甲单位, 乙单位" in err


def test_a_write_goes_to_the_child_that_holds_the_task(runner: CliRunner, tmp_path: Path) -> None:
    root = _copy(tmp_path)
    before = {p: p.read_bytes() for p in root.rglob("*.yaml")}
    code, _, err = invoke(runner, ["progress", "TASK-001", "两处都有", "--by", "某"], cwd=root)
    assert code == 2 and "TASK-001 is in 2 ledgers: name one" in err
    assert {p: p.read_bytes() for p in root.rglob("*.yaml")} == before  # nothing written
    args = ["progress", "乙单位:TASK-001", "形成制度初稿", "--date", "2021-10-20", "--by", "乙"]
    code, _, err = invoke(runner, args, cwd=root)
    assert code == 0, err
    assert "units/yi/tasks/TASK-001.yaml" in err
    written = (root / "units" / "yi" / "tasks" / "TASK-001.yaml").read_text(encoding="utf-8")
    assert "{date: 2021-10-20, text: 形成制度初稿, by: 乙}" in written
    jia = root / "units" / "jia" / "tasks" / "TASK-001.yaml"
    assert jia.read_bytes() == before[jia]
    code, _, err = invoke(runner, ["progress", "TASK-002", "再次征求意见", "--date", "2021-10-21",
                                   "--by", "甲"], cwd=root)  # fmt: skip
    assert code == 0 and "units/jia/tasks/TASK-002.yaml" in err, err


def test_one_dashboard_over_the_children(runner: CliRunner, tmp_path: Path) -> None:
    from tests.browser import open_page

    root = _copy(tmp_path)
    page_file = tmp_path / "d.html"
    code, _, err = invoke(runner, ["report", "dashboard", "--as-of", DAY, "--lang", "zh", "-o",
                                   str(page_file)], cwd=root)  # fmt: skip
    assert code == 1 and page_file.exists()  # written; 丙单位's absence said, CI told
    assert "units/bing 不是台账" in err
    with open_page(page_file) as opened:
        page = opened.page
        ledgers = page.locator("#ledgers tbody tr td:first-child").all_inner_texts()
        assert ledgers == ["甲单位", "乙单位"]
        assert page.locator("#figures .value").first.inner_text() == "3"
        page.fill("#search", "乙单位:TASK-001")
        page.wait_for_function("document.querySelectorAll('#all tbody tr').length === 1")
        page.locator("#all tbody tr").first.click()
        assert page.locator("#detail-title").inner_text().split() == [
            "乙单位:TASK-001",
            "建立台账制度",
        ]
        assert opened.errors == [] and opened.requests == []


def test_a_sample_over_many_ledgers_and_its_review(runner: CliRunner, tmp_path: Path) -> None:
    """回头看 over two copies of the example ledger (every id clashes): drawn by child,
    recorded in the parent with qualified ids, a failed review reopening the child's task."""
    import yaml

    root = _two_examples(tmp_path)
    args = ["sample", "4", "--seed", "7", "--by", "child", "--as-of", DAY, "--record"]
    code, out, err = invoke(runner, args, cwd=root)
    assert code == 0, err
    picks = [line.split()[0] for line in out.splitlines()]
    assert {pick.split(":")[0] for pick in picks} == {"甲", "乙"}  # each child drawn from
    assert "drew 4 of 84 closed tasks" in err
    record = yaml.safe_load((root / "reviews" / "REVIEW-2021-01.yaml").read_text("utf-8"))
    assert [pick["task"] for pick in record["picks"]] == picks
    name, plain = picks[0].split(":")
    code, _, err = invoke(runner, ["review", picks[0], "--result", "fail", "--note", "未落实",
                                   "--by", "督查", "--date", "2021-11-01"], cwd=root)  # fmt: skip
    assert code == 0, err
    child = root / "units" / {"甲": "a", "乙": "b"}[name] / "tasks" / f"{plain}.yaml"
    other = root / "units" / {"甲": "b", "乙": "a"}[name] / "tasks" / f"{plain}.yaml"
    assert yaml.safe_load(child.read_text("utf-8"))["reopenings"][-1]["review"] == "REVIEW-2021-01"
    assert "reopenings" not in yaml.safe_load(other.read_text("utf-8"))


def test_notices_over_many_ledgers(runner: CliRunner, tmp_path: Path) -> None:
    root = _copy(tmp_path)
    code, out, _ = invoke(runner, ["report", "notice", "--as-of", DAY, "--unit", "甲单位:办公室",
                                   "--lang", "zh"], cwd=root)  # fmt: skip
    assert "督办单（督办）：甲单位办公室（甲单位）" in out and "乙单位办公室" not in out
    code, _, err = invoke(runner, ["report", "notice", "--as-of", DAY, "--unit", "丁"], cwd=root)
    assert code == 2 and "--unit: unknown '丁'; known: 乙单位:办公室, 甲单位:办公室" in err


def test_one_workbook_over_many_ledgers(runner: CliRunner, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    root = _copy(tmp_path)
    out = tmp_path / "台账.xlsx"
    code, _, err = invoke(runner, ["export", "xlsx", "-o", str(out), "--as-of", DAY, "--lang",
                                   "zh"], cwd=root)  # fmt: skip
    assert code == 1 and out.exists(), err  # written; 丙单位's absence said, CI told
    sheet = load_workbook(out)["台账"]
    ids = [sheet.cell(r, 2).value for r in range(4, sheet.max_row + 1)]
    assert [i for i in ids if i and ":TASK-" in str(i)] == [
        "甲单位:TASK-001", "甲单位:TASK-002", "乙单位:TASK-001",
    ]  # fmt: skip
    headings = [sheet.cell(r, 1).value for r in range(4, sheet.max_row + 1)]
    assert any(str(h).startswith("乙单位 · ") for h in headings if h)
    assert sheet.cell(3, 13).value == "台账"  # a column of its own, after the office's
    assert [sheet.cell(r, 13).value for r in range(4, sheet.max_row + 1)
            if sheet.cell(r, 13).value] == ["甲单位", "甲单位", "乙单位"]  # fmt: skip


def test_several_ledgers_named_on_the_command_line_are_read_as_one(
    runner: CliRunner, tmp_path: Path
) -> None:
    import json

    root = _copy(tmp_path)
    both = ["--ledger", "units/jia", "--ledger", "units/yi"]
    code, out, _ = invoke(runner, ["status", "--as-of", DAY, "--format", "json", *both], cwd=root)
    assert code == 0
    document = json.loads(out)
    assert [t["key"] for t in document["by_ledger"]] == ["jia", "yi"]
    assert document["overall"]["total"] == 3
    code, out, _ = invoke(runner, ["check", "--as-of", DAY, *both], cwd=root)
    assert code == 0 and "units/jia/tasks/TASK-001.yaml:7:1: warning" in out
    code, out, _ = invoke(runner, ["list", "--as-of", DAY, "--format", "csv", *both], cwd=root)
    assert [line.split(",")[0] for line in out.splitlines()[1:]] == ["jia", "jia", "yi"]


def test_since_checks_each_child_against_its_own_history(runner: CliRunner, tmp_path: Path) -> None:
    import subprocess

    from tests.helpers import GIT_ENV

    root = _copy(tmp_path)
    env = {**__import__("os").environ, **GIT_ENV}
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "ledgers"]):
        subprocess.run(["git", *args], cwd=root, check=True, env=env)
    task = root / "units" / "jia" / "tasks" / "TASK-001.yaml"
    task.write_text(task.read_text(encoding="utf-8").replace("2021-09-30", "2021-12-31"),
                    encoding="utf-8")  # fmt: skip
    code, out, err = invoke(runner, ["check", "--as-of", DAY, "--since", "HEAD"], cwd=root)
    assert code == 1, err
    assert "units/jia/tasks/TASK-001.yaml:7:1: error:" in out and "[deadline-moved]" in out


def test_the_parent_may_say_two_units_are_one(runner: CliRunner, tmp_path: Path) -> None:
    import json

    root = _copy(tmp_path)
    settings = root / "zhenggai.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "same_units:\n"
                        "  - {id: 办公室, name: 各单位办公室, units: ['甲单位:办公室', '乙单位:办公室']}\n",
                        encoding="utf-8")  # fmt: skip
    _, out, _ = invoke(runner, ["status", "--as-of", DAY, "--format", "json"], cwd=root)
    units = [(t["key"], t["name"], t["total"]) for t in json.loads(out)["by_lead_unit"]]
    assert units == [("办公室", "各单位办公室", 3)]


def test_one_bulletin_over_many_ledgers(runner: CliRunner, tmp_path: Path) -> None:
    """Two copies of the example ledger under a parent: the parent's texts, the figures
    of both, every problem numbered through, no private task in the public bulletin."""
    root = _two_examples(tmp_path)
    code, out, err = invoke(runner, ["report", "bulletin", "--as-of", DAY, "--lang", "zh"],
                            cwd=root)  # fmt: skip
    assert code == 0, err
    assert (
        "212项整改举措中，已完成82项" in out
        and "另有先期整改举措2项" in out
        and "24个反馈问题中，4个已整改到位" in out
    )
    assert "### 乙：（四）扎实推进巡视整改遗留问题" in out and "\n24.狠抓矛盾难题整改。" in out
    assert "处置中央巡视移交问题线索" not in out and "不宜公开的整改举措" not in out


def _two_examples(tmp_path: Path) -> Path:
    """A parent over two copies of the example ledger (甲, 乙): every task id clashes."""
    from tests.helpers import copy_example

    root = tmp_path / "parent"
    for name in ("a", "b"):
        copy_example(root / "units" / name)
    (root / "problems.yaml").write_text("sections: []\n", encoding="utf-8")
    (root / "zhenggai.yaml").write_text(
        "title: 两个示例台账\nsource: {kind: 巡视, inspector: 中央巡视组, feedback_date: 2021-02-04}\n"
        "bulletin: {issuer: 中共某委员会, subject: 某委员会}\n"
        "children:\n  - {name: 甲, path: units/a}\n  - {name: 乙, path: units/b}\n",
        encoding="utf-8",
    )
    return root


def test_allow_outside_reads_an_outside_child_in_status_and_list(
    runner: CliRunner, tmp_path: Path
) -> None:
    root = _copy(tmp_path)
    shutil.copytree(root / "units" / "yi", tmp_path / "outside")
    settings = root / "zhenggai.yaml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("path: units/yi",
                        "path: ../outside"), encoding="utf-8")  # fmt: skip
    code, out, err = invoke(runner, ["status", "--as-of", DAY], cwd=root)
    assert code == 1 and "is outside the parent's folder" in err
    for command in (["status"], ["list"]):
        code, out, err = invoke(runner, [*command, "--as-of", DAY, "--allow-outside"], cwd=root)
        assert "is outside" not in err and "乙单位" in out, (command, err)


def test_notices_recorded_over_many_ledgers_go_into_each_child(
    runner: CliRunner, tmp_path: Path
) -> None:
    root = _copy(tmp_path)
    args = ["report", "notice", "--as-of", DAY, "--record", "--by", "省整改办"]
    code, _, err = invoke(runner, args, cwd=root)
    assert code == 1 and "recorded 2 notices in their tasks" in err  # 1: 丙单位 is missing
    jia = root / "units" / "jia" / "tasks"
    assert "level: 督办" in (jia / "TASK-001.yaml").read_text(encoding="utf-8")
    assert "level: 提醒" in (jia / "TASK-002.yaml").read_text(encoding="utf-8")
    yi = (root / "units" / "yi" / "tasks" / "TASK-001.yaml").read_text(encoding="utf-8")
    assert "notices:" not in yi  # due in 18 days: no notice by 乙单位's notice_days 5
