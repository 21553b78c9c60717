"""The package's shape: one subpackage per capability, layers that only look down, no import cycles.

Every import in `src/douyin_team` is read from the source (also those inside functions and under
TYPE_CHECKING, since a cycle there is still a knot a reader has to untie).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "douyin_team"

# Lowest first: a module may import from its own layer or one below, never from one above.
LAYERS = ["(root)", "knowledge", "team", "money", "planning", "checking", "staffing", "chart", "kit", "reports",
          "store", "jobs", "web", "cli"]
ROOT_MODULES = {"__init__", "__main__", "errors", "text", "textpolicy", "dump", "cache", "gcpause", "progress",
                "lifeline"}
ADAPTERS = {"store", "jobs", "web", "cli"}


def _modules() -> dict[str, Path]:
    """Dotted module name → file, for every module of the package (migration scripts aside)."""
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if "migrations" in parts:
            continue
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def _bound(path: Path) -> set[str]:
    """Names a package's `__init__` binds by importing them (`from .main import main` makes `main` a function)."""
    return {a.asname or a.name for n in _top_level(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(n, ast.ImportFrom) for a in n.names}


def _top_level(tree: ast.Module) -> list[ast.stmt]:
    """A module's statements, with those under `if TYPE_CHECKING:` (a package's lazily loaded names)."""
    return [s for n in tree.body for s in (n.body if isinstance(n, ast.If) else [n])]


BOUND = {name: _bound(path) for name, path in MODULES.items() if path.name == "__init__.py"}


def _imports(name: str, path: Path) -> set[str]:
    """The package's modules that `name` imports (a package import counts as its `__init__`)."""
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        targets: list[str] = []
        if isinstance(node, ast.ImportFrom):
            base = ".".join(package[: len(package) - node.level + 1] + ([node.module] if node.module else [])) \
                if node.level else (node.module or "")
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES and a.name not in BOUND.get(base, ()) else base
                       for a in node.names]
        elif isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        out |= {t for t in targets if t in MODULES and t != name}
    return out


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def _layer(module: str) -> str:
    if module == "douyin_team.__main__":  # `python -m douyin_team` is the command line's way in
        return "cli"
    parts = module.split(".")
    return parts[1] if len(parts) > 2 or (len(parts) == 2 and parts[1] not in ROOT_MODULES) else "(root)"


def test_every_module_belongs_to_a_layer() -> None:
    assert {_layer(m) for m in MODULES} <= set(LAYERS)
    loose = {m.split(".")[1] for m in MODULES if m.count(".") == 1 and (PACKAGE / f"{m.split('.')[1]}.py").exists()}
    assert loose <= ROOT_MODULES, f"modules loose at the root: {sorted(loose - ROOT_MODULES)}"


def test_no_import_cycles() -> None:
    """Depth-first search over the module graph; the first cycle found is reported as a path."""
    state: dict[str, int] = {}  # 1 on the stack, 2 done
    stack: list[str] = []

    def visit(m: str) -> list[str] | None:
        state[m] = 1
        stack.append(m)
        for n in sorted(GRAPH[m]):
            if state.get(n) == 1:
                return stack[stack.index(n):] + [n]
            if n not in state and (cycle := visit(n)):
                return cycle
        stack.pop()
        state[m] = 2
        return None

    for module in sorted(GRAPH):
        if module not in state and (cycle := visit(module)):
            pytest.fail("import cycle: " + " → ".join(cycle))


@pytest.mark.parametrize("module", sorted(GRAPH))
def test_layers_only_look_down(module: str) -> None:
    mine = LAYERS.index(_layer(module))
    upward = sorted(n for n in GRAPH[module] if LAYERS.index(_layer(n)) > mine)
    assert not upward, f"{module} (layer {_layer(module)}) imports from a higher layer: {upward}"


def test_the_core_never_imports_an_adapter() -> None:
    for module, imported in GRAPH.items():
        if _layer(module) not in ADAPTERS:
            assert not {n for n in imported if _layer(n) in ADAPTERS}, module


def test_other_capabilities_are_used_through_their_package() -> None:
    """Across capabilities a module imports a package (`..planning`, `..chart.render`), never its private modules."""
    private = sorted(f"{module} imports {n}" for module, imported in GRAPH.items() for n in imported
                     if _layer(n) not in (_layer(module), "(root)") and MODULES[n].name != "__init__.py")
    assert not private, "import these from their package: " + "; ".join(private)


@pytest.mark.parametrize("package", sorted(m for m, p in MODULES.items() if p.name == "__init__.py" and m != "douyin_team"))
def test_each_package_says_what_it_holds_and_exports_its_names(package: str) -> None:
    tree = ast.parse(MODULES[package].read_text(encoding="utf-8"))
    doc = ast.get_docstring(tree)
    assert doc and len(doc) > 40, f"{package}/__init__.py needs a docstring saying what it holds"
    exported = [n for n in tree.body if isinstance(n, ast.Assign) and any(getattr(t, "id", "") == "__all__" for t in n.targets)]
    body = _top_level(tree)
    if any(isinstance(n, ast.ImportFrom) for n in body):
        assert exported, f"{package}/__init__.py imports names but has no __all__"
        names = {elt.value for elt in exported[0].value.elts}  # type: ignore[attr-defined]
        bound = {a.asname or a.name for n in body if isinstance(n, ast.ImportFrom) for a in n.names}
        bound |= {n.name for n in body if isinstance(n, ast.FunctionDef | ast.ClassDef)}
        bound |= {t.id for n in body if isinstance(n, ast.Assign) for t in n.targets if isinstance(t, ast.Name)}
        bound |= {n.target.id for n in body if isinstance(n, ast.AnnAssign) and isinstance(n.target, ast.Name)}
        assert names <= bound, f"{package}.__all__ names what it does not define: {sorted(names - bound)}"


@pytest.mark.parametrize("package", sorted(m for m, p in MODULES.items() if p.name == "__init__.py" and m != "douyin_team"))
def test_every_exported_name_can_be_imported(package: str) -> None:
    """Names a package loads on first use (`douyin_team.lazy`) resolve to the object itself, not a module."""
    import importlib
    import types

    module = importlib.import_module(package)
    for name in getattr(module, "__all__", []):
        value = getattr(module, name)
        assert not isinstance(value, types.ModuleType), f"{package}.{name} is a module, not the exported name"
