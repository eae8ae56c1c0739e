"""Who brokers: Gould–Fernandez brokerage roles, betweenness on the channel model's costs,
and Burt's structural holes.

The measures (:func:`brokerage_roles`, :func:`betweenness_estimate`, :func:`structural_holes`)
take ordinary networkx graphs with documented attributes, so they work on any data;
:func:`brokers` applies them to a diplonet network.

- **Brokerage ties**: the channel-carrying relations in force; an undirected relation counts in
  both directions, a directed one (aid, hosting, sponsorship, mediation) from source to target.
- **Distance** for weighted betweenness: the channel model's link cost
  ``-log(link) - log(ρ)`` (:mod:`diplonet.scoring`), whose shortest paths are the best routes;
  every hop costs, so no distance is 0. On networks of up to :data:`PAIR_AWARE_LIMIT` actors
  betweenness also applies the hostile-relay rule pair by pair (an actor hostile to either end
  of a pair is not on that pair's routes), as every other command does.
"""

from __future__ import annotations

import math
import random
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .dataset import close_matches
from .errors import DiplonetError
from .network import Network
from .vocab import GROUPINGS, RELATION_TYPES

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

__all__ = [
    "betweenness_estimate",
    "BETWEENNESS_SOURCES",
    "brokerage_expectations",
    "brokerage_roles",
    "BrokerRow",
    "brokers",
    "channel_digraph",
    "EXACT_BETWEENNESS_LIMIT",
    "group_labels",
    "GROUPINGS",
    "PAIR_AWARE_LIMIT",
    "ROLES",
    "structural_holes",
]

ROLES = ("coordinator", "itinerant", "gatekeeper", "representative", "liaison")


def brokerage_roles(
    G: nx.DiGraph, groups: Mapping[Hashable, Hashable]
) -> dict[Hashable, dict[str, int]]:
    """Gould & Fernandez (1989) brokerage roles of every node, as counted by R's ``sna::brokerage``.

    A node ``v`` brokers the ordered pair ``(a, c)`` when ``a → v → c`` and there is no tie
    ``a → c`` (``a``, ``v``, ``c`` distinct). The pair's role depends on the groups of the three:

    =================  ==========================  ===================
    role               groups                      sna column
    =================  ==========================  ===================
    coordinator        a, v, c all in one group    ``w_I``
    itinerant          a, c together; v outside    ``w_O``
    representative     a with v; c outside         ``b_IO``
    gatekeeper         v with c; a outside         ``b_OI``
    liaison            all three in different      ``b_O``
    =================  ==========================  ===================

    Counts are of ordered pairs, so on a symmetric (undirected) graph every count is doubled,
    exactly as in ``sna``.

    Parameters
    ----------
    G : networkx.DiGraph
        Directed graph. Pass ``G.to_directed()`` for an undirected one.
    groups : mapping
        Each node's group label.

    Returns
    -------
    dict
        For each node, a dict with the keys ``coordinator``, ``itinerant``, ``gatekeeper``,
        ``representative``, ``liaison`` and ``total``.

    Raises
    ------
    ValueError
        If a node has no group.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.DiGraph([("a", "v"), ("v", "c")])
    >>> brokerage_roles(G, {"a": 1, "v": 2, "c": 2})["v"]["gatekeeper"]
    1

    References
    ----------
    Gould, R. V. and Fernandez, R. M. (1989). Structures of mediation: a formal approach to
    brokerage in transaction networks. Sociological Methodology 19: 89-126.
    """
    missing = [n for n in G if n not in groups]
    if missing:
        raise ValueError(f"nodes without a group: {', '.join(map(str, missing[:5]))}")
    succ = {v: set(G.successors(v)) - {v} for v in G}
    pred = {v: G.predecessors(v) for v in G}
    return _role_counts(succ, pred, groups)


