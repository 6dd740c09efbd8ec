"""The shape of the tree holds: each room owns one thing, and nothing goes round in a circle.

These read the source (``ast``), not the running program, so they fail the moment someone adds a
second atomic write, SQL outside the workspace, an import circle, or a long orchestrator function.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("redact", "recognizers")

# Imports inside a function are allowed only for what is slow to import and needed by few commands.
LAZY_ALLOWED = {
    "redact.stages.detect": "Presidio and spaCy take seconds to import",
    "redact.review.app": "FastAPI and uvicorn, for `redact review` only",
    "redact.register": "Jinja2 and its templates, for `redact register` only",
    "recognizers.registry": "Presidio, for `redact register` only",
    "spacy": "seconds to import; the direct engine does not need it",
    "deduce": "only the comparison in `redact eval` needs it",
    "distributed": "the optional Dask extra",
    "extract_msg": "only for Outlook .msg input",
    "faker": "only `redact eval --by-origin` needs it",
    "openpyxl": "only the inventory's workbook needs it",
    "rich.progress": "only an interactive terminal needs it",
}


def modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            found[name] = path
    return found


MODULES = modules()


def _imported(node: ast.Import | ast.ImportFrom, module: str) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if node.level:  # relative: resolve against the importing module's package
        base = module.split(".")[: -node.level]
        target = ".".join(base + ([node.module] if node.module else []))
    else:
        target = node.module or ""
    # ``from redact import audit`` imports the module redact.audit, not only the package.
    return [f"{target}.{a.name}" if f"{target}.{a.name}" in MODULES else target for a in node.names]


def _in_type_checking(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    while node in parents:
        node = parents[node]
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            return True
    return False


def import_graph() -> tuple[dict[str, set[str]], list[tuple[str, int, str]]]:
    """Module-level imports between our modules, and every import made inside a function."""
    graph: dict[str, set[str]] = {name: set() for name in MODULES}
    inside: list[tuple[str, int, str]] = []
    for name, path in MODULES.items():
        tree = ast.parse(path.read_text("utf-8"))
        parents = {child: parent for parent in ast.walk(tree) for child in ast.iter_child_nodes(parent)}
        for node in ast.walk(tree):
            if not isinstance(node, ast.Import | ast.ImportFrom):
                continue
            targets = _imported(node, name)
            scope = parents.get(node)
            in_function = False
            while scope is not None:
                if isinstance(scope, ast.FunctionDef | ast.AsyncFunctionDef):
                    in_function = True
                    break
                scope = parents.get(scope)
            if in_function:
                inside.extend((name, node.lineno, t) for t in targets)
            elif not _in_type_checking(node, parents):
                graph[name].update(t for t in targets if t in MODULES and t != name)
    return graph, inside


def test_no_import_circle() -> None:
    graph, _ = import_graph()
    state: dict[str, int] = {}
    circles = []

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                circles.append(path[path.index(nxt):] + [nxt] if nxt in path else [node, nxt])
            elif nxt not in state:
                visit(nxt, path + [nxt])
        state[node] = 2

    for start in sorted(graph):
        if start not in state:
            visit(start, [start])
    assert circles == []


def test_imports_inside_functions_are_only_for_slow_dependencies() -> None:
    _, inside = import_graph()
    dodging = [f"{module}:{line} imports {target}" for module, line, target in inside
               if not any(target == lazy or target.startswith(lazy + ".") for lazy in LAZY_ALLOWED)]
    assert dodging == []


def _calls(path: Path, attribute: str) -> list[int]:
    tree = ast.parse(path.read_text("utf-8"))
    return [n.lineno for n in ast.walk(tree)
            if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == attribute]


def test_one_atomic_write() -> None:
    """``os.replace`` (and a ``Path.replace`` rename) only in redact/files.py."""
    found = {name: _calls(path, "replace") for name, path in MODULES.items() if name != "redact.files"}
    renames = {}
    for name, lines in found.items():
        source = MODULES[name].read_text("utf-8").splitlines()
        hits = [n for n in lines if "os.replace" in source[n - 1] or ".replace(tmp" in source[n - 1]]
        if hits:
            renames[name] = hits
    assert renames == {}


def test_sql_only_in_the_workspace() -> None:
    offenders = {name: path for name, path in MODULES.items()
                 if name != "redact.workspace" and ("import sqlite3" in path.read_text("utf-8")
                                                    or _calls(path, "execute")
                                                    or _calls(path, "executemany"))}
    assert sorted(offenders) == []


def test_orchestrator_reads_on_one_screen() -> None:
    tree = ast.parse(MODULES["redact.pipeline"].read_text("utf-8"))
    long = {n.name: (n.end_lineno or n.lineno) - n.lineno + 1 for n in ast.walk(tree)
            if isinstance(n, ast.FunctionDef) and (n.end_lineno or n.lineno) - n.lineno + 1 > 60}
    assert long == {}


def test_legal_grounds_defined_once() -> None:
    defining = [name for name, path in MODULES.items()
                if name != "redact.grounds" and '"5.1.2i"' in path.read_text("utf-8")]
    assert defining == []


@pytest.mark.slow
def test_mypy_strict() -> None:
    """``mypy --strict`` on redact/ and recognizers/ (pyproject's [tool.mypy] sets strict)."""
    result = subprocess.run([sys.executable, "-m", "mypy", "--strict", *PACKAGES], cwd=ROOT,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-3000:]
