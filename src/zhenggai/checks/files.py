"""Checks on files as files: they parse, they validate, they are named for their ids."""

from __future__ import annotations

from collections.abc import Iterator

from zhenggai.checks.base import CheckContext, file_finding, task_finding
from zhenggai.files.document import Document
from zhenggai.findings import Finding
from zhenggai.ledger.loaded import LoadedTask
from zhenggai.ledger.paths import PROBLEMS_FILE, SETTINGS_FILE, TASK_SUFFIX, TASKS_DIR
from zhenggai.messages import text


def _from_loading(ctx: CheckContext, check: str) -> Iterator[Finding]:
    return (f for f in ctx.ledger.findings if f.check == check)


def check_parse(ctx: CheckContext) -> Iterator[Finding]:
    """Every ledger file is UTF-8 YAML that zhenggai can read without guessing.

    Refused: syntax errors, tabs used for indentation, duplicate keys,
    anchors and aliases (``&a`` / ``*a``), merge keys (``<<``), tags, keys
    that are not text, more than one document, git conflict markers, empty
    files, a top level that is not a mapping, files that are not UTF-8
    (GBK files are recognised and named), control characters. A file that
    fails here is not checked further, and is reported, never skipped.

    Fails::

        id: TASK-001
        title: 学习制度
        title: 学习制度（修订）   # duplicate key

    Passes::

        id: TASK-001
        title: 学习制度（修订）
    """
    return _from_loading(ctx, "parse")


def check_schema(ctx: CheckContext) -> Iterator[Finding]:
    """Every file matches the ledger format: known keys, right types, real dates.

    Unknown keys are errors (a typo never passes silently); dates are written
    YYYY-MM-DD and must exist; statuses, terms and cadences are one of their
    listed words. Each finding points at the offending key or list item.

    Fails::

        deadlne: 2021-12-31      # unknown key (did you mean 'deadline'?)
        deadline: 2021-02-30     # not a real date

    Passes::

        deadline: 2021-12-31
    """
    return _from_loading(ctx, "schema")


def files_not_tasks(ctx: CheckContext) -> Iterator[Finding]:
    """The id-filename findings of loading: files in tasks/ that are not task files."""
    return _from_loading(ctx, "id-filename")


def check_id_filename(ctx: CheckContext, loaded: LoadedTask) -> Iterator[Finding]:
    """A task file is named after its id: ``tasks/<ID>.yaml``, and ids use the ledger's prefix.

    ``tasks/`` holds task files only; any other file or folder there is
    reported (hidden files such as ``.gitkeep`` are left alone).

    Fails (in ``tasks/TASK-002.yaml``)::

        id: TASK-001

    Passes (in ``tasks/TASK-002.yaml``)::

        id: TASK-002
    """
    prefix = ctx.ledger.settings.id_prefix
    task_id = loaded.id
    expected = f"{TASKS_DIR}/{task_id}{TASK_SUFFIX}"
    if loaded.path != expected:
        yield task_finding(
            loaded,
            ("id",),
            text("id {id} does not match the file name {path}", id=task_id, path=loaded.path),
            hint=text("rename the file to {expected}, or correct the id", expected=expected),
        )
    if not task_id.startswith(f"{prefix}-"):
        yield task_finding(
            loaded,
            ("id",),
            text(
                "id {id} does not start with the ledger's prefix {prefix}-",
                id=task_id,
                prefix=prefix,
            ),
            hint=text(
                "use ids like {prefix}-001 (id_prefix in {file})", prefix=prefix, file=SETTINGS_FILE
            ),
        )


def check_unique_id(ctx: CheckContext) -> Iterator[Finding]:
    """Ids are unique: tasks, problems, sections, units and leaders.

    Fails (``zhenggai.yaml``)::

        units:
          - {id: 办公厅, name: 全国政协办公厅}
          - {id: 办公厅, name: 办公厅秘书局}

    Passes::

        units:
          - {id: 办公厅, name: 全国政协办公厅}
          - {id: 秘书局, name: 办公厅秘书局}
    """
    ledger = ctx.ledger
    first_task: dict[str, str] = {}
    for loaded in ledger.tasks:
        earlier = first_task.setdefault(loaded.id, loaded.path)
        if earlier != loaded.path:
            yield task_finding(
                loaded,
                ("id",),
                text("id {id} is also used by {earlier}", id=loaded.id, earlier=earlier),
                hint=text("give each task its own id"),
            )
    settings = ledger.settings
    yield from _repeats(
        ledger.settings_document,
        SETTINGS_FILE,
        "units",
        [unit.id for unit in settings.units],
        "unit",
    )
    yield from _repeats(
        ledger.settings_document,
        SETTINGS_FILE,
        "leaders",
        [leader.id for leader in settings.leaders],
        "leader",
    )
    if ledger.problems_document is not None:
        yield from _repeats(
            ledger.problems_document,
            PROBLEMS_FILE,
            "sections",
            [section.id for section in ledger.sections],
            "section",
        )
        seen: dict[str, str] = {}
        for s_index, section in enumerate(ledger.sections):
            for p_index, problem in enumerate(section.problems):
                if problem.id in seen:
                    yield file_finding(
                        PROBLEMS_FILE,
                        text("problem id {id} is used twice", id=problem.id),
                        where=ledger.problems_document.locate(
                            ("sections", s_index, "problems", p_index, "id")
                        ),
                    )
                seen.setdefault(problem.id, section.id)


def _repeats(
    document: Document, rel: str, key: str, ids: list[str], noun: str
) -> Iterator[Finding]:
    seen: set[str] = set()
    for index, item_id in enumerate(ids):
        if item_id in seen:
            yield file_finding(
                rel,
                text("{noun} id {id} is used twice", noun=noun, id=item_id),
                where=document.locate((key, index, "id")),
            )
        seen.add(item_id)


def check_stray_temp_file(ctx: CheckContext) -> Iterator[Finding]:
    """No temp file of a killed write is left in the ledger.

    zhenggai writes a file by writing ``.<name>.<random>.tmp`` beside it and
    renaming it into place, so a write that is killed (or loses power) leaves
    the old file whole and the temp file behind. It holds nothing the ledger
    needs; delete it so that it is never committed.

    Fails: ``tasks/.TASK-001.yaml.k2j4x9qa.tmp`` exists.

    Passes: the folder holds only the ledger's own files.
    """
    ledger = ctx.ledger
    for rel in [*ledger.temp_files, *ledger.evidence.temp_files]:
        yield file_finding(
            rel,
            text(
                "{path} is the temp file of a write that was stopped; the file it was for is "
                "whole without it",
                path=rel,
            ),
            text("delete it, and never commit it"),
        )