def _role_counts(succ: Mapping, pred: Mapping, groups: Mapping) -> dict:
    """:func:`brokerage_roles` from each node's successors (a set, without itself) and
    predecessors (an iterable), nodes in the order of ``succ``."""
    out = {v: dict.fromkeys((*ROLES, "total"), 0) for v in succ}
    # Counted by group instead of pair by pair: for a → v, the brokered targets c are v's
    # successors less a and a's own successors, and the role depends only on whether c's
    # group is a's, v's or another. So each arc costs one set intersection (the size of the
    # smaller neighbourhood), not in-degree × out-degree: the same counts, exact, on hubs too.
    for v, targets in succ.items():
        gv = groups[v]
        members: dict = {}  # v's successors by group
        for c in targets:
            members.setdefault(groups[c], set()).add(c)
        empty: set = set()
        row = out[v]
        for a in pred[v]:
            if a == v:
                continue
            ga = groups[a]
            skip = targets & succ[a]
            if a in targets:
                skip.add(a)
            total = len(targets) - len(skip)
            if not total:
                continue
            same = members.get(ga, empty)
            in_a = len(same) - len(skip & same) if same else 0
            if ga == gv:
                row["coordinator"] += in_a
                row["representative"] += total - in_a
            else:
                same = members.get(gv, empty)
                in_v = len(same) - len(skip & same) if same else 0
                row["itinerant"] += in_a
                row["gatekeeper"] += in_v
                row["liaison"] += total - in_a - in_v
            row["total"] += total
    return out


def brokerage_expectations(
    G: nx.DiGraph, groups: Mapping[Hashable, Hashable]
) -> dict[Hashable, dict[str, tuple[float, float]]]:
    """Expected value and standard deviation of each brokerage count under a Bernoulli graph.

    The null model is a random digraph with the observed density ``d = m / (N (N - 1))`` and the
    observed group sizes; the moments are those of Gould & Fernandez (1989) as implemented in
    ``sna::brokerage`` (``exp.nli``, ``sd.nli``). A z-score is ``(count - mean) / sd``.

    Parameters
    ----------
    G : networkx.DiGraph
        The graph :func:`brokerage_roles` counts on (self-loops are not counted as ties).
    groups : mapping
        Each node's group label; every node must have one.

    Returns
    -------
    dict
        For each node, ``{role: (mean, sd)}`` for the five roles and ``total``.

    Raises
    ------
    ValueError
        If a node has no group (as :func:`brokerage_roles`).
    """
    missing = [n for n in G if n not in groups]
    if missing:
        raise ValueError(f"nodes without a group: {', '.join(map(str, missing[:5]))}")
    m = sum(1 for a, c in G.edges() if a != c)
    by_group = _moments(G.number_of_nodes(), m, [groups[node] for node in G])
    return {v: by_group[groups[v]] for v in G}


def _moments(N: int, m: int, labels: list) -> dict:
    """:func:`brokerage_expectations` of each group, for ``N`` nodes with these group labels
    and ``m`` arcs (self-loops not counted)."""
    d = m / (N * (N - 1)) if N > 1 else 0.0
    sizes: dict[Hashable, int] = {}
    for g in labels:
        sizes[g] = sizes.get(g, 0) + 1
    p = d * d * (1 - d)  # chance of a brokered 2-path a → v → c with no a → c
    q = d**3 * (1 - d) ** 3

    def choose2(x: float) -> float:
        return x * (x - 1) / 2

    by_group = {}
    for g, ni in sizes.items():
        others = [n for h, n in sizes.items() if h != g]
        mean = {
            "coordinator": p * (ni - 1) * (ni - 2),
            "itinerant": p * sum(n * (n - 1) for n in others),
            "representative": p * (N - ni) * (ni - 1),
            "liaison": p * (sum(others) ** 2 - sum(n * n for n in others)),
            "total": p * (N - 1) * (N - 2),
        }
        mean["gatekeeper"] = mean["representative"]
        extra = {
            "coordinator": 2 * (ni - 1) * (ni - 2) * (ni - 3) * q,
            "itinerant": 2 * sum(n * (n - 1) * (n - 2) for n in others) * q,
            "representative": 2 * ((ni - 1) * choose2(N - ni) + (N - ni) * choose2(ni - 1)) * q,
            "liaison": 4 * sum(n * choose2(N - n - ni) for n in others) * q,
            "total": 2 * (N - 1) * (N - 2) * (N - 3) * q,
        }
        extra["gatekeeper"] = extra["representative"]
        by_group[g] = {
            role: (mean[role], math.sqrt(max(mean[role] * (1 - p) + extra[role], 0.0)))
            for role in (*ROLES, "total")
        }
    return by_group


