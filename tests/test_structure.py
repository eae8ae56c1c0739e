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


# -- numpydoc on the public API (issue #12, point 4) ---------------------------------------------

PUBLIC_MODULES = sorted(
    _module_name(p)
    for p in MODULES
    if p.name != "__main__.py"
    and not any(part.startswith("_") for part in p.relative_to(PACKAGE).parts[:-1])
    and (p.name == "__init__.py" or not p.name.startswith("_"))
)


def _has_section(doc: str, *names: str) -> bool:
    """Whether a numpydoc section of one of these names (a title underlined by dashes) is there."""
    return any(re.search(rf"^{name}\n-{{3,}}$", doc, re.MULTILINE) for name in names)


def _cli_commands() -> set[tuple[str, str]]:
    """(module, qualname) of every function registered as a CLI command, sub-apps included.

    A command's docstring is its ``--help`` text (:func:`diplonet.cli.core.command`) and each of
    its options documents itself (``help=``), so a Parameters section would be printed in the
    help, not read: commands are left out of the numpydoc check.
    """
    found, apps = set(), [app]
    while apps:
        current = apps.pop()
        for info in current.registered_commands:
            found.add((info.callback.__module__, info.callback.__qualname__))
        apps.extend(group.typer_instance for group in current.registered_groups)
    return found


def _numpydoc_problems(module, skip: set[tuple[str, str]] = frozenset()) -> list[str]:
    """What each public function and class defined in ``module`` lacks of its numpydoc."""
    import dataclasses
    import enum
    import inspect

    name = module.__name__
    problems = []
    for attr in module.__all__:
        obj = getattr(module, attr)
        if not (inspect.isfunction(obj) or inspect.isclass(obj)):
            continue
        if obj.__module__ != name or (name, obj.__qualname__) in skip:
            continue  # documented where it is defined; or a CLI command
        doc = inspect.getdoc(obj) or ""
        where = f"{name}.{attr}"
        if inspect.isclass(obj):
            if issubclass(obj, (BaseException, enum.Enum)):
                continue
            if dataclasses.is_dataclass(obj):
                if not _has_section(doc, "Attributes"):
                    problems.append(f"{where}: dataclass without Attributes")
            elif inspect.signature(obj).parameters and not _has_section(
                doc, "Parameters", "Attributes"
            ):
                problems.append(f"{where}: class without Parameters or Attributes")
            continue
        sig = inspect.signature(obj)
        if [p for p in sig.parameters if p not in ("self", "cls")] and not _has_section(
            doc, "Parameters"
        ):
            problems.append(f"{where}: no Parameters")
        # annotations are strings under `from __future__ import annotations`; a function
        # without a return annotation is taken to return something
        if sig.return_annotation not in (None, "None") and not _has_section(
            doc, "Returns", "Yields"
        ):
            problems.append(f"{where}: no Returns")
    return problems


def test_public_functions_and_classes_have_numpydoc():
    import importlib

    commands = _cli_commands()
    problems = [
        problem
        for name in PUBLIC_MODULES
        for problem in _numpydoc_problems(importlib.import_module(name), commands)
    ]
    assert problems == [], "missing numpydoc sections:\n" + "\n".join(problems)


def test_the_numpydoc_check_can_fail():
    import dataclasses
    import enum
    import types

    mod = types.ModuleType("diplonet.fake")

    def bare(x: int) -> int:
        """Twice ``x``."""
        return 2 * x

    def documented(x: int) -> int:
        """Twice ``x``.

        Parameters
        ----------
        x : int

        Returns
        -------
        int
        """
        return 2 * x

    def quiet() -> None:
        """Nothing to say: no parameters, returns None."""

    def counts(n: int):
        """Count to ``n``, unannotated: said to return something.

        Parameters
        ----------
        n : int
        """
        yield from range(n)

    @dataclasses.dataclass
    class Point:
        """A point (Parameters is not enough for a dataclass).

        Parameters
        ----------
        x : float
        """

        x: float

    class Holder:
        """Holds a value."""

        def __init__(self, value):
            self.value = value

    class Oops(Exception):
        """An error: its arguments need no section."""

    class Colour(enum.Enum):
        """An enum: no section."""

        RED = 1

    for obj in (bare, documented, quiet, counts, Point, Holder, Oops, Colour):
        obj.__module__ = mod.__name__
        setattr(mod, obj.__name__, obj)
    mod.Network = Network  # imported, not defined here: not this module's to document
    mod.__all__ = [
        "bare",
        "documented",
        "quiet",
        "counts",
        "Point",
        "Holder",
        "Oops",
        "Colour",
        "Network",
    ]
    assert _numpydoc_problems(mod) == [
        "diplonet.fake.bare: no Parameters",
        "diplonet.fake.bare: no Returns",
        "diplonet.fake.counts: no Returns",
        "diplonet.fake.Point: dataclass without Attributes",
        "diplonet.fake.Holder: class without Parameters or Attributes",
    ]
    # a CLI command is left out, by where it is defined
    assert _numpydoc_problems(mod, {("diplonet.fake", bare.__qualname__)})[:1] == [
        "diplonet.fake.counts: no Returns"
    ]
    assert ("diplonet.cli.queries", "channels_cmd") in _cli_commands()


@pytest.mark.parametrize(
    "command",
    [
        ["channels", "US", "Hamas"],
        ["mediators", "Israel", "Hamas"],
        ["paths", "Egypt", "Hamas", "--max-hops", "3"],
        ["show", "Qatar"],
        ["relations", "Qatar", "Hamas", "--format", "json"],
    ],
)
def test_a_query_on_the_shipped_data_loads_only_what_it_needs(command):
    # issue 15: a CLI query should cost no more than importing networkx and typer; the route
    # queries read the channel links from Network.links, so networkx, pandas and matplotlib
    # stay out of the process (the analyses and drawings import them when asked)
    import subprocess
    import sys

    code = (
        "import sys\n"
        f"sys.argv = ['diplonet', *{command!r}]\n"
        "from diplonet.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = ('networkx', 'pandas', 'matplotlib', 'numpy', 'scipy')\n"
        "print(sorted(m for m in heavy if m in sys.modules), file=sys.stderr)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stderr.strip().splitlines()[-1] == "[]"


@pytest.mark.parametrize(
    "args, message",
    [
        (
            ["channels", "US", "Hamas", "--via", "Qatar", "--avoid", "Qatar"],
            "Qatar is both in --via and --avoid",
        ),
        (
            ["paths", "US", "Hamas", "--through", "Hamas"],
            "--through cannot name the source or target (Hamas)",
        ),
        (
            ["channels", "US", "Israel", "Hamas", "--via", "Egypt"],
            "--via and --avoid filter the channels to one target",
        ),
    ],
)
def test_route_filter_errors_speak_the_clis_flags(args, message):
    # the library says via/avoid/through; the command line says --via/--avoid/--through
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2 and result.stderr.startswith(f"error: {message}")
