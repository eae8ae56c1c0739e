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
import os
from collections.abc import Sequence
from pathlib import Path

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
    G = nx.MultiDiGraph(
        name=net.dataset.info.title or "diplonet",
        as_of=str(net.date),
        curated_through=str(net.curated_through or ""),
        scenario="; ".join(net.scenario()),
    )
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
        G.add_node(a.id, **attrs)
    memo: dict = {}  # styles by type, dates by identity: a dataset repeats them
    with _paused_gc():  # one dict per relation, no cycle among them
        G.add_edges_from(
            (r.source, r.target, f"r{r.ref}", relation_attributes(r, dynamic, memo)) for r in rels
        )
    if dynamic:
        G.graph["mode"] = "dynamic"
    how = layouts.note(layout, len(actors))
    if how:  # a large network is laid out otherwise: the file says how
        G.graph["layout"] = how
    return G


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


def _streamed(G: nx.MultiDiGraph, path: Path, stream) -> bool:
    """Write ``G`` line by line with ``stream`` when it has :data:`STREAM_GEXF_FROM` relations
    or more; False when it is smaller or ``stream`` declines (networkx's writer then runs)."""
    if G.number_of_edges() < STREAM_GEXF_FROM:
        return False
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
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


def _stream_gexf(G: nx.MultiDiGraph, fh) -> bool:
    """Write an :func:`export_graph` graph as GEXF 1.2, line by line, exactly as
    ``nx.write_gexf(_gexf_graph(G), version="1.2draft")`` writes it (its element and attribute
    order, attribute ids, escaping and indentation; the tests compare the bytes). Returns False,
    having written nothing, for a value type the export never makes."""
    import time
    from xml.etree import ElementTree

    esc = getattr(ElementTree, "_escape_attrib", None)
    if esc is None:
        return False
    # first pass: the attribute ids, numbered as networkx numbers them (nodes first, then
    # edges, each key when first met; the multigraph key last of an edge's)
    ids: dict[str, dict[str, str]] = {"node": {}, "edge": {}}
    types: dict[str, dict[str, str]] = {"node": {}, "edge": {}}
    skip = {"node": ("label", "start", "end"), "edge": ("label", "weight", "start", "end")}
    count = 0
    timed = False
    for kind, items in (
        ("node", (d for _, d in G.nodes(data=True))),
        ("edge", (d for _, _, d in G.edges(data=True))),
    ):
        known, omit = ids[kind], skip[kind]
        for d in items:
            timed = timed or "start" in d or "end" in d
            for k, v in d.items():
                if type(v) not in _GEXF_TYPES:
                    return False
                if k not in known and k not in omit:
                    known[k] = str(count)
                    types[kind][k] = _GEXF_TYPES[type(v)]
                    count += 1
            if kind == "edge" and "networkx_key" not in known:
                known["networkx_key"] = str(count)
                types[kind]["networkx_key"] = "string"
                count += 1
    if "key" in ids["edge"]:  # an attribute networkx would rename: leave it to networkx
        return False
    special = {"inf": "INF", "nan": "NaN", "-inf": "-INF"}

    def attvalues(kind: str, data: dict, omit: tuple) -> str:
        prefix = prefixes[kind]
        out = ["        <attvalues>\n"]
        for k, v in data.items():
            if k in omit:
                continue
            t = type(v)
            if t is str:
                v = esc(v)
            elif t is bool:
                v = "true" if v else "false"
            elif t is float:
                v = str(v)
                v = special.get(v, v)
            out.append(f'{prefix[k]}{v}" />\n')
        return "".join(out)

    prefixes = {
        kind: {k: f'          <attvalue for="{at}" value="' for k, at in known.items()}
        for kind, known in ids.items()
    }
    mode = "dynamic" if timed or G.graph.get("mode") == "dynamic" else "static"
    name = esc(str(G.graph.get("name", "")))
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
    fh.write("    <nodes>\n" if G.number_of_nodes() else "    <nodes />\n")
    omit = skip["node"]
    for n, d in G.nodes(data=True):
        head = f'      <node id="{esc(str(n))}" label="{esc(str(n))}"'
        for k in ("start", "end"):
            if k in d:
                head += f' {k}="{esc(str(d[k]))}"'
        r, g, b = hex_to_rgb(d["color"])
        fh.write(
            f"{head}>\n"
            f'        <viz:color r="{r}" g="{g}" b="{b}" a="1.0" />\n'
            f'        <viz:size value="{10.0 + 2.0 * G.degree(n)}" />\n'
            f'        <viz:position x="{d["x"] * SCALE}" y="{d["y"] * SCALE}" z="0.0" />\n'
            + (
                attvalues("node", d, omit) + "        </attvalues>\n"
                if d.keys() - set(omit)
                else ""
            )
            + "      </node>\n"
        )
    if G.number_of_nodes():
        fh.write("    </nodes>\n")
    fh.write("    <edges>\n" if G.number_of_edges() else "    <edges />\n")
    shapes = {
        f: {"dashed": "dashed", "dotted": "dotted"}.get(spec["linestyle"], "solid")
        for f, spec in FAMILIES.items()
    }
    omit = skip["edge"]
    key_prefix = prefixes["edge"]["networkx_key"]
    colors: dict[str, tuple] = {}
    for number, (u, v, key, d) in enumerate(G.edges(keys=True, data=True)):
        head = (
            f'      <edge source="{esc(str(u))}" target="{esc(str(v))}" id="{number}" '
            f'label="{esc(str(d["relation_type"]))}"'
        )
        if "weight" in d:
            head += f' weight="{esc(str(d["weight"]))}"'
        for k in ("start", "end"):
            if k in d:
                head += f' {k}="{esc(str(d[k]))}"'
        rgb = colors.get(d["color"])
        if rgb is None:
            rgb = colors[d["color"]] = hex_to_rgb(d["color"])
        fh.write(
            f"{head}>\n"
            f'        <viz:color r="{rgb[0]}" g="{rgb[1]}" b="{rgb[2]}" a="1.0" />\n'
            f'        <viz:thickness value="{0.8 + 2.6 * d["strength"]}" />\n'
            f'        <viz:shape value="{shapes[d["family"]]}" />\n'
            + attvalues("edge", d, omit)
            + f'{key_prefix}{esc(str(key))}" />\n'
            + "        </attvalues>\n      </edge>\n"
        )
    if G.number_of_edges():
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