def betweenness_estimate(
    G: nx.Graph, weight: str, sources: int | None = None, seed: int = 0
) -> dict[Hashable, float]:
    """Normalised weighted betweenness of an undirected graph, exact or from sampled sources.

    The same quantity as ``nx.betweenness_centrality(G, k=sources, weight=weight,
    normalized=True)``: with ``sources`` (fewer than the nodes), the shortest paths from that
    many sources drawn with ``seed`` are counted and scaled by ``n / sources`` (Brandes &
    Pich 2007). The shortest paths are searched by igraph's C code (imported here only):
    networkx's Brandes takes about half a second per source on 10,000 nodes, igraph a
    hundredth.

    Parameters
    ----------
    G : networkx.Graph
        An undirected graph.
    weight : str
        The edge attribute holding each edge's length (every edge must have it).
    sources : int, optional
        How many sources to sample; None (or at least the number of nodes) for the exact value.
    seed : int
        Seed of the sample of sources.

    Returns
    -------
    dict
        Each node's betweenness, normalised by ``(n - 1)(n - 2) / 2`` pairs.

    References
    ----------
    Brandes, U. and Pich, C. (2007). Centrality estimation in large networks. International
    Journal of Bifurcation and Chaos 17(7): 2303-2318.
    """
    nodes = list(G)
    index = {v: i for i, v in enumerate(nodes)}
    edges = [(index[a], index[b]) for a, b in G.edges()]
    weights = [d[weight] for _, _, d in G.edges(data=True)]
    raw = _betweenness(len(nodes), edges, weights, sources, seed)
    return {v: raw[i] for i, v in enumerate(nodes)}


def _betweenness(n: int, edges, weights, sources: int | None, seed: int) -> list[float]:
    """:func:`betweenness_estimate` of nodes ``0..n-1`` joined by ``edges`` (pairs of
    positions) of lengths ``weights``. igraph's result does not depend on the edges' order."""
    from ._igraph import load

    g = load().Graph(n=n, edges=edges)
    if sources is None or sources >= n:
        chosen, scale = None, 1.0
    else:
        chosen = sorted(random.Random(seed).sample(range(n), sources))
        scale = n / sources
    raw = g.betweenness(weights=weights, directed=False, sources=chosen)
    norm = 2 / ((n - 1) * (n - 2)) if n > 2 else 1.0
    return [x * scale * norm for x in raw]


