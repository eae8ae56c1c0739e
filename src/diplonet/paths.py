"""Routes between actors: channels, paths and coverage over a :class:`~diplonet.network.Network`.

Pure functions: they take a network and actor names, apply the rules of :mod:`diplonet.scoring`
(link strength, relay factor, hostile relays), and return plain objects. They never print.
"""

from __future__ import annotations

import heapq
import math
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .dataset import Relation
from .errors import DiplonetError
from .network import Network
from .scoring import distinct_pair, rank_key, rounded

__all__ = [
    "ARMED_GROUP",
    "best_paths",
    "Channel",
    "channels",
    "check_k",
    "check_max_hops",
    "Coverage",
    "coverage",
    "CoverageRow",
    "DEFAULT_MAX_HOPS",
    "direct_link",
    "hostile_relations",
    "K_LIMIT",
    "Link",
    "make_channel",
    "MAX_HOPS_LIMIT",
    "route_filters",
    "routes",
    "SEARCH_BUDGET",
    "why_no_channel",
]

#: Actors of this kind never relay a mediator's messages: a mediator reaches a party through a
#: government or an organisation (Lebanon's government for Hezbollah), not through another armed
#: group, which is a party to the conflicts itself.
ARMED_GROUP = "non-state armed group"


#: The longest route any search follows, in hops. Routes of more than six hops carry no
#: message an analyst would rely on, and the number of routes grows exponentially with length.
MAX_HOPS_LIMIT = 6

#: The longest route every query considers unless told otherwise (``--max-hops``): two hops, one
#: intermediary, the brief's "by, with, and through" partner. One default for every command.
DEFAULT_MAX_HOPS = 2


#: The most routes one query returns (``-k``).
K_LIMIT = 1000


#: Partial routes a search may examine before it stops (a guard far above what the hop limit
#: needs on networks of thousands of actors; the answer says so if it is ever reached).
SEARCH_BUDGET = 2_000_000


@dataclass(frozen=True)
class Link:
    """A channel link between two actors: its strength and the relations that make it.

    Attributes
    ----------
    a, b : str
        The two actor ids, in the order the route runs.
    strength : float
        The link under the network's model (rule 1 of :mod:`diplonet.scoring`).
    relations : tuple of Relation
        Its channel-carrying relations, strongest first.
    n_types : int
        How many types of tie it combines.
    hostile : tuple of Relation
        Hostile relations in force within the pair, which lowered it.
    """

    a: str
    b: str
    strength: float
    relations: tuple[Relation, ...]
    n_types: int = 1
    hostile: tuple[Relation, ...] = ()

    def types(self) -> str:
        """The relation types of the link, strongest first, e.g. ``hosting 0.9, aid 0.7``."""
        text = ", ".join(f"{r.type} {r.strength:g}" for r in self.relations)
        if self.hostile:
            text += "; lowered by " + ", ".join(f"{r.type} {r.strength:g}" for r in self.hostile)
        return text

    def to_dict(self) -> dict:
        """The hop in the documented JSON schema."""
        return {
            "source": self.a,
            "target": self.b,
            "strength": rounded(self.strength),
            "types": self.n_types,
            "lowered_by": [r.type for r in self.hostile],
        }


@dataclass(frozen=True)
class Channel:
    """A route from a source to a target, with its score.

    Attributes
    ----------
    path : tuple of str
        Actor ids from source to target.
    links : tuple of Link
        One per hop.
    score : float
        ``ρ^(hops-1) × Π link`` (:mod:`diplonet.scoring`).
    hostile_relays : tuple of str
        Intermediaries hostile to (or rejected by) an end of the route: empty unless the query
        allowed hostile relays.
    """

    path: tuple[str, ...]
    links: tuple[Link, ...]
    score: float
    hostile_relays: tuple[str, ...] = ()

    @property
    def via(self) -> tuple[str, ...]:
        """The intermediaries: the path without its two ends."""
        return self.path[1:-1]

    @property
    def relations(self) -> list[Relation]:
        """Every relation behind the channel, hop by hop."""
        return [r for link in self.links for r in link.relations]

    def to_dict(self, net: Network) -> dict:
        """The channel in the documented JSON schema."""
        return {
            "path": list(self.path),
            "via": list(self.via),
            "score": rounded(self.score),
            "hops": [link.to_dict() for link in self.links],
            "hostile_relays": list(self.hostile_relays),
            "relations": [r.to_dict() for r in self.relations],
            "as_of": str(net.date),
        }


