"""Mediation queries over a :class:`~diplonet.network.Network`.

Channels, coverage, mediators and paths.

Pure functions: they take a network and actor names, apply the rules of
:mod:`diplonet.scoring`, and return plain objects with a ``to_dict`` for JSON. They never print.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import networkx as nx

from .dataset import Relation
from .errors import DiplonetError
from .network import Network
from .scoring import rank_key, rounded

#: Actors of this kind never relay a mediator's messages: a mediator reaches a party through a
#: government or an organisation (Lebanon's government for Hezbollah), not through another armed
#: group, which is a party to the conflicts itself.
ARMED_GROUP = "non-state armed group"

#: The longest route any search follows, in hops. Routes of more than six hops carry no
#: message an analyst would rely on, and the number of routes grows exponentially with length.
MAX_HOPS_LIMIT = 6

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
    data = net.channel_graph.edges[a, b]
    return Link(
        a, b, data["strength"], tuple(data["relations"]), data["types"], tuple(data["hostile"])
    )


def make_channel(net: Network, path: Sequence[str]) -> Channel:
    """Score an explicit path of actor ids under the network's model.

    Raises :class:`DiplonetError` if a hop has no channel link.
    """
    links = []
    for a, b in zip(path, path[1:], strict=False):
        if not net.channel_graph.has_edge(a, b):
            raise DiplonetError(f"no channel link between {a} and {b} {net.date_note()}")
        links.append(_link(net, a, b))
    ends = (path[0], path[-1])
    marked = tuple(
        m for m in path[1:-1] if any(net.hostile_to(m, e) or net.rejected_by(e, m) for e in ends)
    )
    score = net.model.path_score([lk.strength for lk in links])
    return Channel(tuple(path), tuple(links), score, marked)


def direct_link(net: Network, a: str, b: str) -> Link | None:
    """The direct channel link between two actors, or None."""
    a, b = net.resolve(a), net.resolve(b)
    return _link(net, a, b) if net.channel_graph.has_edge(a, b) else None


def check_max_hops(max_hops: int, least: int = 1) -> None:
    """Raise :class:`DiplonetError` unless ``least <= max_hops <=`` :data:`MAX_HOPS_LIMIT`."""
    if max_hops < least:
        raise DiplonetError(f"max_hops must be at least {least}, got {max_hops}")
    if max_hops > MAX_HOPS_LIMIT:
        raise DiplonetError(
            f"max_hops must be at most {MAX_HOPS_LIMIT}, got {max_hops}: longer routes carry no "
            "message an analyst would rely on, and their number explodes"
        )


def check_k(k: int) -> None:
    """Raise :class:`DiplonetError` unless ``1 <= k <=`` :data:`K_LIMIT`."""
    if not 1 <= k <= K_LIMIT:
        raise DiplonetError(f"k must be between 1 and {K_LIMIT}, got {k}")


def _distinct(source: str, target: str) -> None:
    if source == target:
        raise DiplonetError(f"source and target are the same actor ({source})")


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
    """
    g = net.channel_graph
    if s not in g or t not in g:
        return []
    barred = (net.barred_relays(s, t) | banned) - {s, t}
    if barred:
        g = nx.subgraph_view(g, filter_node=lambda n: n not in barred)
    remaining = nx.single_source_dijkstra_path_length(g, t, weight="cost")
    if s not in remaining:
        return []
    hops_left = nx.single_source_shortest_path_length(g, t, cutoff=max_hops)
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
        for v, data in g[u].items():
            if v in path:
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
    max_hops: int = 2,
) -> list[Channel]:
    """The "by, with, and through" channels from ``source`` to ``target``, best first.

    A channel is a route of channel links with at least one intermediary and at most
    ``max_hops`` hops (the default, 2, means exactly one intermediary: an actor with channel
    links to both ends). Intermediaries hostile to either end are left out unless the network's
    model allows them (rule 3 of :mod:`diplonet.scoring`). With ``through``, the first
    intermediary (the partner the source works through) must be one of those actors. The direct
    tie, if any, is not a channel: see :func:`direct_link`.

    Parameters
    ----------
    net : Network
    source, target : str
        Actor names, ids or aliases.
    through : iterable of str, optional
        Allowed partners.
    max_hops : int
        From 2 to :data:`MAX_HOPS_LIMIT`.

    Returns
    -------
    list of Channel
        Ranked by :func:`diplonet.scoring.rank_key`; with ``max_hops`` above 2, at most the
        best :data:`K_LIMIT`.

    Examples
    --------
    >>> net = Network.load(date="2021-05-20")
    >>> [c.via[0] for c in channels(net, "US", "Hamas")][:2]
    ['Qatar', 'Egypt']
    """
    check_max_hops(max_hops, 2)
    s, t = net.resolve(source), net.resolve(target)
    _distinct(s, t)
    partners = None if through is None else frozenset(net.resolve(p) for p in through)
    if partners is not None and partners & {s, t}:
        raise DiplonetError(
            f"through cannot name the source or target ({', '.join(sorted(partners & {s, t}))})"
        )
    if max_hops == 2:
        g = net.channel_graph
        barred = net.barred_relays(s, t)
        found = [
            make_channel(net, [s, m, t])
            for m in sorted(set(g[s]) & set(g[t]))
            if m not in barred and (partners is None or m in partners)
        ]
        found.sort(key=lambda c: rank_key(c.score, c.path))
        return found
    # longer channels: the best K_LIMIT, so the answer stays readable however dense the network
    return routes(net, s, t, max_hops=max_hops, k=K_LIMIT, min_hops=2, first=partners)


