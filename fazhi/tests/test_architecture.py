"""The app graph is a DAG, and apps read each other through selectors (docs/architecture.md, "Apps and layers").

An AST scan of every module under ``fazhi/`` except tests and migrations — imports inside functions included, and
``importlib.import_module("fazhi.…")`` / ``__import__("fazhi.…")`` with a literal name — checks that:

(a) no two apps import each other, directly or round a longer cycle;
(b) no app imports an app above it in ``LAYERS``;
(c) an app imports another app's ``models`` module only for ``models.Choices`` enums (shared vocabulary), and never
    binds another app's Model class from any module: records are read through that app's ``selectors`` (``demo``
    is exempt: it builds the demo world);
(d) ``core`` and ``audit`` import no domain app (``audit`` imports nothing of fazhi; ``core`` only ``audit``);
(e) no app imports a composition root (``fazhi/urls.py``, ``api.py``, ``settings.py``, ``cli.py``, ``wsgi.py``);
    Django's settings are read through ``django.conf.settings``.

``KNOWN_VIOLATIONS`` lists the imports still waiting for their selector in the two apps being rewritten in parallel
(enforcement, disclosure). It may name no other app, and an entry that no longer occurs fails the suite, so the
list only ever shrinks.
"""

from __future__ import annotations

import ast
import importlib
from collections import defaultdict
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import pytest
from django.db import models

# Apps bottom to top: an app may import an app in its own layer or a lower one, never a higher one. Apps in one layer
# may import each other as long as no cycle forms (check (a)). Keep in step with docs/architecture.md.
LAYERS: list[tuple[str, ...]] = [
    ("audit",),  # the chain: imports nothing of fazhi
    ("core",),  # calendar, periods, rules, the deadline table and its operations, access, steps, numbering
    ("org", "accounts"),  # org: bodies, staff, roles, certificates, training; accounts: login security, API tokens
    ("law",),  # law library, power list
    ("review", "counsel"),  # the legal-review gate; government legal advisers
    ("enforcement",),  # penalty cases
    ("publicity",),  # what goes public from enforcement
    ("disclosure",),  # government information disclosure
    ("inspection", "decisions", "normative", "mediation", "learning"),  # the modules over enforcement and disclosure
    # pages and readers over the domain apps; annual (the 法治政府建设情况报告) reads every module's annual_figures
    ("supervision", "clock", "workbench", "portal", "annual", "exchange"),
    ("jobs",),  # background tasks over the apps' services, the sweeps' schedule and locks, the read-replica router
    ("demo",),  # the demo world, built through every app's services
]
LAYER_OF = {app: n for n, layer in enumerate(LAYERS) for app in layer}

# Check (d): what the two bottom apps may import.
FOUNDATION = {"audit": set(), "core": {"audit"}}

# Composition roots: they may import any app; no app may import them.
ROOTS = {"__init__", "api", "cli", "settings", "urls", "wsgi"}

# Exempt from check (c): the demo builds its world from every app.
MODEL_IMPORT_EXEMPT = {"demo"}

# Imports of another app's Model classes still waiting for a selector, in the apps rewritten in parallel on other
# branches. (file, imported name) → the selector that replaces it. Only enforcement/ and disclosure/ may appear here;
# the lead empties this list after merging those rewrites. Never add an entry for any other app.
KNOWN_VIOLATIONS: dict[tuple[str, str], str] = {}  # emptied once enforcement and disclosure read through selectors
KNOWN_VIOLATION_APPS = {"enforcement", "disclosure"}

# Where the failure message sends the reader (default: fazhi.<app>.selectors).
READ_THROUGH = {
    "core": "fazhi.core.deadlines (finders), fazhi.clock.selectors (scoped lists) or fazhi.core.selectors",
    "org": "fazhi.org.selectors (the user class: django.contrib.auth.get_user_model())",
}

PACKAGE = Path(__file__).resolve().parents[1]  # fazhi/
REPO = PACKAGE.parent


@dataclass(frozen=True)
class Import:
    path: str  # repository-relative, e.g. fazhi/core/selectors.py
    line: int
    module: str  # the fazhi module imported from, e.g. fazhi.org.selectors
    name: str | None  # the name imported from it (None for a module import)
    attributes: tuple[str, ...] = ()  # for a module import: the attributes the file reads from it

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"

    @property
    def full_name(self) -> str:
        return f"{self.module}.{self.name}" if self.name else self.module

    def __str__(self) -> str:
        return f"{self.where} imports {self.full_name}"


# --- the scan ------------------------------------------------------------------------------------------------------


def _excluded(relative: Path) -> bool:
    return any(part in ("tests", "migrations") for part in relative.parts) or relative.name == "conftest.py"


def source_files(root: Path = PACKAGE) -> list[Path]:
    return sorted(p for p in root.rglob("*.py") if not _excluded(p.relative_to(root)))


def app_of_file(relative: Path) -> str:
    """fazhi/<app>/… → app; a module directly under fazhi/ is a root, named ``:<module>``."""
    parts = relative.parts
    return f":{Path(parts[1]).stem}" if len(parts) == 2 else parts[1]


