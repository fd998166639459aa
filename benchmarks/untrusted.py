"""The attacks of untrusted sheets, outputs, samples and texts, run one after another
on one ledger, each timed: what `benchmarks/attack.py` runs after the check attacks.

Every attack is a `zhenggai` command run as a separate process (a guard of 60 s
kills a hang) on the same copy of the example ledger, in four phases: imports of
hostile sheets into the clean ledger; outputs aimed at a FIFO, a device, stdout
and the ledger's own files; texts, samples and hand-written characters; and a task
file with conflict markers. Each is judged on what it must do — its exit code, a
line it must print — and on what it must not: a traceback or "internal error", a
change to the ledger when it refused, a change to anything outside the ledger, the
outside secret in any file of the ledger, a run over 10 s.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import threading
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
AS_OF = "2021-10-23"
SECRET = "SECRET-OUTSIDE-7f3a"
HEADER = "整改措施,责任领导,牵头单位,完成时限,佐证材料\n"


@dataclass
class Outcome:
    name: str
    code: int
    seconds: float
    verdict: str  # "ok", or what went wrong


@dataclass
class Attack:
    name: str
    args: list[str]
    codes: tuple[int, ...]  # the exit codes it may give
    said: str = ""  # a line it must print (stdout or stderr)
    writes: bool = False  # it is allowed to change the ledger (else: nothing changes)
    before: Callable[[], None] | None = None  # set-up right before it runs


def digest(root: Path) -> str:
    """One digest of every file under ``root`` (names, kinds, bytes; no caches)."""
    summary = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if ".zhenggai-cache" in path.parts:
            continue
        summary.update(str(path.relative_to(root)).encode("utf-8", "surrogateescape"))
        if path.is_symlink():
            summary.update(b"->" + os.readlink(path).encode())
        elif path.is_file():
            summary.update(path.read_bytes())
    return summary.hexdigest()


def _run(attack: Attack, ledger: Path) -> tuple[int, str, float]:
    command = [sys.executable, "-m", "zhenggai", *attack.args, "--lang", "en"]
    started = time.perf_counter()
    try:
        done = subprocess.run(command, cwd=ledger, capture_output=True, timeout=60, check=False)
        code, out = done.returncode, (done.stdout + done.stderr).decode("utf-8", "replace")
    except subprocess.TimeoutExpired:
        code, out = -1, "hung: killed after 60 s"
    return code, out, time.perf_counter() - started


def run_attacks(attacks: list[Attack], ledger: Path, outside: Path) -> list[Outcome]:
    outcomes = []
    for attack in attacks:
        if attack.before is not None:
            attack.before()
        ledger_before, outside_before = digest(ledger), digest(outside)
        code, out, seconds = _run(attack, ledger)
        wrong = []
        if code not in attack.codes:
            wrong.append(f"exit {code}, not {attack.codes}: {out.strip()[-300:]}")
        if attack.said and attack.said not in out:
            wrong.append(f"did not say {attack.said!r}: {out.strip()[-300:]}")
        if "Traceback" in out or "internal error" in out:
            wrong.append("a traceback")
        if not attack.writes and digest(ledger) != ledger_before:
            wrong.append("changed the ledger")
        if digest(outside) != outside_before:
            wrong.append("changed a file outside")
        if seconds > 10:
            wrong.append(f"took {seconds:.1f} s")
        outcomes.append(Outcome(attack.name, code, seconds, "; ".join(wrong) or "ok"))
    leaked = [
        str(path)
        for path in ledger.rglob("*")
        if path.is_file() and not path.is_symlink() and SECRET.encode() in path.read_bytes()
    ]
    if leaked:
        outcomes.append(Outcome("the outside secret in the ledger", 0, 0, ", ".join(leaked)))
    return outcomes


def _csv(folder: Path, name: str, rows: str, header: str = HEADER) -> str:
    path = folder / name
    path.write_text(header + rows, "utf-8")
    return str(path)


def _xlsx(folder: Path, name: str, far: tuple[int, int]) -> str:
    import xlsxwriter

    path = folder / name
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("台账")
    sheet.write_row(0, 0, ["整改措施", "牵头单位", "完成时限"])
    sheet.write_string(*far, "x")
    book.close()
    return str(path)


def _ods_bomb(folder: Path) -> str:
    cell = (
        '<table:table-cell office:value-type="string" table:number-columns-repeated="1000">'
        "<text:p>x</text:p></table:table-cell>"
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body>'
        '<office:spreadsheet><table:table table:name="台账">'
        f'<table:table-row table:number-rows-repeated="100000">{cell}</table:table-row>'
        "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    path = folder / "炸弹.ods"
    with zipfile.ZipFile(path, "w") as book:
        book.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        book.writestr("content.xml", content)
    return str(path)


def plant(root: Path) -> tuple[Path, Path, Path]:
    """The example ledger at ``root/ledger`` and what the attacks need beside it: the
    folder outside (a secret, a folder of evidence), the returned folder of evidence
    (links outside, a file over the bound) and the sheets."""
    ledger, outside, sheets = root / "ledger", root / "outside", root / "sheets"
    shutil.copytree(REPO / "ledger", ledger, ignore=shutil.ignore_patterns(".zhenggai-cache"))
    settings = ledger / "zhenggai.yaml"
    settings.write_text(settings.read_text("utf-8") + "evidence_max_mb: 1\n", "utf-8")
    (outside / "dir").mkdir(parents=True)
    (outside / "reviews").mkdir()
    (outside / "secret.txt").write_text(SECRET, "utf-8")
    (outside / "dir" / "x.pdf").write_text(SECRET, "utf-8")
    returned = root / "returned"
    returned.mkdir()
    (returned / "linked").symlink_to(outside / "dir")
    (returned / "link.txt").symlink_to(outside / "secret.txt")
    (returned / "big.pdf").write_bytes(b"0" * (2 << 20))
    sheets.mkdir()
    os.mkfifo(sheets / "fifo.csv")
    os.mkfifo(outside / "fifo.md")
    return ledger, outside, sheets


def attacks(root: Path) -> list[Attack]:
    """Every attack, in the order they run on the one ledger."""
    ledger, outside, sheets = root / "ledger", root / "outside", root / "sheets"
    returned = root / "returned"
    row = "建立联络员周报制度,党组书记,研究室,2021-12-31,{}\n"
    imp = ["import", "csv", "--evidence-dir", str(returned), "--date", "2021-10-20"]
    long = "某某省某某市某某区" * 8
    registries = (
        f"第一项,党组书记,{long}甲,2021-12-31,\n第二项,党组书记,{long}乙,2021-12-31,\n"
        "第三项,党组书记,\x1b[31m宣传\u202e部,2021-12-31,\n"
    )
    ids = "编号," + HEADER + "TASK-١٢٣,第四项,党组书记,研究室,2021-12-31,\n"
    ids += "TASK-1,第五项,党组书记,研究室,2021-12-31,\n"
    million = "\n".join(",研究室," for _ in range(1_000_000)) + "\n"
    big_cell = "建立制度" + "很" * 200_000 + ",党组书记,研究室,2021-12-31,\n"
    huge_texts = '"' + "一" * 10_000 + "\n" + "二" * 100_000 + '",党组书记,研究室,2021-12-31,\n'
    conflicted = "TASK-107,另一项举措,党组书记,研究室,2021-12-31,\n"
    narrow = "整改措施,牵头单位,完成时限\n"
    reader: list[threading.Thread] = []

    def read_fifo() -> None:
        def drain() -> None:
            with open(outside / "fifo.md", "rb") as stream:
                stream.read()

        reader.append(threading.Thread(target=drain, daemon=True))
        reader[-1].start()

    def hostile_texts() -> None:
        (ledger / "bulletin" / "part1.md").write_text(" ".join(["{x}"] * 20_000), "utf-8")
        task = ledger / "tasks" / "TASK-022.yaml"
        text = task.read_text("utf-8")
        title = next(line for line in text.splitlines() if line.startswith("title: "))
        task.write_text(text.replace(title, 'title: "建立\\e[2J周报\\u202e制度"'), "utf-8")
        shutil.rmtree(ledger / "reviews", ignore_errors=True)
        (ledger / "reviews").symlink_to(outside / "reviews")

    def bad_review() -> None:
        (ledger / "reviews").unlink()
        (ledger / "reviews").mkdir()
        (ledger / "reviews" / "REVIEW-2021-09.yaml").write_text(
            "id: REVIEW-2021-09\ndate: 2021-09-01\nby: 整改办\nseed: 1\nmethod: random\n"
            "population: {size: 3, rule: done on 2021-09-01}\npicks:\n"
            "  - {task: TASK-999, result: pass, date: 2021-09-20, by: 整改办}\n"
            "  - {task: TASK-001, result: fail, date: 2021-09-20, by: 整改办, note: 未印发}\n"
            "  - {task: TASK-001}\n",
            "utf-8",
        )

    def conflict() -> None:
        (ledger / "tasks" / "TASK-107.yaml").write_text(
            "<<<<<<< HEAD\nid: TASK-107\n=======\nid: TASK-107\n>>>>>>> other\n", "utf-8"
        )

    refused = "is not inside --evidence-dir"
    return [
        # 1. Evidence named by a sheet.
        Attack(
            "evidence ../",
            [*imp, _csv(sheets, "a1.csv", row.format("../outside/secret.txt"))],
            (2,),
            refused,
        ),
        Attack(
            "evidence absolute",
            [*imp, _csv(sheets, "a2.csv", row.format(outside / "secret.txt"))],
            (2,),
            refused,
        ),
        Attack(
            "evidence through a linked folder",
            [*imp, _csv(sheets, "a3.csv", row.format("linked/x.pdf"))],
            (2,),
            "passes through a link",
        ),
        Attack(
            "evidence a link",
            [*imp, _csv(sheets, "a4.csv", row.format("link.txt"))],
            (2,),
            "passes through a link",
        ),
        Attack(
            "evidence over evidence_max_mb",
            [*imp, _csv(sheets, "a5.csv", row.format("big.pdf"))],
            (2,),
            "evidence_max_mb",
        ),
        # 2. Sheets that would be built as dense grids.
        Attack(
            "xlsx cell at XFD1048576",
            ["import", "xlsx", _xlsx(sheets, "b1.xlsx", (1048575, 16383))],
            (2,),
            "sheet_max_cells",
        ),
        Attack(
            "xlsx cell at Z1048576",
            ["import", "xlsx", _xlsx(sheets, "b2.xlsx", (1048575, 25))],
            (2,),
            "sheet_max_cells",
        ),
        Attack(
            "ods of 10^8 repeated cells",
            ["import", "xlsx", _ods_bomb(sheets)],
            (2,),
            "sheet_max_cells",
        ),
        Attack(
            "csv of a million rows",
            ["import", "csv", _csv(sheets, "b3.csv", million, narrow)],
            (2,),
            "sheet_max_cells",
        ),
        # 5. Inputs that are not files, or too long.
        Attack("csv /dev/zero", ["import", "csv", "/dev/zero"], (2,), "not a regular file"),
        Attack(
            "csv a FIFO", ["import", "csv", str(sheets / "fifo.csv")], (2,), "not a regular file"
        ),
        Attack("xlsx a folder", ["import", "xlsx", str(sheets)], (2,), "is a folder"),
        Attack(
            "csv cell of 200,000 characters",
            ["import", "csv", _csv(sheets, "c1.csv", big_cell)],
            (2,),
            "longer than",
        ),
        Attack(
            "title 10,000 + measure 100,000",
            ["import", "csv", _csv(sheets, "c2.csv", huge_texts)],
            (1,),
            "this column may hold",
        ),
        # 6. Registries and ids from cells (taken, made harmless).
        Attack(
            "unit names sharing 64 characters, ESC and U+202E",
            [*imp[:2], _csv(sheets, "d1.csv", registries)],
            (0,),
            writes=True,
        ),
        Attack(
            "编号 TASK-١٢٣ and TASK-1",
            ["import", "csv", _csv(sheets, "d2.csv", "", ids)],
            (0,),
            "not taken",
            writes=True,
        ),
        Attack("check after the imports", ["check", "--as-of", AS_OF], (0,)),
        # 7. Output paths.
        Attack(
            "-o a FIFO (read)",
            ["report", "weekly", "--as-of", AS_OF, "-o", str(outside / "fifo.md")],
            (0,),
            before=read_fifo,
        ),
        Attack("-o /dev/null", ["report", "weekly", "--as-of", AS_OF, "-o", "/dev/null"], (0,)),
        Attack(
            "-o a task file",
            ["report", "weekly", "--as-of", AS_OF, "-o", "tasks/TASK-013.yaml"],
            (2,),
        ),
        Attack(
            "-o zhenggai.yaml", ["export", "json", "--as-of", AS_OF, "-o", "zhenggai.yaml"], (2,)
        ),
        Attack(
            "-o a csv among the tasks",
            ["export", "csv", "--as-of", AS_OF, "-o", "tasks/x.csv"],
            (2,),
        ),
        # 8, 9. Texts, samples, hand-written characters.
        Attack(
            "bulletin of 20,000 placeholders",
            ["report", "bulletin", "--as-of", AS_OF],
            (2,),
            "more like them",
            before=hostile_texts,
        ),
        Attack(
            "sample --record into a linked reviews/",
            ["sample", "2", "--seed", "1", "--record", "--as-of", AS_OF],
            (2,),
            "not a real folder",
        ),
        Attack("check a hand-written ESC title", ["check", "--as-of", AS_OF], (1,), "[plain-text]"),
        Attack(
            "a review of a missing task, twice, failed unreopened",
            ["check", "--as-of", AS_OF],
            (1,),
            "[review-record]",
            before=bad_review,
        ),
        Attack(
            "a note of 6,000 characters",
            ["progress", "TASK-005", "推进" * 3000, "--date", "2021-10-20"],
            (2,),
            "[text-length]",
        ),
        # 3. A task file that does not read.
        Attack(
            "import over a conflicted task file",
            ["import", "csv", _csv(sheets, "e1.csv", conflicted, "编号," + HEADER)],
            (2,),
            "do not read",
            before=conflict,
        ),
    ]
