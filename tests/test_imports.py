"""No import circle in `src/`: every import counts, at the top, under TYPE_CHECKING or in a
function, since each one is a dependency a reader has to follow."""

from __future__ import annotations

import ast
from collections.abc import Mapping, Set
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[1] / "src"


def module_name(path: Path) -> str:
    parts = path.relative_to(SOURCE).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph() -> dict[str, set[str]]:
    paths = {module_name(path): path for path in SOURCE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in paths.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                    base = f"{anchor}.{base}".rstrip(".")
                targets.add(base)
                targets.update(f"{base}.{alias.name}" for alias in node.names)
        graph[name] = {target for target in targets if target in paths and target != name}
    return graph


def find_cycle(graph: Mapping[str, Set[str]]) -> list[str] | None:
    """One import circle, as the list of modules along it, or None."""
    state: dict[str, str] = {}
    trail: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = "open"
        trail.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == "open":
                return [*trail[trail.index(target):], target]
            if target not in state and (cycle := visit(target)) is not None:
                return cycle
        trail.pop()
        state[node] = "done"
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)) is not None:
            return cycle
    return None


def test_the_finder_sees_a_circle_through_a_type_checking_import(tmp_path: Path) -> None:
    graph = {"sbbot.engine": {"sbbot.commands.admin"}, "sbbot.commands.admin": {"sbbot.engine"},
             "sbbot.chat": set()}
    assert find_cycle(graph) == ["sbbot.commands.admin", "sbbot.engine", "sbbot.commands.admin"]


def test_no_import_circle_in_src() -> None:
    graph = import_graph()

    assert "sbbot.snapshot" in graph["sbbot.engine"]  # the graph is really built
    assert find_cycle(graph) is None, " -> ".join(find_cycle(graph) or [])
