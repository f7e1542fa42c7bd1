"""The tree shows the flow, and its arrows point one way: no import circle
(counting imports inside functions, which could hide one), detectors that
know no rule, and nothing that imports the command line."""

from __future__ import annotations

import ast

from conftest import REPO

PACKAGE = REPO / "checks"


def module_of(path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports() -> dict[str, set[str]]:
    """Each module of checks, and the modules of checks it imports anywhere
    in its text (a package's import counts as its __init__'s)."""
    modules = {module_of(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        found = set()
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module:
                base = node.module
                found.add(base)
                found.update(f"{base}.{a.name}" for a in node.names)
            elif isinstance(node, ast.Import):
                found.update(a.name for a in node.names)
        graph[name] = {m for m in found if m in modules and m != name}
    return graph


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The import circles: strongly connected groups of more than one module
    (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(graph[node]):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_module_imports_another_that_imports_it_back():
    assert circles(imports()) == []


def test_detectors_know_no_rule_run_or_report():
    graph = imports()
    for name, imported in graph.items():
        if name.startswith("checks.detect"):
            outside = {
                m
                for m in imported
                if not m.startswith(("checks.detect", "checks.seed"))
            }
            assert outside == set(), (name, outside)


def test_nothing_imports_the_command_line():
    graph = imports()
    assert [n for n, imported in graph.items() if "checks.cli" in imported] == [
        "checks.__main__"
    ]
