"""The codebase's own rules (issue: "Structure and docs"): the library speaks of parameters and
leaves flags to the CLI; every error a user can cause is a DiplonetError."""

from __future__ import annotations

import ast
import re

import pytest
from typer.testing import CliRunner

from diplonet.cli import app
from diplonet.errors import DiplonetError
from diplonet.network import Network

from conftest import REPO

PACKAGE = REPO / "src" / "diplonet"
LIBRARY = [p for p in PACKAGE.glob("*.py")]
MODULES = sorted(PACKAGE.rglob("*.py"))


def _module_name(path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path) -> set[str]:
    """The diplonet modules a module imports, at the top or inside functions (lazy imports)."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    known = {_module_name(p) for p in MODULES}
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if not target.startswith("diplonet"):
                continue
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                found.add(sub if sub in known else target)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("diplonet")}
    return (found & known) - {name}


def test_no_import_cycle_anywhere_lazy_imports_included():
    import networkx as nx

    G = nx.DiGraph()
    for path in MODULES:
        for target in _imports(path):
            G.add_edge(_module_name(path), target)
    cycles = list(nx.simple_cycles(G))
    assert cycles == [], f"import cycles: {cycles[:5]}"
    # and the library never reaches for the command line
    library = [n for n in G if not n.startswith(("diplonet.cli", "diplonet.__main__"))]
    assert not [(a, b) for a in library for b in G.successors(a) if b.startswith("diplonet.cli")]


def test_the_cycle_check_can_fail(tmp_path):
    # the check sees a lazy import inside a function as an edge
    pkg = tmp_path / "diplonet"
    pkg.mkdir()
    (pkg / "a.py").write_text("def f():\n    from . import b\n")
    (pkg / "b.py").write_text("from .a import f\n")
    global PACKAGE, MODULES
    saved = PACKAGE, MODULES
    PACKAGE, MODULES = pkg, sorted(pkg.rglob("*.py"))
    try:
        assert _imports(pkg / "a.py") == {"diplonet.b"}
        assert _imports(pkg / "b.py") == {"diplonet.a"}
    finally:
        PACKAGE, MODULES = saved


@pytest.mark.parametrize(
    "path",
    [
        p
        for p in MODULES
        if not any(part.startswith("_") for part in p.relative_to(PACKAGE).parts[:-1])
        and not p.name.startswith("_")
    ],
    ids=lambda p: str(p.relative_to(PACKAGE)),
)
def test_every_public_module_says_what_it_exports(path):
    import importlib

    mod = importlib.import_module(_module_name(path))
    assert hasattr(mod, "__all__"), (
        f"{path.name}: list its public names in __all__ or name it _{path.name}"
    )
    assert [n for n in mod.__all__ if not hasattr(mod, n)] == []


@pytest.mark.parametrize("module", LIBRARY, ids=[p.name for p in LIBRARY])
def test_library_errors_name_parameters_not_flags(module):
    text = module.read_text(encoding="utf-8")
    flags = re.findall(r"(?:DiplonetError|UnknownActorError)\(\s*f?\"(--[a-z-]+)", text)
    assert flags == [], f"{module.name} raises errors naming CLI flags: {flags}"


def test_the_cli_maps_parameters_to_its_flags():
    net = Network.load()
    with pytest.raises(DiplonetError, match=r"^as_of: "):
        net.as_of("2021-13")
    with pytest.raises(DiplonetError, match=r"^without_relation US:Hamas:aid: no such relation"):
        net.without_relation("US", "Hamas", "aid")
    result = CliRunner().invoke(app, ["channels", "US", "Hamas", "--as-of", "2021-13"])
    assert result.exit_code == 2 and result.stderr.startswith("error: --as-of: ")
    result = CliRunner().invoke(
        app, ["channels", "US", "Hamas", "--without-relation", "US:Hamas:aid"]
    )
    assert result.exit_code == 2 and "error: --without-relation US:Hamas:aid" in result.stderr
