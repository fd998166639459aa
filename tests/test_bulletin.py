"""`zhenggai report bulletin`: the example ledger's bulletin follows the published one
(kept in tests/fixtures/ as it was published, the source the example ledger is derived
from), its figures equal counts taken from the task files by a reader of
our own here, private tasks appear in no format, the office's texts are checked, and
the Word document opens in LibreOffice."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from tests.helpers import EXAMPLE_LEDGER, GOLDEN, REPO, copy_example, invoke
from tests.helpers import golden as expected

DAY = "2021-10-23"
SEED = REPO / "tests" / "fixtures" / "published-bulletin-2021-10-23.txt"
PRIVATE_TITLE = "处置中央巡视移交问题线索"  # TASK-057, public: false in the example


def _bulletin(runner: CliRunner, *args: str, ledger: Path | None = None) -> str:
    where = ["--ledger", str(ledger)] if ledger else []
    code, out, err = invoke(
        runner, ["report", "bulletin", "--as-of", DAY, "--lang", "zh", *where, *args], cwd=REPO
    )
    assert code == 0, err
    return out


@pytest.mark.parametrize("kind", ["md", "html"])
def test_bulletin_golden(kind: str, runner: CliRunner) -> None:
    out = _bulletin(runner, "--format", kind)
    golden = GOLDEN / f"bulletin-{DAY}.{kind}"
    assert out == expected(out, golden), f"regenerate {golden.name} if meant"
    assert _bulletin(runner, "--format", kind) == out


def _seed() -> list[str]:
    """The seed's lines, its ASCII punctuation made full-width as the ledger writes it."""
    table = str.maketrans({",": "，", ";": "；", ":": "：", "(": "（", ")": "）"})
    return [line.strip().translate(table).replace(" “", "“") for line in
            SEED.read_text(encoding="utf-8").splitlines() if line.strip()]  # fmt: skip


def test_the_bulletin_follows_the_published_one(runner: CliRunner) -> None:
    seed = _seed()
    out = _bulletin(runner).splitlines()
    paragraphs = [line for line in out if line]
    headings = [line[3:] for line in out if line.startswith("## ")]
    seed_headings = [line for line in seed if re.match(r"[一二三]、", line)]
    assert headings == seed_headings  # 一、二、三, worded as published
    sections = [line[4:] for line in out if line.startswith("### ")]
    seed_sections = [line for line in seed if re.match(r"（[一二三四]）", line) and len(line) < 60]
    assert sections == seed_sections[:4]  # the four headings of part 二
    problems = [re.match(r"(\d+)\.([^。]+)。", line) for line in paragraphs]
    told = [(int(m.group(1)), m.group(2)) for m in problems if m]
    seed_problems = [re.match(r"(\d+)\.([^。]+)。", line) for line in seed]
    published = [(int(m.group(1)), m.group(2)) for m in seed_problems if m]
    assert told == published and [n for n, _ in told] == list(range(1, 13))
    # The opening and parts 一 and 三 are the published text, its figures from the ledger.
    start = seed.index(next(line for line in seed if line.startswith("根据中央统一部署")))
    end = seed.index(next(line for line in seed if line.startswith("欢迎广大干部群众")))
    part_two = seed.index(seed_headings[1])
    part_three = seed.index(seed_headings[2])
    published_text = seed[start:part_two] + seed[part_three:end]
    ours = [p for p in paragraphs if not p.startswith("#")]
    for line in published_text:
        if not re.match(r"[一二三]、", line):
            assert line in ours, line[:40]
    assert "中共政协全国委员会机关党组" in paragraphs[-2] and paragraphs[-1] == "2021年10月23日"
    contact = next(p for p in paragraphs if p.startswith("欢迎广大干部群众"))
    assert "010-66191070" in contact and "邮编100811" in contact and "xszgb@cppcc.gov.cn" in contact


