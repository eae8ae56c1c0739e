"""Where each actor goes on the page: spring, circular, shell (by bloc) and map layouts.

Every layout is deterministic (seeded), returns positions in the unit square with a margin, and
is shared by the static plot and the exports, so Gephi, the HTML page and the PNG agree. The map
layout (``map``, and ``geo``, its older name) never moves an actor off its coordinates to make
room: :func:`map_xy` is strictly increasing in longitude and in latitude, so the drawn order is
the geographic order; crowding is the job of the plot's Levant inset and of label placement.
"""

from __future__ import annotations

import math
from operator import itemgetter

import networkx as nx

from .errors import DiplonetError
from .network import Network
from .vocab import LAYOUTS

__all__ = [
    "COLOCATED_OFFSET",
    "coordinates",
    "geo_positions",
    "in_frame",
    "LAYOUTS",
    "LEVANT_FRAME",
    "MAP_FRAME",
    "map_positions",
    "map_xy",
    "MARGIN",
    "positions",
    "SEED",
    "spread",
]

SEED = 7


def _normalise(pos: dict, margin: float = 0.06) -> dict[str, tuple[float, float]]:
    if not pos:
        return {}
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    x0, y0 = min(xs), min(ys)
    spanx = (max(xs) - x0) or 1.0
    spany = (max(ys) - y0) or 1.0
    scale = 1 - 2 * margin
    return {
        n: (margin + scale * (p[0] - x0) / spanx, margin + scale * (p[1] - y0) / spany)
        for n, p in pos.items()
    }


#: Above this many actors, a layout works differently (networkx itself changes its spring
#: layout's algorithm at 500 nodes, and both it and :func:`spread` take time in the square of
#: the number of actors): the spring layout is igraph's Fruchterman-Reingold on a grid
#: (:func:`_large_spring`), and actors are kept :func:`large_min_dist` apart (instead of 0.07)
#: by :func:`spread_large`, which finds the pairs too close on a KD-tree.
LARGE = 500


def large_min_dist(n: int) -> float:
    """The distance kept between actors above :data:`LARGE`: ``0.5 / sqrt(n)`` (0.005 at
    10,000 actors), so that all of them fit in the unit square."""
    return 0.5 / math.sqrt(n)


def note(layout: str, n: int) -> str:
    """How the positions of ``n`` actors were made, when that differs from the small-network
    layouts (above :data:`LARGE` actors; the map layout never differs); else empty."""
    if n <= LARGE or layout in ("geo", "map"):
        return ""
    how = (
        "igraph's Fruchterman-Reingold on a grid, seeded"
        if layout == "spring"
        else f"networkx's {layout} layout"
    )
    return (
        f"{how}; above {LARGE} actors, actors pushed {large_min_dist(n):.4f} apart (not 0.07) "
        "for at most 12 rounds, so dense cores may still overlap"
    )


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


def spread_large(pos: dict, min_dist: float, rounds: int = 12) -> dict:
    """:func:`spread` for many actors: each round, every pair closer than ``min_dist`` (found
    on a KD-tree, not by comparing every pair) is pushed apart by half the shortfall each, all
    pushes of a round applied at once. Deterministic: actors in sorted order, a fixed angle for
    actors on the same spot."""
    import numpy as np
    from scipy.spatial import cKDTree

    nodes = sorted(pos)
    xy = np.array([pos[n] for n in nodes], dtype=float).reshape(-1, 2)
    # x and y as contiguous columns, worked on in place: a dense core gives millions of pairs
    # in the first round, and each operation is the one it always was, in the same order
    x, y = xy[:, 0].copy(), xy[:, 1].copy()
    n = len(nodes)
    for _ in range(rounds):
        pairs = cKDTree(np.column_stack([x, y])).query_pairs(min_dist, output_type="ndarray")
        if len(pairs) == 0:
            break
        i, j = pairs[:, 0].copy(), pairs[:, 1].copy()
        dx, dy = x[j], y[j]
        dx -= x[i]
        dy -= y[i]
        d = np.hypot(dx, dy)
        same = d < 1e-9
        if same.any():  # actors on the same spot: a fixed, index-derived direction (golden angle)
            angles = i[same] * 2.399963229728653
            dx[same], dy[same], d[same] = np.cos(angles), np.sin(angles), 1.0
        push = np.minimum(d, min_dist)
        np.subtract(min_dist, push, out=push)
        push /= 2
        push += 1e-4 * min_dist
        for step, axis in ((dx, x), (dy, y)):
            step /= d
            step *= push
            axis += np.bincount(j, step, n) - np.bincount(i, step, n)
    return {k: (a, b) for k, a, b in zip(nodes, x.tolist(), y.tolist(), strict=True)}


