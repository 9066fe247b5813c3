"""The layers hold: the core never imports Textual or the UI, services never import screens,
screens never import the CLI, and no module imports itself back through others. The
product never reads the shared evaluation folder."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import REPO

TUI = REPO / "tui"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in TUI.rglob("*.py")}


def imports_of(path: Path, *, runtime_only: bool = True) -> set[str]:
    """Every module ``path`` imports (absolute names), at any depth in the file; imports under
    ``if TYPE_CHECKING:`` are left out when ``runtime_only``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped: set[int] = set()
    if runtime_only:
        for node in ast.walk(tree):
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                skipped.update(id(n) for child in node.body for n in ast.walk(child))
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, base] if base else parent)
            # "from pkg import module" depends on that module, not on what pkg/__init__ holds
            submodules = {f"{base}.{alias.name}" for alias in node.names} & MODULES.keys()
            found.update(submodules or {base})
            if len(submodules) < len(node.names):
                found.add(base)
    return found


def tui_imports(path: Path) -> set[str]:
    return {m for m in imports_of(path) if m in MODULES}


def offenders(layer: str, forbidden: tuple[str, ...]) -> dict[str, list[str]]:
    out = {}
    for name, path in MODULES.items():
        if name == layer or name.startswith(layer + "."):
            bad = sorted(m for m in imports_of(path) if m.split(".")[0] in forbidden or m.startswith(forbidden))
            if bad:
                out[name] = bad
    return out


def test_core_modules_never_import_textual_rich_or_the_ui() -> None:
    ui = ("textual", "rich", "tui.app", "tui.messages", "tui.services", "tui.screens", "tui.widgets", "tui.cli")
    assert offenders("tui.core", ui) == {}


def test_services_never_import_screens_widgets_or_the_cli() -> None:
    assert offenders("tui.services", ("tui.app", "tui.screens", "tui.widgets", "tui.cli")) == {}


def test_screens_and_widgets_never_import_the_cli_or_the_app() -> None:
    assert offenders("tui.screens", ("tui.cli", "tui.app")) == {}
    assert offenders("tui.widgets", ("tui.cli", "tui.app", "tui.screens")) == {}


def test_the_cli_reaches_the_ui_only_through_the_app() -> None:
    assert offenders("tui.cli", ("textual", "tui.screens", "tui.widgets", "tui.services")) == {}


def test_no_import_circle() -> None:
    graph = {name: tui_imports(path) - {name} for name, path in MODULES.items()}
    circles = []
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()

    def visit(node: str) -> None:  # Tarjan's strongly connected components
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                circles.append(sorted(component))

    for node in graph:
        if node not in index:
            visit(node)
    assert circles == []


def test_the_architecture_test_sees_imports() -> None:
    """The checks above would pass on a tree they cannot read: show they read this one."""
    assert "tui.core.library.library" in tui_imports(MODULES["tui.core.library.cache"])
    assert "textual" in {m.split(".")[0] for m in imports_of(MODULES["tui.app"])}
    assert "tui.screens.reader.article" in tui_imports(MODULES["tui.screens.reader.screen"])


def test_the_product_never_reads_the_shared_folder() -> None:
    for path in TUI.rglob("*.py"):
        assert "shared/" not in path.read_text(encoding="utf-8"), path
