"""The architecture of docs/architecture.md, held by a test.

The full import graph of ``leverage/`` is built from the source: imports at module level,
inside functions and methods, and under ``TYPE_CHECKING``.  Every edge must point from a
package to one on a lower layer of :data:`LAYERS` (or stay inside one package), and the
graph of modules must have no cycle.  The only edges allowed against the order are the
lazy facade methods named in :data:`FACADES`: a data object that offers a convenience
(``Game.equilibria()``, ``result.plot()``, ``_repr_markdown_``) imports the higher layer
inside that one method, so the lower layer never needs the higher one to load.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pytest

PKG = Path(__file__).parent.parent / "leverage"

#: The dependency order, lowest first.  A package may import from packages on lower
#: layers only; packages on one layer are independent of each other.  Top-level modules
#: (``errors.py``, ``numbers.py``) count as packages of their own.
LAYERS: list[set[str]] = [
    {"errors", "numbers", "records", "version"},
    {"expr"},
    {"games"},
    {"io", "solve"},
    {"parallel"},
    {"analysis", "learning"},
    {"classification"},
    {"formats"},
    {"teach"},
    {"cli"},
    {"__main__"},
    {""},  # leverage/__init__.py: the public API, a facade over everything
]

#: Lazy facade methods: (module, qualified name of the function, the package it may
#: import from) whose imports may point up the order, to that package only.  Each imports
#: inside its body, only when called.  "TYPE_CHECKING" stands for a module's imports for
#: type checkers (the result types of a facade).
FACADES: set[tuple[str, str, str]] = {
    ("games.strategic", "Game.equilibria", "solve"),
    ("games.strategic", "Game.iterated_elimination", "solve"),
    ("games.strategic", "TYPE_CHECKING", "solve"),  # the types Game.equilibria() returns
    ("games.strategic", "Game.expected_payoffs", "solve"),
    ("games.strategic", "Game.regret", "solve"),
    ("games.strategic", "Game.is_best_response", "solve"),
    ("games.strategic", "Game.__str__", "formats"),
    ("games.strategic", "Game._repr_markdown_", "formats"),
    ("games.strategic", "Game.to_dict", "formats"),
    ("games.model", "Model._repr_html_", "formats"),
    ("records", "Record._repr_html_", "formats"),
    ("games.model", "Model._repr_markdown_", "formats"),
    ("solve.result", "Solution._repr_markdown_", "formats"),
    ("solve.result", "Solution.to_dict", "formats"),
    ("learning.result", "DynamicsResult.plot", "formats"),
    ("learning.result", "DynamicsResult.to_table", "formats"),
    ("analysis.regimes.result", "RegimeAnalysis.plot", "formats"),
    ("analysis.sweep_result", "SweepResult.plot", "formats"),
    ("analysis.montecarlo", "MonteCarloResult.plot", "formats"),
    ("analysis.statics", "StaticsAnalysis.plot", "formats"),
}

#: Imports whose module name is computed at run time: (module, function).  They are the
#: lazy loaders of the public API and of the command line; the test adds their possible
#: targets as edges itself (:func:`_dynamic_targets`).
DYNAMIC: set[tuple[str, str]] = {
    ("", "__getattr__"),  # leverage.<name> loads leverage/<_LAZY[name]>
    ("cli", "_LazyGroup.get_command"),  # leverage <command> loads cli/commands/<command>
}


@dataclass(frozen=True)
class Edge:
    source: str  # importing module, dotted below leverage ("" for the package itself)
    target: str  # imported module
    function: str | None  # enclosing function's qualified name, None at module level
    line: int


def _modules() -> dict[str, Path]:
    mods = {}
    for path in PKG.rglob("*.py"):
        parts = list(path.relative_to(PKG).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        mods[".".join(parts)] = path
    return mods


MODULES = _modules()


def _resolve(module: str, path: Path, level: int, name: str | None) -> str:
    base = module.split(".") if module else []
    if path.name != "__init__.py":
        base = base[:-1]
    if level > 1:
        base = base[: len(base) - (level - 1)]
    return ".".join(base + (name.split(".") if name else []))


class _Collector(ast.NodeVisitor):
    def __init__(self, module: str, path: Path):
        self.module, self.path = module, path
        self.scope: list[str] = []
        self.functions: list[str] = []
        self.edges: list[Edge] = []
        self.dynamic: list[tuple[str, str | None, int]] = []

    def _scoped(self, node: ast.AST, is_function: bool) -> None:
        self.scope.append(node.name)  # type: ignore[attr-defined]
        if is_function:
            self.functions.append(".".join(self.scope))
        self.generic_visit(node)
        if is_function:
            self.functions.pop()
        self.scope.pop()

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self._scoped(node, False)

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self._scoped(node, True)

    visit_AsyncFunctionDef = visit_FunctionDef  # type: ignore[assignment]

    def visit_If(self, node: ast.If) -> None:
        # imports for type checkers only count as edges of the pseudo-function
        # "TYPE_CHECKING" (at module level), so a facade's result types can be named
        test = node.test
        name = test.id if isinstance(test, ast.Name) else getattr(test, "attr", None)
        if name == "TYPE_CHECKING" and not self.functions:
            self.functions.append("TYPE_CHECKING")
            for child in node.body:
                self.visit(child)
            self.functions.pop()
            for child in node.orelse:
                self.visit(child)
        else:
            self.generic_visit(node)

    def _add(self, target: str, line: int) -> None:
        function = self.functions[0] if self.functions else None
        self.edges.append(Edge(self.module, target, function, line))

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.level:
            target = _resolve(self.module, self.path, node.level, node.module)
        elif node.module == "leverage" or (node.module or "").startswith("leverage."):
            target = (node.module or "")[len("leverage.") :]
        else:
            return
        for alias in node.names:
            sub = f"{target}.{alias.name}" if target else alias.name
            self._add(sub if sub in MODULES else target, node.lineno)

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            if alias.name == "leverage" or alias.name.startswith("leverage."):
                self._add(alias.name[len("leverage.") :], node.lineno)

    def visit_Call(self, node: ast.Call) -> None:
        # importlib.import_module(name, package) and __import__(name): the lazy loaders
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
        if name in ("import_module", "__import__") and node.args:
            arg = node.args[0]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                text = arg.value
                level = len(text) - len(text.lstrip("."))
                if level:
                    self._add(
                        _resolve(self.module, self.path, level, text.lstrip(".")), node.lineno
                    )
                elif text == "leverage" or text.startswith("leverage."):
                    self._add(text[len("leverage.") :], node.lineno)
            else:
                function = self.functions[0] if self.functions else None
                self.dynamic.append((self.module, function, node.lineno))
        self.generic_visit(node)


def _dynamic_targets() -> list[Edge]:
    """The modules the run-time loaders of :data:`DYNAMIC` can import."""
    import leverage
    from leverage.cli import COMMANDS

    lazy = getattr(leverage, "_LAZY")  # noqa: B009 - the loader's own table
    edges = [Edge("", target, "__getattr__", 0) for target in sorted(set(lazy.values()))]
    edges += [Edge("cli", f"cli.commands.{name}", "_LazyGroup.get_command", 0) for name in COMMANDS]
    for edge in edges:
        assert edge.target in MODULES, f"a lazy loader names leverage.{edge.target}"
    return edges


def _collect() -> tuple[list[Edge], list[tuple[str, str | None, int]]]:
    edges, dynamic = [], []
    for module, path in MODULES.items():
        collector = _Collector(module, path)
        collector.visit(ast.parse(path.read_text(encoding="utf-8")))
        edges += collector.edges
        dynamic += collector.dynamic
    return edges, dynamic


def import_graph() -> list[Edge]:
    """Every import of a leverage module by a leverage module, the lazy loaders' included."""
    return _collect()[0] + _dynamic_targets()


