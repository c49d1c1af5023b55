"""The package's import graph: no module takes another's private names, and no two modules import each other."""

from __future__ import annotations

import ast
from pathlib import Path

from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

SRC = Path(__file__).resolve().parents[1] / "src"


def _modules() -> dict[str, tuple[Path, bool]]:
    """Dotted module name -> (file, whether it is a package's __init__)."""
    out: dict[str, tuple[Path, bool]] = {}
    for path in sorted((SRC / "newsprism").rglob("*.py")):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        is_pkg = parts[-1] == "__init__"
        out[".".join(parts[:-1] if is_pkg else parts)] = (path, is_pkg)
    return out


def _target(module: str, is_pkg: bool, node: ast.ImportFrom) -> str:
    if node.level == 0:
        return node.module or ""
    base = module.split(".")[: None if is_pkg else -1]
    base = base[: len(base) - node.level + 1]
    return ".".join(base + ([node.module] if node.module else []))


def _runtime_imports(body: list[ast.stmt]) -> list[ast.ImportFrom]:
    """The ``from`` imports a module runs when it is imported: not in functions, not under TYPE_CHECKING."""
    out: list[ast.ImportFrom] = []
    for n in body:
        if isinstance(n, ast.ImportFrom):
            out.append(n)
        elif isinstance(n, ast.If):
            checking = "TYPE_CHECKING" in ast.unparse(n.test)
            out += _runtime_imports(n.orelse) + ([] if checking else _runtime_imports(n.body))
        elif isinstance(n, ast.Try):
            out += _runtime_imports(n.body + [s for h in n.handlers for s in h.body] + n.orelse + n.finalbody)
    return out


def test_no_private_names_imported_across_modules() -> None:
    mods = _modules()
    found = []
    for name, (path, is_pkg) in mods.items():
        for n in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(n, ast.ImportFrom) and (target := _target(name, is_pkg, n)).startswith("newsprism"):
                found += [f"{path.relative_to(SRC)}:{n.lineno} {target}.{a.name}" for a in n.names
                          if a.name.startswith("_") and not a.name.startswith("__") and target != name]
    assert found == []


def test_no_import_cycles() -> None:
    mods = _modules()
    names = list(mods)
    at = {m: i for i, m in enumerate(names)}
    edges: set[tuple[int, int]] = set()
    for name, (path, is_pkg) in mods.items():
        for n in _runtime_imports(ast.parse(path.read_text(encoding="utf-8")).body):
            target = _target(name, is_pkg, n)
            subs = [f"{target}.{a.name}" for a in n.names if f"{target}.{a.name}" in mods]
            edges |= {(at[name], at[t]) for t in subs or [target] if t in mods and t != name}
    rows, cols = zip(*edges)
    graph = coo_matrix(([1] * len(rows), (rows, cols)), shape=(len(names), len(names)))
    _, labels = connected_components(graph, directed=True, connection="strong")
    cycles = [[m for m, lab in zip(names, labels) if lab == c] for c in set(labels.tolist())
              if (labels == c).sum() > 1]
    assert cycles == []
