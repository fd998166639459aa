"""Helpers for the tests: case ledgers built from tests/cases/, and running the CLI."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from zhenggai.cli.app import app
from zhenggai.ledger.cache import CACHE_DIR

TESTS = Path(__file__).parent
CASES = TESTS / "cases"
GOLDEN = TESTS / "golden"
REPO = TESTS.parent
EXAMPLE_LEDGER = REPO / "ledger"


#: Set by `pytest --update-goldens` (conftest): golden files are written, not compared.
UPDATING_GOLDENS: list[bool] = []


def golden(actual: str, path: Path) -> str:
    """What the golden file ``path`` holds — or, with ``--update-goldens``, ``actual``,
    written there first. Compare the result: ``assert out == golden(out, path)``."""
    if UPDATING_GOLDENS:
        path.write_bytes(actual.encode("utf-8"))
    return path.read_bytes().decode("utf-8")


def copy_example(target: Path) -> Path:
    """A copy of the example ledger, without the parse cache a run on it may have left
    (a copied cache is recognised by content, and the test would start warm)."""
    shutil.copytree(EXAMPLE_LEDGER, target, ignore=shutil.ignore_patterns(CACHE_DIR))
    return target


def build_case(name: str, into: Path) -> Path:
    """A ledger at ``into/ledger``: the base ledger with the case's files laid over it."""
    root = into / "ledger"
    shutil.copytree(CASES / "_base", root, ignore=shutil.ignore_patterns(CACHE_DIR))
    case = CASES / name
    for source in sorted(case.rglob("*")):
        relative = source.relative_to(case)
        if source.is_dir() or relative.name in ("expected.txt", "expected.zh.txt", "args.txt"):
            continue
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    return root


def invoke(runner: CliRunner, args: list[str], cwd: Path | None = None) -> tuple[int, str, str]:
    """Run the CLI in ``cwd``; returns exit code, stdout and stderr."""
    previous = Path.cwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        result = runner.invoke(app, args, catch_exceptions=False)
    finally:
        os.chdir(previous)
    return result.exit_code, result.stdout, result.stderr


GIT_ENV = {
    "GIT_AUTHOR_NAME": "整改办",
    "GIT_AUTHOR_EMAIL": "office@example.org",
    "GIT_COMMITTER_NAME": "整改办",
    "GIT_COMMITTER_EMAIL": "office@example.org",
}


def git(cwd: Path, *args: str) -> str:
    result = subprocess.run(
        ["git", "-c", "core.quotepath=false", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def git_ledger(case: str, into: Path, task_003: Path | None = None) -> Path:
    """A case ledger committed on branch main of a fresh repository; returns the ledger root.

    The caller sets GIT_ENV in the environment (``monkeypatch.setenv``).
    """
    root = build_case(case, into)
    if task_003 is not None:
        shutil.copyfile(task_003, root / "tasks" / "TASK-003.yaml")
    git(into, "init", "-q", "-b", "main")
    git(into, "add", "-A")
    git(into, "commit", "-qm", "base")
    return root


def listed_folders(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """From now on, every folder `os.scandir` lists, in order (the list fills as it goes)."""
    listed: list[str] = []
    real_scandir = os.scandir

    def spy(path: str) -> Iterator[os.DirEntry[str]]:
        listed.append(str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", spy)
    return listed


def to_pdf(tmp_path: Path, *documents: Path) -> list[Path]:
    """``documents`` turned to PDF by LibreOffice as a user's office suite opens them
    (a profile of its own under ``tmp_path``); a test needing it fails without it."""
    import shutil
    import subprocess

    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice Writer is needed (libreoffice-writer-nogui; .ci/run installs it)"
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), *map(str, documents)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    return [tmp_path / f"{document.stem}.pdf" for document in documents]