def _link(net: Network, a: str, b: str) -> Link:
    data = net.links[a][b]
    return Link(
        a, b, data["strength"], tuple(data["relations"]), data["types"], tuple(data["hostile"])
    )


def make_channel(net: Network, path: Sequence[str]) -> Channel:
    """Score an explicit path of actor ids under the network's model.

    Intermediaries hostile to an end of the path (or rejected by it) are marked in the
    channel's ``hostile_relays``; the path is scored whatever its relays.

    Parameters
    ----------
    net : Network
    path : sequence of str
        Actor ids (not names or aliases), from source to target, at least two.

    Returns
    -------
    Channel
        The path with one :class:`Link` per hop and its score, ``ρ^(hops-1) × Π link``.

    Raises
    ------
    DiplonetError
        If a hop has no channel link.
    """
    links = []
    for a, b in zip(path, path[1:], strict=False):
        if b not in net.links.get(a, ()):
            raise DiplonetError(f"no channel link between {a} and {b} {net.date_note()}")
        links.append(_link(net, a, b))
    ends = (path[0], path[-1])
    marked = tuple(
        m for m in path[1:-1] if any(net.hostile_to(m, e) or net.rejected_by(e, m) for e in ends)
    )
    score = net.model.path_score([lk.strength for lk in links])
    return Channel(tuple(path), tuple(links), score, marked)


def direct_link(net: Network, a: str, b: str) -> Link | None:
    """The direct channel link between two actors, or None.

    Parameters
    ----------
    net : Network
    a, b : str
        Actor names, ids or aliases.

    Returns
    -------
    Link or None
        The link from ``a`` to ``b``, or None when they have no channel-carrying tie.

    Raises
    ------
    UnknownActorError
        If ``a`` or ``b`` names no actor.
    """
    a, b = net.resolve(a), net.resolve(b)
    return _link(net, a, b) if b in net.links.get(a, ()) else None


def check_max_hops(max_hops: int, least: int = 1) -> None:
    """Raise :class:`DiplonetError` unless ``least <= max_hops <=`` :data:`MAX_HOPS_LIMIT`.

    Parameters
    ----------
    max_hops : int
        The route length asked for, in hops.
    least : int
        The shortest it may be (2 for channels, which need an intermediary).

    Raises
    ------
    DiplonetError
        If ``max_hops`` is out of range; the message starts with ``max_hops``.
    """
    if max_hops < least:
        raise DiplonetError(f"max_hops must be at least {least}, got {max_hops}")
    if max_hops > MAX_HOPS_LIMIT:
        raise DiplonetError(
            f"max_hops must be at most {MAX_HOPS_LIMIT}, got {max_hops}: longer routes carry no "
            "message an analyst would rely on, and their number explodes"
        )


def check_k(k: int) -> None:
    """Raise :class:`DiplonetError` unless ``1 <= k <=`` :data:`K_LIMIT`.

    Parameters
    ----------
    k : int
        How many answers were asked for.

    Raises
    ------
    DiplonetError
        If ``k`` is out of range; the message starts with ``k``.
    """
    if not 1 <= k <= K_LIMIT:
        raise DiplonetError(f"k must be between 1 and {K_LIMIT}, got {k}")


def _distances_to(adj, t: str, barred: set[str], max_hops: int):
    """From every actor to ``t``, avoiding ``barred``: the cheapest cost (Dijkstra on the links'
    ``cost``) and the fewest hops up to ``max_hops`` (breadth first). The same numbers as
    networkx's single-source functions on a filtered view, read straight from the adjacency
    (a view's filter is called on every neighbour of every step)."""
    cost = {t: 0.0}
    done: set[str] = set()
    heap = [(0.0, t)]
    while heap:
        d, u = heapq.heappop(heap)
        if u in done:
            continue
        done.add(u)
        for v, data in adj[u].items():
            if v in barred or v in done:
                continue
            nd = d + data["cost"]
            if nd < cost.get(v, math.inf):
                cost[v] = nd
                heapq.heappush(heap, (nd, v))
    hops = {t: 0}
    frontier = [t]
    for depth in range(1, max_hops + 1):
        nxt = []
        for u in frontier:
            for v in adj[u]:
                if v not in hops and v not in barred:
                    hops[v] = depth
                    nxt.append(v)
        frontier = nxt
    return cost, hops


