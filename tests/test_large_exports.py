"""Layouts and exports of large networks (diplonet._layout.LARGE): igraph's grid
Fruchterman-Reingold and a KD-tree overlap removal instead of networkx's spring layout and the
all-pairs :func:`spread`; small networks keep the old path (the picture tests hold it)."""

import math
import random

import pytest

import diplonet._layout as layout
from diplonet.export import relation_attributes


def _closest(pos: dict) -> float:
    pts = list(pos.values())
    return min(math.dist(p, q) for i, p in enumerate(pts) for q in pts[i + 1 :])


def test_spread_large_separates_close_and_coincident_actors():
    rng = random.Random(1)
    pos = {
        f"n{i}": (0.5 + rng.uniform(-0.05, 0.05), 0.5 + rng.uniform(-0.05, 0.05)) for i in range(40)
    }
    pos["same1"] = pos["same2"] = (0.3, 0.3)
    assert _closest(pos) < 1e-9
    out = layout.spread_large(pos, min_dist=0.03, rounds=200)
    assert set(out) == set(pos)
    assert _closest(out) >= 0.03 * 0.999
    assert out == layout.spread_large(pos, min_dist=0.03, rounds=200)  # deterministic


def test_spread_large_leaves_spread_out_actors_alone():
    pos = {f"n{i}": (0.1 + 0.2 * (i % 5), 0.1 + 0.2 * (i // 5)) for i in range(25)}
    assert layout.spread_large(pos, min_dist=0.05) == pos


def _spread_large_as_it_was(pos: dict, min_dist: float, rounds: int = 12) -> dict:
    """spread_large before it worked on x and y in place (the same arithmetic, row by row)."""
    import numpy as np
    from scipy.spatial import cKDTree

    nodes = sorted(pos)
    xy = np.array([pos[n] for n in nodes], dtype=float).reshape(-1, 2)
    angles = np.arange(len(nodes)) * 2.399963229728653
    for _ in range(rounds):
        pairs = cKDTree(xy).query_pairs(min_dist, output_type="ndarray")
        if len(pairs) == 0:
            break
        i, j = pairs[:, 0], pairs[:, 1]
        delta = xy[j] - xy[i]
        d = np.hypot(delta[:, 0], delta[:, 1])
        same = d < 1e-9
        delta[same] = np.column_stack([np.cos(angles[i[same]]), np.sin(angles[i[same]])])
        d[same] = 1.0
        push = (min_dist - np.minimum(d, min_dist)) / 2 + 1e-4 * min_dist
        step = delta / d[:, None] * push[:, None]
        n = len(xy)
        xy[:, 0] += np.bincount(j, step[:, 0], n) - np.bincount(i, step[:, 0], n)
        xy[:, 1] += np.bincount(j, step[:, 1], n) - np.bincount(i, step[:, 1], n)
    return {n: (float(x), float(y)) for n, (x, y) in zip(nodes, xy.tolist(), strict=True)}


def test_spread_large_moves_every_actor_exactly_as_it_did():
    rng = random.Random(4)
    pos = {f"n{i:03d}": (rng.uniform(0, 0.2), rng.uniform(0, 0.2)) for i in range(400)}
    pos["same1"] = pos["same2"] = pos["same3"] = (0.1, 0.1)
    for min_dist in (0.004, 0.02, 0.05):
        assert layout.spread_large(pos, min_dist) == _spread_large_as_it_was(pos, min_dist)


def test_large_layout_reads_the_links_in_the_channel_graphs_order(brief_net):
    nodes = [n for n in brief_net.actors if n not in ("US", "Iran")]  # some actors left out
    index = {n: i for i, n in enumerate(nodes)}
    expected = [
        ((index[a], index[b]), s)
        for a, b, s in brief_net.channel_graph.edges(data="strength")
        if a in index and b in index
    ]
    edges, weights = layout._link_list(brief_net, nodes)
    assert list(zip(edges, weights, strict=True)) == expected
    made = [(a, b) for a, b, _ in brief_net._link_edges]
    assert made != list(brief_net.channel_graph.edges())  # not the order the links are made in


def _run(code: str) -> str:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_a_commands_process_imports_igraph_without_matplotlib(tmp_path):
    pytest.importorskip("matplotlib")
    out = _run(
        "import sys\n"
        "import diplonet._layout as layout\n"
        "from diplonet.cli import main\n"
        "layout.LARGE = 5  # the shipped network counts as large: igraph lays it out\n"
        f"sys.argv = ['diplonet', 'export', 'graphml', '-o', {str(tmp_path / 'x.graphml')!r}]\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as exc:\n"
        "    assert not exc.code, exc.code\n"
        "print('igraph' in sys.modules, 'matplotlib' in sys.modules)\n"
        "import matplotlib.pyplot  # still importable afterwards\n"
    )
    assert out.split()[-2:] == ["True", "False"]


def test_a_library_process_imports_igraph_as_usual():
    pytest.importorskip("matplotlib")
    out = _run(
        "import sys\n"
        "from diplonet import _igraph\n"
        "ig = _igraph.load()\n"
        "from igraph.drawing.matplotlib.utils import find_matplotlib\n"
        "print(type(sys.modules.get('matplotlib')).__name__, find_matplotlib()[0].__name__)\n"
    )
    assert out.split() == ["module", "matplotlib"]


def test_large_min_dist_fits_every_actor():
    assert layout.large_min_dist(10_000) == pytest.approx(0.005)
    assert layout.large_min_dist(layout.LARGE + 1) < 0.07  # never more room than small networks


@pytest.mark.parametrize("kind", ["spring", "circular", "shell"])
def test_large_layouts_are_seeded_and_in_the_square(brief_net, monkeypatch, kind):
    small = layout.positions(brief_net, layout=kind)
    monkeypatch.setattr(layout, "LARGE", 5)
    first = layout.positions(brief_net, layout=kind)
    assert first == layout.positions(brief_net, layout=kind)
    assert set(first) == set(brief_net.actors)
    assert all(-0.1 <= c <= 1.1 for p in first.values() for c in p)
    if kind == "spring":
        assert first != small  # the other algorithm did run


def test_igraph_random_generator_is_given_back(brief_net, monkeypatch):
    import igraph as ig

    monkeypatch.setattr(layout, "LARGE", 5)
    layout.positions(brief_net)
    random.seed(5)
    a = ig.Graph.Erdos_Renyi(20, 0.2).get_edgelist()
    random.seed(5)
    assert ig.Graph.Erdos_Renyi(20, 0.2).get_edgelist() == a


@pytest.mark.parametrize("dynamic", [False, True])
def test_relation_attributes_with_a_memo_are_those_without(brief_net, dynamic):
    memo: dict = {}
    for r in brief_net.relations_at_any_date():
        assert relation_attributes(r, dynamic, memo) == relation_attributes(r, dynamic)


# -- GEXF written line by line (export.STREAM_GEXF_FROM) ------------------------------------------


def _flat(net, dynamic: bool = False):
    """What export() writes a large graph from: the graph's contents, in relation order."""
    from diplonet import export

    return export._Flat.from_parts(*export._parts(net, None, "spring", "bloc", dynamic))


@pytest.mark.parametrize("dynamic", [False, True])
def test_flat_contents_are_the_export_graph(brief_net, dynamic):
    from diplonet.export import export_graph

    for net in (brief_net, brief_net.without("Qatar"), brief_net.as_of("1990")):
        G, flat = export_graph(net, dynamic=dynamic), _flat(net, dynamic)
        assert list(flat.graph.items()) == list(G.graph.items())
        assert flat.nodes == list(G.nodes(data=True))
        assert flat.in_order() == list(G.edges(keys=True, data=True))
        assert flat.order != sorted(flat.order)  # networkx's order is not the relations'


def _both(G, flat=None):
    import io

    import networkx as nx

    from diplonet import export

    theirs = io.BytesIO()
    nx.write_gexf(export._gexf_graph(G), theirs, version="1.2draft")
    ours = io.StringIO()
    assert export._stream_gexf(G, ours)
    if flat is not None:  # from the contents, edges in relation order, as export() writes
        again = io.StringIO()
        assert export._stream_gexf(flat, again)
        assert again.getvalue() == ours.getvalue()
    return theirs.getvalue().decode("utf-8"), ours.getvalue()


@pytest.mark.parametrize("dynamic", [False, True])
def test_streamed_gexf_is_networkx_byte_for_byte(brief_net, dynamic):
    from diplonet.export import export_graph

    for net in (brief_net, brief_net.without("Qatar"), brief_net.as_of("1990")):
        theirs, ours = _both(export_graph(net, dynamic=dynamic), _flat(net, dynamic))
        assert ours == theirs


def test_streamed_gexf_escapes_as_networkx_does(make_net):
    from diplonet.export import export_graph

    from conftest import rel

    awkward = 'He said "no" & <left>\nthen\tstayed; 100% > 50%'
    net = make_net(
        [
            {
                "id": "A&B",
                "name": 'The "A" <group>',
                "kind": "state",
                "groups": "x;y",
                "aliases": "",
                "note": awkward,
            },
            "C",
            "D",
        ],
        [
            rel("A&B", "C", "diplomatic", 0.6, evidence=awkward, note=awkward),
            rel("C", "D", "aid", 0.25, end="2005-06"),
            rel("D", "A&B", "sanctions", 0.4),
        ],
    )
    for dynamic in (False, True):
        theirs, ours = _both(export_graph(net, dynamic=dynamic), _flat(net, dynamic))
        assert ours == theirs
        assert "&quot;no&quot; &amp; &lt;left&gt;&#10;then&#09;stayed" in ours


def test_streamed_gexf_types_an_attribute_by_its_first_value():
    import io

    from diplonet import export

    nodes = [
        (n, {"color": "#112233", "x": 0.5, "y": 0.25, "note": "", **extra})
        for n, extra in (("a", {"score": 1}), ("b", {"score": 1.5}), ("c", {"flag": True}))
    ]
    edges = []  # in relation order: networkx gives a's edges first, r0 (its line an int) first
    for u, v, key, line in (("c", "a", "r3", "3"), ("a", "b", "r0", 0), ("b", "c", "r1", 1)):
        attrs = {"relation_type": "aid", "strength": 0.5, "weight": 0.5, "family": "support"}
        attrs.update(color="#445566", line=line, **({"end": "2001"} if key == "r1" else {}))
        edges.append((u, v, key, attrs))
    edges.append(("a", "c", "r2", {**edges[0][3], "line": "2"}))
    graph = {"name": "t"}
    theirs, ours = _both(
        export._to_graph(graph, nodes, edges), export._Flat.from_parts(graph, nodes, edges)
    )
    assert ours == theirs
    assert 'title="score" type="long"' in ours and 'title="line" type="long"' in ours
    graphml = io.StringIO()  # one name, two types: GraphML leaves it to networkx
    assert not export._stream_graphml(export._Flat.from_parts(graph, nodes, edges), graphml)
    assert graphml.getvalue() == ""


def test_large_graphs_are_streamed_and_read_back_the_same(brief_net, tmp_path, monkeypatch):
    import networkx as nx

    from diplonet import export

    monkeypatch.setattr(export, "STREAM_GEXF_FROM", 1)
    calls = []
    real = export._stream_gexf
    monkeypatch.setattr(export, "_stream_gexf", lambda G, fh: calls.append(1) or real(G, fh))
    export.export(brief_net, "gexf", tmp_path / "big.gexf")
    assert calls == [1]
    monkeypatch.setattr(export, "STREAM_GEXF_FROM", 10**9)
    export.export(brief_net, "gexf", tmp_path / "small.gexf")
    assert (tmp_path / "big.gexf").read_bytes() == (tmp_path / "small.gexf").read_bytes()
    G = nx.read_gexf(tmp_path / "big.gexf")
    assert G.number_of_edges() == len(brief_net.relations)


# -- node-link JSON with the C encoder (export.node_link_json) ------------------------------------


def _awkward_net(make_net):
    from conftest import rel

    awkward = 'He said "no" & <left>\nthen\tstayed; ünïcode, "a": [1]'
    return make_net(
        [
            {
                "id": "A",
                "name": awkward,
                "kind": "state",
                "groups": "x;y",
                "aliases": "",
                "note": awkward,
            },
            "C",
        ],
        [rel("A", "C", "diplomatic", 0.6, evidence=awkward), rel("C", "A", "aid", 0.25)],
    )


@pytest.mark.parametrize("dynamic", [False, True])
def test_node_link_json_is_json_dumps_with_an_indent(brief_net, make_net, dynamic):
    import json

    from diplonet.export import export_graph, node_link, node_link_json

    for net in (brief_net, brief_net.as_of("1990"), _awkward_net(make_net)):
        data = node_link(export_graph(net, dynamic=dynamic))
        assert node_link_json(data) == json.dumps(data, indent=2, ensure_ascii=False)


@pytest.mark.parametrize("dynamic", [False, True])
def test_node_link_text_of_the_contents_is_node_link_json(brief_net, make_net, dynamic):
    from diplonet.export import _node_link_text, export_graph, node_link, node_link_json

    for net in (brief_net, brief_net.as_of("1990"), _awkward_net(make_net)):
        expected = node_link_json(node_link(export_graph(net, dynamic=dynamic)))
        assert _node_link_text(_flat(net, dynamic)) == expected


def test_node_link_text_declines_links_that_are_not_flat(brief_net):
    from diplonet.export import _node_link_text

    flat = _flat(brief_net)
    flat.edges[3][3]["groups"] = ["a", "b"]
    assert _node_link_text(flat) is None


def test_json_records_are_what_json_dumps_writes():
    import json

    from diplonet._jsontext import records

    rows = [
        {"a": 1, "b": 'x"\n–<&\u2028', "c": 1.5, "d": None, "e": True},
        {"a": -2, "b": "", "c": float("nan"), "d": "s", "e": False},
        {"50%": float("inf"), "k": -0.0, "x": -1e300, "y": 10**30},
        {},
        {"a": 3, "b": "y", "c": float("-inf"), "d": None, "e": False},
    ]
    compact = records(rows)
    assert "[" + ",".join(compact) + "]" == json.dumps(
        rows, ensure_ascii=False, separators=(",", ":")
    )
    indented = records(rows, "{\n      ", ",\n      ", ": ", "\n    }")
    expected = json.dumps({"links": rows}, indent=2, ensure_ascii=False)
    assert '{\n  "links": [\n    ' + ",\n    ".join(indented) + "\n  ]\n}" == expected
    after = records(rows[:2], after={"z": [1, 2]})
    assert after == [
        json.dumps({**r, "z": z}, separators=(",", ":"), ensure_ascii=False)
        for r, z in zip(rows[:2], (1, 2), strict=True)
    ]


def test_json_records_decline_what_is_not_a_flat_record():
    from diplonet._jsontext import records

    assert records([{"a": [1]}]) is None
    assert records([{"a": 1}, {"a": {"b": 1}}]) is None
    assert records([{1: "x"}]) is None
    assert records([{"a": 1}], after={"a": [2]}) is None  # json would keep "a" in its place


def test_page_json_of_the_contents_is_embed_json_of_page_data(brief_net, make_net):
    from diplonet import html
    from diplonet.export import _parts, export_graph

    for net in (brief_net, _awkward_net(make_net)):
        expected = html.embed_json(html.page_data(net, export_graph(net, dynamic=True)))
        _, nodes, edges = _parts(net, None, "spring", "bloc", True)
        data = html._page_data(net, nodes, edges, "bloc")
        for chunk in (7, 20_000):  # the links a few at a time, or all at once
            assert "".join(html._page_json(data, chunk)) == expected
        assert "\\u003cleft\\u003e" in expected or net is brief_net


def test_large_exports_never_build_the_graph(brief_net, tmp_path, monkeypatch):
    from diplonet import export, html

    expected = {
        "gexf": None,
        "graphml": None,
        "json": export.node_link_json(export.node_link(export.export_graph(brief_net))) + "\n",
        "html": html.page(brief_net, export.export_graph(brief_net, dynamic=True)),
    }
    for fmt in ("gexf", "graphml"):  # networkx's own writers
        monkeypatch.setattr(export, "STREAM_GEXF_FROM", 10**9)
        expected[fmt] = export.export(brief_net, fmt, tmp_path / f"nx.{fmt}").read_text("utf-8")
    monkeypatch.setattr(export, "STREAM_GEXF_FROM", 1)

    def refuse(*args):
        raise AssertionError("the MultiDiGraph was built")

    monkeypatch.setattr(export, "_to_graph", refuse)
    for fmt, text in expected.items():
        assert export.export(brief_net, fmt, tmp_path / f"x.{fmt}").read_text("utf-8") == text


def test_node_link_json_falls_back_for_nested_or_empty_links():
    import json

    from diplonet.export import node_link_json

    for data in (
        {"nodes": [], "links": []},
        {"nodes": [{"id": 1}], "links": [{"source": 1, "target": 1, "list": [1, 2]}]},
        {"nodes": [], "links": [{}, {"a": None, "b": 1.5}]},
        {"links": [{"a": 1}], "after": True},
        {"nodes": [], "links": [{"a": "},\n      {", "b": "}, {"}, {"a": "x"}]},
        {"nodes": [], "links": [{"a": 1}, [1, 2]]},
    ):
        assert node_link_json(data) == json.dumps(data, indent=2, ensure_ascii=False)


# -- GraphML written line by line (export._stream_graphml) ----------------------------------------


def _graphml_both(G):
    import io

    import networkx as nx

    from diplonet import export

    theirs = io.BytesIO()
    nx.write_graphml(G, theirs, named_key_ids=True)
    ours = io.StringIO()
    assert export._stream_graphml(G, ours)
    return theirs.getvalue().decode("utf-8"), ours.getvalue()


def test_streamed_graphml_is_networkx_byte_for_byte(brief_net, make_net):
    import io

    from diplonet.export import _stream_graphml, export_graph

    for net in (brief_net, brief_net.without("Qatar"), brief_net.as_of("1990")):
        for dynamic in (False, True):
            theirs, ours = _graphml_both(export_graph(net, dynamic=dynamic))
            assert ours == theirs
            again = io.StringIO()  # from the contents, edges in relation order
            assert _stream_graphml(_flat(net, dynamic), again)
            assert again.getvalue() == theirs
    theirs, ours = _graphml_both(export_graph(_awkward_net(make_net)))
    assert ours == theirs
    assert "&lt;left&gt;" in ours and 'He said "no" &amp;' in ours


def test_streamed_graphml_refuses_what_networkx_writes_otherwise(brief_net):
    import io

    from diplonet.export import _stream_graphml, export_graph

    G = export_graph(brief_net)
    edge = next(iter(G.edges(keys=True)))
    G.edges[edge]["line"] = "12"  # one name, two types: networkx writes two keys
    assert not _stream_graphml(G, io.StringIO())


def test_large_graphml_exports_are_streamed(brief_net, tmp_path, monkeypatch):
    from diplonet import export

    monkeypatch.setattr(export, "STREAM_GEXF_FROM", 1)
    export.export(brief_net, "graphml", tmp_path / "big.graphml")
    monkeypatch.setattr(export, "STREAM_GEXF_FROM", 10**9)
    export.export(brief_net, "graphml", tmp_path / "small.graphml")
    assert (tmp_path / "big.graphml").read_bytes() == (tmp_path / "small.graphml").read_bytes()


def test_exports_of_large_networks_say_how_they_were_laid_out(brief_net, monkeypatch):
    from diplonet.export import export_graph

    assert "layout" not in export_graph(brief_net).graph  # small: as always
    monkeypatch.setattr(layout, "LARGE", 5)
    assert "Fruchterman-Reingold" in export_graph(brief_net).graph["layout"]
    assert "circular" in export_graph(brief_net, layout="circular").graph["layout"]
    assert "layout" not in export_graph(brief_net, layout="map").graph


def test_the_export_command_says_when_a_large_network_is_laid_out_another_way(
    tmp_path, monkeypatch
):
    from typer.testing import CliRunner

    from diplonet.cli import app

    runner = CliRunner()
    small = runner.invoke(app, ["export", "graphml", "-o", str(tmp_path / "a.graphml")])
    assert small.exit_code == 0 and "layout:" not in small.stderr
    monkeypatch.setattr(layout, "LARGE", 10)  # the shipped network counts as large
    large = runner.invoke(app, ["export", "graphml", "-o", str(tmp_path / "b.graphml")])
    assert large.exit_code == 0, large.output
    assert "layout: igraph's Fruchterman-Reingold on a grid, seeded" in large.stderr


def test_export_gives_the_garbage_collector_back(brief_net, tmp_path):
    import gc

    from diplonet.errors import DiplonetError
    from diplonet.export import export

    assert gc.isenabled()
    export(brief_net, "json", tmp_path / "x.json")
    assert gc.isenabled()
    with pytest.raises(DiplonetError):
        export(brief_net, "gexf", tmp_path / "x.png")
    assert gc.isenabled()
