"""An import killed between its renames, again and again: is the ledger whole after?

    python benchmarks/killed.py --rows 3000 --times 30

Each time: a fresh copy of the example ledger, a sheet of ROWS new tasks (new units and
leaders too), `zhenggai import` killed with SIGKILL at its first rename of a file (or
at a random one with --random), then `zhenggai check`. Counts the times the ledger held
all ROWS new tasks (the change was decided: the next command finished it), none of them,
or some (never right), with the check's errors and the temp files left. Prints a line
per time and a summary.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

KILLER = """
import os, signal, sys
calls = 0
real = os.replace
def replace(a, b):
    global calls
    calls += 1
    if calls == int(os.environ["KILL_AT"]):
        os.kill(os.getpid(), signal.SIGKILL)
    return real(a, b)
os.replace = replace
sys.argv = ["zhenggai", *sys.argv[1:]]
from zhenggai.cli.app import main
main()
"""


def sheet(path: Path, rows: int) -> None:
    with open(path, "w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["整改措施", "责任领导", "牵头单位", "完成时限"])
        for number in range(rows):
            writer.writerow([f"新举措第{number}项", f"领导{number % 5}", f"单位{number % 9}",
                             "2021-12-31"])  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=3000)
    parser.add_argument("--times", type=int, default=30)
    parser.add_argument("--random", action="store_true", help="Kill at a random rename.")
    args = parser.parse_args()
    zhenggai = [sys.executable, "-m", "zhenggai"]
    counts = {"all": 0, "none": 0, "some": 0}
    with tempfile.TemporaryDirectory() as work:
        source = Path(work) / "台账.csv"
        sheet(source, args.rows)
        for time in range(args.times):
            ledger = Path(work) / f"ledger-{time}"
            shutil.copytree(REPO / "ledger", ledger, ignore=shutil.ignore_patterns(".zhenggai-*"))
            # The journal's two renames come first; the files' renames after them.
            kill_at = random.randint(3, args.rows + 2) if args.random else 3
            env = {**os.environ, "KILL_AT": str(kill_at)}
            done = subprocess.run([sys.executable, "-c", KILLER, "import", "csv", str(source),
                                   "--date", "2021-10-20"], cwd=ledger, env=env,
                                  capture_output=True)  # fmt: skip
            check = subprocess.run([*zhenggai, "check", "--as-of", "2021-10-23"], cwd=ledger,
                                   capture_output=True, text=True)  # fmt: skip
            tasks = len(list((ledger / "tasks").glob("*.yaml"))) - 107
            errors = check.stdout.count(": error: ")
            temps = len([p for p in ledger.rglob("*.tmp")])
            kind = "all" if tasks == args.rows else "none" if tasks == 0 else "some"
            counts[kind] += 1
            print(f"{time + 1:>3}: killed at rename {kill_at} (exit {done.returncode}): "
                  f"{tasks} new tasks, {errors} check errors, {temps} temp files left")  # fmt: skip
            shutil.rmtree(ledger)
    print(f"\n{args.times} kills: all {counts['all']}, none {counts['none']}, "
          f"some {counts['some']}")  # fmt: skip


if __name__ == "__main__":
    main()
