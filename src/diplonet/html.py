"""The interactive HTML page: one self-contained file, no CDN, no network request.

The page's script and styles are inline (``templates/network.html``); the network travels as
JSON inside a ``<script type="application/json">`` block with ``<``, ``>`` and ``&`` escaped,
and the script only ever writes it with ``textContent``, so names and evidence are shown as text
and never run. A Content-Security-Policy forbids every network request.
"""

from __future__ import annotations

import html as _html
import json
import re
from collections.abc import Iterator
from importlib import resources

import networkx as nx

from .dates import PartialDate
from .errors import DiplonetError
from .network import Network
from .paths import ARMED_GROUP, DEFAULT_MAX_HOPS
from .scoring import REJECTS_MEDIATOR, V2
from .style import PARALLEL_BEND, SVG_DASHES, WEB_LINESTYLE, actor_group, group_colors, line_width
from .vocab import FAMILIES, RELATION_TYPES

__all__ = [
    "embed_json",
    "page",
    "page_data",
]


def page_data(net: Network, G: nx.MultiDiGraph, color_by: str = "bloc") -> dict:
    """The JSON the page draws and queries: every actor and relation of the scenario at any
    date (``G`` from ``export_graph(..., dynamic=True)``), each with its partial start and end,
    so the page can redraw the network as of any date and apply the channel model there.

    Parameters
    ----------
    net : Network
        The network exported: its dataset, date, scenario and channel model fill ``meta``.
    G : networkx.MultiDiGraph
        The graph to draw, from :func:`~diplonet.export.export_graph` with ``dynamic=True``.
    color_by : {"bloc", "kind"}
        What the actors are coloured by; it also titles the legend ("Blocs" or "Kinds").

    Returns
    -------
    dict
        ``meta`` (title, dates, scenario, legend groups, families and types, the channel
        model's parameters), ``nodes`` (one per actor of ``G``) and ``links`` (one per
        relation, in file order, as the library sums a pair's ties).
    """
    data = _page_data(net, *_contents(G), color_by)
    data["links"] = _rows(data["links"])
    return data


def _contents(G: nx.MultiDiGraph) -> tuple[list, list]:
    return list(G.nodes(data=True)), list(G.edges(keys=True, data=True))


def _rows(columns: dict[str, list]) -> list[dict]:
    return [dict(zip(columns, row, strict=True)) for row in zip(*columns.values(), strict=True)]


def _link_columns(edges: list) -> dict[str, list]:
    """The page's links as columns (name to values), in file order: the page sums a pair's
    ties in the order the library does."""
    edges = sorted(edges, key=lambda e: (e[3].get("file", ""), e[3]["line"]))
    attrs = [e[3] for e in edges]

    def col(name: str) -> list:
        return [d[name] for d in attrs]

    family, strength, start = col("family"), col("strength"), col("start_date")
    looks = {f: (spec["color"], SVG_DASHES[spec["linestyle"]]) for f, spec in FAMILIES.items()}
    widths = {s: line_width(s) for s in set(strength)}  # equal strengths, equal widths
    return {
        "id": [e[2] for e in edges],
        "source": [e[0] for e in edges],
        "target": [e[1] for e in edges],
        "type": col("relation_type"),
        "family": family,
        "color": [looks[f][0] for f in family],
        "dash": [looks[f][1] for f in family],
        "width": list(map(widths.__getitem__, strength)),
        "directed": col("directed"),
        "channel": col("channel"),
        "sign": col("sign"),
        "strength": strength,
        "start": start,
        "end": [d.get("end_date") for d in attrs],
        "line": col("line"),
        "period": [f"{a}–{d.get('end_date', '')}" for a, d in zip(start, attrs, strict=True)],
        "evidence": col("evidence"),
        "citation": col("citation"),
        "confidence": col("confidence"),
    }