def app_of_module(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "fazhi" or len(parts) < 2:
        return None
    return f":{parts[1]}" if parts[1] in ROOTS else parts[1]


def _is_module(dotted: str) -> bool:
    path = REPO.joinpath(*dotted.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def _dotted(node: ast.AST) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = _dotted(node.value)
        return f"{base}.{node.attr}" if base else None
    return None


def _resolve_relative(relative: Path, node: ast.ImportFrom) -> str:
    """``from .x import y`` in fazhi/a/b.py (or fazhi/a/__init__.py) → fazhi.a.x; each further dot goes one up."""
    package = list(relative.parts[:-1])
    base = package[: len(package) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


def scan_source(source: str, relative: Path) -> list[Import]:
    """Every import of a fazhi module in one file, wherever it stands (module level, function, class, if-block)."""
    tree = ast.parse(source)
    path = relative.as_posix()
    found: list[Import] = []
    module_aliases: dict[str, str] = {}  # local name → fazhi module bound to it
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "fazhi":
                    found.append(Import(path, node.lineno, alias.name, None))
                    module_aliases[alias.asname or alias.name] = alias.name
        elif isinstance(node, ast.ImportFrom):
            module = _resolve_relative(relative, node) if node.level else (node.module or "")
            if module.split(".")[0] != "fazhi":
                continue
            for alias in node.names:
                submodule = f"{module}.{alias.name}"
                if _is_module(submodule):
                    found.append(Import(path, node.lineno, submodule, None))
                    module_aliases[alias.asname or alias.name] = submodule
                else:
                    found.append(Import(path, node.lineno, module, alias.name))
        elif isinstance(node, ast.Call) and _dotted(node.func) in ("__import__", "importlib.import_module"):
            if node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
                if node.args[0].value.split(".")[0] == "fazhi":
                    found.append(Import(path, node.lineno, node.args[0].value, None))
    # For module imports, note which attributes the file reads (models.Case, fazhi.law.models.PowerItem …).
    used: dict[str, set[str]] = defaultdict(set)
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            dotted = _dotted(node.value)
            if dotted in module_aliases:
                used[module_aliases[dotted]].add(node.attr)
    return [
        Import(i.path, i.line, i.module, i.name, tuple(sorted(used.get(i.module, ())))) if i.name is None else i
        for i in found
    ]


def scan(root: Path = PACKAGE) -> list[Import]:
    imports = []
    for file in source_files(root):
        imports += scan_source(file.read_text(encoding="utf-8"), file.relative_to(root.parent))
    return imports


def cross_app(imports: list[Import]) -> list[tuple[str, str, Import]]:
    """(importing app, imported app, import) for imports that cross an app boundary."""
    rows = []
    for imp in imports:
        source = app_of_file(Path(imp.path))
        target = app_of_module(imp.module)
        if target is not None and target != source:
            rows.append((source, target, imp))
    return rows


def find_cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Every elementary cycle's strongly connected component, as one cycle path through it (Tarjan, then a walk)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []
    counter = [0]

    def visit(node: str) -> None:
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(edges.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1 or node in edges.get(node, ()):
                components.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    cycles = []
    for component in components:
        members = set(component)
        start = component[0]
        path, seen = [start], {start}
        # Walk inside the component until the walk returns to a node already on the path: that closes a cycle.
        while True:
            nxt = sorted(n for n in edges[path[-1]] if n in members)
            unvisited = [n for n in nxt if n not in seen]
            if (start in nxt and len(path) > 1) or not unvisited:
                back = start if start in nxt else next(n for n in nxt if n in seen)
                cycles.append([*path[path.index(back) :], back])
                break
            path.append(unvisited[0])
            seen.add(unvisited[0])
    return cycles


@pytest.fixture(scope="module")
def imports() -> list[Import]:
    return scan()


@pytest.fixture(scope="module")
def crossings(imports) -> list[tuple[str, str, Import]]:
    return cross_app(imports)


def _object(imp: Import, attribute: str | None = None):
    module = importlib.import_module(imp.module)
    return getattr(module, attribute or imp.name, None)


def _is_choices(obj) -> bool:
    return isinstance(obj, type) and issubclass(obj, models.Choices)


def _is_model(obj) -> bool:
    return isinstance(obj, type) and issubclass(obj, models.Model)


def model_import_violations(crossings) -> list[tuple[Import, str]]:
    """(import, name) pairs breaking check (c)."""
    found = []
    for source, target, imp in crossings:
        if source in MODEL_IMPORT_EXEMPT or source.startswith(":") or target.startswith(":"):
            continue
        is_models_module = imp.module == f"fazhi.{target}.models"
        if imp.name is None:
            if not is_models_module:
                continue
            for attribute in imp.attributes or ("<the module itself>",):
                if not _is_choices(_object(imp, attribute)):
                    found.append((imp, f"{imp.module}.{attribute}"))
        elif (is_models_module and not _is_choices(_object(imp))) or _is_model(_object(imp)):
            found.append((imp, imp.full_name))
    return found


def _read_through(name: str) -> str:
    app = app_of_module(name)
    return READ_THROUGH.get(app, f"fazhi.{app}.selectors")


# --- the checks ----------------------------------------------------------------------------------------------------


def test_every_app_has_a_place_in_the_layers():
    apps = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file() and p.name != "tests"}
    missing = sorted(apps - set(LAYER_OF))
    assert not missing, f"add these apps to LAYERS (and to docs/architecture.md): {missing}"
    gone = sorted(set(LAYER_OF) - apps)
    assert not gone, f"LAYERS names apps that do not exist: {gone}"


def test_the_app_graph_has_no_cycle(crossings):
    edges: dict[str, set[str]] = defaultdict(set)
    example: dict[tuple[str, str], Import] = {}
    for source, target, imp in crossings:
        if source.startswith(":") or target.startswith(":"):
            continue
        edges[source].add(target)
        example.setdefault((source, target), imp)
    cycles = find_cycles(edges)
    described = [
        " → ".join(cycle) + "  (" + "; ".join(str(example[(a, b)]) for a, b in pairwise(cycle)) + ")"
        for cycle in cycles
    ]
    assert not cycles, "the app graph has a cycle:\n" + "\n".join(described)


def test_no_app_imports_an_app_above_it(crossings):
    upward = [
        f"{imp}: {source} (layer {LAYER_OF[source]}) may not import {target} (layer {LAYER_OF[target]})"
        for source, target, imp in crossings
        if source in LAYER_OF and target in LAYER_OF and LAYER_OF[target] > LAYER_OF[source]
    ]
    assert not upward, "imports going up the layer order (see LAYERS):\n" + "\n".join(upward)


def test_core_and_audit_import_no_domain_app(crossings):
    wrong = [
        f"{imp}: {source} may import only {sorted(FOUNDATION[source]) or 'nothing of fazhi'}"
        for source, target, imp in crossings
        if source in FOUNDATION and target not in FOUNDATION[source]
    ]
    assert not wrong, "\n".join(wrong)


def test_apps_read_other_apps_through_selectors_not_models(crossings):
    found = model_import_violations(crossings)
    unexpected = [
        f"{imp.where} imports {name}: read it through {_read_through(name)} "
        "(only models.Choices enums may come from another app's models)"
        for imp, name in found
        if (imp.path, name) not in KNOWN_VIOLATIONS
    ]
    assert not unexpected, "\n".join(unexpected)


def test_known_violations_are_only_in_the_apps_being_rewritten_and_still_occur(crossings):
    outside = [path for path, _ in KNOWN_VIOLATIONS if Path(path).parts[1] not in KNOWN_VIOLATION_APPS]
    assert not outside, f"KNOWN_VIOLATIONS may only name enforcement/ and disclosure/ files: {outside}"
    occurring = {(imp.path, name) for imp, name in model_import_violations(crossings)}
    stale = sorted(set(KNOWN_VIOLATIONS) - occurring)
    assert not stale, f"these are fixed: remove them from KNOWN_VIOLATIONS: {stale}"


def test_no_app_imports_a_composition_root(crossings):
    wrong = [
        f"{imp}: {source} may not import the composition root fazhi/{target[1:]}.py"
        + (" (use django.conf.settings)" if target == ":settings" else "")
        for source, target, imp in crossings
        if target.startswith(":") and not source.startswith(":")
    ]
    assert not wrong, "\n".join(wrong)


# --- the scanner itself --------------------------------------------------------------------------------------------


def test_the_scanner_sees_imports_inside_functions_and_dynamic_imports():
    source = (
        "import fazhi.org.models\n"
        "from fazhi.law import models as law_models\n"
        "def f():\n"
        "    from fazhi.enforcement.models import Case, PartyKind\n"
        "    importlib.import_module('fazhi.publicity.services')\n"
        "    return law_models.PowerItem, fazhi.org.models.Body\n"
    )
    found = scan_source(source, Path("fazhi/review/example.py"))
    assert {(i.line, i.full_name, i.attributes) for i in found} == {
        (1, "fazhi.org.models", ("Body",)),
        (2, "fazhi.law.models", ("PowerItem",)),
        (4, "fazhi.enforcement.models.Case", ()),
        (4, "fazhi.enforcement.models.PartyKind", ()),
        (5, "fazhi.publicity.services", ()),
    }
    crossing = cross_app(found)
    assert {(s, t) for s, t, _ in crossing} == {
        ("review", "org"),
        ("review", "law"),
        ("review", "enforcement"),
        ("review", "publicity"),
    }
    flagged = {name for _, name in model_import_violations(crossing)}
    assert flagged == {"fazhi.org.models.Body", "fazhi.law.models.PowerItem", "fazhi.enforcement.models.Case"}


def test_the_cycle_finder_names_the_cycle():
    assert find_cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c", "a"]]
    assert find_cycles({"a": {"b"}, "b": set()}) == []
