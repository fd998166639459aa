"""The one front door (`zhenggai.workspace`): every command asks the same workspace,
so the policies hold alike for all of them — a file that cannot be read makes every
reading command exit 1 after its output; one resolver reads what a person types for
a unit; a write reaches a child's task the same way every time."""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.helpers import TESTS, copy_example, invoke

DAY = "2021-10-23"
FAMILY = TESTS / "fixtures" / "family"


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    """The example ledger with one task file that cannot be read."""
    root = copy_example(tmp_path / "ledger")
    (root / "tasks" / "TASK-050.yaml").write_text("id: TASK-050\ntitle: [unclosed\n", "utf-8")
    return root


#: Every command that reads the whole ledger, as a user types it (files go in the cwd).
READING = {
    "list": ["list"],
    "status": ["status"],
    "show": ["show", "TASK-001"],
    "report weekly": ["report", "weekly"],
    "report bulletin": ["report", "bulletin"],
    "report notice": ["report", "notice"],
    "report dashboard": ["report", "dashboard", "--output", "page.html"],
    "report weekly docx": ["report", "weekly", "--format", "docx", "--output", "w.docx"],
    "export csv": ["export", "csv"],
    "export xlsx": ["export", "xlsx", "--output", "t.xlsx"],
    "sample": ["sample", "3", "--seed", "7"],
    "unit list": ["unit", "list"],
}
#: The commands that answer for a day (`unit list` counts what the files hold now).
DATED = set(READING) - {"unit list"}


@pytest.mark.parametrize("command", sorted(READING))
def test_a_file_that_cannot_be_read_makes_every_reading_command_exit_1(
    command: str, broken: Path, runner: CliRunner
) -> None:
    as_of = ["--as-of", DAY] if command in DATED else []
    code, out, err = invoke(runner, [*READING[command], *as_of], cwd=broken)
    assert code == 1, err
    assert "tasks/TASK-050.yaml:" in err and "run `zhenggai check`" in err
    assert "Traceback" not in err and "internal error" not in err
    assert out or "wrote" in err  # the output is out all the same


@pytest.mark.parametrize("command", sorted(READING))
def test_a_ledger_read_whole_exits_0(command: str, tmp_path: Path, runner: CliRunner) -> None:
    root = copy_example(tmp_path / "ledger")
    as_of = ["--as-of", DAY] if command in DATED else []
    code, _, err = invoke(runner, [*READING[command], *as_of], cwd=root)
    assert code == 0, err


@pytest.mark.parametrize(
    "typed", ["新闻局", "全国政协办公厅新闻局", "办公厅新闻局"], ids=["id", "name", "short"]
)
@pytest.mark.parametrize(
    "command",
    [["list", "--format", "csv"], ["export", "csv"], ["report", "notice"]],
    ids=["list", "export", "notice"],
)
def test_one_resolver_reads_a_unit_by_id_name_or_short_form(
    typed: str, command: list[str], runner: CliRunner
) -> None:
    by_id = invoke(runner, [*command, "--unit", "新闻局", "--as-of", DAY])
    code, out, err = invoke(runner, [*command, "--unit", typed, "--as-of", DAY])
    assert code == 0, err
    assert out == by_id[1] and "新闻局" in out


@pytest.mark.parametrize(
    "command",
    [["list"], ["export", "csv"], ["report", "notice"]],
    ids=["list", "export", "notice"],
)
@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("秘书处", "--unit: unknown '秘书处'; the nearest: 秘书局"),
        ("xyz", "--unit: unknown 'xyz'; known: 专门委员会, 人事局, "),
        ("办公厅", "--unit: '办公厅' could be "),
    ],
    ids=["near", "unknown", "ambiguous"],
)
def test_one_error_form_for_a_unit_that_names_nothing(
    command: list[str], typed: str, said: str, runner: CliRunner
) -> None:
    code, out, err = invoke(runner, [*command, "--unit", typed, "--as-of", DAY, "--lang", "en"])
    assert code == 2 and out == ""
    assert err.startswith(f"zhenggai: {said}"), err