def why_no_channel(net: Network, source: str, target: str, through: Iterable[str] = ()) -> str:
    """Why no one-intermediary channel runs from ``source`` to ``target`` (through ``through``).

    One sentence per partner named, or for the whole pair: no common neighbour, or the common
    neighbours are hostile to an end.
    """
    s, t = net.resolve(source), net.resolve(target)
    g = net.channel_graph
    barred = net.barred_relays(s, t)
    reasons = []
    for p in [net.resolve(x) for x in through] or sorted(set(g[s]) & set(g[t])):
        if not g.has_edge(s, p):
            reasons.append(f"{p} has no channel link to {s}")
        elif not g.has_edge(p, t):
            reasons.append(f"{p} has no channel link to {t}")
        elif p in barred:
            ends = [e for e in (s, t) if net.hostile_to(p, e) or net.rejected_by(e, p)]
            reasons.append(f"{p} is hostile to {' and '.join(ends)} (a hostile relay)")
    if not reasons:
        return f"no actor has channel links to both {s} and {t}"
    return "; ".join(reasons)


@dataclass(frozen=True)
class CoverageRow:
    """One partner's reach: its link to the source and its best channel to each target."""

    partner: str
    source_link: Link | None
    best: dict[str, Channel | None]

    @property
    def reaches_all(self) -> bool:
        """Whether the partner carries a channel to every target."""
        return all(c is not None for c in self.best.values())


