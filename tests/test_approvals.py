"""Sign-off and extension through levels: a unit applies, the office checks and can
return it, the leader approves; each step and each refusal through the command line,
and the task's state on every day against an independent replay of what was done."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from tests.helpers import copy_example, invoke

CHAIN = """
approval:
  signoff:
    - {name: 责任单位申请, who: [units]}
    - {name: 整改办审核, who: [整改办]}
    - {name: 牵头领导审批, who: [lead]}
  since: 2021-11-01  # taken up then: the example's earlier sign-offs stand as they are
"""
TASK = "TASK-033"  # led by 研究室, its leader 党组副书记, due 2021-12-31


def _chained(root: Path, chain: str = CHAIN) -> Path:
    settings = root / "zhenggai.yaml"
    settings.write_text(settings.read_text("utf-8") + chain, "utf-8")
    return root


@pytest.fixture
def ledger(tmp_path: Path) -> Path:
    return _chained(copy_example(tmp_path / "ledger"))


@pytest.fixture
def scan(tmp_path: Path) -> Path:
    path = tmp_path / "定稿.pdf"
    path.write_bytes(b"%PDF-1.4 final text")
    return path


def _run(runner: CliRunner, ledger: Path, *args: str) -> tuple[int, str, str]:
    return invoke(runner, [*args, "--lang", "en"], cwd=ledger)


def _pending(runner: CliRunner, ledger: Path, day: str) -> dict[str, object] | None:
    code, out, err = invoke(
        runner, ["list", "--as-of", day, "--format", "json", "--lang", "en"], cwd=ledger
    )
    assert code == 0, err
    (row,) = [task for task in json.loads(out)["tasks"] if task["id"] == TASK]
    return {"status": row["status"], "pending": row["pending"], "overdue": row["overdue"]}


def _overall(runner: CliRunner, ledger: Path, day: str) -> dict[str, int]:
    code, out, err = invoke(runner, ["status", "--as-of", day, "--format", "json"], cwd=ledger)
    assert code == 0, err
    overall = json.loads(out)["overall"]
    return {key: overall[key] for key in ("done", "in_progress", "pending")}


def test_apply_return_apply_again_and_approve_level_by_level(
    ledger: Path, scan: Path, runner: CliRunner
) -> None:
    before = _overall(runner, ledger, "2021-11-01")
    steps = [
        ("close", TASK, "--evidence", str(scan), "--by", "研究室", "--date", "2021-11-01",
         "--summary", "形成研究报告"),
        ("return", TASK, "--by", "整改办", "--reason", "佐证不足", "--date", "2021-11-03"),
        ("close", TASK, "--evidence", str(scan), "--by", "研究室", "--date", "2021-11-05",
         "--summary", "形成研究报告并印发"),
        ("approve", TASK, "--by", "整改办", "--opinion", "材料齐全", "--date", "2021-11-08"),
        ("approve", TASK, "--by", "党组副书记", "--opinion", "同意销号", "--date", "2021-11-10"),
    ]  # fmt: skip
    said = [
        "apply for sign-off of TASK-033: waits at 整改办审核",
        "return TASK-033 at 整改办审核: 佐证不足",
        "apply for sign-off of TASK-033: waits at 整改办审核",
        "approve TASK-033 at 整改办审核: next, 牵头领导审批",
        "approve TASK-033 at 牵头领导审批: signed off",
    ]
    for step, words in zip(steps, said, strict=True):
        code, _, err = _run(runner, ledger, *step)
        assert code == 0, err
        assert words in err
    task = yaml.safe_load((ledger / "tasks" / f"{TASK}.yaml").read_text("utf-8"))
    assert task["status"] == "done"
    closing = task["closing"]
    assert (closing["date"], closing["by"], closing["applied"]) == (
        date(2021, 11, 10), "研究室", date(2021, 11, 5)
    )  # fmt: skip
    assert [(a["level"], a["by"], a["opinion"]) for a in closing["approvals"]] == [
        ("整改办审核", "整改办", "材料齐全"),
        ("牵头领导审批", "党组副书记", "同意销号"),
    ]
    first, second = task["requests"]
    assert first["steps"] == [
        {"level": "整改办审核", "action": "returned", "date": date(2021, 11, 3), "by": "整改办",
         "opinion": "佐证不足"}
    ]  # fmt: skip
    assert second["approved"] == date(2021, 11, 10)
    assert second["evidence"] == ["evidence/TASK-033/定稿.pdf"]
    # Each day in between: what the records said then.
    expected = {
        "2021-10-31": ("in-progress", None),
        "2021-11-01": ("in-progress", "整改办审核"),
        "2021-11-03": ("in-progress", None),
        "2021-11-05": ("in-progress", "整改办审核"),
        "2021-11-08": ("in-progress", "牵头领导审批"),
        "2021-11-10": ("done", None),
    }
    for day, (status, level) in expected.items():
        state = _pending(runner, ledger, day)
        assert state is not None
        pending = state["pending"]
        assert state["status"] == status, day
        assert (pending["level_name"] if isinstance(pending, dict) else None) == level, day
    on = {day: _overall(runner, ledger, day) for day in ("2021-11-02", "2021-11-04", "2021-11-10")}
    assert on["2021-11-02"]["pending"] == 1 and on["2021-11-04"]["pending"] == 0
    assert on["2021-11-10"]["done"] == before["done"] + 1 and on["2021-11-10"]["pending"] == 0
    code, out, err = _run(runner, ledger, "check", "--as-of", "2021-11-10")
    assert code == 0, out


def test_a_sign_off_applied_for_in_time_is_not_late_while_it_waits(
    ledger: Path, scan: Path, runner: CliRunner
) -> None:
    args = ["close", TASK, "--evidence", str(scan), "--by", "研究室", "--date", "2021-12-30"]
    assert _run(runner, ledger, *args)[0] == 0
    state = _pending(runner, ledger, "2022-01-05")
    assert state is not None and state["overdue"] is False
    for by, day in (("整改办", "2022-01-06"), ("党组副书记", "2022-01-07")):
        assert _run(runner, ledger, "approve", TASK, "--by", by, "--date", day)[0] == 0
    code, out, err = invoke(
        runner, ["list", "--as-of", "2022-01-10", "--format", "json"], cwd=ledger
    )
    assert code == 0, err
    (row,) = [task for task in json.loads(out)["tasks"] if task["id"] == TASK]
    # Done on the last approval's day, and on time: the work was applied for by the deadline.
    assert row["closed_on"] == "2022-01-07" and row["closed_late_days"] is None


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["approve", TASK, "--by", "整改办"], "TASK-033 has no application waiting for approval"),
        (["return", TASK, "--by", "整改办", "--reason", "x"], "has no application waiting"),
        (["close", TASK, "--evidence", "{scan}", "--by", "整改办"],
         "整改办 may not act at 责任单位申请: it is for 研究室 (give --by)"),
        (["close", TASK, "--evidence", "{scan}", "--by", "研究室", "--approved-by", "领导"],
         "in this ledger the levels approve (责任单位申请 → 整改办审核 → 牵头领导审批)"),
    ],
    ids=["approve-nothing", "return-nothing", "apply-not-the-unit", "approved-by"],
)  # fmt: skip
def test_what_is_out_of_turn_is_refused_and_changes_nothing(
    args: list[str], said: str, ledger: Path, scan: Path, runner: CliRunner
) -> None:
    path = ledger / "tasks" / f"{TASK}.yaml"
    before = path.read_bytes()
    code, _, err = _run(runner, ledger, *[a.replace("{scan}", str(scan)) for a in args])
    assert code == 2 and said in err, err
    assert path.read_bytes() == before
    assert not (ledger / "evidence" / TASK).exists()


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["approve", TASK, "--by", "党组副书记", "--level", "3"],
         "TASK-033 waits at 整改办审核; 牵头领导审批 acts after it"),
        (["approve", TASK, "--by", "研究室"], "研究室 may not act at 整改办审核: it is for 整改办"),
        (["approve", TASK, "--by", "整改办", "--level", "审批"],
         "no level '审批' here; the levels: 责任单位申请、整改办审核、牵头领导审批"),
        (["approve", TASK, "--by", "整改办", "--date", "2021-10-31"],
         "the application was last acted on 2021-11-01; this act cannot be dated before it"),
        (["close", TASK, "--evidence", "{scan}", "--by", "研究室"],
         "TASK-033 has an application of 2021-11-01 waiting at 整改办审核"),
        (["return", TASK, "--by", "整改办", "--reason", " "], "a return needs a reason"),
    ],
    ids=["skip-a-level", "not-the-office", "unknown-level", "dated-before", "apply-twice",
         "return-no-reason"],
)  # fmt: skip
def test_a_waiting_application_is_acted_on_only_in_turn(
    args: list[str], said: str, ledger: Path, scan: Path, runner: CliRunner
) -> None:
    applied = ["close", TASK, "--evidence", str(scan), "--by", "研究室", "--date", "2021-11-01"]
    assert _run(runner, ledger, *applied)[0] == 0
    path = ledger / "tasks" / f"{TASK}.yaml"
    before = path.read_bytes()
    code, _, err = _run(runner, ledger, *[a.replace("{scan}", str(scan)) for a in args])
    assert code == 2 and said in err, err
    assert path.read_bytes() == before


def test_a_level_approves_once(ledger: Path, scan: Path, runner: CliRunner) -> None:
    applied = ["close", TASK, "--evidence", str(scan), "--by", "研究室", "--date", "2021-11-01"]
    assert _run(runner, ledger, *applied)[0] == 0
    assert _run(runner, ledger, "approve", TASK, "--by", "整改办", "--date", "2021-11-02")[0] == 0
    code, _, err = _run(runner, ledger, "approve", TASK, "--by", "整改办", "--level", "整改办审核")
    assert code == 2
    assert "TASK-033 was approved at 整改办审核 already; it waits at 牵头领导审批" in err


def test_an_extension_moves_the_deadline_on_the_last_approval(
    ledger: Path, runner: CliRunner
) -> None:
    args = ["extend", TASK, "--to", "2022-03-31", "--reason", "需征求各方意见", "--by", "研究室",
            "--date", "2021-12-20"]  # fmt: skip
    code, _, err = _run(runner, ledger, *args)
    assert code == 0 and "apply for extension of TASK-033: waits at 整改办审核" in err
    assert _run(runner, ledger, "approve", TASK, "--by", "整改办", "--date", "2021-12-22")[0] == 0
    code, _, err = _run(
        runner, ledger, "approve", TASK, "--by", "党组副书记", "--date", "2022-01-04"
    )
    assert code == 0 and "deadline now 2022-03-31" in err
    task = yaml.safe_load((ledger / "tasks" / f"{TASK}.yaml").read_text("utf-8"))
    assert task["deadline"] == date(2022, 3, 31)
    (extension,) = task["extensions"]
    assert extension["applied"] == date(2021, 12, 20) and extension["date"] == date(2022, 1, 4)
    assert [a["by"] for a in extension["approvals"]] == ["整改办", "党组副书记"]
    # Until the last approval the old deadline holds: late on 2 January, not after.
    late = _pending(runner, ledger, "2022-01-02")
    assert late is not None and late["overdue"] is True
    assert isinstance(late["pending"], dict) and late["pending"]["kind"] == "extension"
    after = _pending(runner, ledger, "2022-01-05")
    assert after is not None and after["overdue"] is False and after["pending"] is None


def test_list_pending_by_level(ledger: Path, scan: Path, runner: CliRunner) -> None:
    applied = ["close", TASK, "--evidence", str(scan), "--by", "研究室", "--date", "2021-11-01"]
    assert _run(runner, ledger, *applied)[0] == 0
    code, out, _ = _run(runner, ledger, "list", "--pending", "--as-of", "2021-11-02")
    assert code == 0 and TASK in out and "at 整改办审核 since 2021-11-01" in out
    for level, shown in (("2", True), ("整改办审核", True), ("3", False)):
        _, out, _ = _run(runner, ledger, "list", "--pending", "--level", level,
                         "--as-of", "2021-11-02")  # fmt: skip
        assert (TASK in out) is shown, level


def test_one_level_is_todays_sign_off(tmp_path: Path, scan: Path, runner: CliRunner) -> None:
    one = "approval:\n  signoff:\n    - {name: 整改办销号}\n"
    ledger = _chained(copy_example(tmp_path / "ledger"), one)
    args = ["close", TASK, "--evidence", str(scan), "--by", "整改办", "--date", "2021-11-01"]
    code, _, err = _run(runner, ledger, *args)
    assert code == 0, err
    task = yaml.safe_load((ledger / "tasks" / f"{TASK}.yaml").read_text("utf-8"))
    assert task["status"] == "done" and "requests" not in task


# --- Any sequence, replayed --------------------------------------------------------

OPS = st.lists(
    st.tuples(st.sampled_from(["apply", "approve", "return", "reopen"]), st.integers(0, 3)),
    min_size=1,
    max_size=7,
)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow,
          HealthCheck.function_scoped_fixture])  # fmt: skip
@given(ops=OPS)
def test_any_sequence_reads_back_as_it_was_done_on_every_day(
    ops: list[tuple[str, int]], tmp_path_factory: pytest.TempPathFactory, runner: CliRunner
) -> None:
    root = _chained(copy_example(tmp_path_factory.mktemp("seq") / "ledger"))
    scan = root.parent / "定稿.pdf"
    scan.write_bytes(b"%PDF-1.4")
    # The test's own model: the state after each act, by the act's day.
    state, level = "in-progress", 0  # level: the one waited at (0: none)
    timeline: list[tuple[date, str, int]] = []
    day = date(2021, 11, 1)
    for op, gap in ops:
        day += timedelta(days=gap)
        typed = day.isoformat()
        args = {
            "apply": ["close", TASK, "--evidence", str(scan), "--by", "研究室"],
            "approve": ["approve", TASK, "--by", "整改办" if level == 1 else "党组副书记"],
            "return": ["return", TASK, "--by", "整改办" if level == 1 else "党组副书记",
                       "--reason", "退回重报"],
            "reopen": ["reopen", TASK, "--reason", "回头看发现问题", "--by", "整改办"],
        }[op]  # fmt: skip
        valid = {
            "apply": state == "in-progress" and level == 0,
            "approve": level > 0,
            "return": level > 0,
            "reopen": state == "done",
        }[op]
        code, _, err = _run(runner, root, *args, "--date", typed)
        assert code == (0 if valid else 2), (op, err)
        if not valid:
            continue
        if op == "apply":
            level = 1
        elif op == "approve" and level == 1:
            level = 2
        elif op == "approve":
            state, level = "done", 0
        elif op == "return":
            level = 0
        else:
            state = "in-progress"
        timeline.append((day, state, level))
    first = date(2021, 10, 31)
    for offset in range((day - first).days + 2):
        asked = first + timedelta(days=offset)
        then = [(s, lv) for d, s, lv in timeline if d <= asked]
        want_state, want_level = then[-1] if then else ("in-progress", 0)
        seen = _pending(runner, root, asked.isoformat())
        assert seen is not None
        pending = seen["pending"]
        got_level = pending["level"] - 1 if isinstance(pending, dict) else 0
        assert (seen["status"], got_level) == (want_state, want_level), (asked, ops)


def test_the_weekly_report_tells_the_weeks_acts_and_what_waits(
    ledger: Path, scan: Path, runner: CliRunner
) -> None:
    for args in (
        ["close", TASK, "--evidence", str(scan), "--by", "研究室", "--date", "2021-11-01"],
        ["return", TASK, "--by", "整改办", "--reason", "佐证不足", "--date", "2021-11-02"],
        ["close", TASK, "--evidence", str(scan), "--by", "研究室", "--date", "2021-11-03"],
    ):
        assert _run(runner, ledger, *args)[0] == 0
    code, out, err = invoke(
        runner, ["report", "weekly", "--as-of", "2021-11-07", "--lang", "zh"], cwd=ledger
    )
    assert code == 0, err
    acts = out.split("本周申请与审批")[1].split("待审核事项")[0]
    assert "| 申请销号 | 退回 | 整改办审核 | 2021-11-02 | 整改办 | 佐证不足 |" in acts
    assert acts.count("| 申请销号 | 申请 | 责任单位申请 |") == 2
    waiting = out.split("待审核事项")[1].split("##")[0]
    assert (
        "| TASK-033 | 总结研究政协协商民主理论和实践创新发展经验 | 申请销号 | 整改办审核 | "
        "2021-11-03 | 4 |" in waiting
    )
    assert "| 待审核 | 1 | 0 |" in out  # the totals: this week, the week before


def test_over_many_ledgers_approvals_go_to_the_child_and_each_queue_is_listed(
    tmp_path: Path, runner: CliRunner
) -> None:
    import shutil

    from tests.helpers import TESTS

    root = tmp_path / "province"
    shutil.copytree(TESTS / "fixtures" / "family", root)
    _chained(root / "units" / "yi", CHAIN.replace("who: [units]", "who: []"))
    scan = tmp_path / "纪要.pdf"
    scan.write_bytes(b"%PDF-1.4")
    args = ["close", "乙单位:TASK-001", "--evidence", str(scan), "--by", "办公室",
            "--date", "2021-11-01"]  # fmt: skip
    code, _, err = invoke(runner, args, cwd=root)
    assert code == 0 and "units/yi/tasks/TASK-001.yaml" in err, err
    code, out, err = invoke(
        runner, ["list", "--pending", "--as-of", "2021-11-02", "--format", "json"], cwd=root
    )
    assert code == 1 and "child 丙单位: units/bing is not a ledger" in err  # not checked out
    assert [(t["ledger"], t["id"]) for t in json.loads(out)["tasks"]] == [("乙单位", "TASK-001")]
    args = ["approve", "乙单位:TASK-001", "--by", "整改办", "--date", "2021-11-03"]
    code, _, err = invoke(runner, args, cwd=root)
    assert code == 0 and "next, 牵头领导审批" in err, err
    task = yaml.safe_load((root / "units" / "yi" / "tasks" / "TASK-001.yaml").read_text("utf-8"))
    assert task["requests"][0]["steps"][0]["by"] == "整改办"


# --- The form each level signs -------------------------------------------------------


def _through_the_office(runner: CliRunner, ledger: Path, scan: Path) -> None:
    for args in (
        ["close", TASK, "--evidence", str(scan), "--kind", "制度文件", "--by", "研究室",
         "--date", "2021-11-01", "--summary", "形成研究报告"],
        ["return", TASK, "--by", "整改办", "--reason", "请补充印发文件", "--date", "2021-11-03"],
        ["close", TASK, "--by", "研究室", "--no-evidence", "--reason", "x", "--date", "2021-11-05"],
    ):  # fmt: skip
        _run(runner, ledger, *args)  # the third is refused: no evidence is not allowed here
    second = ["close", TASK, "--evidence", str(scan), "--by", "研究室", "--date", "2021-11-05",
              "--summary", "形成研究报告并印发"]  # fmt: skip
    assert _run(runner, ledger, *second)[0] == 0
    args = ["approve", TASK, "--by", "整改办", "--opinion", "材料齐全", "--date", "2021-11-08"]
    assert _run(runner, ledger, *args)[0] == 0


def test_the_sign_off_form_shows_every_level_and_a_blank_to_sign(
    ledger: Path, scan: Path, runner: CliRunner
) -> None:
    from tests.helpers import GOLDEN, golden

    _through_the_office(runner, ledger, scan)
    args = ["report", "signoff", TASK, "--as-of", "2021-11-09", "--lang", "zh"]
    code, out, err = invoke(runner, args, cwd=ledger)
    assert code == 0, err
    assert out == golden(out, GOLDEN / "signoff-TASK-033.md")
    code, every, _ = invoke(runner, ["report", "signoff", "--pending", "--as-of", "2021-11-09",
                                     "--lang", "zh"], cwd=ledger)  # fmt: skip
    assert code == 0 and every == out  # the one waiting application: the same page


def test_the_word_form_opens_in_libreoffice_with_all_of_it(
    ledger: Path, scan: Path, runner: CliRunner, tmp_path: Path
) -> None:
    import shutil
    import subprocess

    _through_the_office(runner, ledger, scan)
    assert _run(runner, ledger, "approve", TASK, "--by", "党组副书记", "--opinion", "同意销号",
                "--date", "2021-11-10")[0] == 0  # fmt: skip
    out = tmp_path / "销号审批表.docx"
    code, _, err = invoke(runner, ["report", "signoff", TASK, "--format", "docx", "-o", str(out),
                                   "--as-of", "2021-11-10", "--lang", "zh"], cwd=ledger)  # fmt: skip
    assert code == 0, err
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is needed (Debian's libreoffice-writer-nogui)"
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to",
         "pdf", "--outdir", str(tmp_path), str(out)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    pdftotext = shutil.which("pdftotext")
    assert pdftotext, "pdftotext is needed (Debian's poppler-utils)"
    text = subprocess.run(
        [pdftotext, "-layout", str(tmp_path / "销号审批表.pdf"), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    from tests.helpers import GOLDEN, golden

    shown = "\n".join(line.rstrip() for line in text.splitlines()).strip() + "\n"
    assert shown == golden(shown, GOLDEN / "signoff-TASK-033.docx.txt")
    for said in (
        "整改任务销号审批表",
        "TASK-033",
        "形成研究报告并印发",
        "请补充印发文件",
        "定稿.pdf",
        "制度文件",
        "材料齐全",
        "同意销号",
        "党组副书记",
        "2021-11-10",
    ):
        assert said in text, said  # fmt: skip


def test_an_extension_form(ledger: Path, runner: CliRunner) -> None:
    args = ["extend", TASK, "--to", "2022-03-31", "--reason", "需征求各方意见", "--by", "研究室",
            "--date", "2021-12-20"]  # fmt: skip
    assert _run(runner, ledger, *args)[0] == 0
    code, out, err = invoke(runner, ["report", "signoff", TASK, "--kind", "extension",
                                     "--as-of", "2021-12-21", "--lang", "zh"], cwd=ledger)  # fmt: skip
    assert code == 0, err
    from tests.helpers import GOLDEN, golden

    assert out == golden(out, GOLDEN / "signoff-extension-TASK-033.md")
    assert out.startswith("# 整改任务延期申请表")
    assert "| 申请延至及理由 | 2022-03-31：需征求各方意见 |" in out
    assert "佐证材料" not in out
    code, _, err = _run(runner, ledger, "report", "signoff", TASK, "--kind", "signoff")
    assert code == 2 and "TASK-033 has no application to put on a form" in err


def test_the_signed_form_is_attached_after_the_sign_off_without_changing_it(
    ledger: Path, scan: Path, runner: CliRunner, tmp_path: Path
) -> None:
    _through_the_office(runner, ledger, scan)
    assert (
        _run(runner, ledger, "approve", TASK, "--by", "党组副书记", "--date", "2021-11-10")[0] == 0
    )
    path = ledger / "tasks" / f"{TASK}.yaml"
    signed = tmp_path / "销号审批表（签批）.pdf"
    signed.write_bytes(b"%PDF-1.4 signed")
    before = yaml.safe_load(path.read_text("utf-8"))
    early = ["attach", TASK, "--evidence", str(signed), "--date", "2021-11-09"]
    code, _, err = _run(runner, ledger, *early)
    assert code == 2 and "was signed off on 2021-11-10" in err
    args = [
        "attach",
        TASK,
        "--evidence",
        str(signed),
        "--kind",
        "销号审批表",
        "--date",
        "2021-11-12",
    ]
    code, _, err = _run(runner, ledger, *args)
    assert code == 0, err
    after = yaml.safe_load(path.read_text("utf-8"))
    assert after["closing"] == before["closing"] and after["status"] == "done"
    added = after["evidence"][-1]
    assert (added["kind"], added["added"]) == ("销号审批表", date(2021, 11, 12))
    assert after["evidence"][:-1] == before["evidence"]


def test_the_dashboard_and_the_bulletin_count_a_waiting_sign_off_as_not_done(
    ledger: Path, scan: Path, runner: CliRunner, tmp_path: Path
) -> None:
    def bulletin_done() -> str:
        code, out, err = invoke(runner, ["report", "bulletin", "--as-of", "2021-11-02",
                                         "--lang", "zh"], cwd=ledger)  # fmt: skip
        assert code == 0, err
        return out

    before = bulletin_done()
    args = ["close", TASK, "--evidence", str(scan), "--by", "研究室", "--date", "2021-11-01"]
    assert _run(runner, ledger, *args)[0] == 0
    assert bulletin_done() == before  # applied for, not signed off: the figures stand
    page = tmp_path / "dashboard.html"
    code, _, err = invoke(runner, ["report", "dashboard", "-o", str(page), "--as-of",
                                   "2021-11-02", "--lang", "zh"], cwd=ledger)  # fmt: skip
    assert code == 0, err
    html = page.read_text("utf-8")
    assert "待审核" in html


def test_chromium_shows_and_prints_the_html_form(
    ledger: Path, scan: Path, runner: CliRunner, tmp_path: Path
) -> None:
    import subprocess

    from tests.browser import open_page

    _through_the_office(runner, ledger, scan)
    page_file = tmp_path / "销号审批表.html"
    args = ["report", "signoff", TASK, "--format", "html", "-o", str(page_file),
            "--as-of", "2021-11-09", "--lang", "zh"]  # fmt: skip
    code, _, err = invoke(runner, args, cwd=ledger)
    assert code == 0, err
    with open_page(page_file) as opened:
        page = opened.page
        assert page.locator("h1").inner_text() == "整改任务销号审批表"
        assert page.locator("h3").all_inner_texts() == ["佐证材料", "各级意见"]
        assert page.locator("table").count() == 3
        fits = page.evaluate(
            "[...document.querySelectorAll('table')].map(t => t.scrollWidth <= "
            "document.body.clientWidth + 1)"
        )
        assert all(fits)
        shot = page.screenshot(full_page=True)
        (tmp_path / "form.png").write_bytes(shot)
        page.emulate_media(media="print")
        pdf = tmp_path / "form.pdf"
        page.pdf(path=str(pdf), format="A4")
        assert opened.requests == [] and opened.errors == []
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True)
    flat = text.stdout.decode("utf-8").replace("\n", "")
    assert "材料齐全" in flat and "牵头领导审批" in flat
