"""Time zhenggai as whole processes on synthetic ledgers, beside the floor and a peer.

    python benchmarks/run.py --sizes 1000,10000 --runs 5

For each size it generates a ledger (benchmarks/generate.py), then times, as
separate processes with medians over --runs: `zhenggai check`, `zhenggai list
--overdue`, `zhenggai status`, cold (parse cache removed before each run) and
warm, `zhenggai check` "restored" (in a fresh copy of the ledger that holds the
last run's cache, as a CI pipeline that keeps the cache sees it), and
`zhenggai --help`, `zhenggai export xlsx|csv`, `zhenggai import xlsx` (the ledger
exported, then imported into a new empty ledger), each `zhenggai report` in md, html
and docx; the floor (a process that only reads every task
file's bytes); and, where it is installed, check-jsonschema against
`zhenggai schema task` as the peer a user would otherwise put in CI. Peak
memory is each process's maximum resident set. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate

AS_OF = "2024-06-30"
FLOOR = (
    "import os,sys\n"
    "folder=os.path.join(sys.argv[1],'tasks')\n"
    "total=sum(len(open(os.path.join(folder,n),'rb').read()) for n in os.listdir(folder))\n"
)


def _installed(name: str) -> str | None:
    """A command of the environment running this script, else one on PATH.

    The benchmark is run as `VENV/bin/python benchmarks/run.py`, often without
    activating VENV, so its own bin folder is looked in first.
    """
    script = Path(sys.executable).parent / name
    return str(script) if script.exists() else shutil.which(name)


def _zhenggai() -> list[str]:
    # Always the zhenggai of this interpreter, never another one found on PATH.
    script = Path(sys.executable).parent / "zhenggai"
    return [str(script)] if script.exists() else [sys.executable, "-m", "zhenggai"]


def _run(argv: list[str], cwd: Path) -> tuple[float, float]:
    """Wall seconds and peak resident MiB of one process."""
    started = time.perf_counter()
    process = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    return elapsed, usage.ru_maxrss / 1024


def _measure(argv: list[str], cwd: Path, runs: int, before: object = None) -> tuple[float, float]:
    times, peaks = [], []
    for _ in range(runs):
        if callable(before):
            before()
        seconds, peak = _run(argv, cwd)
        times.append(seconds)
        peaks.append(peak)
    return statistics.median(times), max(peaks)


def bench(
    size: int, workdir: Path, runs: int, only: set[str] | frozenset[str] = frozenset()
) -> list[tuple[str, str, float, float]]:
    root = workdir / f"ledger-{size}"
    if not (root / "zhenggai.yaml").exists():
        generate(size, root)
    cache = root / ".zhenggai-cache"

    def drop_cache() -> None:
        shutil.rmtree(cache, ignore_errors=True)

    z = _zhenggai()
    rows: list[tuple[str, str, float, float]] = []
    floor_argv = [sys.executable, "-c", FLOOR, str(root)]
    _run(floor_argv, root)  # every run below reads files the OS holds in memory
    floor = _measure(floor_argv, root, runs)
    rows.append(("read all bytes (floor)", "", *floor))
    rows.append(("zhenggai --help", "", *_measure([*z, "--help"], root, runs)))
    commands = {
        "zhenggai check": ["check", "--as-of", AS_OF],
        "zhenggai list --overdue": ["list", "--overdue", "--as-of", AS_OF],
        "zhenggai list --pending": ["list", "--pending", "--as-of", AS_OF],
        "zhenggai status": ["status", "--as-of", AS_OF],
        "zhenggai unit list": ["unit", "list"],
        "zhenggai problem list": ["problem", "list"],
        # Refused, as a registry entry tasks still name is: every task file read for
        # the tasks that name it (the refusal lists them), nothing written.
        "zhenggai unit remove (in use)": ["unit", "remove", "U01"],
        "zhenggai problem remove (in use)": ["problem", "remove", "P01"],
        "zhenggai export xlsx": [
            "export",
            "xlsx",
            "-o",
            str(workdir / "out.xlsx"),
            "--as-of",
            AS_OF,
        ],
        "zhenggai export csv": ["export", "csv", "-o", str(workdir / "out.csv"), "--as-of", AS_OF],
        **_reports(workdir),
        "zhenggai report signoff --pending": [
            "report",
            "signoff",
            "--pending",
            "--format",
            "docx",
            "-o",
            str(workdir / "signoff.docx"),
            "--as-of",
            AS_OF,
        ],
        "zhenggai report dashboard": [
            "report",
            "dashboard",
            "-o",
            str(workdir / "dashboard.html"),
            "--as-of",
            AS_OF,
        ],
    }
    if only:
        commands = {name: argv for name, argv in commands.items() if name in only}
    for name, args in commands.items():
        rows.append((name, "cold", *_measure([*z, *args], root, runs, drop_cache)))
        _run([*z, *args], root)  # fill the cache
        rows.append((name, "warm", *_measure([*z, *args], root, runs)))
    if not only or "zhenggai import xlsx" in only:
        rows.append(("zhenggai import xlsx", "new", *_bench_import(z, root, workdir, size, runs)))
    if only:
        return rows
    # CI with the cache kept between pipelines: a new copy (every file with a new inode
    # and mtime) holding the cache of the last run.
    clone = workdir / f"clone-{size}"

    def fresh_clone() -> None:
        shutil.rmtree(clone, ignore_errors=True)
        shutil.copytree(root, clone)

    check = ["check", "--as-of", AS_OF]
    _run([*z, *check], root)  # the cache as the last pipeline's `check` left it
    rows.append(("zhenggai check", "restored", *_measure([*z, *check], clone, runs, fresh_clone)))
    shutil.rmtree(clone, ignore_errors=True)
    peer = _installed("check-jsonschema")
    if peer is None:
        print("note: check-jsonschema is not installed; no peer column", file=sys.stderr)
    elif size <= 20_000:
        schema = workdir / "task.schema.json"
        schema.write_bytes(subprocess.run([*z, "schema", "task"], capture_output=True).stdout)
        files = sorted(str(p) for p in (root / "tasks").glob("*.yaml"))
        argv = [peer, "--schemafile", str(schema), *files]
        _run(argv, root)  # warm its caches and the OS's
        rows.append(("check-jsonschema (peer)", "", *_measure(argv, root, max(1, runs // 2))))
    return rows


def _reports(workdir: Path) -> dict[str, list[str]]:
    """Each report in each format, as the office makes it on the as-of day."""
    commands: dict[str, list[str]] = {}
    for report in REPORTS:
        for kind in ("md", "html", "docx"):
            out = ["-o", str(workdir / f"{report}.{kind}")] if kind == "docx" else []
            commands[f"zhenggai report {report} --format {kind}"] = [
                "report", report, "--format", kind, *out, "--as-of", AS_OF,
            ]  # fmt: skip
    return commands


#: The reports timed, each in md, html and docx.
REPORTS = ("weekly", "notice", "bulletin")


def _bench_import(
    z: list[str], root: Path, workdir: Path, size: int, runs: int
) -> tuple[float, float]:
    """The ledger exported as an office's sheet, imported into a new empty ledger."""
    sheet = workdir / f"sheet-{size}.xlsx"
    # Exit 1 is the generated ledger's few broken task files, said after the sheet is out.
    done = subprocess.run([*z, "export", "xlsx", "-o", str(sheet), "--as-of", AS_OF], cwd=root,
                          capture_output=True)  # fmt: skip
    if done.returncode not in (0, 1) or not sheet.exists():
        raise RuntimeError(done.stderr.decode("utf-8", "replace"))
    target = workdir / f"import-{size}"

    def empty_ledger() -> None:
        shutil.rmtree(target, ignore_errors=True)
        subprocess.run([*z, "init", str(target), "--feedback-date", "2021-02-04"], check=True,
                       capture_output=True)  # fmt: skip

    argv = [*z, "import", "xlsx", str(sheet), "--ledger", str(target)]
    result = _measure(argv, workdir, runs, empty_ledger)
    shutil.rmtree(target, ignore_errors=True)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/zhenggai-bench"))
    parser.add_argument(
        "--only", default="", help="Time only these commands (comma-separated row names)."
    )
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    print(f"machine: {os.cpu_count()} cores; python {sys.version.split()[0]}; runs {args.runs}\n")
    print("| tasks | command | cache | median s | peak MiB | × floor | peer ÷ this |")
    print("| ---: | --- | --- | ---: | ---: | ---: | ---: |")
    verdicts: list[str] = []
    for size in (int(s) for s in args.sizes.split(",")):
        only = {name.strip() for name in args.only.split(",") if name.strip()}
        rows = bench(size, args.workdir, args.runs, only)
        floor = rows[0][2]
        peer = next((r[2] for r in rows if r[0].startswith("check-jsonschema")), None)
        for name, mode, seconds, peak in rows:
            ratio = f"{peer / seconds:.1f}×" if peer and name.startswith("zhenggai check") else ""
            print(
                f"| {size:,} | {name} | {mode} | {seconds:.3f} | {peak:.0f} | "
                f"{seconds / floor:.1f} | {ratio} |"
            )
        verdicts += judge(size, rows)
    if verdicts:
        print("\nTargets, from the rows above:\n")
        print("\n".join(verdicts))


