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
from importlib import resources

import networkx as nx

from .network import Network
from .style import actor_group, group_colors
from .vocab import FAMILIES, RELATION_TYPES

DASHES = {"solid": "", "dashed": "7 5", "dotted": "2 4", "dashdot": "8 3 2 3"}


def page_data(net: Network, G: nx.MultiDiGraph, color_by: str = "bloc") -> dict:
    """The JSON the page draws: nodes with positions and colours, links with curve offsets."""
    degree = dict(G.degree())
    nodes = []
    for n, d in G.nodes(data=True):
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
                "color": d["color"],
                "x": d["x"],
                "y": d["y"],
                "r": round(min(7 + 1.1 * degree.get(n, 0), 22), 1),
            }
        )
    pairs: dict[tuple, list] = {}
    for u, v, k, d in G.edges(keys=True, data=True):
        pairs.setdefault(tuple(sorted((u, v))), []).append((u, v, k, d))
    order = list(FAMILIES)
    links = []
    for (a, _b), group in pairs.items():
        group.sort(key=lambda e: (order.index(e[3]["family"]), e[3]["relation_type"], e[3]["line"]))
        for i, (u, v, k, d) in enumerate(group):
            spec = FAMILIES[d["family"]]
            links.append(
                {
                    "id": k,
                    "source": u,
                    "target": v,
                    "flip": u != a,  # drawn in the pair's fixed orientation so offsets don't cross
                    "rad": 0.0 if len(group) == 1 else round(0.16 * (i - (len(group) - 1) / 2), 3),
                    "type": d["relation_type"],
                    "family": d["family"],
                    "color": spec["color"],
                    "dash": DASHES[spec["linestyle"]],
                    "width": round(0.8 + 2.6 * d["strength"], 2),
                    "directed": d["directed"],
                    "sign": d["sign"],
                    "strength": d["strength"],
                    "period": f"{d['start_date']}–{d.get('end_date', '')}",
                    "evidence": d["evidence"],
                    "citation": d["citation"],
                    "confidence": d["confidence"],
                }
            )
    colors = group_colors(list(net.dataset.actors.values()), color_by)
    used = sorted({actor_group(net.dataset.actors[n], color_by) for n in G})
    families = [f for f in order if any(d["family"] == f for _, _, d in G.edges(data=True))]
    note = net.date_note() + (" · scenario: " + "; ".join(net.scenario()) if net.scenario() else "")
    return {
        "meta": {
            "title": net.dataset.info.title or "diplonet",
            "note": note,
            "group_title": "Blocs" if color_by == "bloc" else "Kinds",
            "groups": [{"label": g, "color": colors[g]} for g in used],
            "families": [
                {
                    **FAMILIES[f],
                    "name": f,
                    "linestyle": {"dashdot": "dashed"}.get(
                        FAMILIES[f]["linestyle"], FAMILIES[f]["linestyle"]
                    ),
                }
                for f in families
            ],
            "marker_colors": sorted({FAMILIES[t.family]["color"] for t in RELATION_TYPES.values()}),
        },
        "nodes": nodes,
        "links": links,
    }


def embed_json(data: dict) -> str:
    """JSON safe inside a ``<script>`` block: no ``</script>``, no HTML comment, no entity."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def page(net: Network, G: nx.MultiDiGraph, color_by: str = "bloc") -> str:
    """The whole HTML page for an exported graph."""
    template = (
        resources.files("diplonet").joinpath("templates/network.html").read_text(encoding="utf-8")
    )
    fill = {
        "__TITLE__": _html.escape(net.dataset.info.title or "diplonet"),
        "__DATA__": embed_json(page_data(net, G, color_by)),
    }
    # one pass: a title that contains a placeholder is never filled in a second time
    return re.sub("__TITLE__|__DATA__", lambda m: fill[m.group()], template)