def _page_data(net: Network, graph_nodes: list, edges: list, color_by: str) -> dict:
    """:func:`page_data` of an export graph's nodes ``(id, attributes)`` and edges ``(source,
    target, key, attributes)``, in any order; its links as :func:`_link_columns`."""
    nodes = []
    for n, d in graph_nodes:
        actor = net.dataset.actors[n]
        nodes.append(
            {
                "id": n,
                "name": d["name"],
                "kind": d["kind"],
                "bloc": d["bloc"],
                "groups": [g for g in d["groups"].split(";") if g],
                "aliases": [a for a in d["aliases"].split(";") if a],
                "note": d["note"],
                "period": actor.period(),
                "start": d.get("start_date"),
                "end": d.get("end_date"),
                "color": d["color"],
                "x": d["x"],
                "y": d["y"],
            }
        )
    links = _link_columns(edges)
    colors = group_colors(list(net.dataset.actors.values()), color_by)
    used = sorted({actor_group(net.dataset.actors[n], color_by) for n, _ in graph_nodes})
    order = list(FAMILIES)
    present = set(links["family"])
    families = [f for f in order if f in present]
    present = set(links["type"])
    types = [t for t in RELATION_TYPES.values() if t.name in present]
    # each date written once (a dataset repeats a few thousand dates)
    texts = dict.fromkeys(links["start"])
    texts.update(dict.fromkeys(x for x in links["end"] if x))
    dates = [PartialDate.parse(x) for x in texts]
    limit = net.curated_through
    last = max([net.date.last_day()] + ([limit.last_day()] if limit else []))
    model = net.model
    return {
        "meta": {
            "title": net.dataset.info.title or "diplonet",
            "as_of": str(net.date),
            "curated_through": str(limit) if limit else None,
            "first_day": min(d.first_day() for d in dates).isoformat() if dates else None,
            "last_day": last.isoformat(),
            "scenario": net.scenario(),
            "group_title": "Blocs" if color_by == "bloc" else "Kinds",
            "groups": [{"label": g, "color": colors[g]} for g in used],
            "families": [
                {
                    **FAMILIES[f],
                    "name": f,
                    "linestyle": WEB_LINESTYLE[FAMILIES[f]["linestyle"]],
                }
                for f in families
            ],
            "types": [{"name": t.name, "family": t.family, "meaning": t.meaning} for t in types],
            "parallel_bend": PARALLEL_BEND,
            # the longest route the page's queries consider unless told (as every command)
            "max_hops": DEFAULT_MAX_HOPS,
            "marker_colors": sorted({FAMILIES[t.family]["color"] for t in RELATION_TYPES.values()}),
            # the channel model's parameters (docs/model.md), applied by the page's own queries
            "model": {
                "name": model.name,
                "relay_factor": model.relay_factor,
                "multiplex_share": model.multiplex_share,
                "link_cap": model.link_cap,
                "hostile_damping": model.hostile_damping,
                "rejects_mediator": REJECTS_MEDIATOR,
                "armed_group": ARMED_GROUP,
            },
        },
        "nodes": nodes,
        "links": links,
    }


def embed_json(data: dict) -> str:
    """JSON safe inside a ``<script>`` block: no ``</script>``, no HTML comment, no entity.

    Parameters
    ----------
    data : dict
        Any JSON-serialisable value (the page's :func:`page_data`).

    Returns
    -------
    str
        Compact JSON, non-ASCII characters kept, with every ``&``, ``<`` and ``>`` written as
        a ``\\u`` escape (the same value once parsed).

    Examples
    --------
    >>> text = embed_json({"name": "</script><!-- &amp;"})
    >>> "<" in text or "&" in text, json.loads(text)["name"]
    (False, '</script><!-- &amp;')
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def page(net: Network, G: nx.MultiDiGraph, color_by: str = "bloc") -> str:
    """The whole HTML page for a graph of every relation at any date (``dynamic=True``).

    Parameters
    ----------
    net : Network
        The network exported (see :func:`page_data`).
    G : networkx.MultiDiGraph
        From :func:`~diplonet.export.export_graph` with ``dynamic=True``.
    color_by : {"bloc", "kind"}
        What the actors are coloured by.

    Returns
    -------
    str
        The self-contained page: ``templates/network.html`` with the escaped title and the
        :func:`embed_json` data filled in.

    Raises
    ------
    DiplonetError
        If ``net`` is not under the current channel model (v2, without strength overrides):
        the page's script applies those rules only.
    """
    return "".join(_page(net, *_contents(G), color_by))


def _page(net: Network, nodes: list, edges: list, color_by: str) -> Iterator[str]:
    """:func:`page` of the graph's nodes and edges (:func:`_page_data`), as
    :func:`diplonet.export.export` has them, without the graph: the page's text in parts, to
    be joined or written one after the other (the links' JSON alone is 140 MB of text for
    200,000 relations, in memory once rather than four times)."""
    if net.model != V2 or net.model.strengths is not None:
        # the page's queries implement the current rules only (docs/model.md)
        raise DiplonetError("the HTML page applies the current channel model (v2) only")
    template = (
        resources.files("diplonet").joinpath("templates/network.html").read_text(encoding="utf-8")
    )
    title = _html.escape(net.dataset.info.title or "diplonet")
    return _filled(template, title, _page_data(net, nodes, edges, color_by))


def _filled(template: str, title: str, data: dict) -> Iterator[str]:
    # one pass: a title that contains a placeholder is never filled in a second time
    end = 0
    for m in re.finditer("__TITLE__|__DATA__", template):
        yield template[end : m.start()]
        if m.group() == "__TITLE__":
            yield title
        else:
            yield from _page_json(data)
        end = m.end()
    yield template[end:]


def _page_json(data: dict, chunk: int = 20_000) -> Iterator[str]:
    """``embed_json`` of :func:`page_data`, the same text in parts, from :func:`_page_data`
    (links as columns, last), the links written column by column
    (:func:`diplonet._jsontext.table`), ``chunk`` links at a time."""
    from ._jsontext import flat, table

    columns = data["links"]
    names, values = list(columns), list(columns.values())
    head = embed_json({**data, "links": []})
    if not values[0]:
        yield head
    elif list(data)[-1] != "links" or not head.endswith('"links":[]}') or not flat(values):
        yield embed_json({**data, "links": _rows(columns)})
    else:
        yield head[:-2]
        for start in range(0, len(values[0]), chunk):
            texts = table(names, [v[start : start + chunk] for v in values])
            body = ("," if start else "") + ",".join(texts)
            yield body.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
        yield "]}"