def package_of(module: str) -> str:
    return module.split(".")[0]


def layer_of(module: str) -> int:
    package = package_of(module)
    for rank, layer in enumerate(LAYERS):
        if package in layer:
            return rank
    raise AssertionError(f"leverage.{module} belongs to no layer of LAYERS")


def _is_facade(edge: Edge) -> bool:
    if edge.function is None:
        return False
    target = edge.target.split(".")
    return any(
        (edge.source, edge.function, ".".join(target[:k])) in FACADES
        for k in range(1, len(target) + 1)
    )


def _where(edge: Edge) -> str:
    inside = f" (in {edge.function})" if edge.function else ""
    return f"leverage.{edge.source or '__init__'}:{edge.line}{inside} -> leverage.{edge.target}"


def test_every_module_is_on_a_layer():
    for module in MODULES:
        layer_of(module)


def test_every_import_points_down_the_layers():
    wrong = []
    for edge in import_graph():
        src, dst = package_of(edge.source), package_of(edge.target)
        if edge.source == "" or src == dst or _is_facade(edge):
            continue
        if layer_of(edge.target) >= layer_of(edge.source):
            wrong.append(_where(edge))
    assert not wrong, "imports against the layer order:\n" + "\n".join(wrong)


def test_no_import_cycles():
    graph: dict[str, set[str]] = defaultdict(set)
    for edge in import_graph():
        if not _is_facade(edge) and edge.target != edge.source:
            graph[edge.source].add(edge.target)
    # Tarjan's strongly connected components, iteratively
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles = []
    counter = 0
    for root in list(MODULES):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        top = stack.pop()
                        on_stack.discard(top)
                        component.append(top)
                        if top == node:
                            break
                    if len(component) > 1:
                        cycles.append(sorted(component))
            elif child not in index:
                index[child] = low[child] = counter
                counter += 1
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(sorted(graph[child]))))
            elif child in on_stack:
                low[node] = min(low[node], index[child])
    assert not cycles, "import cycles:\n" + "\n".join(" <-> ".join(c) for c in cycles)


