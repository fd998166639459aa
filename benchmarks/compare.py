"""Two versions of zhenggai side by side: each command run by one, then the other,
alternately, on copies of one generated ledger, medians and the ratio (the machine's
drift hits both alike, where two separate runs of `run.py` differ by 10-20 %).

    python benchmarks/compare.py BEFORE/bin/zhenggai AFTER/bin/zhenggai --runs 7
    python benchmarks/compare.py BEFORE/bin/zhenggai AFTER/bin/zhenggai --writes --runs 15

With ``--writes``, the write commands on copies of the example ledger instead: a
progress note (one more each run), and a sign-off with its evidence undone by a
reopening (the pair timed as one run, so that each run closes the same open task).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate
from run import AS_OF

COMMANDS = {
    "check": ["check", "--as-of", AS_OF],
    "list --overdue": ["list", "--overdue", "--as-of", AS_OF],
    "status": ["status", "--as-of", AS_OF],
    "unit list": ["unit", "list"],
    "export csv": ["export", "csv", "-o", "{work}/out.csv", "--as-of", AS_OF],
    "export xlsx": ["export", "xlsx", "-o", "{work}/out.xlsx", "--as-of", AS_OF],
    "report weekly": ["report", "weekly", "--as-of", AS_OF],
    "report notice": ["report", "notice", "--as-of", AS_OF],
    "report bulletin": ["report", "bulletin", "--as-of", AS_OF],
    "report dashboard": ["report", "dashboard", "-o", "{work}/d.html", "--as-of", AS_OF],
    "sample 20": ["sample", "20", "--seed", "1", "--as-of", AS_OF],
}
WRITES = {
    "progress": [["progress", "TASK-033", "按周报制度报送进展", "--by", "研究室"]],
    "close + reopen": [
        ["close", "TASK-033", "--evidence", "{work}/纪要.pdf", "--by", "研究室"],
        ["reopen", "TASK-033", "--reason", "回头看", "--by", "整改办"],
    ],
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before")
    parser.add_argument("after")
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/zhenggai-compare"))
    parser.add_argument("--writes", action="store_true", help="the writes, on the example")
    args = parser.parse_args()
    source = args.workdir / f"ledger-{args.size}"
    if args.writes:
        source = Path(__file__).resolve().parent.parent / "ledger"
    elif not (source / "zhenggai.yaml").exists():
        generate(args.size, source)
    sides = {"before": args.before, "after": args.after}
    for side in sides:  # a copy each: the two versions' caches never meet
        shutil.rmtree(args.workdir / side, ignore_errors=True)
        shutil.copytree(
            source, args.workdir / side / "ledger", ignore=shutil.ignore_patterns(".zhenggai-*")
        )
        (args.workdir / side / "纪要.pdf").write_bytes(b"%PDF-1.4 minutes")

    def run(side: str, argvs: list[list[str]]) -> float:
        work = args.workdir / side
        started = time.perf_counter()
        for argv in argvs:
            command = [sides[side], *(a.replace("{work}", str(work)) for a in argv)]
            subprocess.run(command, cwd=work / "ledger", capture_output=True, check=args.writes)
        return time.perf_counter() - started

    what = "the example ledger" if args.writes else f"{args.size:,} tasks"
    print(f"| {what}, warm | before s | after s | after ÷ before |")
    print("| --- | ---: | ---: | ---: |")
    commands = WRITES if args.writes else {name: [argv] for name, argv in COMMANDS.items()}
    for name, argv in commands.items():
        for side in sides:
            run(side, argv)  # the cache filled
        times: dict[str, list[float]] = {side: [] for side in sides}
        for index in range(args.runs):
            for side in ("before", "after") if index % 2 == 0 else ("after", "before"):
                times[side].append(run(side, argv))
        before, after = (statistics.median(times[side]) for side in sides)
        print(f"| `{name}` | {before:.3f} | {after:.3f} | {after / before:.2f} |", flush=True)


if __name__ == "__main__":
    main()
