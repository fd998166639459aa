"""Debian's Chromium, driven by playwright, opening the HTML pages zhenggai makes as a
user's browser does: offline, every request refused and recorded.

Never `playwright install`: the browser is the system's (`.ci/run` installs it). A test
that needs it and cannot find it fails.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Page, Route


@dataclass
class Opened:
    page: Page
    requests: list[str] = field(default_factory=list)  # every URL the page asked for
    errors: list[str] = field(default_factory=list)  # script errors and console errors


@contextmanager
def open_page(path: Path, width: int = 1200, height: int = 900) -> Iterator[Opened]:
    """``path`` in headless Chromium with the network cut: any request but the page itself
    is aborted and recorded, so a test can assert that a page asks nothing of any host."""
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium")
    assert chromium, "Chromium is needed (Debian's chromium; .ci/run installs it)"
    url = path.resolve().as_uri()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium, args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            context = browser.new_context(viewport={"width": width, "height": height}, offline=True)
            page = context.new_page()
            opened = Opened(page)

            def refuse(route: Route) -> None:
                if route.request.url == url:
                    route.continue_()
                else:
                    opened.requests.append(route.request.url)
                    route.abort()

            page.route("**/*", refuse)
            page.on("pageerror", lambda error: opened.errors.append(str(error)))
            page.on(
                "console",
                lambda message: (
                    opened.errors.append(message.text) if message.type == "error" else None
                ),
            )
            page.goto(url)
            page.wait_for_load_state("load")
            yield opened
        finally:
            browser.close()
