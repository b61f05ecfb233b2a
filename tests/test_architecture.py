"""The shape of the code: imports point down the layers (docs/architecture.md, "How it fits
together"), no import cycle, no command module imports another, and start-up stays light."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import REPO

PACKAGE = REPO / "numsearch"
# Top to bottom; a module may import its own layer (without a cycle) or one below.
LAYERS = {
    "cli": 0,
    "account": 1, "account_changes": 1, "output": 1, "tables": 1, "terminal": 1, "picker": 1,
    "charts": 1,
    "search": 2, "tracking": 2, "watch": 2, "purchase": 2, "manage": 2, "vanity": 2,
    "purchase_outcome": 2, "bulk": 2, "purchase_plan": 2,
    "words": 2, "number_layout": 2, "memorability": 2, "pricing": 2, "compliance": 2,
    "sweep": 2, "grouping": 2,
    "api": 3, "transport": 3, "retries": 3, "http_failures": 3, "sandbox": 3,
    "query": 4, "numbering": 4, "models": 4, "number_types": 4, "purchase_fields": 4,
    "countries": 4, "keypad": 4, "spec_limits": 4, "matching": 4, "gazetteer": 4,
    "config": 5, "state": 5, "errors": 5, "settings": 5, "untrusted": 5, "version": 5,
    "__init__": 1,  # the public API: its names load lazily from the layers below
    "events": 2,
    "__main__": 0,
}  # fmt: skip


def module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """Every numsearch module `path` imports, at the top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("numsearch"):
            modules = [f"{node.module}.{alias.name}" for alias in node.names]
            modules = [
                m
                for m in modules
                if (PACKAGE.parent / m.replace(".", "/")).with_suffix(".py").exists()
            ]
            found.update(modules)  # `from numsearch import vanity` imports a module
            if len(modules) < len(node.names):  # ... and a name imports its module
                found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("numsearch"))
    return found - {module_name(path)}


GRAPH = {module_name(p): imports_of(p) for p in sorted(PACKAGE.rglob("*.py"))}


def layer(module: str) -> int:
    parts = module.split(".")
    return LAYERS[parts[1] if len(parts) > 1 else "__init__"]


def test_every_module_has_a_layer() -> None:
    assert all(layer(module) >= 0 for module in GRAPH)


@pytest.mark.parametrize("module", sorted(GRAPH))
def test_imports_point_down(module: str) -> None:
    upward = [m for m in GRAPH[module] if m in GRAPH and layer(m) < layer(module)]
    assert not upward, f"{module} imports a higher layer: {upward}"


def test_no_import_cycle() -> None:
    done: set[str] = set()

    def visit(module: str, path: list[str]) -> None:
        if module in path:
            cycle = [*path[path.index(module) :], module]
            raise AssertionError(f"import cycle: {' -> '.join(cycle)}")
        if module in done:
            return
        for imported in sorted(GRAPH.get(module, ())):
            if imported in GRAPH and imported != module.rsplit(".", 1)[0]:
                visit(imported, [*path, module])
        done.add(module)

    for module in GRAPH:
        visit(module, [])


def test_no_command_module_imports_another() -> None:
    from numsearch.cli.startup import COMMANDS

    commands = {entry.module for entry in COMMANDS.values()}
    for module in commands:
        others = GRAPH[module] & (commands - {module})
        assert not others, f"{module} imports {others}"


HEAVY = ("requests", "rich.table", "phonenumbers", "prompt_toolkit")
# Typer draws its own help panels with Rich tables: help may load rich.table, and none
# of numsearch's heavy lot.
HELP_HEAVY = ("requests", "phonenumbers", "prompt_toolkit")


@pytest.mark.parametrize(
    ("args", "heavy"),
    [
        (["--version"], HEAVY),
        (["vanity", "STORM"], HEAVY),
        (["--help"], HELP_HEAVY),
        (["local", "--help"], HELP_HEAVY),
    ],
)
def test_start_up_imports_nothing_heavy(args: list[str], heavy: tuple[str, ...]) -> None:
    probe = (
        "import sys\n"
        "from numsearch.cli import main\n"
        f"sys.argv = ['numsearch', *{args!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        f"print(sorted(m for m in sys.modules if m in {heavy!r}), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=False, timeout=60
    )
    assert done.stderr.strip().splitlines()[-1] == "[]", done.stderr


def _private_imports(path: Path) -> list[str]:
    """Imports of another package's private modules (`typer._click`, `from typer import
    _completion_shared`): they change without notice between releases."""
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = node.module.split(".")
            private = [a.name for a in node.names if a.name.startswith("_")]
            if names[0] != "numsearch" and (
                any(part.startswith("_") for part in names[1:]) or private
            ):
                found.append(f"{path.name}:{node.lineno} from {node.module} import …")
        elif isinstance(node, ast.Import):
            found += [
                f"{path.name}:{node.lineno} import {a.name}"
                for a in node.names
                if any(part.startswith("_") for part in a.name.split(".")[1:])
            ]
    return found


def test_no_private_module_of_a_dependency_is_imported() -> None:
    files = [
        *PACKAGE.rglob("*.py"),
        *(REPO / "tests").rglob("*.py"),
        *(REPO / "scripts").glob("*.py"),
    ]
    assert [hit for f in files for hit in _private_imports(f)] == []


def test_the_module_map_in_the_docs_names_every_module_and_only_modules() -> None:
    """docs/architecture.md's table names each module of numsearch/ (the sandbox as one
    package), and every module it names exists."""
    import re

    text = (REPO / "docs" / "architecture.md").read_text()
    table = text.split("Data files")[0]
    named = set(re.findall(r"`(?:cli/)?([a-z_]+\.py)`", table))
    modules = {p.name for p in PACKAGE.glob("*.py")} | {
        p.name for p in (PACKAGE / "cli").glob("*.py")
    }
    modules -= {"__init__.py", "__main__.py"}
    assert sorted(modules - named) == []
    known = modules | {p.name for p in (PACKAGE / "sandbox").glob("*.py")}
    assert sorted(named - known) == []
