"""A ledger built to attack its reader, every attack at once, and how fast it is checked.

    python benchmarks/attack.py --runs 5

First the attacks of untrusted input (`untrusted.py`): hostile sheets, output paths,
samples and texts, run one after another on one ledger, each timed and judged (exit
1 if any is not as it must be). Then the ledger below, and `check` timed on it.

Builds the example ledger with, all together: terminal escapes, bidi controls
and a forged workflow command in a title, a note and a milestone; a file name
holding a newline and a workflow command; an evidence folder that is a link to
a folder outside holding a 4 GiB (sparse) file under the recorded name; a task
file that is a link to a file outside, and one that is a FIFO; the six inputs
of the YAML test suite libyaml reads and YAML 1.2 refuses, as task files; a
record dated in the year 9999; the temp file of a killed write; and a parse
cache forged on another machine, as if committed. Then times `zhenggai check`
on it, cold and warm, as separate processes (medians over --runs). A reader
that followed the link would hash 4 GiB (some 15 s), one that opened the FIFO
would hang.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SUITE = REPO / "tests" / "yaml-test-suite"
LAX_CASES = ("9C9N", "DK95-01", "QB6E", "S98Z", "SU5Z", "X4QW")
AS_OF = "2021-12-01"

ATTACK_YAML = (
    '"\\e]8;;https://evil.example/\\a点这里\\e]8;;\\a \\e[2J\\e]0;pwned\\a'
    '\\u202Eabc\\N\\L\\n::error file=README.md,line=1::INJECTED"'
)


def build_attack(root: Path, outside: Path) -> Path:
    """The example ledger at ``root``, attacked; ``outside`` is where the links lead."""
    shutil.copytree(REPO / "ledger", root, ignore=shutil.ignore_patterns(".zhenggai-cache"))
    outside.mkdir(parents=True, exist_ok=True)
    tasks = root / "tasks"
    # Escapes in user text.
    task = tasks / "TASK-022.yaml"
    text = task.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title: "))
    task.write_text(text.replace(title, f"title: {ATTACK_YAML}"), encoding="utf-8")
    # A file name that would forge a finding and a workflow command.
    (tasks / "x\n::error file=README.md,line=1::INJECTED.yaml").write_text("id: [\n")
    # An evidence folder that leads outside, to a huge file under the recorded name.
    evidence = root / "evidence" / "TASK-004"
    names = [path.name for path in evidence.iterdir()]
    shutil.rmtree(evidence)
    for name in names:
        with open(outside / name, "wb") as big:
            big.truncate(4 << 30)
    evidence.symlink_to(outside, target_is_directory=True)
    # A task file that is a link outside, and one that is a FIFO.
    (outside / "TASK-901.yaml").write_text("id: TASK-901\nsecret: [\n", encoding="utf-8")
    (tasks / "TASK-901.yaml").symlink_to(outside / "TASK-901.yaml")
    os.mkfifo(tasks / "TASK-902.yaml")
    # What libyaml reads and YAML 1.2 refuses.
    for number, case in enumerate(LAX_CASES, start=903):
        (tasks / f"TASK-{number}.yaml").write_bytes((SUITE / case / "in.yaml").read_bytes())
    # A record in the year 9999.
    task = tasks / "TASK-023.yaml"
    text = task.read_text(encoding="utf-8")
    task.write_text(text.replace("2021-", "9999-", 1), encoding="utf-8")
    # The temp file of a killed write.
    (tasks / ".TASK-024.yaml.k2j4x9qa.tmp").write_text("id: TASK-024\n", encoding="utf-8")
    _plant_forged_cache(root)
    return root


def _plant_forged_cache(root: Path) -> None:
    """A cache written and sealed on another machine that calls every broken file valid:
    each gets a good task's record, under the digest of its own (broken) bytes, so a
    cache that believed itself would recognise it in a fresh clone."""
    env = {**os.environ, "XDG_CACHE_HOME": str(root.parent / "attacker-home")}
    script = (
        "import sys, marshal\n"
        "from pathlib import Path\n"
        "from zhenggai.ledger import cache, seal\n"
        "from zhenggai.ledger.load import load_ledger\n"
        "root = Path(sys.argv[1])\n"
        "load_ledger(root, use_cache=True).save_cache()\n"
        "path = root / cache.CACHE_DIR / cache.CACHE_FILE\n"
        "raw = path.read_bytes()\n"
        "header, *parts = marshal.loads(raw[40:])\n"
        "good = parts[0]['tasks/TASK-001.yaml']\n"
        "for rel, (stat, _) in list(parts[1].items()):\n"
        "    parts[0][rel] = (stat, *good[1:])\n"
        "    del parts[1][rel]\n"
        "payload = marshal.dumps((header, *parts))\n"
        "path.write_bytes(raw[:8] + seal.seal(root, payload) + payload)\n"
    )
    subprocess.run([sys.executable, "-c", script, str(root)], env=env, check=True)


def _time(root: Path, cold: bool) -> float:
    command = [sys.executable, "-m", "zhenggai", "check", "--as-of", AS_OF]
    if cold:
        command.append("--no-cache")
    started = time.perf_counter()
    subprocess.run(command, cwd=root, capture_output=True, timeout=120, check=False)
    return time.perf_counter() - started


def untrusted_inputs() -> bool:
    """The attacks of `untrusted`, each line with its exit, time and verdict; all ok?"""
    from untrusted import attacks, plant, run_attacks

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        ledger, outside, _ = plant(root)
        outcomes = run_attacks(attacks(root), ledger, outside)
    width = max(len(outcome.name) for outcome in outcomes)
    for outcome in outcomes:
        print(f"{outcome.name:<{width}}  exit {outcome.code:>2}  {outcome.seconds:6.2f} s  "
              f"{outcome.verdict}")  # fmt: skip
    slowest = max(outcomes, key=lambda outcome: outcome.seconds)
    bad = [outcome for outcome in outcomes if outcome.verdict != "ok"]
    print(f"{len(outcomes)} attacks, {len(bad)} not as they must be; slowest: "
          f"{slowest.name}, {slowest.seconds:.2f} s")  # fmt: skip
    return not bad


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    whole = untrusted_inputs()
    with tempfile.TemporaryDirectory() as folder:
        root = build_attack(Path(folder) / "ledger", Path(folder) / "outside")
        result = subprocess.run(
            [sys.executable, "-m", "zhenggai", "check", "--as-of", AS_OF],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        print(f"exit {result.returncode}; {result.stderr.strip()}")
        for cold in (True, False):
            times = [_time(root, cold) for _ in range(args.runs)]
            label = "cold (--no-cache)" if cold else "warm"
            print(f"zhenggai check, {label}: median {statistics.median(times):.3f} s")
    sys.exit(0 if whole else 1)


if __name__ == "__main__":
    main()
