"""Single points of failure: how many actor-disjoint channels join two actors, and which
actors' removal cuts them all.

:func:`resilience` works on any networkx graph; :func:`channel_resilience` applies it to a
diplonet network's channel graph under the channel model.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Hashable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .network import Network
from .paths import Channel, best_paths, make_channel
from .scoring import distinct_pair, rank_key

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

__all__ = [
    "channel_resilience",
    "FLOW_ABOVE",
    "path_strength",
    "Resilience",
    "resilience",
    "ResilienceReport",
]


@dataclass(frozen=True)
class Resilience:
    """How robustly two nodes are linked through intermediaries.

    ``disjoint_paths`` is a maximum set of node-disjoint paths through intermediaries (Menger);
    ``cut`` a minimum set of intermediaries whose loss cuts every such path; ``single_points``
    the intermediaries that lie on every path (each alone is a cut). ``direct`` tells whether the
    two are also adjacent: a direct tie cannot be cut by removing intermediaries.

    Attributes
    ----------
    source, target : hashable
        The two nodes.
    direct : bool
        Whether they are adjacent (the edge is set aside for everything else).
    disjoint_paths : list of list
        Node-disjoint paths through intermediaries, each from ``source`` to ``target``.
    cut : list
        A minimum set of intermediaries whose removal cuts every path, sorted by name.
    single_points : list
        Intermediaries on every path, sorted by name (empty unless there is a single path).
    """

    source: Hashable
    target: Hashable
    direct: bool
    disjoint_paths: list
    cut: list
    single_points: list

    @property
    def connectivity(self) -> int:
        """The number of node-disjoint paths through intermediaries."""
        return len(self.disjoint_paths)


def resilience(
    G: nx.Graph, source: Hashable, target: Hashable, weight: str | None = None
) -> Resilience:
    """Node-disjoint paths, minimum cut and single points of failure between two nodes.

    The question is about intermediaries, so a direct edge between the two is set aside (and
    reported in ``direct``): networkx's ``minimum_node_cut`` returns an empty set for adjacent
    nodes, which says nothing about the channels through third parties.

    Parameters
    ----------
    G : networkx.Graph
    source, target : nodes of G
    weight : str, optional
        Edge attribute in (0, 1] (e.g. ``"strength"``): the disjoint paths are then chosen
        greedily, strongest path first (by the product of weights), among maximum sets. Without
        it, networkx's flow-based paths are returned.

    Returns
    -------
    Resilience
        Empty paths and cut when no path through intermediaries joins the two.

    Raises
    ------
    ValueError
        When ``source`` and ``target`` are the same node.
    networkx.NodeNotFound
        When either is not in ``G``.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph([("s", "a"), ("a", "t"), ("s", "b"), ("b", "t"), ("s", "t")])
    >>> r = resilience(G, "s", "t")
    >>> r.direct, r.connectivity, sorted(r.cut)
    (True, 2, ['a', 'b'])
    """
    import networkx as nx

    if source == target:
        raise ValueError("source and target are the same node")
    for node in (source, target):
        if node not in G:
            raise nx.NodeNotFound(f"{node!r} is not in the graph")
    H = G.copy()
    direct = H.has_edge(source, target)
    if direct:
        H.remove_edge(source, target)
    if not nx.has_path(H, source, target):
        return Resilience(source, target, direct, [], [], [])
    if len(H) > FLOW_ABOVE:
        paths, cut = _flow_paths_and_cut(H, source, target)
        if weight is not None:
            paths.sort(key=lambda p: (-path_strength(H, p, weight), len(p), [str(n) for n in p]))
    else:
        k = nx.node_connectivity(H, source, target)
        if weight is None:
            paths = [list(p) for p in nx.node_disjoint_paths(H, source, target)]
        else:
            paths = _strong_disjoint_paths(H, source, target, k, weight)
        cut = sorted(nx.minimum_node_cut(H, source, target), key=str)
    # an intermediary on every path lies on all k disjoint ones, so with two or more there is
    # none (each node is on one of them at most); only a lone path needs checking node by node
    on_paths = set(paths[0][1:-1]) if len(paths) == 1 else set()
    single = []
    for node in sorted(on_paths, key=str):
        rest = H.subgraph(n for n in H if n != node)
        if not nx.has_path(rest, source, target):
            single.append(node)
    return Resilience(source, target, direct, paths, cut, single)


#: Above this many nodes, :func:`resilience` solves one maximum flow with SciPy's C code
#: instead of networkx's (two flows, and a search per path), and returns the disjoint paths
#: of that flow, strongest first, rather than picking them greedily: between two hubs of
#: 10,000 nodes networkx alone needs 30 s for the connectivity of 1,254 paths.
FLOW_ABOVE = 300


def _flow_paths_and_cut(H: nx.Graph, s, t) -> tuple[list, list]:
    """Node-disjoint s-t paths and networkx's minimum node cut from one maximum flow
    (:func:`_flow`), on a networkx graph."""
    import numpy as np

    nodes = list(H)
    index = {v: i for i, v in enumerate(nodes)}
    pairs = [(index[a], index[b]) for a, b in H.edges() if a != b]
    ends = np.array(pairs, np.int64).reshape(-1, 2)
    return _flow(nodes, ends[:, 0], ends[:, 1], index[s], index[t])


def _flow(nodes: list, i, j, s: int, t: int) -> tuple[list, list]:
    """Node-disjoint paths between nodes ``s`` and ``t`` (positions in ``nodes``) of the
    undirected graph whose edges are ``i[e]``-``j[e]``, and networkx's minimum node cut, from
    one maximum flow.

    The flow runs on networkx's auxiliary digraph (each node v split into vA -> vB of
    capacity 1, each edge u-v as uB -> vA and vB -> uA); the cut is the one networkx's
    ``minimum_node_cut`` returns, the arcs into the nodes that still reach t in the residual
    network, which is the same set for every maximum flow. The arcs are sorted (SciPy's
    canonical rows), so the flow depends on the nodes' order alone, not the edges'.
    """
    import numpy as np
    from scipy import sparse
    from scipy.sparse import csgraph

    n = len(nodes)
    split = np.arange(n, dtype=np.int64)
    rows = np.concatenate([2 * split, 2 * i + 1, 2 * j + 1])
    cols = np.concatenate([2 * split + 1, 2 * j, 2 * i])
    cap = sparse.csr_matrix((np.ones(len(rows), dtype=np.int32), (rows, cols)), shape=(2 * n,) * 2)
    src, sink = 2 * s + 1, 2 * t
    flow = csgraph.maximum_flow(cap, src, sink).flow.tocsr()
    # residual capacity: what is left of each arc, plus the flow that can be sent back
    residual = (cap - flow).tocsr()
    residual.data[residual.data < 0] = 0
    residual.eliminate_zeros()
    reach_t = csgraph.breadth_first_order(residual.T.tocsr(), sink, return_predecessors=False)
    sink_side = np.zeros(2 * n, dtype=bool)
    sink_side[reach_t] = True
    coo = cap.tocoo()
    crossing = ~sink_side[coo.row] & sink_side[coo.col]
    cut = {nodes[x // 2] for x in np.concatenate([coo.row[crossing], coo.col[crossing]]).tolist()}
    # the paths: follow arcs carrying flow from s, one unit at a time
    pos = flow.multiply(flow > 0).tocsr()
    indptr, indices = pos.indptr.tolist(), pos.indices.tolist()

    def out(u: int) -> list[int]:
        return indices[indptr[u] : indptr[u + 1]]

    taken: dict[int, list[int]] = {}
    paths = []
    for first in out(src):
        path, x = [nodes[s]], first
        while x != sink:
            if x % 2 == 0:  # an A half: on to its B half
                path.append(nodes[x // 2])
                x += 1
            x = (taken[x] if x in taken else taken.setdefault(x, out(x))).pop()
        path.append(nodes[t])
        paths.append(path)
    return paths, sorted(cut - {nodes[s], nodes[t]}, key=str)


def _large_resilience(net: Network, s: str, t: str, barred: set[str]) -> Resilience:
    """:func:`resilience` of the channel graph without ``barred`` (weighted by ``relayed``) for
    a large network, from its link columns without building a networkx graph: the same nodes
    in the same order, so the same flow, paths, cut and single points."""
    import numpy as np
    from scipy import sparse
    from scipy.sparse import csgraph

    L = net._link_matrix
    nodes = [x for x in net.links if x not in barred]
    place = np.full(len(L.names), -1, np.int64)
    place[[L.rank[x] for x in nodes]] = np.arange(len(nodes))
    i, j = place[L.owner], place[L.nbr]
    keep = (L.owner < L.nbr) & (i >= 0) & (j >= 0)  # each link once, no barred end
    si, ti = nodes.index(s), nodes.index(t)
    tie = ((i == si) & (j == ti)) | ((i == ti) & (j == si))
    direct = bool((keep & tie).any())
    i, j = i[keep & ~tie], j[keep & ~tie]
    n = len(nodes)

    def reaches(without: int = -1) -> bool:
        keep = (i != without) & (j != without)
        a, b = i[keep], j[keep]
        A = sparse.csr_matrix((np.ones(len(a), np.int8), (a, b)), shape=(n, n))
        found = csgraph.breadth_first_order(A, si, directed=False, return_predecessors=False)
        return bool((found == ti).any())

    if not reaches():
        return Resilience(s, t, direct, [], [], [])
    paths, cut = _flow(nodes, i, j, si, ti)
    rho = net.model.relay_factor
    links = net.links

    def strength(p: list) -> float:
        return math.prod(links[a][b]["strength"] * rho for a, b in itertools.pairwise(p))

    paths.sort(key=lambda p: (-strength(p), len(p), [str(x) for x in p]))
    where = {x: k for k, x in enumerate(nodes)}
    on_paths = paths[0][1:-1] if len(paths) == 1 else []
    single = [x for x in sorted(on_paths, key=str) if not reaches(where[x])]
    return Resilience(s, t, direct, paths, cut, single)


def _strong_disjoint_paths(H: nx.Graph, s, t, k: int, weight: str) -> list:
    """k node-disjoint s–t paths, preferring strong ones; falls back to flow paths if greedy fails."""
    import networkx as nx

    cost = {
        (u, v): -math.log(d[weight]) if d[weight] < 1 else 0.0 for u, v, d in H.edges(data=True)
    }
    nx.set_edge_attributes(H, {e: c for e, c in cost.items()}, "_cost")
    chosen: list = []
    used: set = set()
    for _ in range(k):
        sub = H.subgraph(n for n in H if n not in used)
        try:
            path = nx.shortest_path(sub, s, t, weight="_cost")
        except nx.NetworkXNoPath:
            break
        if len(path) == 2:
            break
        chosen.append(path)
        used |= set(path[1:-1])
    if len(chosen) == k:
        return chosen
    return [list(p) for p in nx.node_disjoint_paths(H, s, t)]


def path_strength(G: nx.Graph, path: list, weight: str = "strength") -> float:
    """Product of the ``weight`` attribute along a path.

    Parameters
    ----------
    G : networkx.Graph
        A graph holding every edge of the path.
    path : list
        Nodes, in order.
    weight : str
        The edge attribute multiplied.

    Returns
    -------
    float
        The product (1.0 for a path of one node).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph()
    >>> G.add_edge("a", "b", strength=0.5); G.add_edge("b", "c", strength=0.8)
    >>> path_strength(G, ["a", "b", "c"])
    0.4
    """
    return math.prod(G[a][b][weight] for a, b in itertools.pairwise(path))


@dataclass(frozen=True)
class ResilienceReport:
    """How many independent channels link two actors, and where they break.

    Attributes
    ----------
    result : Resilience
        Disjoint paths, minimum cut and single points of failure on the channel graph.
    channels : list of Channel
        The disjoint paths as channels, best first.
    best : Channel or None
        The best relayed route within the hop limit.
    impact : dict of str to Channel or None
        For each single point of failure and member of the cut, the best relayed route left
        without it (None when none is left).
    direct : Channel or None
        The direct tie as a one-hop channel, when there is one.
    """

    result: Resilience
    channels: list[Channel]
    best: Channel | None
    impact: dict[str, Channel | None]
    direct: Channel | None

    def to_dict(self, net: Network, channels: bool = True) -> dict:
        """The report in the documented JSON schema; without ``disjoint_channels`` when
        ``channels`` is False (a table does not need them)."""
        r = self.result
        made: dict[int, dict] = {}

        def one(c: Channel | None) -> dict | None:
            # the best route stands for every cut member off it: made once, shared
            if c is None:
                return None
            if id(c) not in made:
                made[id(c)] = c.to_dict(net)
            return made[id(c)]

        out = {
            "source": r.source,
            "target": r.target,
            "direct": one(self.direct),
            "disjoint_channels": [c.to_dict(net) for c in self.channels] if channels else None,
            "connectivity": r.connectivity,
            "minimum_cut": list(r.cut),
            "single_points_of_failure": list(r.single_points),
            "best": one(self.best),
            "without": {actor: one(c) for actor, c in self.impact.items()},
            "as_of": str(net.date),
        }
        if not channels:
            del out["disjoint_channels"]
        return out


def channel_resilience(
    net: Network, source: str, target: str, max_hops: int = 4
) -> ResilienceReport:
    """Node-disjoint channels (Menger), minimum cut and single points of failure between two actors.

    Uses :func:`resilience` on the channel graph without the relays the model
    bars between these two actors (rule 3 of :mod:`diplonet.scoring`), with the direct tie set
    aside (and reported). ``best`` is the best relayed route of
    :func:`diplonet.paths.best_paths` within ``max_hops``; for every member of the minimum cut
    and every single point of failure, ``impact`` gives the best relayed route left once that
    actor is gone (None when none is left).

    Parameters
    ----------
    net : Network
    source, target : str
        Actor names, ids or aliases.
    max_hops : int
        Longest route considered for ``best`` and ``impact``.

    Returns
    -------
    ResilienceReport

    Raises
    ------
    DiplonetError
        When ``source`` and ``target`` are the same actor, a name is unknown, or ``max_hops``
        is out of range.
    """
    s, t = net.resolve(source), net.resolve(target)
    distinct_pair(s, t)
    barred = net.barred_relays(s, t)
    links = net.links
    if net._columnwise and len(links) - len(barred) > FLOW_ABOVE:
        r = _large_resilience(net, s, t, barred)
    else:
        r = resilience(_relayed_graph(net, barred), s, t, weight="relayed")
    chans = sorted(
        (make_channel(net, p) for p in r.disjoint_paths),
        key=lambda c: rank_key(c.score, c.path),
    )
    direct = make_channel(net, [s, t]) if r.direct else None
    best = _best_intermediary(net, s, t, max_hops)
    impact = {}
    for actor in dict.fromkeys([*r.single_points, *r.cut]):
        # the best route without an actor it does not touch is the best route itself; a
        # search without the actor (its ties gone with it) is needed only for those on it
        if best is None or actor not in best.path:
            impact[actor] = best
        else:
            impact[actor] = _best_intermediary(net, s, t, max_hops, avoid=actor)
    return ResilienceReport(r, chans, best, impact, direct)


def _relayed_graph(net: Network, barred: set[str]) -> nx.Graph:
    """The channel links without the barred relays, each weighted ``relayed`` (its strength
    times ρ), read from the adjacency in the order channel_graph.edges() gives them (each link
    once, from the first of its ends)."""
    import networkx as nx

    rho = net.model.relay_factor
    links = net.links
    G = nx.Graph()
    G.add_nodes_from(n for n in links if n not in barred)
    seen: set[str] = set()
    edges = []
    for a, nbrs in links.items():
        seen.add(a)
        if a in barred:
            continue
        for b, d in nbrs.items():
            if b not in seen and b not in barred:
                edges.append((a, b, {"relayed": d["strength"] * rho}))
    G.add_edges_from(edges)
    return G


def _best_intermediary(
    net: Network, s: str, t: str, max_hops: int, avoid: str | None = None
) -> Channel | None:
    away = [avoid] if avoid else []
    found = best_paths(net, s, t, k=1, max_hops=max_hops, avoid=away, relayed_only=True)
    return found[0] if found else None
