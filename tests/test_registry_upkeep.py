"""Everything `init` writes and a guide tells a user to change is kept by command:
sections and problems (problems.yaml), units and leaders, and the settings — each
change read back before it is written, refused with its reason and nothing changed."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from tests.helpers import git, invoke
from zhenggai.ledger.load import load_ledger


@pytest.fixture
def repo(clean_repo: Path) -> Path:
    return clean_repo


def _ok(runner: CliRunner, root: Path, *args: str) -> str:
    code, _, err = invoke(runner, list(args), root)
    assert code == 0, err
    return err


def _refused(runner: CliRunner, root: Path, said: str, *args: str) -> None:
    files = {p: p.read_bytes() for p in root.rglob("*.yaml")}
    code, out, err = invoke(runner, list(args), root)
    assert (code, out) == (2, ""), err
    assert said in err
    assert {p: p.read_bytes() for p in root.rglob("*.yaml")} == files  # nothing changed


def _sections(root: Path) -> list[tuple[str, str, list[str]]]:
    data = yaml.safe_load((root / "problems.yaml").read_text("utf-8"))
    return [
        (s["id"], s["title"], [p["id"] for p in s.get("problems") or []]) for s in data["sections"]
    ]


def test_sections_and_problems_are_kept_by_command(repo: Path, runner: CliRunner) -> None:
    _ok(runner, repo, "section", "add", "S2", "--title", "（二）落实管党治党责任")
    _ok(runner, repo, "section", "add", "S0", "--title", "先期整改", "--before", "S1", "--early")
    _ok(runner, repo, "section", "set", "S2", "--title", "（二）落实全面从严治党主体责任")
    _ok(runner, repo, "problem", "move", "P02", "--section", "S2")
    _ok(runner, repo, "problem", "set", "P02", "--title", "服务履职不到位", "--source-ref", "")
    assert _sections(repo) == [
        ("S0", "先期整改", []),
        ("S1", "（一）认真贯彻党的路线方针政策", ["P01"]),
        ("S2", "（二）落实全面从严治党主体责任", ["P02"]),
    ]
    problems = load_ledger(repo).problems
    assert (problems["P02"].title, problems["P02"].source_ref) == ("服务履职不到位", None)
    _ok(runner, repo, "section", "move", "S0")
    assert [s[0] for s in _sections(repo)] == ["S1", "S2", "S0"]
    _ok(runner, repo, "section", "remove", "S0")
    # refusals name why, and change nothing
    _refused(runner, repo, "section S2 still holds P02", "section", "remove", "S2")
    _refused(runner, repo, "TASK-001, TASK-002 answer problem P01", "problem", "remove", "P01")
    _refused(runner, repo, "section S1 is already in", "section", "add", "S1", "--title", "x")
    _refused(runner, repo, "no section S9", "problem", "move", "P01", "--section", "S9")
    _refused(runner, repo, "--title holds", "section", "set", "S1", "--title", "两\n行")
    # a task moves to another problem, named by a short form of its title
    _ok(runner, repo, "edit", "2", "--problem", "服务履职")
    assert load_ledger(repo).by_id["TASK-002"].task.problem == "P02"
    _refused(runner, repo, "TASK-001 answer problem P01", "problem", "remove", "P01")
    _ok(runner, repo, "problem", "add", "P03", "--section", "S2", "--title", "无任务")
    _ok(runner, repo, "problem", "remove", "P03")
    assert _sections(repo)[1] == ("S2", "（二）落实全面从严治党主体责任", ["P02"])


def test_a_unit_is_merged_into_another_and_check_since_reads_it_as_no_edit(
    repo: Path, runner: CliRunner
) -> None:
    _ok(runner, repo, "unit", "set", "机关党委", "--name", "机关党委（人事局）", "--liaison", "王五",
        "--prompt")  # fmt: skip
    unit = next(u for u in load_ledger(repo).settings.units if u.id == "机关党委")
    assert (unit.name, unit.liaison, unit.prompt) == ("机关党委（人事局）", "王五", True)
    _refused(runner, repo, "2 tasks name 机关党委: TASK-001, TASK-002",
             "unit", "remove", "机关党委")  # fmt: skip
    _ok(runner, repo, "unit", "merge", "机关党委", "--into", "办公厅")
    ledger = load_ledger(repo)
    assert [u.id for u in ledger.settings.units] == ["办公厅"]
    assert ledger.settings.units[0].formerly == ["机关党委"]
    # TASK-001 named both: 办公厅 once; it was signed off, and the merge is no edit of it
    assert ledger.by_id["TASK-001"].task.units == ["办公厅"]
    git(repo.parent, "checkout", "-q", "-b", "merge")
    git(repo.parent, "commit", "-qam", "合并单位")
    since = ["check", "--since", "main", "--as-of", "2021-10-23", "--select", "closed-task-edited"]
    code, out, err = invoke(runner, since, repo)
    assert code == 0 and "closed-task-edited" not in out + err, out + err
    _refused(
        runner, repo, "ID: unknown '机关党委'", "unit", "merge", "机关党委", "--into", "办公厅"
    )


def test_a_leader_is_set_merged_and_removed(repo: Path, runner: CliRunner) -> None:
    _ok(runner, repo, "leader", "add", "副秘书长", "--name", "副秘书长")
    _ok(runner, repo, "leader", "set", "副秘书长", "--role", "协助")
    _ok(runner, repo, "edit", "3", "--lead", "副秘书长")
    _refused(runner, repo, "1 tasks name 副秘书长: TASK-003", "leader", "remove", "副秘书长")
    _ok(runner, repo, "leader", "merge", "副秘书长", "--into", "秘书长")
    ledger = load_ledger(repo)
    assert ledger.by_id["TASK-003"].task.lead == "秘书长"
    assert ledger.settings.leaders[0].formerly == ["副秘书长"]
    _ok(runner, repo, "leader", "add", "主任", "--name", "主任")
    _ok(runner, repo, "leader", "remove", "主任")
    assert [x.id for x in load_ledger(repo).settings.leaders] == ["秘书长"]


def test_settings_are_set_by_their_type_and_keep_their_comments(
    repo: Path, runner: CliRunner
) -> None:
    settings = repo / "zhenggai.yaml"
    settings.write_text(
        settings.read_text("utf-8").replace("title: 测试台账", "title: 测试台账  # 台账标题"),
        "utf-8",
    )
    _ok(runner, repo, "settings", "set", "bulletin.issuer", "中共某某党组")
    _ok(runner, repo, "settings", "set", "thresholds.notice_days", "15")
    _ok(runner, repo, "settings", "set", "commit", "否")
    _ok(runner, repo, "settings", "set", "documents.report_to", "市委巡察办", "市纪委监委")
    _ok(runner, repo, "settings", "set", "source.round", "123")  # text stays text
    _ok(runner, repo, "settings", "set", "approval.signoff", "责任单位申请:units",
        "整改办审核：整改办", "牵头领导审批:lead")  # fmt: skip
    _ok(runner, repo, "settings", "set", "approval.since", "2021年11月1日")
    text = settings.read_text("utf-8")
    assert "title: 测试台账  # 台账标题" in text
    loaded = load_ledger(repo).settings
    assert loaded.bulletin.issuer == "中共某某党组" and loaded.thresholds.notice_days == 15
    assert loaded.commit is False and loaded.source.round == "123"
    assert loaded.documents.report_to == ["市委巡察办", "市纪委监委"]
    assert [(x.name, x.who) for x in loaded.approval.signoff] == [
        ("责任单位申请", ["units"]), ("整改办审核", ["整改办"]), ("牵头领导审批", ["lead"]),
    ]  # fmt: skip
    assert str(loaded.approval.since) == "2021-11-01"
    _ok(runner, repo, "settings", "unset", "source.round")
    assert load_ledger(repo).settings.source.round is None
    _refused(runner, repo, "thresholds.notice_days is a whole number, not 'many'",
             "settings", "set", "thresholds.notice_days", "many")  # fmt: skip
    _refused(runner, repo, "no setting bulletin.isuer; bulletin has issuer, subject",
             "settings", "set", "bulletin.isuer", "x")  # fmt: skip
    _refused(runner, repo, "units is kept by its own commands: zhenggai unit",
             "settings", "set", "units", "x")  # fmt: skip
    _refused(runner, repo, "unknown timezone 'Mars/Base'", "settings", "set", "timezone",
             "Mars/Base")  # fmt: skip
    _refused(runner, repo, "'整改办审核' is no level", "settings", "set", "approval.signoff",
             "整改办审核")  # fmt: skip
    _refused(runner, repo, "language", "settings", "set", "language", "fr")


def test_a_leader_is_renamed_in_every_task_and_check_since_reads_it_as_no_edit(
    repo: Path, runner: CliRunner
) -> None:
    _ok(runner, repo, "leader", "rename", "秘书长", "常务副秘书长", "--name", "常务副秘书长")
    ledger = load_ledger(repo)
    assert [(x.id, x.name, x.formerly) for x in ledger.settings.leaders] == [
        ("常务副秘书长", "常务副秘书长", ["秘书长"])
    ]
    assert {loaded.task.lead for loaded in ledger.tasks} == {"常务副秘书长"}
    git(repo.parent, "checkout", "-q", "-b", "rename")
    git(repo.parent, "commit", "-qam", "领导改编号")
    since = ["check", "--since", "main", "--as-of", "2021-10-23", "--select", "closed-task-edited"]
    code, out, err = invoke(runner, since, repo)
    assert code == 0, out + err
    _ok(runner, repo, "leader", "add", "主任", "--name", "主任")
    _refused(runner, repo, "leader 主任 is already in", "leader", "rename", "常务副秘书长", "主任")


def test_the_other_ways_to_order_and_unset(repo: Path, runner: CliRunner) -> None:
    _ok(runner, repo, "section", "add", "S2", "--title", "（二）第二方面", "--early")
    _ok(runner, repo, "section", "move", "S2", "--before", "S1")
    _ok(runner, repo, "section", "set", "S2", "--not-early")
    _ok(runner, repo, "problem", "move", "P02", "--section", "S1", "--before", "P01")
    assert _sections(repo) == [
        ("S2", "（二）第二方面", []), ("S1", "（一）认真贯彻党的路线方针政策", ["P02", "P01"]),
    ]  # fmt: skip
    assert not load_ledger(repo).sections[0].early
    _refused(runner, repo, "an entry needs a name", "section", "set", "S2", "--title", "")
    _refused(runner, repo, "no problem P09 in section S1", "problem", "move", "P01",
             "--section", "S1", "--before", "P09")  # fmt: skip
    _ok(runner, repo, "unit", "set", "办公厅", "--prompt")
    _ok(runner, repo, "unit", "set", "全国政协办公厅", "--no-prompt", "--phone", "6630")
    _ok(runner, repo, "leader", "set", "秘书长", "--name", "秘书长（常务）")
    settings = load_ledger(repo).settings
    unit = settings.units[0]
    assert (unit.prompt, unit.phone, settings.leaders[0].name) == (False, "6630", "秘书长（常务）")


def test_init_takes_who_ordered_it_a_mail_address_and_a_title(
    tmp_path: Path, runner: CliRunner
) -> None:
    code, _, err = invoke(runner, [
        "init", "new", "--kind", "督查", "--inspector", "省政府第二督查组", "--authority", "省政府",
        "--subject", "市水务局", "--issuer", "市水务局", "--email", "dc@example.org",
        "--title", "省政府督查整改台账", "--feedback-date", "2026年9月1日", "--lang", "zh",
    ], tmp_path)  # fmt: skip
    assert code == 0, err
    settings = load_ledger(tmp_path / "new").settings
    assert (settings.title, settings.source.authority) == ("省政府督查整改台账", "省政府")
    assert settings.bulletin.contact is not None
    assert settings.bulletin.contact.email == "dc@example.org"
    code, out, err = invoke(runner, ["report", "bulletin", "--as-of", "2026-12-07", "--lang",
                                     "zh", "--ledger", str(tmp_path / "new")])  # fmt: skip
    assert code == 0, err
    assert "根据省政府部署，省政府第二督查组对市水务局开展了督查" in out
    code, _, err = invoke(runner, ["init", "bad", "--period", "2026-09-01..2026-08-01",
                                   "--lang", "zh"], tmp_path)  # fmt: skip
    assert code == 2 and "结束日期早于开始日期" in err
    assert not (tmp_path / "bad").exists()