def _distances_large(net: Network, t: str, barred: set[str], max_hops: int):
    """:func:`_distances_to` on a large network, by SciPy's Dijkstra and breadth-first search
    over its link columns: the same hop counts, and the same cheapest costs up to the order in
    which equal-cost sums are added (the search only orders its queue by them)."""
    import numpy as np
    from scipy import sparse
    from scipy.sparse import csgraph

    L = net._link_matrix
    n = len(L.names)
    blocked = np.zeros(n, bool)
    blocked[[L.rank[x] for x in barred]] = True
    keep = ~blocked[L.owner] & ~blocked[L.nbr]
    rows, cols = L.owner[keep], L.nbr[keep]
    end = L.rank[t]
    cost = sparse.csr_matrix((L.cost[keep], (rows, cols)), shape=(n, n))
    dist = csgraph.dijkstra(cost, indices=end)
    hop = csgraph.dijkstra(cost, indices=end, unweighted=True, limit=max_hops + 0.5)
    names = L.names
    reached = np.flatnonzero(np.isfinite(dist))
    near = np.flatnonzero(np.isfinite(hop))
    return (
        dict(zip([names[i] for i in reached.tolist()], dist[reached].tolist(), strict=True)),
        dict(zip([names[i] for i in near.tolist()], hop[near].astype(int).tolist(), strict=True)),
    )


def route_filters(
    net: Network,
    s: str,
    t: str,
    through: Iterable[str] | None,
    via: Iterable[str],
    avoid: Iterable[str],
    max_hops: int,
) -> tuple[frozenset[str] | None, frozenset[str], frozenset[str]]:
    """Resolve and check the three route filters every route query takes (one grammar).

    Parameters
    ----------
    net : Network
    s, t : str
        The resolved ends of the route.
    through : iterable of str, optional
        The route's first intermediary (the partner the source works through) must be one of
        these.
    via : iterable of str
        The route must pass through every one of these, anywhere.
    avoid : iterable of str
        The route must not touch any of these.
    max_hops : int
        The longest route, to check that the ``via`` actors fit.

    Returns
    -------
    (frozenset or None, frozenset, frozenset)
        The ids of ``through`` (None when not given), ``via`` and ``avoid``.

    Raises
    ------
    DiplonetError
        When a filter names an end of the route, an actor is both required and avoided, or the
        ``via`` actors cannot fit in ``max_hops``.
    """
    first = None if through is None else frozenset(net.resolve(p) for p in through)
    must = frozenset(net.resolve(v) for v in via)
    banned = frozenset(net.resolve(v) for v in avoid)
    for name, group in (("through", first or frozenset()), ("via", must), ("avoid", banned)):
        if group & {s, t}:
            raise DiplonetError(
                f"{name} cannot name the source or target ({', '.join(sorted(group & {s, t}))})"
            )
    if must & banned:
        raise DiplonetError(f"{', '.join(sorted(must & banned))} is both in via and avoid")
    if first is not None and not first - banned:
        raise DiplonetError("every through actor is also in avoid")
    if len(must) > max_hops - 1:
        raise DiplonetError(f"{len(must)} via actors cannot fit in a route of {max_hops} hops")
    return first, must, banned


