"""The codebase's own rules (issue: "Structure and docs"): the library speaks of parameters and
leaves flags to the CLI; every error a user can cause is a DiplonetError."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from diplonet.cli import app
from diplonet.errors import DiplonetError
from diplonet.network import Network

from conftest import REPO

LIBRARY = [p for p in (REPO / "src" / "diplonet").glob("*.py") if not p.name.startswith("cli")]


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
