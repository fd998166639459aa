"""A province's weekly round of 填报表, timed: forms issued to every unit of a 10,000-task
ledger, then 100 returned workbooks of 20 filled rows each collected.

    python benchmarks/forms.py --tasks 10000 --units 100 --rows 20 --runs 3

The synthetic ledger (`generate.py`) is given ``--units`` units, each task led by one
of them in turn, so that each unit's form holds some tasks of its own. Each run:
`zhenggai forms issue` for every unit (one process), the forms filled as a liaison
fills them (openpyxl, only the open cells: progress, and one row in ten applying for
sign-off; not timed), then `zhenggai forms collect` of the folder of all of them (one
process). Prints the medians.
"""

from __future__ import annotations

import argparse
import datetime
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate

PERIOD = "2024-W26"  # the week of the synthetic ledger's as-of day, 2024-06-30
ISSUED, DUE, FILLED = "2024-06-24", "2024-06-28", datetime.date(2024, 6, 30)


def _zhenggai() -> list[str]:
    found = shutil.which("zhenggai")
    return [found] if found else [sys.executable, "-m", "zhenggai"]


def _with_units(root: Path, units: int) -> None:
    """Every task led by unit ``U{n % units}``; the registry holds those units."""
    settings = root / "zhenggai.yaml"
    text = settings.read_text("utf-8")
    head, _, rest = text.partition("units:\n")
    _, _, tail = rest.partition("leaders:\n")
    registry = "".join(f"  - {{id: U{i:03d}, name: 单位{i:03d}}}\n" for i in range(units))
    settings.write_text(f"{head}units:\n{registry}leaders:\n{tail}", "utf-8")
    for path in (root / "tasks").glob("*.yaml"):
        number = int(re.sub(r"\D", "", path.stem) or 0)
        task = path.read_text("utf-8")
        task = re.sub(r"^units: \[.*\]$", f"units: [U{number % units:03d}]", task, flags=re.M)
        task = task.replace("    by: ", "    by: 单位")  # progress authors: any text
        path.write_text(task, "utf-8")


def _fill(form: Path, into: Path, rows: int) -> None:
    import openpyxl

    book = openpyxl.load_workbook(form)
    sheet = book["填报表"]
    sheet.cell(2, 3).value = FILLED
    for offset in range(rows):
        row = 4 + offset
        if not sheet.cell(row, 1).value:
            break
        sheet.cell(row, 9).value = f"本周推进第{offset + 1}项工作，形成阶段性成果"
        sheet.cell(row, 14).value = "联络员"
        number = int(str(sheet.cell(row, 1).value).rsplit("-", 1)[-1])
        if offset % 10 == 0 and number % 50:  # one task in fifty has applied already
            sheet.cell(row, 10).value = "申请销号"
    book.save(into / form.name)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=10_000)
    parser.add_argument("--units", type=int, default=100)
    parser.add_argument("--rows", type=int, default=20)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/zhenggai-forms-bench"))
    args = parser.parse_args()
    source = args.workdir / "source"
    generate(args.tasks, source)
    _with_units(source, args.units)
    z = _zhenggai()
    issue_times, collect_times, forms_count = [], [], 0
    for _ in range(args.runs):
        ledger = args.workdir / "ledger"
        shutil.rmtree(ledger, ignore_errors=True)
        shutil.copytree(source, ledger)
        subprocess.run([*z, "check", "--as-of", "2024-06-30"], cwd=ledger, capture_output=True)
        out, back = args.workdir / "out", args.workdir / "back"
        for folder in (out, back):
            shutil.rmtree(folder, ignore_errors=True)
        back.mkdir(parents=True)
        started = time.perf_counter()
        issued = subprocess.run(
            [*z, "forms", "issue", "-o", str(out), "--period", PERIOD, "--date", ISSUED,
             "--due", DUE],
            cwd=ledger, capture_output=True, text=True,
        )  # fmt: skip
        issue_times.append(time.perf_counter() - started)
        assert issued.returncode == 0, issued.stderr[-2000:]
        forms = sorted(out.glob("*.xlsx"))
        forms_count = len(forms)
        for form in forms:
            _fill(form, back, args.rows)
        started = time.perf_counter()
        done = subprocess.run([*z, "forms", "collect", str(back)], cwd=ledger,
                              capture_output=True, text=True)  # fmt: skip
        collect_times.append(time.perf_counter() - started)
        assert done.returncode == 0, done.stderr[-2000:]
    print(f"{args.tasks:,} tasks, {args.units} units: `forms issue` of {forms_count} forms "
          f"median {statistics.median(issue_times):.2f} s; `forms collect` of {forms_count} "
          f"workbooks of {args.rows} filled rows median "
          f"{statistics.median(collect_times):.2f} s ({args.runs} runs)")  # fmt: skip


if __name__ == "__main__":
    main()