def _count_from_files(day: date) -> dict[str, Any]:
    """What the figures must be, read from the task files with PyYAML here, not by zhenggai."""
    statuses: Counter[str] = Counter()
    early: Counter[str] = Counter()
    regulations: Counter[str] = Counter()
    adopted = 0
    problems: dict[str, list[str]] = {}
    for path in sorted((EXAMPLE_LEDGER / "tasks").glob("*.yaml")):
        task = yaml.safe_load(path.read_text(encoding="utf-8"))
        created = task.get("created")
        if created and created > day:
            continue
        closing = task.get("closing")
        if task["status"] == "done" and closing and closing["date"] <= day:
            status = "done"
        elif task["term"] == "ongoing":
            status = "ongoing"
        else:
            status = "in-progress"
        problems.setdefault(task["problem"], []).append(status)
        if task["problem"] == "P00":  # 先期整改: counted apart from the plan's measures
            early[status] += 1
        else:
            statuses[status] += 1
        for regulation in task.get("regulations", []):
            regulations[regulation["action"]] += regulation.get("count", 1)
            if regulation.get("adopted") and regulation["adopted"] <= day:
                adopted += regulation.get("count", 1)
    feedback = {p: s for p, s in problems.items() if p != "P00"}  # P00: 先期整改
    rectified = sum(1 for s in feedback.values() if "in-progress" not in s and "done" in s)
    return {
        "total": sum(statuses.values()),
        **statuses,
        "problems": len(feedback),
        "rectified": rectified,
        "regulations": regulations,
        "adopted": adopted,
        "early": early,
    }


def test_the_figures_are_those_of_the_task_files(runner: CliRunner) -> None:
    expected = _count_from_files(date(2021, 10, 23))
    out = _bulletin(runner)
    figures = re.search(
        r"整改方案明确的173项整改举措中，纳入统计的(\d+)项：已完成(\d+)项，正在推进(\d+)项，"
        r"长期坚持(\d+)项，完成率([\d.]+)%；(\d+)个反馈问题中，(\d+)个已整改到位。"
        r"另有先期整改举措(\d+)项，已完成(\d+)项。",
        out,
    )
    assert figures, out[:2000]
    total, done, going, ongoing, rate, problems, rectified, early, early_done = figures.groups()
    assert (int(early), int(early_done)) == (expected["early"].total(), expected["early"]["done"])
    assert (int(total), int(done), int(going), int(ongoing)) == (
        expected["total"], expected["done"], expected["in-progress"], expected["ongoing"],
    )  # fmt: skip
    assert float(rate) == round(100 * expected["done"] / expected["total"], 1)
    assert (int(problems), int(rectified)) == (expected["problems"], expected["rectified"])
    regs = expected["regulations"]
    assert sum(regs.values()) == 29  # those the ledger names; the bulletin's 51 is a fact
    assert (
        f"逐项登记制度“立、改、废”29项（立{regs['立']}项、改{regs['改']}项、废{regs['废']}项），"
        f"已出台{expected['adopted']}项。"
    ) in out
    assert "推进51项制度的“立、改、废”" in out  # part 一 quotes the published figure
    assert "明确173项整改举措" in out and "先后召开8次会议" in out and "对23个单位" in out


def test_a_private_task_appears_in_no_public_bulletin(runner: CliRunner, tmp_path: Path) -> None:
    import docx

    for kind in ("md", "html"):
        out = _bulletin(runner, "--format", kind)
        assert PRIVATE_TITLE not in out and "TASK-057" not in out
        assert "人次" not in out and "万元" not in out  # its outcomes are not told
        assert "不宜公开" not in out  # counted, and not announced unless the office asks
    path = tmp_path / "通报.docx"
    _bulletin(runner, "--format", "docx", "-o", str(path))
    text = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    assert PRIVATE_TITLE not in text and "不宜公开" not in text
    # The party bulletin tells it, its reason and its outcomes.
    party = _bulletin(runner, "--audience", "party")
    assert PRIVATE_TITLE in party and "本通报列入不公开的整改举措1项（涉密1项）" in party
    assert (
        "运用监督执纪“四种形态”批评教育帮助和处理4人次（批评教育2人次、诫勉1人次、政务处分1人次），"
        "追缴4.5万元"
    ) in party
    assert "问责" not in party.split("二、")[1].split("### ")[0]  # 批评教育 is no 问责


