"""The leaders' page's first render in Chromium, by the browser's own clock.

    python benchmarks/dashboard_render.py --tasks 10000 --runs 5

Builds the page of a synthetic ledger (benchmarks/generate.py) with `zhenggai report
dashboard`, opens it in Debian's Chromium (headless, through playwright, network off)
and reads two marks: `domContentLoaded` (the HTML, charts and lists parsed) and
`dashboard-ready` (the page's script has read the embedded tasks and drawn the table).
Prints the medians in milliseconds, and the page's size.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import AS_OF, generate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/zhenggai-bench"))
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    root = args.workdir / f"ledger-{args.tasks}"
    if not root.exists():
        generate(args.tasks, root)
    page_file = args.workdir / f"dashboard-{args.tasks}.html"
    zhenggai = [sys.executable, "-m", "zhenggai"]
    subprocess.run([*zhenggai, "report", "dashboard", "--as-of", AS_OF.isoformat(), "-o",
                    str(page_file)], cwd=root, check=True, capture_output=True)  # fmt: skip
    chromium = shutil.which("chromium")
    if chromium is None:
        sys.exit("Chromium is needed (Debian's chromium)")
    loaded, ready = [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        for _ in range(args.runs):
            context = browser.new_context(offline=True, viewport={"width": 1280, "height": 800})
            page = context.new_page()
            page.goto(page_file.resolve().as_uri())
            page.wait_for_function("performance.getEntriesByName('dashboard-ready').length > 0")
            timing = page.evaluate(
                "[performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd,"
                " performance.getEntriesByName('dashboard-ready')[0].startTime]"
            )
            loaded.append(timing[0])
            ready.append(timing[1])
            context.close()
        browser.close()
    size = page_file.stat().st_size / 1024 / 1024
    print(f"{args.tasks:,} tasks, page {size:.1f} MiB, runs {args.runs}: "
          f"DOMContentLoaded {statistics.median(loaded):.0f} ms, "
          f"dashboard-ready {statistics.median(ready):.0f} ms (medians)")  # fmt: skip


if __name__ == "__main__":
    main()