def structural_holes(G: nx.Graph, weight: str) -> tuple[dict, dict]:
    """Burt's (1992) constraint and effective size of every node of an undirected graph.

    The quantities of ``nx.constraint(G, weight=weight)`` and ``nx.effective_size(G,
    weight=weight)`` (``nan`` for isolated nodes), computed as sparse matrix products in row
    blocks: networkx renormalises a node's ties once per pair of neighbours, which on a hub of
    a thousand ties is a billion steps. With ``p`` the ties normalised by their sum and ``m``
    by their maximum, ``constraint(v) = Σ_n (p_vn + Σ_w p_vw p_wn)²`` and ``effective(v) =
    deg(v) - Σ_n Σ_w p_vw m_nw`` over neighbours ``n`` and common neighbours ``w``, where
    networkx's matrix path (taken for all nodes) divides ``m_nw`` by the largest tie of ``w``,
    not of ``n``: kept as networkx computes it. Sums run in another order than networkx's, so
    values may differ in the last bits.

    Parameters
    ----------
    G : networkx.Graph
        An undirected graph; self-loops are ignored.
    weight : str
        The edge attribute holding each tie's strength (1 when an edge lacks it).

    Returns
    -------
    (dict, dict)
        Each node's constraint and each node's effective size, ``nan`` for isolated nodes.
    """
    nodes = list(G)
    index = {v: i for i, v in enumerate(nodes)}
    ends = [(index[a], index[b], float(d.get(weight, 1))) for a, b, d in G.edges(data=True)]
    i, j, w = zip(*ends, strict=True) if ends else ((), (), ())
    constraint, effective = _holes(len(nodes), i, j, w)
    return (
        {v: constraint[k] for k, v in enumerate(nodes)},
        {v: effective[k] for k, v in enumerate(nodes)},
    )