def test_a_pending_case_stays_out_of_the_party_bulletin_too(
    runner: CliRunner, tmp_path: Path
) -> None:
    ledger = copy_example(tmp_path / "ledger")
    task = ledger / "tasks" / "TASK-057.yaml"
    task.write_text(task.read_text(encoding="utf-8").replace("private_reason: 涉密",
                                                             "private_reason: 在办案件"))  # fmt: skip
    settings = ledger / "zhenggai.yaml"  # the office asks the bulletin to say what it leaves out
    settings.write_text(settings.read_text(encoding="utf-8").replace(
        "count_private: true", "count_private: true\n  announce_left_out: true"))  # fmt: skip
    party = _bulletin(runner, "--audience", "party", ledger=ledger)
    assert PRIVATE_TITLE not in party and "人次" not in party
    assert "在办案件涉及的整改举措1项计入以上数字，未列入本通报。" in party
    settings.write_text(settings.read_text(encoding="utf-8").replace(
        "count_private: true", "count_private: false"))  # fmt: skip
    public = _bulletin(runner, ledger=ledger)
    assert "纳入统计的105项" in public and "以上数字不含不宜公开的整改举措1项。" in public


def test_a_fact_counts_from_its_day_and_before_it_is_no_zero(runner: CliRunner) -> None:
    code, out, err = invoke(
        runner, ["report", "bulletin", "--as-of", "2021-06-30", "--lang", "en"], cwd=REPO
    )
    assert code == 2 and out == ""  # never "先后召开0次会议": the count of 8 is dated 2021-10-23
    assert "{party_meetings} has no entry by 2021-06-30: its first is dated 2021-10-23" in err
    code, out, err = invoke(
        runner, ["report", "bulletin", "--as-of", "2021-10-23", "--lang", "zh"], cwd=REPO
    )
    assert code == 0, err
    assert "先后召开8次会议" in out and "启动5个方面问题的先期整改" in out


@pytest.mark.parametrize(
    ("line", "said"),
    [
        ("先后召开{party_meeting}次会议", "no placeholder {party_meeting}"),
        ("先后召开{party_meetings次会议", "a lone {"),
        ("先后召开}次会议", "a lone }"),
    ],
)
def test_a_bad_placeholder_names_its_file_line_and_column(
    line: str, said: str, runner: CliRunner, tmp_path: Path
) -> None:
    ledger = copy_example(tmp_path / "ledger")
    text = ledger / "bulletin" / "part1.md"
    content = text.read_text(encoding="utf-8").replace("先后召开{party_meetings}次会议", line)
    text.write_text(content, encoding="utf-8")
    out_file = tmp_path / "通报.docx"
    args = ["report", "bulletin", "--as-of", DAY, "--ledger", str(ledger), "--format", "docx",
            "-o", str(out_file)]  # fmt: skip
    code, out, err = invoke(runner, args)
    number = next(n for n, raw in enumerate(content.splitlines(), 1) if line in raw)
    column = content.splitlines()[number - 1].index(line) + len("先后召开") + 1
    assert code == 2 and out == "" and "Traceback" not in err
    assert f"bulletin/part1.md:{number}:{column}: error: {said}" in err, err
    assert not out_file.exists()  # nothing written


