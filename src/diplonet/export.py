"""Files for other tools: GEXF (Gephi), GraphML, D3 node-link JSON, Cytoscape.js JSON, DOT,
CSV (a dataset folder) and a self-contained HTML page.

Every format carries every actor and relation attribute, so nothing is lost
(:func:`tables_from_graph` reads them back into the dataset's columns). The known traps of
networkx's writers are avoided once, in :func:`export_graph`: no ``None`` values (absent
attributes are left out), lists joined with ``;``, dates as text, and the sign kept in its own
attribute with a positive ``weight`` (= strength), since a negative weight breaks Gephi's
layouts. Attributes that the GEXF writer treats as its own (``type``, ``start``, ``end``,
``label``) are renamed ``relation_type``, ``start_date``, ``end_date``, ``name``.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Sequence
from operator import itemgetter
from pathlib import Path
from typing import NamedTuple

import networkx as nx

from . import _layout as layouts
from ._files import check_output, is_stream, replace_folder, write_atomic, write_text
from .dataset import (
    ACTOR_COLUMNS,
    ACTOR_OPTIONAL,
    MAIN_RELATIONS,
    RELATION_COLUMNS,
    RELATION_OPTIONAL,
    Relation,
)
from .errors import DiplonetError
from .network import Network, _paused_gc
from .style import WEB_LINESTYLE, actor_group, group_colors, hex_to_rgb, line_width, relation_style
from .vocab import EXPORT_FORMATS, FAMILIES

__all__ = [
    "ACCEPTED_EXTENSIONS",
    "cytoscape",
    "DATASET_FILES",
    "dot",
    "export",
    "EXPORT_FORMATS",
    "export_graph",
    "EXTENSIONS",
    "node_link",
    "NUMERIC_EVENT_COLUMNS",
    "relation_attributes",
    "SCALE",
    "tables_from_graph",
    "write_csv_dataset",
    "write_gexf",
    "write_graphml",
]

EXTENSIONS = {
    "gexf": ".gexf",
    "graphml": ".graphml",
    "json": ".json",
    "cytoscape": ".cyjs",
    "dot": ".dot",
    "html": ".html",
    "csv": "",
}
#: The file extensions each format may be written under (the first is the one chosen by default):
#: ``export gexf -o network.png`` is refused rather than writing XML into a ``.png``.
ACCEPTED_EXTENSIONS = {
    "gexf": (".gexf",),
    "graphml": (".graphml", ".xml"),
    "json": (".json",),
    "cytoscape": (".cyjs", ".json"),
    "dot": (".dot", ".gv"),
    "html": (".html", ".htm"),
}
#: The event columns exported as numbers, with their type; every other column stays text.
NUMERIC_EVENT_COLUMNS = {
    **dict.fromkeys(
        ("events", "verbal_cooperation", "material_cooperation", "verbal_conflict"), int
    ),
    "material_conflict": int,
    "goldstein_mean": float,
    "goldstein_sum": float,
}
#: Position scale in GEXF viz and Cytoscape (layouts are in the unit square).
SCALE = 1000.0


def _nodes_for(net: Network, focus: Sequence[str] | None) -> list[str]:
    if not focus:
        return list(net.actors)
    from .network import ego_nodes

    return ego_nodes(net, focus)


def export_graph(
    net: Network,
    focus: Sequence[str] | None = None,
    layout: str = "spring",
    color_by: str = "bloc",
    dynamic: bool = False,
) -> nx.MultiDiGraph:
    """The network as a writer-safe MultiDiGraph, one edge per relation.

    Nodes carry ``name``, ``kind``, ``bloc``, ``groups`` and ``aliases`` (``;``-joined),
    ``lat``/``lon``, ``start_date``/``end_date``, ``note``, and for drawing ``color``, ``x``,
    ``y`` (unit square). Edges (keyed ``r`` + :attr:`~diplonet.dataset.Relation.ref`, e.g.
    ``r12``) carry ``relation_type``, ``sign``, ``strength``, ``weight`` (= strength, always
    positive), ``directed``, ``channel``, ``start_date``/``end_date``, ``evidence``,
    ``citation``, ``confidence``, ``note``, ``line``, ``family`` and ``color`` (and ``file``
    and the event columns when they have them; see :func:`relation_attributes`). Absent values
    are left out, never ``None``. With ``dynamic``, every relation of the dataset at any date
    is included (not only those in force), each with its spell in ``start``/``end`` as full
    ISO dates.

    Parameters
    ----------
    net : Network
        The network to export: its date and scenario decide which actors and relations are in
        force (with ``dynamic``, only its scenario).
    focus : sequence of str, optional
        Actor names, ids or aliases: keep only them and the actors they have a relation with
        on the network's date (:func:`~diplonet.network.ego_nodes`). Default: every actor.
    layout : str
        How ``x`` and ``y`` are computed: ``spring``, ``circular``, ``shell``, ``map`` or
        ``geo`` (:func:`diplonet._layout.positions`).
    color_by : {"bloc", "kind"}
        What a node's ``color`` shows (:func:`~diplonet.style.actor_group`).
    dynamic : bool
        Whether to include every actor and relation of the scenario at any date, with spells,
        rather than those in force on the network's date.

    Returns
    -------
    networkx.MultiDiGraph
        One node per actor, one edge per relation; the graph's own attributes are ``name``
        (the dataset's title), ``as_of``, ``curated_through``, ``scenario``, and ``mode``
        (``"dynamic"``) and ``layout`` (when a large network was laid out otherwise) when
        they apply.

    Raises
    ------
    UnknownActorError
        If a ``focus`` name is no actor's.
    DiplonetError
        If a ``focus`` actor is not in the network on its date, or ``layout`` is unknown.
    """
    return _to_graph(*_parts(net, focus, layout, color_by, dynamic))


def _parts(
    net: Network, focus: Sequence[str] | None, layout: str, color_by: str, dynamic: bool
) -> tuple[dict, list[tuple[str, dict]], list[tuple[str, str, str, dict]]]:
    """What :func:`export_graph` puts in its graph: the graph's attributes, the nodes as
    ``(id, attributes)`` and the edges as ``(source, target, key, attributes)``, in relation
    order."""
    nodes = _nodes_for(net, focus)
    keep = set(nodes)
    if dynamic:
        rels = [r for r in net.relations_at_any_date() if r.source in keep and r.target in keep]
        actors = {a: net.scenario_actors[a] for a in (focus and nodes or net.scenario_actors)}
    else:
        rels = [r for r in net.relations if r.source in keep and r.target in keep]
        actors = {a: net.actors[a] for a in nodes}
    pos = layouts.positions(net, list(actors), layout) if actors else {}
    colors = group_colors(list(net.dataset.actors.values()), color_by)
    graph = {
        "name": net.dataset.info.title or "diplonet",
        "as_of": str(net.date),
        "curated_through": str(net.curated_through or ""),
        "scenario": "; ".join(net.scenario()),
    }
    node_rows = []
    for a in actors.values():
        attrs = {
            "name": a.name,
            "kind": a.kind,
            "bloc": a.bloc,
            "groups": ";".join(a.groups),
            "aliases": ";".join(a.aliases),
            "note": a.note,
            "color": colors[actor_group(a, color_by)],
            "x": round(pos[a.id][0], 6),
            "y": round(pos[a.id][1], 6),
        }
        if a.lat is not None:
            attrs.update(lat=a.lat, lon=a.lon)
        if a.start:
            attrs["start_date"] = str(a.start)
        if a.end:
            attrs["end_date"] = str(a.end)
        if dynamic:
            if a.start:
                attrs["start"] = a.start.first_day().isoformat()
            if a.end:
                attrs["end"] = a.end.last_day().isoformat()
        node_rows.append((a.id, attrs))
    memo: dict = {}  # styles by type, dates by identity: a dataset repeats them
    with _paused_gc():  # one dict per relation, no cycle among them
        edges = [
            (r.source, r.target, f"r{r.ref}", relation_attributes(r, dynamic, memo)) for r in rels
        ]
    if dynamic:
        graph["mode"] = "dynamic"
    how = layouts.note(layout, len(actors))
    if how:  # a large network is laid out otherwise: the file says how
        graph["layout"] = how
    return graph, node_rows, edges


def _networkx_order(nodes: list, edges: list) -> list[int] | None:
    """The positions of edges ``(source, target, key, ...)`` in the order a MultiDiGraph made
    of ``nodes`` ``(id, attributes)`` and then of them gives them back: each source's edges
    together (sources in node order, then targets in the order first met, then keys). None
    when networkx would add a node or merge two edges (never on an export graph)."""
    import numpy as np

    index = {n: i for i, (n, _) in enumerate(nodes)}
    if len(index) != len(nodes) or len(set(map(itemgetter(2), edges))) != len(edges):
        return None
    try:
        u, v = (
            np.fromiter(map(index.__getitem__, map(itemgetter(end), edges)), np.int64, len(edges))
            for end in (0, 1)
        )
    except KeyError:
        return None
    # by source, then by the first position of its (source, target) pair, then by position
    _, first, pair = np.unique(u * len(index) + v, return_index=True, return_inverse=True)
    return np.lexsort((np.arange(len(edges)), first[pair], u)).tolist()


def _write_parts(path: Path, parts) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for part in parts:
            fh.write(part)


def _to_graph(graph: dict, nodes: list, edges: list) -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    G.graph.update(graph)
    for n, attrs in nodes:
        G.add_node(n, **attrs)
    with _paused_gc():
        G.add_edges_from(edges)
    return G


class _Flat:
    """An export graph as the writers read it, without networkx: ``graph`` (its attributes),
    ``nodes`` (``(id, attributes)``, in the order ``G.nodes`` gives them) and ``edges``
    (``(source, target, key, attributes)``), with ``order``, their positions in the order
    ``G.edges(keys=True, data=True)`` gives them. Building the MultiDiGraph of 200,000
    relations only to read it back costs a second and 200 MB.

    The edges stay in relation order, the order their dicts were made in: read column by
    column in that order, they are read from memory in order (in networkx's order, 6 times
    slower); the writers put each edge's text in place at the end."""

    __slots__ = ("graph", "nodes", "edges", "order")

    def __init__(self, graph: dict, nodes: list, edges: list, order: list[int] | None = None):
        self.graph, self.nodes, self.edges = graph, nodes, edges
        self.order = list(range(len(edges))) if order is None else order

    @classmethod
    def of(cls, G: nx.MultiDiGraph) -> _Flat:
        """A MultiDiGraph's contents."""
        return cls(G.graph, list(G.nodes(data=True)), list(G.edges(keys=True, data=True)))

    @classmethod
    def from_parts(cls, graph: dict, nodes: list, edges: list) -> _Flat | None:
        """:func:`_to_graph`'s graph, not built; None when networkx would add a node or merge
        two edges (see :func:`_networkx_order`)."""
        order = _networkx_order(nodes, edges)
        return None if order is None else cls(graph, nodes, edges, order)

    def in_order(self) -> list:
        """The edges in networkx's order."""
        return list(map(self.edges.__getitem__, self.order))

    def number_of_edges(self) -> int:
        return len(self.edges)

    def degrees(self) -> dict:
        """Each node's degree as ``MultiDiGraph.degree`` counts it (a loop twice)."""
        from collections import Counter

        deg = dict.fromkeys((n for n, _ in self.nodes), 0)
        ends = Counter(map(itemgetter(0), self.edges))
        ends.update(map(itemgetter(1), self.edges))
        deg.update(ends)
        return deg


def relation_attributes(r: Relation, dynamic: bool = False, memo: dict | None = None) -> dict:
    """The export attributes of one relation (see :func:`export_graph`).

    Parameters
    ----------
    r : Relation
        The relation.
    dynamic : bool
        Whether to add its spell (``start``/``end`` as the first and last ISO day).
    memo : dict, optional
        A dict kept across calls: a type's style and a date's texts are then worked out once
        for many relations.

    Returns
    -------
    dict
        The edge attributes, without ``None`` values.
    """
    if memo is None:
        memo = {}
    st = memo.get(r.type)
    if st is None:
        st = memo[r.type] = (relation_style(r), r.channel)
    start = _date_texts(r.start, memo)
    attrs = {
        "relation_type": r.type,
        "sign": r.sign,
        "strength": r.strength,
        "weight": r.strength,
        "directed": r.directed,
        "channel": st[1],
        "start_date": start[0],
        "evidence": r.evidence,
        "citation": r.citation,
        "confidence": r.confidence,
        "note": r.note,
        "line": r.line,
        "family": st[0]["family"],
        "color": st[0]["color"],
    }
    end = _date_texts(r.end, memo) if r.end else None
    if end:
        attrs["end_date"] = end[0]
    if r.file != MAIN_RELATIONS:
        attrs["file"] = r.file
    for column, value in r.extra:
        if value:
            attrs[column] = _typed(column, value)
    if dynamic:
        attrs["start"] = start[1]
        if end:
            attrs["end"] = end[2]
    return attrs


def _date_texts(date, memo: dict) -> tuple[str, str, str]:
    """A date as written, its first day and its last day (ISO), kept in ``memo`` by identity."""
    found = memo.get(id(date))
    if found is None or found[3] is not date:
        found = (str(date), date.first_day().isoformat(), date.last_day().isoformat(), date)
        memo[id(date)] = found
    return found


def _typed(column: str, text: str):
    """The value of an event column as its type: only the counts and Goldstein values are
    numbers (validated, so finite); ids and URLs stay text, even ``nan`` or ``007``."""
    cast = NUMERIC_EVENT_COLUMNS.get(column)
    return cast(text) if cast else text


# -- reading exports back ------------------------------------------------------------------------


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ";".join(map(str, value))
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(value) if "." in str(value) else f"{value:.1f}"
    return str(value)


def tables_from_graph(G: nx.Graph) -> tuple[list[dict], list[dict]]:
    """Actor and relation rows (the dataset's CSV columns, as text) from an exported graph.

    Works on what networkx reads back from GEXF, GraphML and node-link JSON, so a round trip
    can be checked column by column.

    Parameters
    ----------
    G : networkx.Graph
        A graph from :func:`export_graph`, or read back from one of its files; a multigraph or
        not, nodes named by actor id.

    Returns
    -------
    (list of dict, list of dict)
        The actor rows (``id`` and every column of ``actors.csv``) and the relation rows
        (``source``, ``target`` and every column of ``relations.csv``), each value as the text
        the CSV holds (``+1``, ``true``, ``0.8``; ``""`` when absent).

    Examples
    --------
    >>> G = export_graph(Network.load(date="2021-05-20"), layout="circular")
    >>> actors, relations = tables_from_graph(G)
    >>> actors[0]["id"], relations[0]["sign"], relations[0]["directed"]
    ('US', '+1', 'false')
    """
    actors = []
    for node, d in G.nodes(data=True):
        row = {"id": str(node)}
        for col in (*ACTOR_COLUMNS[1:], *ACTOR_OPTIONAL):
            key = {"start": "start_date", "end": "end_date"}.get(col, col)
            value = d.get(key)
            if col == "name" and value is None:
                value = d.get("label")
            row[col] = (
                _text(value) if col not in ("lat", "lon") or value is None else repr(float(value))
            )
        actors.append(row)
    relations = []
    edges = (
        G.edges(data=True, keys=True)
        if G.is_multigraph()
        else ((u, v, None, d) for u, v, d in G.edges(data=True))
    )
    for u, v, _, d in edges:
        row = {"source": str(u), "target": str(v)}
        for col in (*RELATION_COLUMNS[2:], *RELATION_OPTIONAL):
            key = {"type": "relation_type", "start": "start_date", "end": "end_date"}.get(col, col)
            value = d.get(key)
            if col == "sign" and value is not None:
                value = f"{int(value):+d}"
            elif col == "strength" and value is not None:
                value = repr(float(value))
            row[col] = _text(value)
        relations.append(row)
    return actors, relations


# -- writers -------------------------------------------------------------------------------------


def _gexf_graph(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    H = G.copy()
    for n, d in H.nodes(data=True):
        r, g, b = hex_to_rgb(d["color"])
        d["label"] = n
        d["viz"] = {
            "color": {"r": r, "g": g, "b": b, "a": 1.0},
            "position": {"x": d["x"] * SCALE, "y": d["y"] * SCALE, "z": 0.0},
            "size": 10.0 + 2.0 * H.degree(n),
        }
    for _, _, d in H.edges(data=True):
        r, g, b = hex_to_rgb(d["color"])
        shape = {"dashed": "dashed", "dotted": "dotted"}.get(
            FAMILIES[d["family"]]["linestyle"], "solid"
        )
        d["viz"] = {
            "color": {"r": r, "g": g, "b": b, "a": 1.0},
            "thickness": 0.8 + 2.6 * d["strength"],
            "shape": shape,
        }
        d["label"] = d["relation_type"]
    return H


#: From this many relations on, GEXF is written by :func:`_stream_gexf` (the same bytes as
#: networkx's writer, which builds the whole XML tree first: 30 s and more for 100,000 ties).
STREAM_GEXF_FROM = 5_000


def write_gexf(G: nx.MultiDiGraph, path: Path) -> None:
    """GEXF 1.2 with viz positions and colours, and spells when the graph is dynamic.

    From :data:`STREAM_GEXF_FROM` relations on, the file is written line by line (the same
    bytes as networkx's writer, which would build the whole tree first).

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph from :func:`export_graph`.
    path : Path
        The file to write (overwritten, not atomically: :func:`export` writes through a
        temporary file).
    """
    if not _streamed(G, path, _stream_gexf):
        nx.write_gexf(_gexf_graph(G), path, version="1.2draft")


def _streamed(G: nx.MultiDiGraph | _Flat, path: Path, stream) -> bool:
    """Write ``G`` line by line with ``stream`` when it has :data:`STREAM_GEXF_FROM` relations
    or more; False when it is smaller or ``stream`` declines (networkx's writer then runs)."""
    if G.number_of_edges() < STREAM_GEXF_FROM:
        return False
    with open(path, "w", encoding="utf-8", newline="\n") as fh, _paused_gc():
        return stream(G, fh)


_GEXF_TYPES = {bool: "boolean", int: "long", float: "double", str: "string"}
_GEXF_HEAD = (
    "<?xml version='1.0' encoding='utf-8'?>\n"
    '<gexf xmlns:viz="http://www.gexf.net/1.2draft/viz" xmlns="http://www.gexf.net/1.2draft" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" '
    'version="1.2">\n'
    '  <meta lastmodifieddate="{date}">\n'
    "    <creator>NetworkX {version}</creator>\n"
    "  </meta>\n"
)


class _Shape(NamedTuple):
    """The dicts of one shape (the same keys in the same order): the keys, the positions of
    the dicts holding them (ascending) and each key's values, column by column."""

    keys: tuple
    where: list[int]
    columns: dict[str, list]


def _shapes(dicts: list[dict], order: list[int]) -> list[_Shape]:
    """The shapes of ``dicts``, in the order ``order`` (positions in ``dicts``) first meets
    them; each shape's values read column by column, in the order the dicts lie in memory."""
    import numpy as np

    shape_of = list(map(tuple, dicts))
    codes = {keys: code for code, keys in enumerate(dict.fromkeys(shape_of))}
    if len(codes) == 1:
        where = [list(range(len(dicts)))]
        of: list[int] = [0] * len(dicts)
    else:
        of = list(map(codes.__getitem__, shape_of))
        by_code = np.array(of, np.int64)
        where = [np.flatnonzero(by_code == code).tolist() for code in range(len(codes))]
    keys_of = list(codes)
    out = []
    for code in dict.fromkeys(map(of.__getitem__, order)):
        keys, at = keys_of[code], where[code]
        rows = dicts if len(where) == 1 else list(map(dicts.__getitem__, at))
        values = zip(*map(itemgetter(*keys), rows), strict=True) if len(keys) > 1 else None
        if values is None:
            columns = {k: [d[k] for d in rows] for k in keys}
        else:
            columns = dict(zip(keys, map(list, values), strict=True))
        out.append(_Shape(keys, at, columns))
    return out


def _first(shape: _Shape, rank: list[int]) -> int:
    """The place within ``shape`` of its first dict in the written order (``rank``: each
    dict's place in it)."""
    ranks = list(map(rank.__getitem__, shape.where))
    return ranks.index(min(ranks))


class _Rows:
    """The text of many elements of one shape: literal text (:meth:`text`) and columns of
    texts, one per element (:meth:`column`), joined element by element (:meth:`render`)."""

    def __init__(self, count: int):
        self.count = count
        self.parts: list = []

    def text(self, literal: str) -> None:
        if self.parts and type(self.parts[-1]) is str:
            self.parts[-1] += literal
        else:
            self.parts.append(literal)

    def column(self, texts: list[str]) -> None:
        self.parts.append(texts)

    def render(self) -> list[str]:
        from itertools import repeat

        args = [repeat(p, self.count) if type(p) is str else p for p in self.parts]
        return list(map("".join, zip(*args, strict=True)))


def _escaper(esc):
    """``esc`` (one of ElementTree's escapes) over a column of texts: the texts themselves
    when none holds a character ``esc`` changes (found by asking it), else each distinct text
    escaped once."""
    specials = [c for c in map(chr, range(128)) if esc(c) != c]

    def escape(texts: list[str]) -> list[str]:
        distinct = set(texts)  # most columns repeat a few texts
        joined = "".join(distinct)
        if not any(c in joined for c in specials):
            return texts
        memo = {t: esc(t) for t in distinct}
        return list(map(memo.__getitem__, texts))

    return escape


def _write_in_order(fh, count: int, shapes: list[_Shape], texts, order: list[int]) -> None:
    """Write the text of every element (``texts(shape)``: one per element of the shape) in
    ``order``, a chunk at a time."""
    if len(shapes) == 1:
        out = texts(shapes[0])
    else:
        out = [None] * count
        for shape in shapes:
            for i, text in zip(shape.where, texts(shape), strict=True):
                out[i] = text
    for start in range(0, len(order), 20_000):
        fh.write("".join(map(out.__getitem__, order[start : start + 20_000])))


def _stream_gexf(G: nx.MultiDiGraph | _Flat, fh) -> bool:
    """Write an :func:`export_graph` graph (or its :class:`_Flat` contents) as GEXF 1.2
    exactly as ``nx.write_gexf(_gexf_graph(G), version="1.2draft")`` writes it (its element
    and attribute order, attribute ids, escaping and indentation; the tests compare the bytes),
    column by column rather than value by value. Returns False, having written nothing, for a
    value type the export never makes."""
    import time
    from xml.etree import ElementTree

    esc = getattr(ElementTree, "_escape_attrib", None)
    if esc is None:
        return False
    flat = G if isinstance(G, _Flat) else _Flat.of(G)
    node_order = list(range(len(flat.nodes)))
    node_shapes = _shapes([d for _, d in flat.nodes], node_order)
    edge_shapes = _shapes([e[3] for e in flat.edges], flat.order)
    rank = [0] * len(flat.edges)  # each edge's place in networkx's order: its id
    for place, i in enumerate(flat.order):
        rank[i] = place
    # the attribute ids, numbered as networkx numbers them (nodes first, then edges, each key
    # when first met, typed by its first value; the multigraph key after the first edge's)
    ids: dict[str, dict[str, str]] = {"node": {}, "edge": {}}
    types: dict[str, dict[str, str]] = {"node": {}, "edge": {}}
    skip = {"node": ("label", "start", "end"), "edge": ("label", "weight", "start", "end")}
    timed = False
    for kind, shapes, ranks in (("node", node_shapes, node_order), ("edge", edge_shapes, rank)):
        known, omit = ids[kind], skip[kind]
        for shape in shapes:
            timed = timed or "start" in shape.keys or "end" in shape.keys
            first = _first(shape, ranks)
            for k, values in shape.columns.items():
                if not set(map(type, values)) <= _GEXF_TYPES.keys():
                    return False
                if k not in known and k not in omit:
                    known[k] = str(len(ids["node"]) + len(ids["edge"]))
                    types[kind][k] = _GEXF_TYPES[type(values[first])]
            if kind == "edge" and "networkx_key" not in known:
                known["networkx_key"] = str(len(ids["node"]) + len(ids["edge"]))
                types[kind]["networkx_key"] = "string"
    if "key" in ids["edge"]:  # an attribute networkx would rename: leave it to networkx
        return False
    escape = _escaper(esc)
    special = {"inf": "INF", "nan": "NaN", "-inf": "-INF"}
    bools = {True: "true", False: "false"}

    def value_text(v) -> str:  # as networkx writes an attvalue, in a column of mixed types
        t = type(v)
        if t is bool:
            return bools[v]
        if t is float:
            text = str(v)
            return special.get(text, text)
        return esc(v) if t is str else str(v)

    def values(column: list) -> list[str]:
        kinds = set(map(type, column))
        if kinds == {str}:
            return escape(column)
        if kinds == {bool}:
            return list(map(bools.__getitem__, column))
        if kinds == {int}:
            return list(map(str, column))
        if kinds == {float} and all(map(math.isfinite, column)):
            return list(map(str, column))
        return list(map(value_text, column))

    def attvalues(rows: _Rows, kind: str, shape: _Shape) -> None:
        known, omit = ids[kind], skip[kind]
        for k, column in shape.columns.items():
            if k not in omit:
                rows.text(f'          <attvalue for="{known[k]}" value="')
                rows.column(values(column))
                rows.text('" />\n')

    def spells(rows: _Rows, shape: _Shape, names: tuple) -> None:
        for k in names:
            if k in shape.columns:
                rows.text(f' {k}="')
                rows.column(escape(list(map(str, shape.columns[k]))))
                rows.text('"')

    mode = "dynamic" if timed or flat.graph.get("mode") == "dynamic" else "static"
    name = esc(str(flat.graph.get("name", "")))
    fh.write(_GEXF_HEAD.format(date=time.strftime("%Y-%m-%d"), version=nx.__version__))
    fh.write(
        f'  <graph defaultedgetype="directed" mode="{mode}" name="{name}"'
        + (' timeformat="date"' if timed else "")
        + ">\n"
    )
    for kind in ("edge", "node"):  # networkx inserts each new block first
        if ids[kind]:
            fh.write(f'    <attributes mode="static" class="{kind}">\n')
            for title, at in ids[kind].items():
                fh.write(
                    f'      <attribute id="{at}" title="{esc(title)}" '
                    f'type="{types[kind][title]}" />\n'
                )
            fh.write("    </attributes>\n")
    degree = flat.degrees()
    ids_text = {n: esc(str(n)) for n, _ in flat.nodes}

    def node_texts(shape: _Shape) -> list[str]:
        items = list(map(flat.nodes.__getitem__, shape.where))
        rows = _Rows(len(items))
        node = [ids_text[n] for n, _ in items]
        rows.text('      <node id="')
        rows.column(node)
        rows.text('" label="')
        rows.column(node)
        rows.text('"')
        spells(rows, shape, ("start", "end"))
        rgb = [hex_to_rgb(c) for c in shape.columns["color"]]
        for i, part in enumerate(("r", "g", "b")):
            rows.text('>\n        <viz:color r="' if i == 0 else f'" {part}="')
            rows.column([str(c[i]) for c in rgb])
        rows.text('" a="1.0" />\n        <viz:size value="')
        rows.column([str(10.0 + 2.0 * degree[n]) for n, _ in items])
        rows.text('" />\n        <viz:position x="')
        rows.column([str(x * SCALE) for x in shape.columns["x"]])
        rows.text('" y="')
        rows.column([str(y * SCALE) for y in shape.columns["y"]])
        rows.text('" z="0.0" />\n')
        if set(shape.keys) - set(skip["node"]):
            rows.text("        <attvalues>\n")
            attvalues(rows, "node", shape)
            rows.text("        </attvalues>\n")
        rows.text("      </node>\n")
        return rows.render()

    shapes_of = {}
    for f, spec in FAMILIES.items():
        shape = {"dashed": "dashed", "dotted": "dotted"}.get(spec["linestyle"], "solid")
        shapes_of[f] = f'        <viz:shape value="{shape}" />\n'
    key_id = ids["edge"].get("networkx_key")

    def edge_texts(shape: _Shape) -> list[str]:
        items = list(map(flat.edges.__getitem__, shape.where))
        rows = _Rows(len(items))
        rows.text('      <edge source="')
        rows.column(list(map(ids_text.__getitem__, [e[0] for e in items])))
        rows.text('" target="')
        rows.column(list(map(ids_text.__getitem__, [e[1] for e in items])))
        rows.text('" id="')
        rows.column(list(map(str, map(rank.__getitem__, shape.where))))
        rows.text('" label="')
        rows.column(escape(list(map(str, shape.columns["relation_type"]))))
        rows.text('"')
        spells(rows, shape, ("weight", "start", "end"))
        rows.text(">\n")
        lines = {}
        for c in set(shape.columns["color"]):
            r, g, b = hex_to_rgb(c)
            lines[c] = f'        <viz:color r="{r}" g="{g}" b="{b}" a="1.0" />\n'
        rows.column(list(map(lines.__getitem__, shape.columns["color"])))
        # 0.8 + 2.6 * s is the same sum for any strengths equal to each other
        strengths = shape.columns["strength"]
        lines = {s: f'        <viz:thickness value="{0.8 + 2.6 * s}" />\n' for s in set(strengths)}
        rows.column(list(map(lines.__getitem__, strengths)))
        rows.column(list(map(shapes_of.__getitem__, shape.columns["family"])))
        rows.text("        <attvalues>\n")
        attvalues(rows, "edge", shape)
        rows.text(f'          <attvalue for="{key_id}" value="')
        rows.column(escape([str(e[2]) for e in items]))
        rows.text('" />\n        </attvalues>\n      </edge>\n')
        return rows.render()

    fh.write("    <nodes>\n" if flat.nodes else "    <nodes />\n")
    _write_in_order(fh, len(flat.nodes), node_shapes, node_texts, node_order)
    if flat.nodes:
        fh.write("    </nodes>\n")
    fh.write("    <edges>\n" if flat.edges else "    <edges />\n")
    _write_in_order(fh, len(flat.edges), edge_shapes, edge_texts, flat.order)
    if flat.edges:
        fh.write("    </edges>\n")
    fh.write("  </graph>\n</gexf>\n")
    return True


def write_graphml(G: nx.MultiDiGraph, path: Path) -> None:
    """GraphML with named keys; from :data:`STREAM_GEXF_FROM` relations on, written line by
    line by :func:`_stream_graphml` (networkx's writer holds the whole tree: 40 s and 1.6 GB
    for 135,000 ties).

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph from :func:`export_graph`.
    path : Path
        The file to write (overwritten, not atomically: :func:`export` writes through a
        temporary file).
    """
    if not _streamed(G, path, _stream_graphml):
        nx.write_graphml(G, path, named_key_ids=True)


def _stream_graphml(G: nx.MultiDiGraph | _Flat, fh) -> bool:
    """Write an :func:`export_graph` graph (or its :class:`_Flat` contents) as GraphML exactly
    as ``nx.write_graphml(G, named_key_ids=True)`` writes it without lxml (keys newest first,
    the graph's own data after its edges, ElementTree's escaping and indentation; the tests
    compare the bytes), column by column rather than value by value. Returns False, having
    written nothing, when a value's type is not one of GraphML's or one name has values of two
    types (networkx then writes two keys)."""
    from xml.etree import ElementTree

    esc_attrib = getattr(ElementTree, "_escape_attrib", None)
    esc_text = getattr(ElementTree, "_escape_cdata", None)
    if esc_attrib is None or esc_text is None:
        return False
    flat = G if isinstance(G, _Flat) else _Flat.of(G)
    kinds = {bool: "boolean", int: "long", float: "double", str: "string"}
    keys: dict[tuple[str, str], str] = {}  # (scope, name) -> type, in the order first met
    graph_data = {k: v for k, v in flat.graph.items() if k not in ("node_default", "edge_default")}
    if "id" in graph_data:
        return False
    node_order = list(range(len(flat.nodes)))
    node_shapes = _shapes([d for _, d in flat.nodes], node_order)
    edge_shapes = _shapes([e[3] for e in flat.edges], flat.order)
    for scope, shapes in (
        ("graph", _shapes([graph_data], [0])),
        ("node", node_shapes),
        ("edge", edge_shapes),
    ):
        for shape in shapes:
            for k, values in shape.columns.items():
                types = set(map(type, values))
                kind = kinds.get(types.pop()) if len(types) == 1 else None
                if kind is None or keys.setdefault((scope, str(k)), kind) != kind:
                    return False
    escape = _escaper(esc_text)
    attrib = _escaper(esc_attrib)

    def data(rows: _Rows, shape: _Shape, pad: str) -> None:
        for k, column in shape.columns.items():
            head = f'{pad}<data key="{esc_attrib(str(k))}"'
            if type(column[0]) is str:  # an empty text closes the element at once
                texts = escape(column)
                lines = {t: f"{head}>{t}</data>\n" if t else f"{head} />\n" for t in set(texts)}
                rows.column(list(map(lines.__getitem__, texts)))
            else:  # a number's text holds nothing to escape, and is never empty
                rows.text(f"{head}>")
                rows.column(list(map(str, column)))
                rows.text("</data>\n")

    def node_texts(shape: _Shape) -> list[str]:
        rows = _Rows(len(shape.where))
        rows.text('    <node id="')
        rows.column(attrib([str(flat.nodes[i][0]) for i in shape.where]))
        if shape.keys:
            rows.text('">\n')
            data(rows, shape, "      ")
            rows.text("    </node>\n")
        else:
            rows.text('" />\n')
        return rows.render()

    ids = {n: esc_attrib(str(n)) for n, _ in flat.nodes}

    def edge_texts(shape: _Shape) -> list[str]:
        items = list(map(flat.edges.__getitem__, shape.where))
        rows = _Rows(len(items))
        rows.text('    <edge source="')
        rows.column(list(map(ids.__getitem__, [e[0] for e in items])))
        rows.text('" target="')
        rows.column(list(map(ids.__getitem__, [e[1] for e in items])))
        rows.text('" id="')
        rows.column(attrib([str(e[2]) for e in items]))
        if shape.keys:
            rows.text('">\n')
            data(rows, shape, "      ")
            rows.text("    </edge>\n")
        else:
            rows.text('" />\n')
        return rows.render()

    fh.write(
        "<?xml version='1.0' encoding='utf-8'?>\n"
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
        'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
    )
    for (scope, name), kind in reversed(keys.items()):  # networkx inserts each key first
        name = esc_attrib(name)
        fh.write(f'  <key id="{name}" for="{scope}" attr.name="{name}" attr.type="{kind}" />\n')
    empty = not flat.nodes and not flat.edges and not graph_data
    fh.write(
        '  <graph edgedefault="directed" />\n' if empty else '  <graph edgedefault="directed">\n'
    )
    _write_in_order(fh, len(flat.nodes), node_shapes, node_texts, node_order)
    _write_in_order(fh, len(flat.edges), edge_shapes, edge_texts, flat.order)
    if graph_data:
        rows = _Rows(1)
        data(rows, _shapes([graph_data], [0])[0], "    ")
        fh.write(rows.render()[0])
    fh.write("</graphml>\n" if empty else "  </graph>\n</graphml>\n")
    return True


def node_link(G: nx.MultiDiGraph) -> dict:
    """D3-ready node-link JSON: ``nodes`` (``id`` + attributes) and ``links`` (``source``,
    ``target``, ``key`` + attributes); ``groups`` and ``aliases`` as lists.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph from :func:`export_graph`.

    Returns
    -------
    dict
        networkx's node-link data (``directed``, ``multigraph``, ``graph``, ``nodes``,
        ``links``), ready for :func:`node_link_json`.
    """
    data = nx.node_link_data(G, edges="links")
    _listed(data["nodes"])
    return data


def _listed(nodes: list[dict]) -> None:
    for node in nodes:
        for key in ("groups", "aliases"):
            node[key] = [x for x in node.get(key, "").split(";") if x]


def _node_link_text(flat: _Flat) -> str | None:
    """``node_link_json(node_link(G))`` for the graph ``flat`` holds, without building it: the
    links (flat records) written column by column (:func:`diplonet._jsontext.records`). None
    when a link is not flat, and the caller writes it the usual way."""
    from ._jsontext import records

    nodes = [{**d, "id": n} for n, d in flat.nodes]  # as networkx's node_link_data
    _listed(nodes)
    head = json.dumps(
        {"directed": True, "multigraph": True, "graph": flat.graph, "nodes": nodes, "links": []},
        indent=2,
        ensure_ascii=False,
    )
    if not flat.edges:
        return head
    tail = '\n  "links": []\n}'
    edges = flat.edges
    links = records(
        [d for _, _, _, d in edges],
        "{\n      ",
        ",\n      ",
        ": ",
        "\n    }",
        after={
            "source": [e[0] for e in edges],
            "target": [e[1] for e in edges],
            "key": [e[2] for e in edges],
        },
    )
    if links is None or not head.endswith(tail):
        return None
    links = ",\n    ".join(map(links.__getitem__, flat.order))  # in networkx's order
    return head[: -len(tail)] + '\n  "links": [\n    ' + links + "\n  ]\n}"


def node_link_json(data: dict) -> str:
    """``json.dumps(data, indent=2, ensure_ascii=False)``, the same text, made faster.

    With an indent, Python's JSON encoder runs in Python, element by element (seconds for
    100,000 ties); the links, flat objects, are written by the C encoder with the indent as its
    separator. Anything else (nested values in a link, no links) goes to ``json.dumps``.

    Parameters
    ----------
    data : dict
        Node-link data (:func:`node_link`), its ``links`` last.

    Returns
    -------
    str
        The indented JSON text, without a final newline.
    """
    from itertools import chain

    links = data.get("links")
    flat = {int, float, str, bool, type(None)}
    if (
        not isinstance(links, list)
        or not links
        or list(data)[-1] != "links"
        or not all(type(link) is dict and link for link in links)
        or not set(map(type, chain.from_iterable(map(dict.values, links)))) <= flat
    ):
        return json.dumps(data, indent=2, ensure_ascii=False)
    head = json.dumps({**data, "links": []}, indent=2, ensure_ascii=False)
    tail = '\n  "links": []\n}'
    if not head.endswith(tail):
        return json.dumps(data, indent=2, ensure_ascii=False)
    # one call: the items of every link and the links themselves all get the separator of a
    # link's items; "},\n      {" can only stand between two links (a string holds no raw
    # newline), where the list's own separator goes instead
    sep = ",\n      "
    text = json.JSONEncoder(ensure_ascii=False, separators=(sep, ": ")).encode(links)
    text = text[2:-2].replace("}" + sep + "{", "\n    },\n    {\n      ")
    return head[: -len(tail)] + '\n  "links": [\n    {\n      ' + text + "\n    }\n  ]\n}"


def cytoscape(G: nx.MultiDiGraph) -> dict:
    """Cytoscape.js elements JSON, with positions so the graph opens as drawn.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph from :func:`export_graph`.

    Returns
    -------
    dict
        ``format_version``, ``generated_by``, ``target_cytoscapejs_version``, ``data`` (the
        graph's attributes) and ``elements``: ``nodes`` (their attributes but ``x``/``y``,
        and a ``position`` scaled by :data:`SCALE`, ``y`` flipped since Cytoscape's axis
        points down) and ``edges`` (``id`` = the edge key, ``source``, ``target`` and their
        attributes).
    """
    nodes = []
    for n, d in G.nodes(data=True):
        data = {"id": str(n), **{k: v for k, v in d.items() if k not in ("x", "y")}}
        nodes.append({"data": data, "position": {"x": d["x"] * SCALE, "y": (1 - d["y"]) * SCALE}})
    edges = [
        {"data": {"id": k, "source": u, "target": v, **d}}
        for u, v, k, d in G.edges(keys=True, data=True)
    ]
    return {
        "format_version": "1.0",
        "generated_by": "diplonet",
        "target_cytoscapejs_version": "~3",
        "data": dict(G.graph),
        "elements": {"nodes": nodes, "edges": edges},
    }


def _dot_quote(value) -> str:
    text = str(value).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{text}"'


def dot(G: nx.MultiDiGraph) -> str:
    """Graphviz DOT: a digraph whose undirected ties have ``dir=none``; every attribute kept,
    with Graphviz's own (``color``, ``style``, ``penwidth``, ``pos``) for drawing.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph from :func:`export_graph`.

    Returns
    -------
    str
        The DOT text, one statement a line, ending in a newline. Node positions are pinned
        (``pos="x,y!"``: the unit square times 10, inches to ``neato``).
    """
    lines = [f"digraph {_dot_quote(G.graph.get('name', 'diplonet'))} {{"]
    gattrs = ", ".join(f"{k}={_dot_quote(v)}" for k, v in G.graph.items() if k != "name")
    lines.append(f"  graph [{gattrs}, overlap=false, splines=true];")
    lines.append('  node [shape=circle, style=filled, fontname="Helvetica", fontsize=10];')
    for n, d in G.nodes(data=True):
        attrs = {k: v for k, v in d.items() if k not in ("x", "y")}
        attrs.update(
            label=n,
            tooltip=d["name"],
            fillcolor=d["color"],
            pos=f"{d['x'] * 10:.3f},{d['y'] * 10:.3f}!",
        )
        lines.append(
            f"  {_dot_quote(n)} [{', '.join(f'{k}={_dot_quote(v)}' for k, v in attrs.items())}];"
        )
    for u, v, k, d in G.edges(keys=True, data=True):
        style = FAMILIES[d["family"]]["linestyle"]
        attrs = dict(d)
        attrs.update(
            id=k,
            label=d["relation_type"],
            style=WEB_LINESTYLE[style],
            penwidth=f"{line_width(d['strength']):.2f}",
            dir="forward" if d["directed"] else "none",
            tooltip=d["evidence"],
        )
        lines.append(
            f"  {_dot_quote(u)} -> {_dot_quote(v)} [{', '.join(f'{a}={_dot_quote(b)}' for a, b in attrs.items())}];"
        )
    lines.append("}")
    return "\n".join(lines) + "\n"


def write_csv_dataset(net: Network, G: nx.MultiDiGraph, folder: Path) -> None:
    """A dataset folder with the input's columns (``actors.csv``, ``relations.csv``), its
    ``dataset.json`` and its brief, loadable with ``--data``.

    Parameters
    ----------
    net : Network
        The network exported: its dataset's title, curation date and brief, and its date and
        scenario (written in ``dataset.json``'s ``notes``).
    G : networkx.MultiDiGraph
        The graph from :func:`export_graph` whose actors and relations are written.
    folder : Path
        The folder to write into (created if needed; files of the same names are overwritten).
        :func:`export` passes a fresh temporary folder and swaps it in.
    """
    from ._output import write_csv

    actors, relations = tables_from_graph(G)
    folder.mkdir(parents=True, exist_ok=True)
    for name, columns, rows in [
        ("actors.csv", (*ACTOR_COLUMNS, *ACTOR_OPTIONAL), actors),
        ("relations.csv", (*RELATION_COLUMNS, *RELATION_OPTIONAL), relations),
    ]:
        with open(folder / name, "w", newline="", encoding="utf-8") as fh:
            write_csv(fh, columns, ([row.get(c, "") for c in columns] for row in rows))
    info = net.dataset.info
    meta = {
        "title": info.title,
        "notes": f"Exported by diplonet {net.date_note()}"
        + ("; scenario: " + "; ".join(net.scenario()) if net.scenario() else ""),
    }
    if info.curated_through:
        meta["curated_through"] = str(info.curated_through)
    if info.brief_file:  # the brief as it was read and checked, never read again
        (folder / "brief.txt").write_text(net.dataset.brief_text, encoding="utf-8", newline="")
        meta.update(brief="brief.txt", brief_title=info.brief_title)
    (folder / "dataset.json").write_text(
        json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )


DATASET_FILES = {"actors.csv", "relations.csv", "dataset.json", "brief.txt"}


def export(
    net: Network,
    fmt: str,
    path: str | os.PathLike,
    focus: Sequence[str] | None = None,
    layout: str = "spring",
    color_by: str = "bloc",
    dynamic: bool = False,
) -> Path:
    """Write the network in ``fmt`` (one of :data:`EXPORT_FORMATS`) to ``path``, atomically.

    ``csv`` writes a dataset folder; every other format one file. ``dynamic`` (GEXF only)
    includes every relation at any date with its spell, for Gephi's timeline.

    Parameters
    ----------
    net : Network
        The network to export, on its date and under its scenario.
    fmt : str
        One of :data:`EXPORT_FORMATS`: ``gexf``, ``graphml``, ``json`` (D3 node-link),
        ``cytoscape``, ``dot``, ``csv`` or ``html`` (the interactive page, always of every
        relation at any date).
    path : path-like
        The file (or, for ``csv``, the folder) to write; its extension must be one of
        :data:`ACCEPTED_EXTENSIONS` for the format. ``-`` writes to standard output (not for
        ``csv``).
    focus : sequence of str, optional
        Keep only these actors and those they have a relation with (:func:`export_graph`).
    layout : str
        How positions are computed (:func:`export_graph`).
    color_by : {"bloc", "kind"}
        What the actors' colours show.
    dynamic : bool
        Every relation at any date with its spell (``gexf`` only).

    Returns
    -------
    Path
        What was written: the file, the folder, or the stream's path.

    Raises
    ------
    DiplonetError
        If ``fmt`` is unknown, ``dynamic`` is given for another format than ``gexf``, the
        extension does not fit the format, ``path`` cannot be written (or, for ``csv``, is a
        file or a folder holding other files), ``layout`` is unknown, or ``html`` is asked of
        a network under another model than v2.
    UnknownActorError
        If a ``focus`` name is no actor's.
    """
    # the export makes a few million acyclic objects (attribute dicts, columns, texts) on top
    # of a loaded network: the cyclic collector would walk them all again and again (1.2 s of
    # 8 at 10,000 actors) and find nothing to free
    with _paused_gc():
        return _export(net, fmt, path, focus, layout, color_by, dynamic)


def _export(
    net: Network,
    fmt: str,
    path: str | os.PathLike,
    focus: Sequence[str] | None,
    layout: str,
    color_by: str,
    dynamic: bool,
) -> Path:
    if fmt not in EXPORT_FORMATS:
        raise DiplonetError(f"unknown format {fmt!r}; use {', '.join(EXPORT_FORMATS)}")
    if dynamic and fmt != "gexf":
        raise DiplonetError("dynamic is for gexf (Gephi's timeline)")
    out = Path(path)
    if fmt == "csv":
        G = export_graph(net, focus, layout, color_by)
        return replace_folder(out, lambda folder: write_csv_dataset(net, G, folder), DATASET_FILES)
    check_output(out)
    if not is_stream(out) and out.suffix.lower() not in ACCEPTED_EXTENSIONS[fmt]:
        raise DiplonetError(
            f"cannot write {fmt} to {out}: a {fmt} file ends in "
            f"{' or '.join(ACCEPTED_EXTENSIONS[fmt])}"
        )
    if fmt == "html":
        from .html import _page

        # every relation at any date: the page redraws the network as of the date a reader
        # picks; it reads the relations in file order, no graph needed
        _, nodes, edges = _parts(net, focus, layout, color_by, dynamic=True)
        parts = _page(net, nodes, edges, color_by)
        del nodes, edges  # the page holds what it needs of them: their dicts can go
        return write_atomic(out, lambda tmp: _write_parts(tmp, parts))
    graph, nodes, edges = _parts(net, focus, layout, color_by, dynamic)
    # a large graph is written from its contents, the MultiDiGraph never built
    flat = _Flat.from_parts(graph, nodes, edges)

    def built() -> nx.MultiDiGraph:
        return _to_graph(graph, nodes, edges)

    if fmt in ("gexf", "graphml"):
        stream = _stream_gexf if fmt == "gexf" else _stream_graphml
        write = write_gexf if fmt == "gexf" else write_graphml
        return write_atomic(
            out,
            lambda tmp: (flat and _streamed(flat, tmp, stream)) or write(built(), tmp),
        )
    if fmt == "json":
        text = _node_link_text(flat) if flat else None
        return write_text(out, (text or node_link_json(node_link(built()))) + "\n")
    G = built()
    if fmt == "cytoscape":
        return write_text(out, json.dumps(cytoscape(G), indent=2, ensure_ascii=False) + "\n")
    return write_text(out, dot(G))