def routes(
    net: Network,
    s: str,
    t: str,
    *,
    max_hops: int,
    k: int | None,
    min_hops: int = 1,
    must: frozenset[str] = frozenset(),
    banned: frozenset[str] = frozenset(),
    first: frozenset[str] | None = None,
) -> list[Channel]:
    """The ``k`` best routes from ``s`` to ``t`` (actor ids) under the network's model.

    Best-first search over simple paths (A* with the exact remaining cost of the channel graph
    as heuristic, which is admissible and consistent, so complete routes come out best first),
    bounded by construction: a partial route is extended only if it can still reach ``t``
    within ``max_hops`` (breadth-first hop distances), and the search stops once ``k`` routes
    are found and no cheaper one can follow (routes tied with the ``k``-th are kept, then cut
    by :func:`diplonet.scoring.rank_key`). Intermediaries barred by rule 3 and ``banned`` are
    never entered; ``must`` actors must all be on the route; with ``first``, the first
    intermediary must be one of those. ``k=None`` returns every route within the limits.

    Parameters
    ----------
    net : Network
    s, t : str
        Actor ids (already resolved) of the source and target.
    max_hops : int
        Longest route, in hops (not checked here: see :func:`check_max_hops`).
    k : int or None
        How many routes; None for all within the limits.
    min_hops : int
        Shortest route, in hops (2 leaves out the direct tie).
    must : frozenset of str
        Ids every route must pass through.
    banned : frozenset of str
        Ids no route may touch.
    first : frozenset of str, optional
        Ids the first intermediary must be one of (the direct tie is not affected).

    Returns
    -------
    list of Channel
        Ranked by :func:`diplonet.scoring.rank_key`; empty when ``s`` or ``t`` has no channel
        link or no route fits. If the search examines :data:`SEARCH_BUDGET` partial routes, it
        stops and returns what it has found.
    """
    adj = net.links
    if s not in adj or t not in adj:
        return []
    barred = (net.barred_relays(s, t) | banned) - {s, t}
    if net._columnwise and "scipy.sparse.csgraph" in sys.modules:
        # SciPy's Dijkstra when another step has loaded it (resilience's flow); importing it
        # for this alone costs more than the search in Python saves
        remaining, hops_left = _distances_large(net, t, barred, max_hops)
    else:
        remaining, hops_left = _distances_to(adj, t, barred, max_hops)
    if s not in remaining:
        return []
    heap: list[tuple[float, int, tuple[str, ...]]] = [(remaining[s], 1, (s,))]
    found: list[Channel] = []
    worst = math.inf  # the cost of the k-th route found
    budget = SEARCH_BUDGET
    while heap and budget > 0:
        f, _, path = heapq.heappop(heap)
        if f > worst + 1e-9:
            break
        u = path[-1]
        if u == t:
            if must <= set(path):
                found.append(make_channel(net, path))
                if k is not None and len(found) == k:
                    worst = f
            continue
        budget -= 1
        done = len(path) - 1
        for v, data in adj[u].items():
            if v in path or v in barred:
                continue
            if v == t:
                if done + 1 < min_hops:
                    continue
            elif hops_left.get(v, max_hops + 1) + done + 1 > max_hops:
                continue
            if done == 0 and first is not None and v != t and v not in first:
                continue
            g_cost = f - remaining[u] + data["cost"]
            heapq.heappush(heap, (round(g_cost + remaining[v], 12), len(path) + 1, (*path, v)))
    found.sort(key=lambda c: rank_key(c.score, c.path))
    return found if k is None else found[:k]


def channels(
    net: Network,
    source: str,
    target: str,
    through: Iterable[str] | None = None,
    max_hops: int = DEFAULT_MAX_HOPS,
    via: Iterable[str] = (),
    avoid: Iterable[str] = (),
    k: int | None = None,
) -> list[Channel]:
    """The "by, with, and through" channels from ``source`` to ``target``, best first.

    A channel is a route of channel links with at least one intermediary and at most
    ``max_hops`` hops (the default, 2, means exactly one intermediary: an actor with channel
    links to both ends). Intermediaries hostile to either end are left out unless the network's
    model allows them (rule 3 of :mod:`diplonet.scoring`). The direct tie, if any, is not a
    channel: see :func:`direct_link`.

    Parameters
    ----------
    net : Network
    source, target : str
        Actor names, ids or aliases.
    through : iterable of str, optional
        The first intermediary (the partner the source works through) must be one of these.
    max_hops : int
        From 2 to :data:`MAX_HOPS_LIMIT`.
    via : iterable of str
        Actors every channel must pass through, anywhere.
    avoid : iterable of str
        Actors no channel may touch.
    k : int, optional
        Keep the ``k`` best (default: all, and at most :data:`K_LIMIT` above two hops); only
        those are made into route objects.

    Returns
    -------
    list of Channel
        Ranked by :func:`diplonet.scoring.rank_key`.

    Examples
    --------
    >>> net = Network.load(date="2021-05-20")
    >>> [c.via[0] for c in channels(net, "US", "Hamas")][:2]
    ['Qatar', 'Egypt']
    >>> [c.via[0] for c in channels(net, "US", "Hamas", avoid=["Qatar"])][:1]
    ['Egypt']
    """
    check_max_hops(max_hops, 2)
    s, t = net.resolve(source), net.resolve(target)
    distinct_pair(s, t)
    partners, must, banned = route_filters(net, s, t, through, via, avoid, max_hops)
    if k is not None:
        check_k(k)
    if max_hops == 2:
        g = net.links
        barred = net.barred_relays(s, t) | banned
        gs, gt = g[s], g[t]
        small, large = (gs, gt) if len(gs) <= len(gt) else (gt, gs)
        path_score = net.model.path_score
        # rank on numbers first; make channel objects only for the answers kept
        ranked = sorted(
            (rank_key(path_score([gs[m]["strength"], gt[m]["strength"]]), (s, m, t)), m)
            for m in small
            if m in large
            and m not in barred
            and (partners is None or m in partners)
            and must <= {m}
        )
        return [make_channel(net, [s, m, t]) for _, m in (ranked if k is None else ranked[:k])]
    # longer channels: the best K_LIMIT, so the answer stays readable however dense the network
    return routes(
        net,
        s,
        t,
        max_hops=max_hops,
        k=K_LIMIT if k is None else min(k, K_LIMIT),
        min_hops=2,
        first=partners,
        must=must,
        banned=banned,
    )