def _large_spring(net: Network, nodes: list[str]) -> dict:
    """Fruchterman-Reingold by igraph's C code on a grid (repulsion only between nearby
    actors) over the channel links among ``nodes``, weighted by strength, seeded: about a
    second for 10,000 actors where networkx takes minutes."""
    import random

    ig = _igraph()
    edges, weights = _link_list(net, nodes)
    g = ig.Graph(n=len(nodes), edges=edges)
    ig.set_random_number_generator(random.Random(SEED))
    try:
        xy = g.layout_fruchterman_reingold(weights=weights or None, niter=200, grid="grid").coords
    finally:
        ig.set_random_number_generator(random)
    return {n: (float(x), float(y)) for n, (x, y) in zip(nodes, xy, strict=True)}


def _link_list(net: Network, nodes: list[str]) -> tuple[list[tuple[int, int]], list[float]]:
    """The channel links among ``nodes`` as pairs of positions in ``nodes`` and their
    strengths, in the order of ``net.channel_graph.edges()``, which the layout's
    floating-point sums follow, without building that graph (a second at 10,000 actors):
    each link from the first of its ends in actor order, the ends in the order of their links
    (the graph's adjacency), that is by first end, then in the order the links are made."""
    import numpy as np

    made = net._link_edges  # what channel_graph and links are built from, in that order
    rank = {a: i for i, a in enumerate(net.actors)}
    ends = [
        np.fromiter(map(rank.__getitem__, map(itemgetter(i), made)), np.int64, len(made))
        for i in (0, 1)
    ]
    first = np.minimum(*ends)
    index = {n: i for i, n in enumerate(nodes)}
    edges, weights = [], []
    order = np.argsort(first, kind="stable")
    swapped = (ends[1] < ends[0])[order].tolist()
    for i, swap in zip(order.tolist(), swapped, strict=True):
        a, b, data = made[i]
        ia, ib = index.get(b if swap else a), index.get(a if swap else b)
        if ia is not None and ib is not None:
            edges.append((ia, ib))
            weights.append(data["strength"])
    return edges, weights


def _igraph():
    """igraph, imported (see :func:`diplonet._igraph.load`)."""
    from ._igraph import load

    return load()


#: The map's frame in degrees (lon_min, lat_min, lon_max, lat_max): North Africa, the Middle
#: East and the edge of Europe, where the brief's actors are. Actors beyond it go to the margin.
MAP_FRAME = (-14.0, 8.0, 62.0, 44.0)
#: The Levant inset's frame, where Israel, the PA, Hamas, PIJ, Jordan, Lebanon and Hezbollah crowd.
LEVANT_FRAME = (33.9, 30.9, 36.9, 34.4)
#: Width of the margin (in degrees of the map) that holds the actors outside the frame.
MARGIN = 7.0
#: Actors sharing one spot (an armed group at its host's capital) are drawn this far apart, in
#: degrees: well under the one degree within which the map promises no order.
COLOCATED_OFFSET = 0.14


def _margin(beyond: float, unit: float) -> float:
    # strictly increasing and bounded by MARGIN: far actors keep their direction and order
    return MARGIN * (1 - math.exp(-beyond / unit))


