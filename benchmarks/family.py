"""Many ledgers read as one, timed: a parent over CHILDREN ledgers of TASKS tasks each.

    python benchmarks/family.py --children 20 --tasks 5000 --runs 5

Generates the children (benchmarks/generate.py, a different seed each) under one parent
folder, then times `zhenggai check` and `zhenggai status` in the parent as whole
processes, cold (every child's parse cache removed) and warm, with medians and the peak
resident memory. Prints a Markdown table with the targets judged (warm ≤ 2 s, ≤ 1 GiB).
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate
from run import AS_OF, _measure, _run, _zhenggai


def build(root: Path, children: int, tasks: int) -> None:
    if (root / "zhenggai.yaml").exists():
        return
    units = root / "units"
    for index in range(children):
        generate(tasks, units / f"u{index:02d}", seed=index + 1, invalid=0)
    entries = "".join(f"  - {{name: 单位{i:02d}, path: units/u{i:02d}}}\n" for i in range(children))
    (root / "zhenggai.yaml").write_text(
        "title: 省级汇总台账（基准）\nsource:\n  kind: 巡视\n  inspector: 省委巡视组\n"
        "  feedback_date: 2023-09-15\nchildren:\n" + entries,
        encoding="utf-8",
    )
    (root / "problems.yaml").write_text("sections: []\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--children", type=int, default=20)
    parser.add_argument("--tasks", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/zhenggai-bench"))
    args = parser.parse_args()
    root = args.workdir / f"family-{args.children}x{args.tasks}"
    build(root, args.children, args.tasks)
    caches = [child / ".zhenggai-cache" for child in (root / "units").iterdir()]

    def drop() -> None:
        for cache in caches:
            shutil.rmtree(cache, ignore_errors=True)

    z = _zhenggai()
    total = args.children * args.tasks
    print("| tasks | command | cache | median s | peak MiB |\n| ---: | --- | --- | ---: | ---: |")
    verdicts = []
    for name, argv in (("check", ["check", "--as-of", AS_OF]),
                       ("status", ["status", "--as-of", AS_OF])):  # fmt: skip
        cold = _measure([*z, *argv], root, max(1, args.runs // 2), drop)
        _run([*z, *argv], root)  # every child's cache filled
        warm = _measure([*z, *argv], root, args.runs)
        for mode, (seconds, peak) in (("cold", cold), ("warm", warm)):
            label = f"{total:,} ({args.children} × {args.tasks:,})"
            print(f"| {label} | zhenggai {name} | {mode} | {seconds:.3f} | {peak:.0f} |")
        ok = warm[0] <= 2.0 and warm[1] <= 1024
        verdicts.append(f"- warm `zhenggai {name}`: {warm[0]:.3f} s, {warm[1]:.0f} MiB "
                        f"(targets ≤ 2 s, ≤ 1024 MiB) {'✓' if ok else '✗'}")  # fmt: skip
    print("\n" + "\n".join(verdicts))


if __name__ == "__main__":
    main()