def why_no_channel(net: Network, source: str, target: str, through: Iterable[str] = ()) -> str:
    """Why no one-intermediary channel runs from ``source`` to ``target`` (through ``through``).

    One sentence per partner named, or for the whole pair: no common neighbour, or the common
    neighbours are hostile to an end.

    Parameters
    ----------
    net : Network
    source, target : str
        Actor names, ids or aliases.
    through : iterable of str
        Partners to explain; empty for every common neighbour of the two ends.

    Returns
    -------
    str
        The reasons, joined by ``"; "``, or ``"no actor has channel links to both ..."`` when
        no partner gives one.
    """
    s, t = net.resolve(source), net.resolve(target)
    g = net.links
    barred = net.barred_relays(s, t)
    reasons = []
    for p in [net.resolve(x) for x in through] or sorted(set(g[s]) & set(g[t])):
        if p not in g[s]:
            reasons.append(f"{p} has no channel link to {s}")
        elif t not in g[p]:
            reasons.append(f"{p} has no channel link to {t}")
        elif p in barred:
            ends = [e for e in (s, t) if net.hostile_to(p, e) or net.rejected_by(e, p)]
            reasons.append(f"{p} is hostile to {' and '.join(ends)} (a hostile relay)")
    if not reasons:
        return f"no actor has channel links to both {s} and {t}"
    return "; ".join(reasons)


@dataclass(frozen=True)
class CoverageRow:
    """One partner's reach: its link to the source and its best channel to each target.

    Attributes
    ----------
    partner : str
        The partner's actor id.
    source_link : Link or None
        The source's channel link to the partner (None if they have none).
    best : dict of str to Channel or None
        For each target id, the best channel from the source whose first intermediary is the
        partner, or None when there is none within the hop limit.
    """

    partner: str
    source_link: Link | None
    best: dict[str, Channel | None]

    @property
    def reaches_all(self) -> bool:
        """Whether the partner carries a channel to every target."""
        return all(c is not None for c in self.best.values())


@dataclass(frozen=True)
class Coverage:
    """A partner × target table for one source (see :func:`coverage`).

    Attributes
    ----------
    source : str
        The source's actor id.
    targets : tuple of str
        The target ids, in the order asked, without repeats.
    rows : tuple of CoverageRow
        One per partner: most targets reached first, then the highest sum of best scores,
        then by id.
    direct : dict of str to Link or None
        The source's direct channel link to each target, or None.
    """

    source: str
    targets: tuple[str, ...]
    rows: tuple[CoverageRow, ...]
    direct: dict[str, Link | None] = field(default_factory=dict)

    @property
    def reaching_all(self) -> list[str]:
        """Partners that carry a channel to every target, best total first."""
        return [r.partner for r in self.rows if r.reaches_all]