def map_xy(lon: float, lat: float) -> tuple[float, float]:
    """Where a point goes on the map: itself inside :data:`MAP_FRAME`, squeezed into a margin
    of width :data:`MARGIN` outside it (Washington to the west, Moscow to the north, Beijing to
    the east), by a strictly increasing function of longitude and of latitude.

    Examples
    --------
    >>> map_xy(35.2, 31.8)
    (35.2, 31.8)
    >>> x, _ = map_xy(-77.0, 38.9); round(x, 2)
    -19.55
    """
    x0, y0, x1, y1 = MAP_FRAME
    x = (
        lon
        if x0 <= lon <= x1
        else (x0 - _margin(x0 - lon, 40) if lon < x0 else x1 + _margin(lon - x1, 40))
    )
    y = (
        lat
        if y0 <= lat <= y1
        else (y0 - _margin(y0 - lat, 10) if lat < y0 else y1 + _margin(lat - y1, 10))
    )
    return (round(x, 6), round(y, 6))


def in_frame(lon: float, lat: float, frame: tuple[float, float, float, float] = MAP_FRAME) -> bool:
    """Whether a point lies inside a frame (lon_min, lat_min, lon_max, lat_max)."""
    return frame[0] <= lon <= frame[2] and frame[1] <= lat <= frame[3]


def coordinates(net: Network, nodes: list[str]) -> dict[str, tuple[float, float]]:
    """Each actor's (lon, lat) as drawn: its own, except that actors sharing one spot (Hamas and
    PIJ in Gaza, Hezbollah at Lebanon's capital) are set :data:`COLOCATED_OFFSET` apart, states
    first, on a fixed bearing. Actors without coordinates raise an error naming them."""
    missing = [n for n in nodes if net.dataset.actors[n].lat is None]
    if missing:
        raise DiplonetError(
            "the map layout needs lat and lon in actors.csv; missing for "
            + ", ".join(missing)
            + "; try --layout spring"
        )
    spots: dict[tuple[float, float], list[str]] = {}
    for n in nodes:
        a = net.dataset.actors[n]
        spots.setdefault((a.lon, a.lat), []).append(n)
    out = {}
    for (lon, lat), here in spots.items():
        here.sort(key=lambda n: (net.dataset.actors[n].kind != "state", n))
        for i, n in enumerate(here):
            if i == 0:
                out[n] = (lon, lat)
            else:  # west-south-west, then further round: deterministic, never more than 0.2°
                angle = math.radians(200 + 55 * (i - 1))
                r = COLOCATED_OFFSET
                out[n] = (lon + r * math.cos(angle), lat + r * math.sin(angle))
    return out


def map_positions(net: Network, nodes: list[str]) -> dict[str, tuple[float, float]]:
    """Map coordinates (:func:`map_xy`) of each actor, in degrees."""
    return {n: map_xy(*c) for n, c in coordinates(net, nodes).items()}


def geo_positions(net: Network, nodes: list[str]) -> dict[str, tuple[float, float]]:
    """The map layout in the unit square: :func:`map_positions`, scaled (so still in
    geographic order; nothing is pushed apart)."""
    return _normalise(map_positions(net, nodes))


def positions(
    net: Network, nodes: list[str] | None = None, layout: str = "spring"
) -> dict[str, tuple[float, float]]:
    """Positions of ``nodes`` (default: every actor in the network) in the unit square.

    ``spring``: Fruchterman-Reingold on channel links weighted by strength (seeded);
    ``circular``: a circle in dataset order; ``shell``: three rings by number of channel links,
    the best connected inside, blocs together within a ring; ``map`` (or ``geo``): real
    locations, see :func:`geo_positions`.
    """
    if layout not in LAYOUTS:
        raise DiplonetError(f"unknown layout {layout!r}; use {', '.join(LAYOUTS)}")
    nodes = list(nodes if nodes is not None else net.actors)
    if not nodes:
        return {}
    if layout in ("geo", "map"):
        return geo_positions(net, nodes)
    large = len(nodes) > LARGE
    if large and layout == "spring":
        pos = _large_spring(net, nodes)
        return spread_large(_normalise(pos), min_dist=large_min_dist(len(nodes)))
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
    unit = _normalise({n: (float(p[0]), float(p[1])) for n, p in pos.items()})
    if large:
        return spread_large(unit, min_dist=large_min_dist(len(nodes)))
    return spread(unit, min_dist=0.07)
