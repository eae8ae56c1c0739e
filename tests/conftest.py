"""Shared fixtures: the shipped network, and hand-made datasets written to a temporary folder."""

from __future__ import annotations

import csv
import json
import os
import shutil
from pathlib import Path

import pytest

from diplonet.dataset import ACTOR_COLUMNS, RELATION_COLUMNS
from diplonet.network import Network
from diplonet.vocab import RELATION_TYPES

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"

#: Debian's chromium (the HTML page is tested in a real browser) and Graphviz's dot.
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DOT = shutil.which("dot")


def need_tool(path: str | None, what: str) -> str:
    """The tool's path; else skip with a one-line reason, or fail when the environment sets
    DIPLONET_REQUIRE_BROWSER=1 (CI installs the tools, so a missing one is a broken run there)."""
    if path:
        return path
    reason = f"{what} is not installed (.ci/test-tools installs it)"
    if os.environ.get("DIPLONET_REQUIRE_BROWSER") == "1":
        pytest.fail(reason + "; DIPLONET_REQUIRE_BROWSER=1 requires it")
    pytest.skip(reason)


def write_dataset(
    directory: Path,
    actors: list[dict] | list[str],
    relations: list[dict],
    brief: str | None = None,
    info: dict | None = None,
) -> Path:
    """Write a small dataset. Actors may be bare ids; relation dicts may omit columns with defaults.

    Defaults: sign and direction from the type, strength 0.5, start 2000, evidence and citation
    that pass validation.
    """
    directory.mkdir(parents=True, exist_ok=True)
    with open(directory / "actors.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(
            fh, fieldnames=list(ACTOR_COLUMNS) + ["bloc", "lat", "lon", "start", "end", "note"]
        )
        w.writeheader()
        for a in actors:
            row = (
                {"id": a, "name": a, "kind": "state", "groups": "", "aliases": ""}
                if isinstance(a, str)
                else a
            )
            w.writerow(row)
    with open(directory / "relations.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(RELATION_COLUMNS) + ["note"])
        w.writeheader()
        for r in relations:
            rt = RELATION_TYPES.get(r.get("type", ""))
            row = {
                "sign": ("+1" if rt.sign > 0 else "-1") if rt else "+1",
                "strength": 0.5,
                "directed": ("true" if rt.directed else "false") if rt else "false",
                "start": "2000",
                "end": "",
                "evidence": "Test evidence.",
                "citation": "Test treaty, 2000",
                "confidence": "high",
            }
            row.update(r)
            w.writerow(row)
    meta = dict(info or {})
    if brief is not None:
        (directory / "brief.txt").write_text(brief, encoding="utf-8")
        meta.setdefault("brief", "brief.txt")
    if meta:
        (directory / "dataset.json").write_text(json.dumps(meta), encoding="utf-8")
    return directory


def rel(source: str, target: str, type: str, strength: float = 0.5, **extra) -> dict:
    """A relation row for :func:`write_dataset`."""
    return {"source": source, "target": target, "type": type, "strength": strength, **extra}


@pytest.fixture(scope="session")
def brief_net() -> Network:
    """The shipped network on 20 May 2021, while the brief's crisis was under way."""
    return Network.load(date="2021-05-20")


@pytest.fixture
def make_net(tmp_path):
    """Build a Network from actors and relation rows (see :func:`write_dataset`)."""

    def build(actors, relations, date="2010", **kw) -> Network:
        return Network.load(write_dataset(tmp_path / "ds", actors, relations, **kw), date=date)

    return build


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory, monkeypatch):
    """No test reads or writes the user's real cache folder (diplonet._cache)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))