def coverage(
    net: Network,
    source: str,
    targets: Sequence[str],
    through: Iterable[str] | None = None,
    max_hops: int = DEFAULT_MAX_HOPS,
) -> Coverage:
    """Which partners carry the source's channels to each of several targets.

    For each partner P (the ``through`` actors, or else every actor with a channel link to the
    source) and each target T, the best channel from the source whose first intermediary is P,
    within ``max_hops`` hops. Rows are ordered by the number of targets reached, then by the
    sum of the best scores, then by id.

    Parameters
    ----------
    net : Network
    source : str
        Actor name, id or alias.
    targets : sequence of str
        Actor names, ids or aliases (repeats are dropped).
    through : iterable of str, optional
        The partners to tabulate (default: every actor with a channel link to the source,
        targets excepted).
    max_hops : int
        Longest channel, from 2 to :data:`MAX_HOPS_LIMIT`.

    Returns
    -------
    Coverage

    Raises
    ------
    DiplonetError
        If ``max_hops`` is out of range, the source is also a target, or ``through`` names the
        source or a target.

    Examples
    --------
    >>> net = Network.load(date="2021-05-20")
    >>> cov = coverage(net, "US", ["Israel", "PA", "Hamas"], through=["Egypt", "Jordan"])
    >>> cov.reaching_all
    ['Egypt']
    """
    check_max_hops(max_hops, 2)
    s = net.resolve(source)
    ts = tuple(dict.fromkeys(net.resolve(t) for t in targets))
    if s in ts:
        raise DiplonetError(f"{s} is both the source and a target")
    if through is None:
        partners = sorted(set(net.links[s]) - set(ts))
    else:
        partners = list(dict.fromkeys(net.resolve(p) for p in through))
        clash = [p for p in partners if p in ts or p == s]
        if clash:
            raise DiplonetError(f"through cannot name the source or a target ({', '.join(clash)})")
    rows = []
    for p in partners:
        best = {}
        for t in ts:
            found = channels(net, s, t, through=[p], max_hops=max_hops)
            best[t] = found[0] if found else None
        link = _link(net, s, p) if p in net.links[s] else None
        rows.append(CoverageRow(p, link, best))
    rows.sort(
        key=lambda r: (
            -sum(c is not None for c in r.best.values()),
            -round(sum(c.score for c in r.best.values() if c), 12),
            r.partner,
        )
    )
    direct = {t: (_link(net, s, t) if t in net.links[s] else None) for t in ts}
    return Coverage(s, ts, tuple(rows), direct)


def hostile_relations(net: Network, a: str, b: str) -> list[Relation]:
    """Hostile (negative-sign) relations in force between two actor ids.

    Parameters
    ----------
    net : Network
    a, b : str
        Actor ids.

    Returns
    -------
    list of Relation
        Those of :meth:`Network.relations_between` with a negative sign.
    """
    return [r for r in net.relations_between(a, b) if r.sign < 0]


def best_paths(
    net: Network,
    source: str,
    target: str,
    k: int = 5,
    max_hops: int = DEFAULT_MAX_HOPS,
    via: Iterable[str] = (),
    avoid: Iterable[str] = (),
    relayed_only: bool = False,
    through: Iterable[str] | None = None,
) -> list[Channel]:
    """The ``k`` best routes from ``source`` to ``target``, best first, the direct tie included.

    Routes come from :func:`routes`, a search bounded by ``max_hops`` and ``k``, under the
    network's model: every intermediary costs the relay factor, and intermediaries hostile to
    either end are left out unless the model allows them (then they are marked).

    Parameters
    ----------
    net : Network
    source, target : str
        Actor names, ids or aliases.
    k : int
        How many routes, from 1 to :data:`K_LIMIT` (routes tied with the k-th are cut by id).
    max_hops : int
        Longest route, from 1 to :data:`MAX_HOPS_LIMIT`.
    via : iterable of str
        Actors every route must pass through.
    avoid : iterable of str
        Actors no route may touch.
    relayed_only : bool
        Leave out the direct tie (routes of two hops or more).
    through : iterable of str, optional
        The first intermediary of every relayed route must be one of these (the direct tie is
        kept unless ``relayed_only``).

    Returns
    -------
    list of Channel

    Examples
    --------
    >>> net = Network.load(date="2021-05-20")
    >>> best_paths(net, "US", "Hamas", k=1)[0].path
    ('US', 'Qatar', 'Hamas')
    >>> best_paths(net, "Egypt", "Hamas", k=1)[0].path
    ('Egypt', 'Hamas')
    """
    check_k(k)
    check_max_hops(max_hops)
    s, t = net.resolve(source), net.resolve(target)
    distinct_pair(s, t)
    first, must, banned = route_filters(net, s, t, through, via, avoid, max_hops)
    return routes(
        net,
        s,
        t,
        max_hops=max_hops,
        k=k,
        min_hops=2 if relayed_only else 1,
        must=must,
        banned=banned,
        first=first,
    )