def test_every_run_time_import_is_a_named_lazy_loader():
    unnamed = [
        f"leverage.{m or '__init__'}:{line} (in {f})"
        for m, f, line in _collect()[1]
        if (m, f) not in DYNAMIC
    ]
    assert not unnamed, "imports of computed module names:\n" + "\n".join(unnamed)


def test_facades_exist():
    # every named exception is a real function that really imports up the order from
    # the package it names
    upward = {
        (e.source, e.function, package)
        for e in import_graph()
        if e.function and layer_of(e.target) > layer_of(e.source)
        for package in [".".join(e.target.split(".")[:k]) for k in range(1, 4)]
    }
    missing = sorted(f for f in FACADES if f not in upward)
    assert not missing, f"FACADES names functions that import nothing above them: {missing}"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_is_over_500_lines(module):
    lines = MODULES[module].read_text(encoding="utf-8").count("\n")
    assert lines <= 500, f"{MODULES[module]} has {lines} lines: split it by concern"


def test_no_private_name_is_imported_from_another_module():
    # a name with a leading underscore is its module's business: a helper that another
    # module needs is made public (documented) or moved to where both can import it
    found = []
    for module, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (
                node.level or (node.module or "").startswith("leverage")
            ):
                for alias in node.names:
                    if alias.name.startswith("_") and not alias.name.startswith("__"):
                        found.append(f"leverage.{module or '__init__'}:{node.lineno} {alias.name}")
    assert not found, "private names imported across modules:\n" + "\n".join(found)


def test_the_architecture_document_names_every_package_and_layer():
    doc = (PKG.parent / "docs" / "architecture.md").read_text(encoding="utf-8")
    rows: dict[int, str] = defaultdict(str)
    for line in doc.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 2 and cells[0].isdigit():
            rows[int(cells[0])] += cells[1]
    assert sorted(rows) == list(range(len(LAYERS))), "the layer table and LAYERS differ"
    for rank, layer in enumerate(LAYERS):
        for package in layer:
            shown = (
                "`__init__.py`"
                if package == ""
                else (f"`{package}/`" if (PKG / package).is_dir() else f"`{package}.py`")
            )
            assert shown in rows[rank], f"layer {rank} of docs/architecture.md lacks {shown}"
    for _module, function, _target in sorted(FACADES):
        name = function.split(".")[-1]
        if function != "TYPE_CHECKING":
            assert f"{name}()" in doc or f"`{name}`" in doc, f"facade {function} not explained"