@dataclass(frozen=True)
class Coverage:
    """A partner × target table for one source (see :func:`coverage`)."""

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
    max_hops: int = 2,
) -> Coverage:
    """Which partners carry the source's channels to each of several targets.

    For each partner P (the ``through`` actors, or else every actor with a channel link to the
    source) and each target T, the best channel from the source whose first intermediary is P,
    within ``max_hops`` hops. Rows are ordered by the number of targets reached, then by the
    sum of the best scores, then by id.

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
        partners = sorted(set(net.channel_graph[s]) - set(ts))
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
        link = _link(net, s, p) if net.channel_graph.has_edge(s, p) else None
        rows.append(CoverageRow(p, link, best))
    rows.sort(
        key=lambda r: (
            -sum(c is not None for c in r.best.values()),
            -round(sum(c.score for c in r.best.values() if c), 12),
            r.partner,
        )
    )
    direct = {t: (_link(net, s, t) if net.channel_graph.has_edge(s, t) else None) for t in ts}
    return Coverage(s, ts, tuple(rows), direct)


@dataclass(frozen=True)
class Mediation:
    """A third party able to carry messages between the two parties of a dispute.

    Attributes
    ----------
    channel : Channel
        The route party A → … → mediator → … → party B (a relay of the mediator's own on
        either side, at most one each).
    mediator : str
        The actor credited with the mediation.
    objections : tuple of str
        Why a party may refuse it: ``"hostile to X"`` (net tie to a party is hostile) or
        ``"rejected by X"`` (a documented ``rejects_mediator`` in force). Empty when acceptable.
    hostile : tuple of Relation
        The parties' own hostile relations in force (context for the dispute).
    reach_a, reach_b : float
        How well the mediator reaches each party: its link, or ``ρ ×`` the links through its
        relay.
    """

    channel: Channel
    mediator: str
    objections: tuple[str, ...] = ()
    hostile: tuple[Relation, ...] = ()
    reach_a: float = 0.0
    reach_b: float = 0.0

    @property
    def acceptable(self) -> bool:
        """Whether neither party objects to this mediator (see ``objections``)."""
        return not self.objections

    def _leg(self, side: int) -> tuple[str, ...]:
        path = self.channel.path
        i = path.index(self.mediator)
        return path[: i + 1] if side == 0 else path[i:]

    @property
    def relay_a(self) -> str | None:
        """The actor through which the mediator reaches party A, or None (a direct tie)."""
        leg = self._leg(0)
        return leg[1] if len(leg) == 3 else None

    @property
    def relay_b(self) -> str | None:
        """The actor through which the mediator reaches party B, or None (a direct tie)."""
        leg = self._leg(1)
        return leg[1] if len(leg) == 3 else None

    @property
    def tie_a(self) -> Link:
        """The first link of the route, from party A."""
        return self.channel.links[0]

    @property
    def tie_b(self) -> Link:
        """The last link of the route, to party B."""
        return self.channel.links[-1]

    def to_dict(self, net: Network) -> dict:
        """The mediation in the documented JSON schema (a channel plus the mediator's keys)."""
        out = self.channel.to_dict(net)
        out.update(
            mediator=self.mediator,
            relay_a=self.relay_a,
            relay_b=self.relay_b,
            reach_a=rounded(self.reach_a),
            reach_b=rounded(self.reach_b),
            acceptable=self.acceptable,
            objections=list(self.objections),
        )
        return out


def hostile_relations(net: Network, a: str, b: str) -> list[Relation]:
    """Hostile (negative-sign) relations in force between two actor ids."""
    return [r for r in net.relations_between(a, b) if r.sign < 0]


def _legs(net: Network, party: str, other: str) -> dict[str, list[tuple[float, tuple[str, ...]]]]:
    """For every possible mediator M, its ways of reaching ``party``: ``(score, (M, [R,] party))``,
    best first. ``other`` (the opposite party) is never a mediator or a relay, nor is an armed
    group a relay (:data:`ARMED_GROUP`)."""
    g = net.channel_graph
    model = net.model
    legs: dict[str, list[tuple[float, tuple[str, ...]]]] = {}
    for m, data in g[party].items():
        if m != other:
            legs.setdefault(m, []).append((data["strength"], (m, party)))
    if model.mediator_relays:
        barred = net.barred_relays(party)
        for r, rdata in g[party].items():
            if r == other or r in barred:
                continue
            if not model.armed_group_relays and net.actors[r].kind == ARMED_GROUP:
                continue
            relay_barred = net.barred_relays(r)
            for m, mdata in g[r].items():
                if m in (party, other) or m in relay_barred:
                    continue
                score = mdata["strength"] * rdata["strength"] * model.relay_factor
                legs.setdefault(m, []).append((score, (m, r, party)))
    for options in legs.values():
        options.sort(key=lambda o: (-round(o[0], 12), len(o[1]), o[1]))
    return legs


def mediators(net: Network, party_a: str, party_b: str) -> list[Mediation]:
    """Third parties able to mediate between two parties, best first.

    A mediator M reaches each party directly or, under the current model, through one relay of
    its own: a government or organisation with links to both M and the party, hostile to
    neither (never an armed group). Its route
    A → … → M → … → B is scored like any route (:mod:`diplonet.scoring`): strong ties to both
    sides are needed, not to one. A mediator hostile to a party (a negative net tie) or
    rejected by it (``rejects_mediator``) ranks below every acceptable one and says why in
    ``objections``. Works for any two parties; their own hostile relations in force are given
    in ``hostile``.

    Parameters
    ----------
    net : Network
    party_a, party_b : str
        Actor names, ids or aliases.

    Returns
    -------
    list of Mediation
        One per mediator: acceptable ones first, then by score, hops and ids.

    Examples
    --------
    >>> net = Network.load(date="2021-05-20")
    >>> [m.mediator for m in mediators(net, "Israel", "Hamas")][:2]
    ['Egypt', 'Qatar']
    """
    a, b = net.resolve(party_a), net.resolve(party_b)
    _distinct(a, b)
    hostile = tuple(hostile_relations(net, a, b))
    legs_a, legs_b = _legs(net, a, b), _legs(net, b, a)
    found = []
    for m in sorted(set(legs_a) & set(legs_b)):
        best = None
        for sa, pa in legs_a[m][:3]:
            for sb, pb in legs_b[m][:3]:
                if len(pa) == 3 and len(pb) == 3 and pa[1] == pb[1]:
                    continue  # one relay on both sides: that relay is the mediator
                path = (*reversed(pa), *pb[1:])
                key = rank_key(sa * sb, path)
                if best is None or key < best[0]:
                    best = (key, path, sa, sb)
        if best is None:
            continue
        channel = make_channel(net, best[1])
        # a relay serves one leg: it is marked when hostile to that leg's party or the mediator
        path = channel.path
        i = path.index(m)
        legs = (
            (path[1], path[0]) if i == 2 else None,
            (path[i + 1], path[-1]) if len(path) - i == 3 else None,
        )
        marked = tuple(
            r
            for leg in legs
            if leg is not None
            for r in [leg[0]]
            if any(net.hostile_to(r, e) or net.rejected_by(e, r) for e in (leg[1], m))
        )
        channel = Channel(channel.path, channel.links, channel.score, marked)
        objections = []
        if net.model.mediator_tiers:
            for p in (a, b):
                objects = (
                    net.objects_to(p, m)
                    if net.model.acceptability == "party"
                    else net.hostile_to(p, m)
                )
                if objects:
                    objections.append(f"hostile to {p}")
                if net.rejected_by(p, m):
                    objections.append(f"rejected by {p}")
        found.append(Mediation(channel, m, tuple(objections), hostile, best[2], best[3]))
    found.sort(
        key=lambda x: (bool(x.objections), *rank_key(x.channel.score, x.channel.path), x.mediator)
    )
    return found


def best_paths(
    net: Network,
    source: str,
    target: str,
    k: int = 5,
    max_hops: int = 4,
    via: Iterable[str] = (),
    avoid: Iterable[str] = (),
    relayed_only: bool = False,
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
    _distinct(s, t)
    must = frozenset(net.resolve(v) for v in via)
    banned = frozenset(net.resolve(v) for v in avoid)
    if banned & {s, t}:
        raise DiplonetError(
            f"avoid cannot name the source or target ({', '.join(sorted(banned & {s, t}))})"
        )
    if must & banned:
        raise DiplonetError(f"{', '.join(sorted(must & banned))} is both in via and avoid")
    if must & {s, t}:
        raise DiplonetError(
            f"via cannot name the source or target ({', '.join(sorted(must & {s, t}))})"
        )
    if len(must) > max_hops - 1:
        raise DiplonetError(f"{len(must)} via actors cannot fit in a route of {max_hops} hops")
    return routes(
        net,
        s,
        t,
        max_hops=max_hops,
        k=k,
        min_hops=2 if relayed_only else 1,
        must=must,
        banned=banned,
    )
