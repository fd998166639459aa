"""How thin the command line is: lines of function bodies in src/zhenggai/cli/ (by
`ast`), and the places there that know of many ledgers or of the core's mechanics.

    python benchmarks/cli_shape.py [SRC]      # SRC: a src/zhenggai/cli folder

The second figure's target is 0: a command asks the workspace, which owns the
fan-out over many ledgers, the qualified ids, the lock and the parse cache.
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

#: What a command must leave to the core: the family, qualified ids, locks, caches.
CORE_MECHANICS = {
    "branch on many ledgers": re.compile(
        r"settings\.children|\.prefix\b|len\((?:ledger|path)s?\) > 1"
    ),
    "qualified id built or split": re.compile(r'rpartition\(":"\)|f"\{[^}]*\}:\{'),
    "lock taken": re.compile(r"ledger_lock\("),
    "cache saved": re.compile(r"save_cache\("),
}


def body_lines(path: Path) -> int:
    """Lines of the bodies of every function in ``path`` (docstrings included)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    total = 0
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            first = node.body[0].lineno
            last = max(getattr(child, "end_lineno", first) or first for child in node.body)
            total += last - first + 1
    return total


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("src/zhenggai/cli")
    files = sorted(folder.glob("*.py"))
    print(f"function body lines in {folder}: {sum(body_lines(path) for path in files)}")
    for name, pattern in CORE_MECHANICS.items():
        count = sum(len(pattern.findall(path.read_text(encoding="utf-8"))) for path in files)
        print(f"{name}: {count}")


if __name__ == "__main__":
    main()