def _stream_graphml(G: nx.MultiDiGraph, fh) -> bool:
    """Write an :func:`export_graph` graph as GraphML exactly as
    ``nx.write_graphml(G, named_key_ids=True)`` writes it without lxml (keys newest first, the
    graph's own data after its edges, ElementTree's escaping and indentation; the tests compare
    the bytes). Returns False, having written nothing, when a value's type is not one of
    GraphML's or one name has values of two types (networkx then writes two keys)."""
    from xml.etree import ElementTree

    esc_attrib = getattr(ElementTree, "_escape_attrib", None)
    esc_text = getattr(ElementTree, "_escape_cdata", None)
    if esc_attrib is None or esc_text is None:
        return False
    kinds = {bool: "boolean", int: "long", float: "double", str: "string"}
    keys: dict[tuple[str, str], str] = {}  # (scope, name) -> type, in the order first met
    graph_data = {k: v for k, v in G.graph.items() if k not in ("node_default", "edge_default")}
    if "id" in graph_data:
        return False
    for scope, items in (
        ("graph", [graph_data]),
        ("node", (d for _, d in G.nodes(data=True))),
        ("edge", (d for _, _, d in G.edges(data=True))),
    ):
        for data in items:
            for k, v in data.items():
                kind = kinds.get(type(v))
                if kind is None or keys.setdefault((scope, str(k)), kind) != kind:
                    return False

    def data_lines(data: dict, pad: str) -> str:
        out = []
        for k, v in data.items():
            text = esc_text(str(v))
            key = esc_attrib(str(k))
            out.append(
                f'{pad}<data key="{key}">{text}</data>\n'
                if text
                else f'{pad}<data key="{key}" />\n'
            )
        return "".join(out)

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
    empty = G.number_of_nodes() == 0 and G.number_of_edges() == 0 and not graph_data
    fh.write(
        '  <graph edgedefault="directed" />\n' if empty else '  <graph edgedefault="directed">\n'
    )
    for n, d in G.nodes(data=True):
        node = esc_attrib(str(n))
        if d:
            fh.write(f'    <node id="{node}">\n{data_lines(d, "      ")}    </node>\n')
        else:
            fh.write(f'    <node id="{node}" />\n')
    for u, v, k, d in G.edges(keys=True, data=True):
        head = (
            f'    <edge source="{esc_attrib(str(u))}" target="{esc_attrib(str(v))}" '
            f'id="{esc_attrib(str(k))}"'
        )
        if d:
            fh.write(f"{head}>\n{data_lines(d, '      ')}    </edge>\n")
        else:
            fh.write(f"{head} />\n")
    fh.write(data_lines(graph_data, "    "))
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
    for node in data["nodes"]:
        for key in ("groups", "aliases"):
            node[key] = [x for x in node.get(key, "").split(";") if x]
    return data


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
        from .html import page

        # every relation at any date: the page redraws the network as of the date a reader picks
        G = export_graph(net, focus, layout, color_by, dynamic=True)
        return write_text(out, page(net, G, color_by))
    G = export_graph(net, focus, layout, color_by, dynamic=dynamic)
    if fmt == "gexf":
        return write_atomic(out, lambda tmp: write_gexf(G, tmp))
    if fmt == "graphml":
        return write_atomic(out, lambda tmp: write_graphml(G, tmp))
    if fmt == "json":
        return write_text(out, node_link_json(node_link(G)) + "\n")
    if fmt == "cytoscape":
        return write_text(out, json.dumps(cytoscape(G), indent=2, ensure_ascii=False) + "\n")
    return write_text(out, dot(G))
