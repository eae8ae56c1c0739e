"""Where each actor goes on the page: spring, circular, shell (by bloc) and geographic layouts.

Every layout is deterministic (seeded), returns positions in the unit square with a margin, and
is shared by the static plot and the exports, so Gephi, the HTML page and the PNG agree.
"""

from __future__ import annotations

import math

import networkx as nx

from .errors import DiplonetError
from .network import Network

LAYOUTS = ("spring", "circular", "shell", "geo")
SEED = 7
#: The geographic layout's centre: the Levant, where the brief's crisis is.
GEO_CENTRE = (35.0, 31.5)


def _normalise(pos: dict, margin: float = 0.06) -> dict[str, tuple[float, float]]:
    if not pos:
        return {}
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    spanx = (max(xs) - min(xs)) or 1.0
    spany = (max(ys) - min(ys)) or 1.0
    scale = 1 - 2 * margin
    return {
        n: (margin + scale * (p[0] - min(xs)) / spanx, margin + scale * (p[1] - min(ys)) / spany)
        for n, p in pos.items()
    }


def _compress(delta: float, unit: float) -> float:
    # signed log distance: keeps direction and order, shrinks far-away actors onto the page
    return math.copysign(math.log1p(abs(delta) / unit), delta)


def spread(pos: dict, min_dist: float = 0.085, rounds: int = 200) -> dict:
    """Push apart actors closer than ``min_dist`` (in unit-square units), deterministically."""
    pos = {n: list(p) for n, p in pos.items()}
    nodes = sorted(pos)
    for _ in range(rounds):
        moved = False
        for i, a in enumerate(nodes):
            for b in nodes[i + 1 :]:
                dx = pos[b][0] - pos[a][0]
                dy = pos[b][1] - pos[a][1]
                d = math.hypot(dx, dy)
                if d >= min_dist:
                    continue
                if d < 1e-9:  # same spot: separate along a fixed, name-derived angle
                    angle = (sum(map(ord, a + b)) % 360) * math.pi / 180
                    dx, dy, d = math.cos(angle), math.sin(angle), 1.0
                push = (min_dist - min(d, min_dist)) / 2 + 1e-4
                ux, uy = dx / d, dy / d
                pos[a][0] -= ux * push
                pos[a][1] -= uy * push
                pos[b][0] += ux * push
                pos[b][1] += uy * push
                moved = True
        if not moved:
            break
    return {n: (p[0], p[1]) for n, p in pos.items()}


def geo_positions(net: Network, nodes: list[str]) -> dict[str, tuple[float, float]]:
    """Positions by real location: longitude → x, latitude → y, distances from the Levant
    compressed logarithmically so Washington, Brussels, New York and Moscow stay on the page
    in the right direction. Actors without coordinates go to the centre of their neighbours."""
    raw: dict[str, tuple[float, float]] = {}
    for n in nodes:
        a = net.dataset.actors[n]
        if a.lat is not None and a.lon is not None:
            raw[n] = (_compress(a.lon - GEO_CENTRE[0], 6.0), _compress(a.lat - GEO_CENTRE[1], 4.0))
    if not raw:
        raise DiplonetError("the geo layout needs lat and lon in actors.csv; try --layout spring")
    G = net.channel_graph
    for n in nodes:
        if n not in raw:
            near = [raw[m] for m in G[n] if m in raw] if n in G else []
            near = near or list(raw.values())
            raw[n] = (sum(p[0] for p in near) / len(near), sum(p[1] for p in near) / len(near))
    return spread(_normalise(raw), min_dist=0.12)


def positions(
    net: Network, nodes: list[str] | None = None, layout: str = "spring"
) -> dict[str, tuple[float, float]]:
    """Positions of ``nodes`` (default: every actor in the network) in the unit square.

    ``spring``: Fruchterman-Reingold on channel links weighted by strength (seeded);
    ``circular``: a circle in dataset order; ``shell``: three rings by number of channel links,
    the best connected inside, blocs together within a ring; ``geo``: see :func:`geo_positions`.
    """
    if layout not in LAYOUTS:
        raise DiplonetError(f"unknown layout {layout!r}; use {', '.join(LAYOUTS)}")
    nodes = list(nodes if nodes is not None else net.actors)
    if not nodes:
        return {}
    if layout == "geo":
        return geo_positions(net, nodes)
    G = nx.Graph()
    G.add_nodes_from(nodes)
    for a, b, s in net.channel_graph.edges(data="strength"):
        if a in G and b in G:
            G.add_edge(a, b, weight=s)
    if layout == "circular":
        pos = nx.circular_layout(G)
    elif layout == "shell":
        # three rings by number of channel links, hubs inside; within a ring, blocs sit together
        ranked = sorted(nodes, key=lambda n: (-G.degree(n), n))
        third = max(1, math.ceil(len(ranked) / 3))
        rings = [ranked[i : i + third] for i in range(0, len(ranked), third)]
        rings = [sorted(r, key=lambda n: (net.dataset.actors[n].bloc, n)) for r in rings]
        pos = nx.shell_layout(G, nlist=rings) if len(rings) > 1 else nx.circular_layout(G)
    else:
        start = nx.circular_layout(G)  # fixed start: the same input gives the same picture
        pos = nx.spring_layout(
            G, weight="weight", seed=SEED, pos=start, k=1.6 / math.sqrt(len(nodes)), iterations=200
        )
    return spread(
        _normalise({n: (float(p[0]), float(p[1])) for n, p in pos.items()}), min_dist=0.07
    )
