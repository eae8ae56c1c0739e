"""Exports: every attribute survives a round trip through the format's own reader (networkx's
GEXF and GraphML readers, node-link JSON, and diplonet's loader for CSV); Gephi gets viz and
spells; the HTML page works offline in a real headless browser and never runs a name."""

from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from diplonet.cli import app
from diplonet.dataset import load_dataset
from diplonet.export import export, tables_from_graph
from diplonet.network import Network

from conftest import CHROMIUM, DOT, REPO, need_tool, rel, write_dataset


def expected_rows(net: Network) -> tuple[list[dict], list[dict]]:
    """The shipped CSV rows of the actors and relations in force, as the loader read them."""
    with open(REPO / "data" / "actors.csv", encoding="utf-8") as fh:
        actors = [r for r in csv.DictReader(fh) if r["id"] in net.actors]
    lines = {r.line for r in net.relations}
    with open(REPO / "data" / "relations.csv", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        relations = [r for i, r in enumerate(reader, start=2) if i in lines]
    from diplonet.dataset import RELATION_OPTIONAL

    for r in relations:
        r["strength"] = repr(float(r["strength"]))
        for column in RELATION_OPTIONAL:
            r.setdefault(column, "")
    for a in actors:
        for col in ("lat", "lon"):
            a[col] = repr(float(a[col])) if a[col] else ""
    return actors, relations


def canon(rows: list[dict]) -> list[tuple]:
    return sorted(tuple(sorted(r.items())) for r in rows)


@pytest.fixture(scope="module")
def net():
    return Network.load(date="2021-05-20")


@pytest.mark.parametrize(
    "fmt, reader",
    [
        ("gexf", nx.read_gexf),
        ("graphml", nx.read_graphml),
        ("json", lambda p: nx.node_link_graph(json.loads(Path(p).read_text()), edges="links")),
    ],
)
def test_round_trip_keeps_every_attribute(net, tmp_path, fmt, reader):
    path = export(net, fmt, tmp_path / f"net.{fmt}")
    G = reader(path)
    actors, relations = tables_from_graph(G)
    want_actors, want_relations = expected_rows(net)
    assert canon(actors) == canon(want_actors)
    assert canon(relations) == canon(want_relations)
    assert len(relations) == len(net.relations)


def test_csv_export_is_a_dataset_that_loads_back_the_same(net, tmp_path):
    folder = export(net, "csv", tmp_path / "ds")
    back = load_dataset(folder)
    assert back.actors == {k: v for k, v in net.actors.items()}

    def strip(r):
        return {**r.__dict__, "line": 0}

    assert sorted(map(repr, map(strip, back.relations))) == sorted(
        map(repr, map(strip, net.relations))
    )
    assert back.info.curated_through == net.curated_through
    assert "as of 2021-05-20" in json.loads((folder / "dataset.json").read_text())["notes"]


def test_gexf_carries_viz_and_a_positive_weight(net, tmp_path):
    path = export(net, "gexf", tmp_path / "net.gexf", layout="geo")
    root = ET.parse(path).getroot()
    ns = {"g": root.tag.split("}")[0][1:], "viz": "http://www.gexf.net/1.2draft/viz"}
    nodes = root.findall(".//g:node", ns)
    assert len(nodes) == len(net.actors)
    for node in nodes:
        assert node.find("viz:position", ns) is not None and node.find("viz:color", ns) is not None
    edges = root.findall(".//g:edge", ns)
    assert all(float(e.get("weight")) > 0 for e in edges)
    shapes = {e.find("viz:shape", ns).get("value") for e in edges}
    assert shapes == {"solid", "dashed", "dotted"}
    G = nx.read_gexf(path)
    assert {d["sign"] for _, _, d in G.edges(data=True)} == {1, -1}


def test_dynamic_gexf_has_spells_for_gephis_timeline(net, tmp_path):
    path = export(net, "gexf", tmp_path / "dyn.gexf", dynamic=True)
    root = ET.parse(path).getroot()
    ns = {"g": root.tag.split("}")[0][1:]}
    graph = root.find("g:graph", ns)
    assert graph.get("mode") == "dynamic" and graph.get("timeformat") == "date"
    edges = root.findall(".//g:edge", ns)
    assert len(edges) == len(net.dataset.relations)  # every relation at any date
    rift = [
        e
        for e in edges
        if e.get("source") == "Saudi" and e.get("target") == "Qatar" and e.get("label") == "severed"
    ]
    # the boycott ended with the Al-Ula declaration of 5 January 2021: its last day is the 4th
    assert [(e.get("start"), e.get("end")) for e in rift] == [("2017-06-05", "2021-01-04")]
    uae = [e for e in edges if e.get("source") == "UAE" and e.get("label") == "normalization"]
    assert uae[0].get("start") == "2020-09-15" and uae[0].get("end") is None
    # partial dates become the whole period: a tie starting "2012" spans from 2012-01-01
    hosting = next(e for e in edges if e.get("source") == "Qatar" and e.get("label") == "hosting")
    assert hosting.get("start") == "2012-01-01"
    pa = next(n for n in root.findall(".//g:node", ns) if n.get("id") == "PA")
    assert pa.get("start") == "1994-05-04"


def test_cytoscape_and_dot(net, tmp_path):
    cy = json.loads(export(net, "cytoscape", tmp_path / "net.cyjs").read_text())
    assert len(cy["elements"]["nodes"]) == len(net.actors)
    assert len(cy["elements"]["edges"]) == len(net.relations)
    edge = cy["elements"]["edges"][0]["data"]
    assert {"id", "source", "target", "relation_type", "sign", "weight", "evidence"} <= set(edge)
    assert all("position" in n for n in cy["elements"]["nodes"])
    dot = export(net, "dot", tmp_path / "net.dot").read_text()
    assert dot.startswith("digraph ") and dot.rstrip().endswith("}")
    assert dot.count(" -> ") == len(net.relations)
    assert 'dir="none"' in dot and 'dir="forward"' in dot
    assert '\\"by, with, and through\\"' in dot  # double quotes inside strings are escaped


def test_graphviz_reads_the_dot_export(net, tmp_path):
    dot = need_tool(DOT, "Graphviz (dot)")
    path = export(net, "dot", tmp_path / "net.dot")
    subprocess.run([dot, "-Tsvg", "-o", os.devnull, str(path)], check=True)


def test_focus_exports_the_ego_network(net, tmp_path):
    G = nx.read_graphml(export(net, "graphml", tmp_path / "q.graphml", focus=["Qatar"]))
    expected = {"Qatar"} | {r.other("Qatar") for r in net.relations if r.involves("Qatar")}
    assert set(G.nodes) == expected


# -- files and errors --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args, message",
    [
        (["export", "xml"], "'xml' is not one of"),
        (["export", "gexf", "-o", "/proc/diplonet/x.gexf"], "folder /proc/diplonet does not exist"),
        (["export", "json", "-o", "/proc/x.json"], "cannot write /proc/x.json"),
        (["export", "json", "--dynamic", "-o", "x.json"], "--dynamic is for gexf"),
        (["export", "csv", "-o", "notes.txt"], "it is a file"),
    ],
)
def test_export_user_errors(tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes.txt").write_text("keep me")
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]
    assert (tmp_path / "notes.txt").read_text() == "keep me"


