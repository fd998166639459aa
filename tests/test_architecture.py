"""The layout holds the architecture: packages in layers, no import upward, no circles.

Every import counts, also those made inside a function (to start fast) and
those only for the type checker: a lazy import is still a dependency.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).parent.parent / "src" / "zhenggai"

#: Lowest first. A module may import its own layer and those below it, never above.
LAYERS = [
    {"findings", "safetext", "labels", "messages", "chinese", "__init__"},  # what every layer uses
    {"files", "sheets"},  # bytes on disk: strict YAML, positions, writes, lock, git; sheets
    {"records"},  # what a ledger holds: the models, their vocabulary, validation
    {"days"},  # time: dates, working days, a task's state on a day
    {"ledger"},  # the ledger loaded: reading, cache, evidence, queries
    {"checks"},  # what is wrong with it
    {"writes"},  # changing it: planned, judged by the checks, written atomically
    {"imports"},  # a spreadsheet 台账 brought in: rows read, files planned
    {"reports"},  # what it says, as data
    {"render"},  # that data as text, tables, JSON, CSV, Markdown
    {"workspace"},  # the front door: one ledger or many, reports merged, writes routed
    {"cli", "__main__"},  # the command line
]
MAX_LINES = 400


def _module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(path): path for path in sorted(SRC.rglob("*.py"))}


def _layer(module: str) -> int:
    parts = module.split(".")
    top = parts[1] if len(parts) > 1 else "__init__"
    return next(index for index, names in enumerate(LAYERS) if top in names)


def _imports(module: str) -> set[str]:
    """The zhenggai modules ``module`` imports, anywhere in it."""
    path = MODULES[module]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("zhenggai"))
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1])
                base = f"{base}.{node.module}" if node.module else base
            if not base.startswith("zhenggai"):
                continue
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                found.add(candidate if candidate in MODULES else base)
    found.discard(module)
    return found


GRAPH = {module: _imports(module) for module in MODULES}


def test_every_module_has_a_layer() -> None:
    for module in MODULES:
        _layer(module)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_nothing_imports_upward(module: str) -> None:
    upward = sorted(target for target in GRAPH[module] if _layer(target) > _layer(module))
    assert upward == [], f"{module} imports a layer above it: {upward}"


def test_the_import_graph_has_no_circles() -> None:
    # Tarjan's strongly connected components: a component of more than one module is a circle.
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    circles: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for target in GRAPH[module]:
            if target not in index:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in on_stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == module:
                    break
            if len(component) > 1:
                circles.append(sorted(component))

    for module in sorted(GRAPH):
        if module not in index:
            visit(module)
    assert circles == []


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_is_over_400_lines(module: str) -> None:
    lines = len(MODULES[module].read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{module}: {lines} lines"


@pytest.mark.parametrize("package", sorted(p.parent.name for p in SRC.glob("*/__init__.py")))
def test_each_package_says_what_lives_there(package: str) -> None:
    doc = ast.get_docstring(ast.parse((SRC / package / "__init__.py").read_text("utf-8")))
    assert doc and "import" in doc, (
        f"{package}/__init__.py: say what lives there and what it may import"
    )


def test_the_readme_layout_names_every_module() -> None:
    readme = (SRC.parent.parent / "README.md").read_text(encoding="utf-8")
    layout = readme.split("Layout (lowest layer first", 1)[1].split("```", 2)[1]
    named = set(layout.replace(".py", " ").translate(str.maketrans("/,;:", "    ")).split())
    missing = sorted(
        path.stem
        for path in SRC.rglob("*.py")
        if path.stem not in ("__init__", "__main__") and path.stem not in named
    )
    assert missing == []
    packages = sorted(p.parent.name for p in SRC.glob("*/__init__.py"))
    assert all(f"{package}/" in layout for package in packages)


def test_the_architecture_page_names_every_package_in_its_layer() -> None:
    """docs/architecture.md's table of layers is the package list, lowest first."""
    page = (SRC.parent.parent / "docs" / "architecture.md").read_text(encoding="utf-8")
    table = page.split("| layer | what lives there |", 1)[1].split("\n\n", 1)[0]
    named: list[str] = []
    for row in table.splitlines()[2:]:
        first = row.split("|")[1]
        named += [name.strip("`/ ") for name in first.split(",")]
    packages = {p.parent.name for p in SRC.glob("*/__init__.py")}
    top_modules = {p.stem for p in SRC.glob("*.py")} - {"__init__", "__main__"}
    assert sorted(named) == sorted(packages | top_modules)
    layers = [_layer(f"zhenggai.{name}") for name in named]
    assert layers == sorted(layers), "the table's rows go lowest layer first"