#: (tasks, command, cache mode, what is compared, target): "s" is a median no greater than
#: the target, "MiB" a peak, "×" how many times faster than the peer at the least.
TARGETS = [
    (10_000, "zhenggai --help", "", "s", 0.2),
    (10_000, "zhenggai check", "warm", "s", 0.35),
    (10_000, "zhenggai list --overdue", "warm", "s", 0.35),
    (10_000, "zhenggai check", "cold", "s", 2.5),
    (10_000, "zhenggai check", "warm", "×", 40),
    (10_000, "zhenggai check", "cold", "×", 6),
    (10_000, "zhenggai export xlsx", "warm", "s", 5.0),
    (10_000, "zhenggai import xlsx", "new", "s", 5.0),
    (10_000, "zhenggai report dashboard", "warm", "s", 2.0),
    *[
        (10_000, f"zhenggai report {report} --format {kind}", "warm", "s", limit)
        for report in REPORTS
        for kind, limit in (("md", 2.0), ("html", 2.0), ("docx", 6.0))
    ],
    (100_000, "zhenggai check", "warm", "s", 2.0),
    (100_000, "zhenggai check", "warm", "MiB", 1024),
]


def judge(size: int, rows: list[tuple[str, str, float, float]]) -> list[str]:
    """A line for each target of this size: what was measured, and whether it is met."""
    measured = {(name, mode): (seconds, peak) for name, mode, seconds, peak in rows}
    peer = measured.get(("check-jsonschema (peer)", ""))
    lines = []
    for tasks, command, mode, unit, target in TARGETS:
        if tasks != size or (command, mode) not in measured:
            continue
        seconds, peak = measured[(command, mode)]
        label = f"- {tasks:,} tasks, `{command}`{f' {mode}' if mode else ''}:"
        if unit == "s":
            lines.append(f"{label} {seconds:.3f} s, target ≤ {target} s {_mark(seconds <= target)}")
        elif unit == "MiB":
            lines.append(f"{label} {peak:.0f} MiB, target ≤ {target} MiB {_mark(peak <= target)}")
        elif peer is not None:
            times = peer[0] / seconds
            met = _mark(times >= target)
            lines.append(f"{label} {times:.1f}× the peer, target ≥ {target}× {met}")
    return lines


def _mark(met: bool) -> str:
    return "✓" if met else "✗ not met"


if __name__ == "__main__":
    main()