def _holes(n: int, i, j, w) -> tuple[list[float], list[float]]:
    """:func:`structural_holes` of nodes ``0..n-1`` with ties ``i[e]``-``j[e]`` of strength
    ``w[e]`` (each once, in any order: the sums run over sorted rows)."""
    import numpy as np
    from scipy import sparse

    i, j, w = np.asarray(i, np.int64), np.asarray(j, np.int64), np.asarray(w, np.float64)
    loop = i == j
    i, j, w = i[~loop], j[~loop], w[~loop]
    W = sparse.csr_matrix((np.r_[w, w], (np.r_[i, j], np.r_[j, i])), shape=(n, n))
    A = W.copy()
    A.data[:] = 1.0
    total = np.asarray(W.sum(axis=1)).ravel()
    peak = W.max(axis=1).toarray().ravel()
    with np.errstate(divide="ignore", invalid="ignore"):
        P = sparse.diags(np.where(total > 0, 1 / total, 0.0)) @ W
        # networkx's own matrix path (the one nx.effective_size(G, weight=...) takes for all
        # nodes, and diplonet's smaller networks) divides each column by its maximum, not each
        # row: kept, so that the measure means the same above and below PAIR_AWARE_LIMIT
        M = W @ sparse.diags(np.where(peak > 0, 1 / peak, 0.0))
    P, M = P.tocsr(), M.tocsr()
    degree = np.diff(A.indptr)
    constraint = np.zeros(n)
    redundancy = np.zeros(n)
    block = max(1, 2_000_000 // max(1, n))  # rows per block: about 2M entries at a time
    for lo in range(0, n, block):
        hi = min(n, lo + block)
        Pb, Ab = P[lo:hi], A[lo:hi]
        two_step = (Pb @ P).multiply(Ab)  # Σ_w p_vw p_wn, on ties only
        direct = Pb + two_step
        constraint[lo:hi] = np.asarray(direct.multiply(direct).sum(axis=1)).ravel()
        shared = (Pb @ M.T).multiply(Ab)  # Σ_w p_vw m_nw, on ties only
        redundancy[lo:hi] = np.asarray(shared.sum(axis=1)).ravel()
    effective = degree - redundancy
    isolated = degree == 0
    return (
        np.where(isolated, np.nan, constraint).tolist(),
        np.where(isolated, np.nan, effective).tolist(),
    )


#: Betweenness applies the hostile-relay rule pair by pair up to this many actors (it costs a
#: shortest-path search per pair); above it, the plain weighted betweenness of networkx.
PAIR_AWARE_LIMIT = 300


#: Above :data:`PAIR_AWARE_LIMIT` actors, betweenness is exact up to this many actors, and
#: estimated from :data:`BETWEENNESS_SOURCES` seeded sources beyond (Brandes & Pich 2007):
#: exact betweenness needs a shortest-path search from every actor.
EXACT_BETWEENNESS_LIMIT = 2000


BETWEENNESS_SOURCES = 256


def group_labels(net: Network, groups: str = "bloc") -> dict[str, str]:
    """Each actor's group for brokerage: its ``bloc``, its ``kind``, or in/outside a named group.

    ``groups`` is ``"bloc"``, ``"kind"``, or the name of one of the coalitions in the ``groups``
    column (any case), which splits the actors into its members and the rest.

    Parameters
    ----------
    net : Network
    groups : str
        ``"bloc"``, ``"kind"`` or a coalition's name.

    Returns
    -------
    dict of str to str
        Each actor id in the network and its group: its bloc (``"(no bloc)"`` when it has
        none), its kind, or the coalition's name and ``"not <name>"``.

    Raises
    ------
    DiplonetError
        If ``groups`` is none of those; the message suggests close matches and lists the
        coalitions.
    """
    if groups == "bloc":
        return {a.id: a.bloc or "(no bloc)" for a in net.actors.values()}
    if groups == "kind":
        return {a.id: a.kind for a in net.actors.values()}
    names = {g.lower(): g for a in net.dataset.actors.values() for g in a.groups}
    name = names.get(groups.lower())
    if name is None:
        choices = {**{g: g for g in GROUPINGS}, **{k: v for k, v in names.items()}}
        hints = close_matches(groups, choices)
        extra = f" (did you mean: {', '.join(hints)}?)" if hints else ""
        raise DiplonetError(
            f"groups {groups!r}: not 'bloc', 'kind' or a coalition{extra}; coalitions: {', '.join(sorted(set(names.values())))}"
        )
    return {a.id: (name if name in a.groups else f"not {name}") for a in net.actors.values()}


def channel_digraph(net: Network) -> nx.DiGraph:
    """Channel-carrying relations in force as arcs: undirected ties both ways, directed one way.

    Parameters
    ----------
    net : Network

    Returns
    -------
    networkx.DiGraph
        Every actor of the network as a node (tied or not), and one arc per ordered pair with
        a channel-carrying relation, without attributes.
    """
    import networkx as nx

    D = nx.DiGraph()
    D.add_nodes_from(net.actors)
    for rel in net.relations:
        if rel.channel:
            D.add_edge(rel.source, rel.target)
            if not rel.directed:
                D.add_edge(rel.target, rel.source)
    return D


@dataclass(frozen=True)
class BrokerRow:
    """One actor's brokerage profile.

    Attributes
    ----------
    actor : str
        The actor id.
    group : str
        Its group in the partition used (:func:`group_labels`).
    roles : dict of str to int
        Its Gould-Fernandez counts: the five :data:`ROLES` and ``total``.
    expected : dict of str to float
        The mean of each count under the null model (:func:`brokerage_expectations`).
    z : dict of str to float or None
        Each count's z-score; None where the null model's standard deviation is 0.
    betweenness : float
        Normalised weighted betweenness: the share of pairs whose best routes pass through it.
    constraint : float or None
        Burt's constraint; None for an actor without channel links.
    effective_size : float or None
        Burt's effective size; None for an actor without channel links.
    betweenness_sources : int or None
        How many sampled sources the betweenness was estimated from (None: exact).
    """

    actor: str
    group: str
    roles: dict[str, int]
    expected: dict[str, float]
    z: dict[str, float | None]
    betweenness: float
    constraint: float | None
    effective_size: float | None
    #: how many sampled sources the betweenness was estimated from (None: exact)
    betweenness_sources: int | None = None

    def to_dict(self, net: Network) -> dict:
        out = {"actor": self.actor, "group": self.group, **self.roles}
        out.update({f"z_{k}": (round(v, 4) if v is not None else None) for k, v in self.z.items()})
        out.update(
            betweenness=round(self.betweenness, 6),
            constraint=None if self.constraint is None else round(self.constraint, 6),
            effective_size=None if self.effective_size is None else round(self.effective_size, 6),
        )
        if self.betweenness_sources is not None:
            out["betweenness_sources"] = self.betweenness_sources
        out["as_of"] = str(net.date)
        return out


def brokers(net: Network, groups: str = "bloc") -> list[BrokerRow]:
    """Gould–Fernandez brokerage, weighted betweenness, Burt's constraint and effective size.

    Brokerage runs on :func:`channel_digraph` with the partition of :func:`group_labels`;
    z-scores use :func:`brokerage_expectations`. Betweenness is normalised
    (the share of pairs whose best channels pass through the actor) on the model's link costs
    ``-log(strength) - log(ρ)``. Constraint and effective size (Burt 1992) use link strengths
    as weights. Rows are sorted by total brokerage, then betweenness, then actor id.

    Above :data:`PAIR_AWARE_LIMIT` actors, betweenness, constraint and effective size come
    from :func:`betweenness_estimate` and
    :func:`structural_holes`; above :data:`EXACT_BETWEENNESS_LIMIT`,
    betweenness is estimated from :data:`BETWEENNESS_SOURCES` seeded sources, and each row
    says so in ``betweenness_sources``. Brokerage counts are always exact.

    Parameters
    ----------
    net : Network
    groups : str
        The partition for brokerage roles: ``"bloc"``, ``"kind"`` or a coalition's name
        (:func:`group_labels`).

    Returns
    -------
    list of BrokerRow
        One per actor in the network.

    Raises
    ------
    DiplonetError
        If ``groups`` names no partition.
    """
    labels = group_labels(net, groups)
    if net._columnwise and len(net.actors) > PAIR_AWARE_LIMIT:
        roles, moments, between, constraint, effective, sources = _large_measures(net, labels)
        return _rows(net, labels, roles, moments, between, constraint, effective, sources)
    import networkx as nx

    D = channel_digraph(net)
    roles = brokerage_roles(D, labels)
    moments = brokerage_expectations(D, labels)
    G = net.channel_graph
    H = nx.Graph()
    H.add_nodes_from(G)
    for a, b, d in G.edges(data=True):
        H.add_edge(a, b, distance=d["cost"], strength=d["strength"])
    sources = None
    if len(H) <= PAIR_AWARE_LIMIT:
        if net.model.allow_hostile_relays:
            between = nx.betweenness_centrality(H, weight="distance", normalized=True)
        else:
            between = _pair_aware_betweenness(net, H)
        constraint = nx.constraint(H, weight="strength")
        effective = nx.effective_size(H, weight="strength")
    else:
        if len(H) > EXACT_BETWEENNESS_LIMIT:
            sources = BETWEENNESS_SOURCES
        between = betweenness_estimate(H, "distance", sources=sources, seed=0)
        constraint, effective = structural_holes(H, "strength")
    return _rows(net, labels, roles, moments, between, constraint, effective, sources)


def _large_measures(net: Network, labels: dict[str, str]) -> tuple:
    """The measures of :func:`brokers` for a large network, from its columns and link
    columns without networkx graphs: the same arcs, counts, moments, betweenness and Burt's
    measures as from :func:`channel_digraph` and the channel graph (tested against them)."""
    from .network import _paused_gc

    with _paused_gc():  # hundreds of thousands of small acyclic lists and sets
        return _large_measures_columns(net, labels)


def _large_measures_columns(net: Network, labels: dict[str, str]) -> tuple:
    import numpy as np

    from .network import _columns

    cols = _columns(net.dataset)
    nodes = list(net.actors)
    n = len(nodes)
    # channel_digraph's arcs: channel relations in force, undirected ones both ways
    place = np.full(cols.n_actors, -1, np.int64)
    place[[cols.index[a] for a in nodes]] = np.arange(n)
    chosen = net._chosen
    chan = chosen[cols.channel[chosen]]
    a, b = place[cols.src[chan]], place[cols.tgt[chan]]
    both = ~np.array([RELATION_TYPES[t].directed for t in RELATION_TYPES])[cols.type[chan]]
    arcs = np.unique(np.r_[a, b[both]] * n + np.r_[b, a[both]])
    a, b = arcs // n, arcs % n
    loop = a == b
    a, b = a[~loop], b[~loop]  # arcs sorted by tail, then head
    bounds = np.searchsorted(a, np.arange(n + 1)).tolist()
    heads = b.tolist()
    succ = {v: set(heads[bounds[v] : bounds[v + 1]]) for v in range(n)}
    by_head = np.argsort(b, kind="stable")
    tails = a[by_head].tolist()
    ends = np.searchsorted(b[by_head], np.arange(n + 1)).tolist()
    pred = {v: tails[ends[v] : ends[v + 1]] for v in range(n)}
    group = [labels[x] for x in nodes]
    counts = _role_counts(succ, pred, group)
    roles = {x: counts[v] for v, x in enumerate(nodes)}
    by_group = _moments(n, len(a), group)
    moments = {x: by_group[labels[x]] for x in nodes}
    # the channel graph's links, each once, as positions in the actors' order
    L = net._link_matrix
    at = np.full(len(L.names), -1, np.int64)
    at[[L.rank[x] for x in nodes]] = np.arange(n)
    once = L.owner < L.nbr
    i, j = at[L.owner[once]], at[L.nbr[once]]
    sources = BETWEENNESS_SOURCES if n > EXACT_BETWEENNESS_LIMIT else None
    edges = list(zip(i.tolist(), j.tolist(), strict=True))
    raw = _betweenness(n, edges, L.cost[once].tolist(), sources, 0)
    c, e = _holes(n, i, j, L.strength[once])
    return (
        roles,
        moments,
        dict(zip(nodes, raw, strict=True)),
        dict(zip(nodes, c, strict=True)),
        dict(zip(nodes, e, strict=True)),
        sources,
    )


def _rows(net, labels, roles, moments, between, constraint, effective, sources) -> list:
    """One :class:`BrokerRow` per actor from each measure by actor id, sorted as
    :func:`brokers` says."""
    rows = []
    for actor in net.actors:
        z = {}
        for role in (*ROLES, "total"):
            mean, sd = moments[actor][role]
            z[role] = (roles[actor][role] - mean) / sd if sd > 0 else None
        c = constraint.get(actor)
        e = effective.get(actor)
        rows.append(
            BrokerRow(
                actor,
                labels[actor],
                roles[actor],
                {k: v[0] for k, v in moments[actor].items()},
                z,
                between[actor],
                None if c is None or math.isnan(c) else c,
                None if e is None or math.isnan(e) else e,
                sources,
            )
        )
    rows.sort(key=lambda r: (-r.roles["total"], -r.betweenness, r.actor))
    return rows


def _pair_aware_betweenness(net: Network, H: nx.Graph) -> dict[str, float]:
    """Normalised betweenness on model distances, each pair's routes avoiding hostile relays.

    For every unordered pair {s, t}, the shortest routes run on ``H`` without the actors barred
    between s and t (rule 3 of :mod:`diplonet.scoring`); each intermediary gets its share of
    those routes. Normalised by ``(n-1)(n-2)/2`` as networkx does for undirected graphs.
    """
    import networkx as nx

    nodes = sorted(H)
    score = dict.fromkeys(nodes, 0.0)
    barred = {v: net.barred_relays(v) for v in nodes}
    for i, s in enumerate(nodes):
        for t in nodes[i + 1 :]:
            out = (barred[s] | barred[t]) - {s, t}
            view = nx.subgraph_view(H, filter_node=lambda n, out=out: n not in out)
            try:
                paths = list(nx.all_shortest_paths(view, s, t, weight="distance"))
            except nx.NetworkXNoPath:
                continue
            for p in paths:
                for v in p[1:-1]:
                    score[v] += 1 / len(paths)
    n = len(nodes)
    scale = 2 / ((n - 1) * (n - 2)) if n > 2 else 1.0
    return {v: x * scale for v, x in score.items()}