def test_export_replaces_a_good_file_only_when_complete(net, tmp_path, monkeypatch):
    target = tmp_path / "net.graphml"
    target.write_text("good old file")

    def broken(G, path, **kw):
        Path(path).write_text("half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(nx, "write_graphml", broken)
    result = CliRunner().invoke(app, ["export", "graphml", "-o", str(target)])
    assert result.exit_code == 2 and "No space left" in result.stderr
    assert target.read_text() == "good old file"
    assert [p.name for p in tmp_path.iterdir()] == ["net.graphml"]


def test_csv_export_refuses_a_folder_with_other_files(tmp_path):
    (tmp_path / "ds").mkdir()
    (tmp_path / "ds" / "thesis.docx").write_text("precious")
    result = CliRunner().invoke(app, ["export", "csv", "-o", str(tmp_path / "ds")])
    assert result.exit_code == 2 and "holds other files" in result.stderr
    assert (tmp_path / "ds" / "thesis.docx").read_text() == "precious"


def test_export_default_name(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["export", "gexf", "--as-of", "2021-05-20"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "diplonet-2021-05-20.gexf").exists()


# -- the HTML page in a real browser -----------------------------------------------------------


@pytest.fixture
def browser_cli():
    """Chromium's path for the --dump-dom tests (skipped without it, unless required)."""
    return need_tool(CHROMIUM, "chromium")


def render(page: Path, fragment: str = "") -> str:
    """The DOM after the page ran, from headless Chromium (no network, fresh profile)."""
    need_tool(CHROMIUM, "chromium")
    profile = page.parent / "chromium-profile"
    cmd = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        "--enable-logging=stderr",
        "--v=0",
        "--virtual-time-budget=3000",
        "--dump-dom",
        page.resolve().as_uri() + fragment,
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr[-2000:]
    # every console message (errors, and requests the page's CSP blocked) reaches stderr this way
    console = [line for line in proc.stderr.splitlines() if ":CONSOLE" in line]
    assert console == [], console
    return proc.stdout


def body_data(dom: str) -> dict:
    body = re.search(r"<body([^>]*)>", dom).group(1)
    return dict(re.findall(r'data-([a-z]+)="([^"]*)"', body))


@pytest.mark.slow
def test_html_page_draws_offline_with_no_errors(net, tmp_path, browser_cli):
    page = export(net, "html", tmp_path / "net.html")
    text = page.read_text()
    # self-contained: no external script, stylesheet, image or font
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", text)
    assert "default-src 'none'" in text
    dom = render(page, "#select=Qatar")
    data = body_data(dom)
    assert data.get("status") == "ready", dom[:500]
    assert "errors" not in data
    assert data["resources"] == "0"
    assert int(data["nodes"]) == len(net.actors) and int(data["links"]) == len(net.relations)
    assert data["selected"] == "Qatar"
    assert "Relocation of Hamas's political bureau to Doha, 2012" in dom.replace("&#39;", "'")


@pytest.mark.slow
def test_html_shows_names_and_evidence_as_text(tmp_path, browser_cli):
    evil = '<img src=x onerror="document.body.dataset.pwned=1">'
    actors = [
        "A",
        {
            "id": "X",
            "name": evil,
            "kind": "state",
            "groups": "<b>bloc</b>",
            "aliases": "",
            "note": "</script><script>document.body.dataset.pwned=2</script>",
        },
    ]
    relations = [
        rel(
            "A",
            "X",
            "contact",
            evidence='"><svg onload="document.body.dataset.pwned=3">',
            citation="Test, 2000",
        )
    ]
    ds = write_dataset(tmp_path / "ds", actors, relations)
    page = export(Network.load(ds, date="2010"), "html", tmp_path / "evil.html")
    dom = render(page, "#select=X")
    data = body_data(dom)
    assert data.get("status") == "ready" and "errors" not in data
    assert "pwned" not in data
    assert "<img" not in dom and "<svg onload" not in dom
    assert "&lt;img src=x onerror=" in dom  # shown as text in the details panel