def test_a_new_ledger_has_the_default_texts(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "new"
    code, _, err = invoke(runner, [
        "init", str(folder), "--kind", "巡察", "--inspector", "市委第三巡察组",
        "--feedback-date", "2024-03-01", "--period", "2023-11-01..2023-12-20",
        "--subject", "中共临江市住房和城乡建设局党组", "--issuer", "中共临江市住房和城乡建设局党组",
        "--office", "市住建局巡察整改办", "--phone", "0571-1234567", "--lang", "zh",
    ])  # fmt: skip
    assert code == 0, err
    assert sorted(p.name for p in (folder / "bulletin").iterdir()) == [
        "opening.md", "part1.md", "part2.md", "part3.md",
    ]  # fmt: skip
    code, out, err = invoke(runner, ["report", "bulletin", "--as-of", "2024-06-01", "--ledger",
                                     str(folder), "--lang", "zh"])  # fmt: skip
    assert code == 0, err
    assert out.startswith("# 中共临江市住房和城乡建设局党组关于巡察整改进展情况的通报\n")
    assert ("根据市委统一部署，市委第三巡察组于2023年11月1日至12月20日对中共临江市住房和"
            "城乡建设局党组开展了巡察。2024年3月1日") in out  # fmt: skip
    assert "认真学习贯彻市委关于巡察工作的部署要求" in out
    # a city's 巡察 is no 巡视 by the Party Centre, and no figure the ledger lacks is told
    assert "党中央" not in out and "巡视" not in out and "项制度" not in out
    assert "0571-1234567" in out
    # the weekly report bears the subject and the office, not the ledger's title
    code, out_weekly, err = invoke(runner, ["report", "weekly", "--as-of", "2024-06-01",
                                            "--ledger", str(folder), "--lang", "zh"])  # fmt: skip
    assert code == 0, err
    assert out_weekly.startswith("# 中共临江市住房和城乡建设局党组巡察整改工作周报\n")
    assert "市住建局巡察整改办编" in out_weekly
    # a ledger of before (no bulletin/) gets the same texts
    shutil.rmtree(folder / "bulletin")
    assert invoke(runner, ["report", "bulletin", "--as-of", "2024-06-01", "--ledger",
                           str(folder), "--lang", "zh"])[1] == out  # fmt: skip


def test_an_audit_is_told_as_an_audit_and_a_bulletin_needs_its_issuer(
    runner: CliRunner, tmp_path: Path
) -> None:
    folder = tmp_path / "audit"
    code, _, err = invoke(runner, [
        "init", str(folder), "--kind", "审计", "--inspector", "市审计局",
        "--feedback-date", "2024-03-01", "--lang", "zh",
    ])  # fmt: skip
    assert code == 0, err
    bulletin = ["report", "bulletin", "--as-of", "2024-06-01", "--ledger", str(folder)]
    code, out, err = invoke(runner, [*bulletin, "--lang", "zh"])
    assert (code, out) == (2, "")
    assert "通报需要 bulletin.issuer, bulletin.subject" in err
    assert "zhenggai settings set bulletin.issuer" in err
    for key, value in (
        ("bulletin.issuer", "中共临江市水务局党组"),
        ("bulletin.subject", "市水务局"),
    ):
        code, _, err = invoke(runner, ["settings", "set", key, value, "--ledger", str(folder)])
        assert code == 0, err
    code, out, err = invoke(runner, [*bulletin, "--lang", "zh"])
    assert code == 0, err
    assert (
        "市审计局对市水务局进行了审计。2024年3月1日，市审计局向市水务局反馈了审计发现的问题" in out
    )
    assert "聚焦审计发现问题" in out and "巡视" not in out and "部署" not in out


def test_the_word_bulletin_is_a_gongwen(runner: CliRunner, tmp_path: Path) -> None:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    path = tmp_path / "通报.docx"
    _bulletin(runner, "--format", "docx", "-o", str(path))
    document = docx.Document(str(path))
    title = document.paragraphs[0]
    assert title.text == "中共政协全国委员会机关党组关于\n十九届中央第六轮巡视整改进展情况的通报"
    assert title.runs[0].font.size == Pt(22) and title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    signature = document.paragraphs[-1]
    assert signature.text == "2021年10月23日"
    assert signature.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice Writer is needed (libreoffice-writer-nogui; .ci/run installs it)"
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    text = subprocess.run(["pdftotext", str(tmp_path / "通报.pdf"), "-"], capture_output=True,
                          check=True).stdout.decode("utf-8")  # fmt: skip
    assert "逐条逐项整改落实" in text and "强化党的政治建设" in text
    assert PRIVATE_TITLE not in text


def test_an_office_text_that_cannot_be_read_is_named(runner: CliRunner, tmp_path: Path) -> None:
    ledger = copy_example(tmp_path / "ledger")
    part1 = ledger / "bulletin" / "part1.md"
    part1.write_bytes("# 标题\n\n正文".encode("gb18030"))
    code, out, err = invoke(runner, ["report", "bulletin", "--as-of", DAY, "--ledger", str(ledger)])
    assert code == 2 and out == "" and "bulletin/part1.md is not UTF-8" in err, err
    outside = tmp_path / "elsewhere.md"
    outside.write_text("# 外部\n", encoding="utf-8")
    part1.unlink()
    part1.symlink_to(outside)
    code, out, err = invoke(runner, ["report", "bulletin", "--as-of", DAY, "--ledger", str(ledger)])
    assert code == 2 and out == "" and "cannot read bulletin/part1.md" in err, err
    assert "Traceback" not in err


def test_no_note_reaches_a_bulletin_unless_marked_for_publication(
    runner: CliRunner, tmp_path: Path
) -> None:
    import docx

    from tests.helpers import copy_example

    ledger = copy_example(tmp_path / "ledger")
    planted = "内部工作记录：领导批示要求严格保密"
    for path in sorted((ledger / "tasks").glob("*.yaml")):
        text = path.read_text("utf-8")
        if "\nprogress:\n" not in text:
            continue
        item = "  - {date: 2021-10-20, text: " + planted + ", by: 整改办}\n"
        head, _, tail = text.partition("\nprogress:\n")
        lines = tail.splitlines(keepends=True)
        at = next((i for i, line in enumerate(lines) if line[:1] not in (" ", "-")), len(lines))
        path.write_text(head + "\nprogress:\n" + "".join(lines[:at]) + item
                        + "".join(lines[at:]), "utf-8")  # fmt: skip
    outputs = []
    for audience in ("public", "party"):
        for kind in ("md", "html", "docx"):
            out = tmp_path / f"{audience}.{kind}"
            args = ["report", "bulletin", "--audience", audience, "--format", kind, "-o",
                    str(out), "--as-of", "2021-10-23", "--lang", "zh"]  # fmt: skip
            code, _, err = invoke(runner, args, cwd=ledger)
            assert code == 0, err
            if kind == "docx":
                outputs.append("\n".join(p.text for p in docx.Document(str(out)).paragraphs))
            else:
                outputs.append(out.read_text("utf-8"))
    assert all(planted not in output for output in outputs)
    assert all("未列入" not in output and "未公开" not in output for output in outputs[:3])
    args = ["progress", "TASK-022", "新闻发布工作规则已提交审议", "--public", "--date",
            "2021-10-21", "--by", "新闻局"]  # fmt: skip
    assert invoke(runner, args, cwd=ledger)[0] == 0
    code, shown, _ = invoke(runner, ["report", "bulletin", "--as-of", "2021-10-23", "--lang",
                                     "zh"], cwd=ledger)  # fmt: skip
    assert "新闻发布工作规则已提交审议" in shown and planted not in shown


#: Measures the example splits out of one phrase of the source (…办法和…办法), or joins
#: from two places in it: each part is the source's words, the whole is not one span.
_SPLIT = {"研究制定全国政协专门委员会监督工作办法", "研究制定全国政协全体会议会风会纪监督工作办法",
          "制定实施全国政协重大专项工作委员宣讲团组织实施工作流程", "注重选拔优秀年轻干部"}  # fmt: skip


def _clauses(paragraph: str) -> dict[str, str]:
    """A paragraph of part 二 by its clauses: "" for what stands before 一是."""
    parts = re.split(r"(?<=[。；])([一二三四五六七八九十]+是)", paragraph)
    found = {"": parts[0]}
    found.update(zip(parts[1::2], parts[2::2], strict=True))
    return found


def test_part_two_tells_each_clause_of_the_source_in_its_words(runner: CliRunner) -> None:
    """Part 二 prints the measures as the source writes them: one "N是" per source
    clause (P02 runs to 五是, as published), each measure inside the clause the source
    puts it in, in the source's order, and the 机关纪委 in a paragraph of its own."""
    out = [p for p in _bulletin(runner).splitlines() if p and not p.startswith("#")]
    seed = _seed()
    start = next(i for i, p in enumerate(out) if p.startswith("1.强化党的政治建设"))
    end = next(i for i, p in enumerate(out) if p.startswith("经过持续整改"))
    seed_start = next(i for i, p in enumerate(seed) if p.startswith("1.强化党的政治建设"))
    seed_end = next(i for i, p in enumerate(seed) if p.startswith("三、"))
    ours = [p for p in out[start:end] if not re.match(r"（[一二三四]）", p)]
    theirs = [p for p in seed[seed_start:seed_end] if not re.match(r"（[一二三四]）", p)]
    assert len(ours) == len(theirs) == 13  # twelve problems; the 机关纪委 on its own
    assert ours[5].startswith("深入学习贯彻《关于加强中央和国家机关部门机关纪委建设的意见》")
    for told, published in zip(ours, theirs, strict=True):
        clauses, source = _clauses(told), _clauses(published)
        assert list(clauses)[1:] == list(source)[1:], told[:20]  # 一是, 二是, … as published
        for name, text in clauses.items():
            at = 0
            for sentence in re.split(r"[；。]", text.split("。", 1)[1] if name == "" and
                                     re.match(r"\d+\.", text) else text):  # fmt: skip
                words = re.sub(r"（正在推进）$", "", sentence)
                split = next((part for part in _SPLIT if words.startswith(part)), "")
                words = words[len(split) :].lstrip("，")
                if not words:
                    continue
                found = source[name].find(words, at)
                assert found >= 0, (name, words)  # in its clause, in the source's order
                at = found + len(words)
    assert "二十一是" not in "".join(ours) and "六是" not in ours[1]


def test_a_source_reference_places_a_measure() -> None:
    from zhenggai.reports.clauses import SourcePlace, passages, source_place

    assert source_place("二(一)1 一是 2") == SourcePlace(None, 1, 2)
    assert source_place("二(二)5 机关纪委") == SourcePlace("机关纪委", None, None)
    assert source_place("二(一)3") == source_place(None) == SourcePlace(None, None, None)
    refs = {
        "A": "p 二是",
        "B": "p 一是 2",
        "C": "p",
        "D": "p 机关纪委",
        "E": "p 一是 1",
        "F": "p 一是",
    }
    told = passages(list(refs), lambda item: source_place(refs[item]), lambda item: item)
    assert [(p.body, [(c.number, c.items) for c in p.clauses]) for p in told] == [
        (None, [(None, ("C",)), (1, ("E", "B", "F")), (2, ("A",))]),
        ("机关纪委", [(None, ("D",))]),
    ]


def test_a_bulletin_text_words_the_measure_in_the_bulletin(
    runner: CliRunner, tmp_path: Path
) -> None:
    ledger = copy_example(tmp_path / "ledger")
    task = ledger / "tasks" / "TASK-098.yaml"
    worded = "机关党组认真梳理上次中央巡视整改不到位问题，建立工作台账，推动问题尽快解决"
    task.write_text(task.read_text("utf-8").replace("\nlead:", f"\nbulletin_text: {worded}\nlead:"))
    out = _bulletin(runner, ledger=ledger)
    assert f"12.狠抓矛盾难题整改。{worded}" in out


def test_accountability_is_told_apart_from_the_four_forms(
    runner: CliRunner, tmp_path: Path
) -> None:
    """问责 is a count of its own; 党纪处分 is a category; the 四种形态 are told together."""
    ledger = copy_example(tmp_path / "ledger")
    task = ledger / "tasks" / "TASK-098.yaml"
    outcomes = "outcomes:\n  party_disciplined: 2\n  held_accountable: 3\n  reminded: 1\n"
    task.write_text(task.read_text("utf-8") + outcomes, "utf-8")
    out = _bulletin(runner, ledger=ledger)
    assert (
        "运用监督执纪“四种形态”批评教育帮助和处理3人次（提醒谈话1人次、党纪处分2人次），问责3人次"
    ) in out