def test_a_leader_and_a_problem_are_read_by_name_too(runner: CliRunner) -> None:
    by_id = invoke(runner, ["list", "--lead", "党组书记", "--format", "csv", "--as-of", DAY])
    code, out, err = invoke(
        runner, ["list", "--lead", "机关党组书记", "--format", "csv", "--as-of", DAY]
    )
    assert code == 0 and out == by_id[1] and out.count("\n") > 2, err
    problem = invoke(runner, ["list", "--problem", "P01", "--format", "csv", "--as-of", DAY])
    lines = invoke(runner, ["problem", "list"])[1].splitlines()
    title = next(line.split()[2] for line in lines if line.startswith("P01 "))
    code, out, err = invoke(runner, ["list", "--problem", title, "--format", "csv", "--as-of", DAY])
    assert code == 0 and out == problem[1], err


def _family(tmp_path: Path) -> Path:
    root = tmp_path / "province"
    shutil.copytree(FAMILY, root, ignore=shutil.ignore_patterns(".zhenggai-cache"))
    return root


def test_a_write_to_a_child_behaves_the_same_on_two_fresh_copies(
    tmp_path: Path, runner: CliRunner
) -> None:
    """Once a module-level memo of routed ids made the second run exit 2."""
    for copy in ("one", "two"):
        root = _family(tmp_path / copy)
        args = ["progress", "乙单位:TASK-001", "又推进一步", "--date", "2021-10-20", "--by", "李"]
        code, _, err = invoke(runner, args, cwd=root)
        assert code == 0, err
        assert "units/yi/tasks/TASK-001.yaml" in err
        assert "又推进一步" in (root / "units" / "yi" / "tasks" / "TASK-001.yaml").read_text(
            "utf-8"
        )


def test_the_core_opens_a_family_without_the_command_line(tmp_path: Path) -> None:
    """The workspace is the core's: opened, read and merged with no terminal at all."""
    from zhenggai.workspace.reading import status
    from zhenggai.workspace.space import Options, open_workspace

    root = _family(tmp_path)
    workspace = open_workspace([root], Options(now=datetime(2021, 10, 23, tzinfo=UTC)))
    told: list[Path] = []
    workspace.listen(lambda unreadable: told.append(unreadable.root))
    report = status(workspace)
    assert [tally.key for tally in report.by_ledger] == ["甲单位", "乙单位"]
    assert workspace.broken and told == [root]  # 丙单位 is missing: said on the parent
    assert workspace.today() == date(2021, 10, 23)


def test_the_qualified_id_is_parsed_and_printed_in_one_place() -> None:
    from zhenggai.ledger.qualified import QualifiedId

    assert QualifiedId.parse("省委:提案局:TASK-042") == QualifiedId("省委:提案局", "TASK-042")
    assert str(QualifiedId.parse("TASK-042")) == "TASK-042"
    assert str(QualifiedId("提案局", "TASK-042")) == "提案局:TASK-042"


def test_new_reads_its_unit_leader_and_problem_by_name(tmp_path: Path, runner: CliRunner) -> None:
    root = copy_example(tmp_path / "ledger")
    args = ["new", "--title", "建立联络员周报制度", "--problem", "强化党的政治建设",
            "--unit", "办公厅新闻局", "--unit", "全国政协办公厅秘书局", "--lead", "机关党组书记",
            "--deadline", "2021-12-31", "--date", "2021-10-20"]  # fmt: skip
    code, out, err = invoke(runner, args, cwd=root)
    assert code == 0, err
    written = (root / "tasks" / f"{out.strip()}.yaml").read_text("utf-8")
    assert "units: [新闻局, 秘书局]" in written or "- 新闻局\n" in written, written
    assert "lead: 党组书记" in written and "problem: P01" in written
