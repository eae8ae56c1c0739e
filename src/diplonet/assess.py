"""Analyses of a diplonet :class:`~diplonet.network.Network`: brokers, balance, resilience,
spoilers and mediator profiles.

This module turns a network into the plain graphs that :mod:`diplonet.analysis` measures, and
attaches to every result the relations and the rule that produced it. It prints nothing.

Rules written here, once:

- **Signed tie of a pair** (balance, spoilers): the sign of the sum of ``sign × strength`` over
  the pair's relations in force. US–Turkey (alliance 0.6, sanctions 0.4) is +0.2, cooperative;
  UAE–PA (diplomatic 0.5, rivalry 0.6) is -0.1, hostile. A pair summing to exactly 0 is
  *ambivalent* and left out of the signed graph (and listed).
- **Brokerage ties**: the channel-carrying relations in force; an undirected relation counts in
  both directions, a directed one (aid, hosting, sponsorship, mediation) from source to target.
- **Distance** for weighted betweenness: the channel model's link cost
  ``-log(link) - log(ρ)`` (:mod:`diplonet.scoring`), whose shortest paths are the best routes;
  every hop costs, so no distance is 0. On networks of up to :data:`PAIR_AWARE_LIMIT` actors
  betweenness also applies the hostile-relay rule pair by pair (an actor hostile to either end
  of a pair is not on that pair's routes), as every other command does.
- **Spoilers** (Stedman 1997): an actor outside the dispute with both the *motive* (a hostile
  net tie to the source, the target or an intermediary of their channels) and the *capacity*
  (sponsorship, hosting or aid of its own reaching the source or the target: arms, money, a
  base). The parties themselves, and actors with the motive but
  no capacity, are *objectors*, listed apart.
- **Leverage** of M over X: the model's link rule (strongest tie plus a bounded bonus) over the strengths of M's relations with X whose type gives
  leverage (``leverage`` in :data:`diplonet.vocab.RELATION_TYPES`): mutual types (alliance,
  security cooperation) either way, source types (aid, hosting, sponsorship) only from M to X.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import networkx as nx

from . import analysis, scoring
from .dataset import Relation, close_matches
from .errors import DiplonetError
from .network import Network
from .queries import Channel, best_paths, channels, make_channel
from .scoring import rank_key
from .vocab import RELATION_TYPES

GROUPINGS = ("bloc", "kind")


# -- signed graph --------------------------------------------------------------------------------


#: Betweenness applies the hostile-relay rule pair by pair up to this many actors (it costs a
#: shortest-path search per pair); above it, the plain weighted betweenness of networkx.
PAIR_AWARE_LIMIT = 300

#: Above :data:`PAIR_AWARE_LIMIT` actors, betweenness is exact up to this many actors, and
#: estimated from :data:`BETWEENNESS_SOURCES` seeded sources beyond (Brandes & Pich 2007):
#: exact betweenness needs a shortest-path search from every actor.
EXACT_BETWEENNESS_LIMIT = 2000
BETWEENNESS_SOURCES = 256

#: Relation families that give an actor the capacity to spoil: it arms, funds or hosts.
CAPACITY_FAMILY = "support"

pair_balance = scoring.net_tie  # the pair rule lives in diplonet.scoring


def signed_graph(net: Network) -> nx.Graph:
    """The network as an undirected signed graph (see the module docstring for the rule).

    Edges carry ``sign`` (+1/-1), ``weight`` (``min(1, |net tie|)``), ``net`` (the signed sum)
    and ``relations``. ``G.graph["ambivalent"]`` lists pairs whose ties cancel out.
    """
    grouped: dict[tuple[str, str], list[Relation]] = {}
    for rel in net.relations:
        grouped.setdefault(tuple(sorted((rel.source, rel.target))), []).append(rel)
    G = nx.Graph(ambivalent=[])
    G.add_nodes_from(net.actors)
    for (a, b), rels in grouped.items():
        total = pair_balance(rels)
        if abs(total) < 1e-12:
            G.graph["ambivalent"].append((a, b, rels))
            continue
        G.add_edge(
            a,
            b,
            sign=1 if total > 0 else -1,
            weight=min(1.0, abs(total)),
            net=total,
            relations=rels,
        )
    return G


def net_tie(net: Network, a: str, b: str) -> float:
    """The net signed tie between two actor ids (0 when they have no relation)."""
    return pair_balance(net.relations_between(a, b))


# -- brokers -------------------------------------------------------------------------------------


def group_labels(net: Network, groups: str = "bloc") -> dict[str, str]:
    """Each actor's group for brokerage: its ``bloc``, its ``kind``, or in/outside a named group.

    ``groups`` is ``"bloc"``, ``"kind"``, or the name of one of the coalitions in the ``groups``
    column (any case), which splits the actors into its members and the rest.
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
    """Channel-carrying relations in force as arcs: undirected ties both ways, directed one way."""
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
    """One actor's brokerage profile."""

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
    z-scores use :func:`diplonet.analysis.brokerage_expectations`. Betweenness is normalised
    (the share of pairs whose best channels pass through the actor) on distances
    ``-log(strength)``. Constraint and effective size (Burt 1992) use link strengths as weights.
    Rows are sorted by total brokerage, then betweenness.

    Above :data:`PAIR_AWARE_LIMIT` actors, betweenness, constraint and effective size come
    from :func:`diplonet.analysis.betweenness_estimate` and
    :func:`diplonet.analysis.structural_holes`; above :data:`EXACT_BETWEENNESS_LIMIT`,
    betweenness is estimated from :data:`BETWEENNESS_SOURCES` seeded sources, and each row
    says so in ``betweenness_sources``. Brokerage counts are always exact.
    """
    labels = group_labels(net, groups)
    D = channel_digraph(net)
    roles = analysis.brokerage_roles(D, labels)
    moments = analysis.brokerage_expectations(D, labels)
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
        between = analysis.betweenness_estimate(H, "distance", sources=sources, seed=0)
        constraint, effective = analysis.structural_holes(H, "strength")
    rows = []
    for actor in net.actors:
        z = {}
        for role in (*analysis.ROLES, "total"):
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


# -- balance -------------------------------------------------------------------------------------


@dataclass
class BalanceReport:
    """Signed triads and the frustration index of a network, with the relations behind them."""

    graph: nx.Graph
    triads: dict
    frustration: analysis.Frustration
    ambivalent: list = field(default_factory=list)


def balance(net: Network, method: str = "auto") -> BalanceReport:
    """Structural balance of the network's net signed ties (see :func:`signed_graph`).

    Triads come from :func:`diplonet.analysis.signed_triads`; the frustration index and a
    partition achieving it from :func:`diplonet.analysis.frustration`.
    """
    G = signed_graph(net)
    triads = analysis.signed_triads(G)
    return BalanceReport(
        G, triads, analysis.frustration(G, method=method, triads=triads), G.graph["ambivalent"]
    )


# -- resilience ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ResilienceReport:
    """How many independent channels link two actors, and where they break."""

    result: analysis.Resilience
    channels: list[Channel]
    best: Channel | None
    impact: dict[str, Channel | None]
    direct: Channel | None

    def to_dict(self, net: Network) -> dict:
        r = self.result
        return {
            "source": r.source,
            "target": r.target,
            "direct": self.direct.to_dict(net) if self.direct else None,
            "disjoint_channels": [c.to_dict(net) for c in self.channels],
            "connectivity": r.connectivity,
            "minimum_cut": list(r.cut),
            "single_points_of_failure": list(r.single_points),
            "best": self.best.to_dict(net) if self.best else None,
            "without": {actor: (c.to_dict(net) if c else None) for actor, c in self.impact.items()},
            "as_of": str(net.date),
        }


def channel_resilience(
    net: Network, source: str, target: str, max_hops: int = 4
) -> ResilienceReport:
    """Node-disjoint channels (Menger), minimum cut and single points of failure between two actors.

    Uses :func:`diplonet.analysis.resilience` on the channel graph without the relays the model
    bars between these two actors (rule 3 of :mod:`diplonet.scoring`), with the direct tie set
    aside (and reported). ``best`` is the best relayed route of
    :func:`diplonet.queries.best_paths` within ``max_hops``; for every member of the minimum cut
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
    """
    s, t = net.resolve(source), net.resolve(target)
    if s == t:
        raise DiplonetError(f"source and target are the same actor ({s})")
    barred = net.barred_relays(s, t)
    rho = net.model.relay_factor
    G = nx.Graph()
    G.add_nodes_from(n for n in net.channel_graph if n not in barred)
    for a, b, d in net.channel_graph.edges(data=True):
        if a not in barred and b not in barred:
            G.add_edge(a, b, relayed=d["strength"] * rho)
    r = analysis.resilience(G, s, t, weight="relayed")
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


def _best_intermediary(
    net: Network, s: str, t: str, max_hops: int, avoid: str | None = None
) -> Channel | None:
    away = [avoid] if avoid else []
    found = best_paths(net, s, t, k=1, max_hops=max_hops, avoid=away, relayed_only=True)
    return found[0] if found else None


# -- spoilers ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Spoiler:
    """An actor with the motive and the capacity to spoil a channel (Stedman 1997).

    Attributes
    ----------
    actor : str
    against : str
        The actor its motive targets: the source, the target or an intermediary.
    hostility : float
        ``min(1, -net tie)`` to ``against``.
    hostile_relations : tuple of Relation
    backs : str
        The party or intermediary its capacity reaches (the strongest such support tie).
    backing : float
        Strength of that support (sponsorship, hosting or aid from the spoiler).
    backing_relations : tuple of Relation
    also_backs : tuple of str
        Other parties or intermediaries it supports.
    """

    actor: str
    against: str
    hostility: float
    hostile_relations: tuple[Relation, ...]
    backs: str
    backing: float
    backing_relations: tuple[Relation, ...]
    also_backs: tuple[str, ...]

    @property
    def score(self) -> float:
        """Motive times capacity: hostility to ``against`` times the backing of ``backs``."""
        return self.hostility * self.backing

    def to_dict(self, net: Network) -> dict:
        """The spoiler in the documented JSON schema."""
        return {
            "actor": self.actor,
            "role": "spoiler",
            "against": self.against,
            "reason": None,
            "backs": self.backs,
            "score": round(self.score, 6),
            "hostility": round(self.hostility, 6),
            "backing": round(self.backing, 6),
            "also_backs": list(self.also_backs),
            "relations": [r.to_dict() for r in (*self.hostile_relations, *self.backing_relations)],
            "as_of": str(net.date),
        }


@dataclass(frozen=True)
class Objector:
    """An actor hostile to a party or to the channel, without the capacity to spoil it.

    ``reason`` is ``"party"`` for the source or target themselves (hostile to each other),
    ``"carrier"`` for an intermediary of the channels hostile to another one (it carries a
    channel itself), and ``"no capacity"`` for outsiders with the motive but no sponsorship,
    hosting or aid reaching the parties.
    """

    actor: str
    against: str
    hostility: float
    hostile_relations: tuple[Relation, ...]
    reason: str

    def to_dict(self, net: Network) -> dict:
        """The objector in the documented JSON schema."""
        return {
            "actor": self.actor,
            "role": "objector",
            "against": self.against,
            "reason": self.reason,
            "backs": None,
            "score": None,
            "hostility": round(self.hostility, 6),
            "backing": None,
            "also_backs": [],
            "relations": [r.to_dict() for r in self.hostile_relations],
            "as_of": str(net.date),
        }


def _support(net: Network, x: str, y: str) -> list[Relation]:
    """Support relations (sponsorship, hosting, aid) from ``x`` to ``y`` in force."""
    return [
        r
        for r in net.pair_relations(x, y)
        if r.sign > 0
        and RELATION_TYPES[r.type].family == CAPACITY_FAMILY
        and (r.source == x or not r.directed)
    ]


def _motives(net: Network, x: str, targets: list[str]) -> list[tuple[str, float, list[Relation]]]:
    out = []
    for y in targets:
        if y == x:
            continue
        rels = net.pair_relations(x, y)
        value = pair_balance(rels)
        if value < -1e-12:
            out.append((y, min(1.0, -value), [r for r in rels if r.sign < 0]))
    return out


def spoilers(net: Network, source: str, target: str) -> list[Spoiler]:
    """Actors with the motive and the capacity to spoil the channels from ``source`` to
    ``target`` (Stedman 1997), strongest first.

    Motive: a hostile net tie to the source, the target, or an intermediary of their
    one-intermediary channels. Capacity: sponsorship, hosting or aid of its own reaching the
    source or the target (other than the one it is hostile to). The intermediaries themselves
    carry the channel and are never its spoilers. Score:
    hostility times the strongest such support. The parties themselves and actors with the
    motive alone are objectors (:func:`objectors`).

    Parameters
    ----------
    net : Network
    source, target : str
        Actor names, ids or aliases.

    Returns
    -------
    list of Spoiler

    References
    ----------
    Stedman, S. J. (1997). Spoiler problems in peace processes. *International Security* 22(2),
    5-53.

    Examples
    --------
    >>> net = Network.load(date="2021-05-20")
    >>> [(s.actor, s.against, s.backs) for s in spoilers(net, "US", "Hamas")][:1]
    [('Iran', 'US', 'Hamas')]
    """
    s, t, inter = _spoiler_frame(net, source, target)
    every_motive = _motives_toward(net, [s, t, *inter])
    found = []
    for x in net.actors:
        if x in (s, t) or x in inter:
            continue  # the parties, and the channel's own carriers, are not its spoilers
        motives = every_motive.get(x)
        if not motives:
            continue
        best = None
        for against, hostility, hostile_rels in motives:
            for y in (s, t):
                if y in (x, against):
                    continue
                rels = _support(net, x, y)
                if not rels:
                    continue
                backing = max(r.strength for r in rels)
                cand = (hostility * backing, against, hostility, hostile_rels, y, backing, rels)
                if best is None or (round(cand[0], 12), y == t) > (
                    round(best[0], 12),
                    best[4] == t,
                ):
                    best = cand
        if best is None:
            continue
        _, against, hostility, hostile_rels, y, backing, rels = best
        others = tuple(z for z in (s, t) if z not in (x, y, against) and _support(net, x, z))
        found.append(
            Spoiler(x, against, hostility, tuple(hostile_rels), y, backing, tuple(rels), others)
        )
    found.sort(key=lambda sp: (-round(sp.score, 12), sp.actor))
    return found


def objectors(net: Network, source: str, target: str) -> list[Objector]:
    """Actors hostile to the source, the target or an intermediary of their channels that lack
    the capacity to spoil (see :func:`spoilers`), and the parties themselves if hostile.

    Returns
    -------
    list of Objector
        The parties first, then by hostility and id.
    """
    s, t, inter = _spoiler_frame(net, source, target)
    spoiling = {sp.actor for sp in spoilers(net, s, t)}
    out = []
    for party, other in ((s, t), (t, s)):
        rels = net.pair_relations(party, other)
        if pair_balance(rels) < -1e-12:
            out.append(
                Objector(
                    party,
                    other,
                    min(1.0, -pair_balance(rels)),
                    tuple(r for r in rels if r.sign < 0),
                    "party",
                )
            )
    rest = []
    every_motive = _motives_toward(net, [s, t, *inter])
    for x in net.actors:
        if x in (s, t) or x in spoiling:
            continue
        motives = every_motive.get(x)
        if motives:
            against, hostility, rels = max(motives, key=lambda m: (round(m[1], 12), m[0] == s))
            reason = "carrier" if x in inter else "no capacity"
            rest.append(Objector(x, against, hostility, tuple(rels), reason))
    rest.sort(key=lambda o: (-round(o.hostility, 12), o.actor))
    return out + rest


def _motives_toward(
    net: Network, targets: list[str]
) -> dict[str, list[tuple[str, float, list[Relation]]]]:
    """:func:`_motives` of every actor at once, read from the targets' side: only actors tied
    to a target can have a motive, so this visits their ties instead of every actor × target
    (the same lists, in the same order of targets)."""
    out: dict[str, list] = {}
    for y in dict.fromkeys(targets):
        for x in net._partners.get(y, ()):
            rels = net.pair_relations(x, y)
            value = pair_balance(rels)
            if value < -1e-12:
                out.setdefault(x, []).append((y, min(1.0, -value), [r for r in rels if r.sign < 0]))
    return out


def _spoiler_frame(net: Network, source: str, target: str) -> tuple[str, str, list[str]]:
    s, t = net.resolve(source), net.resolve(target)
    if s == t:
        raise DiplonetError(f"source and target are the same actor ({s})")
    return s, t, [c.via[0] for c in channels(net, s, t)]


# -- mediator profiles ---------------------------------------------------------------------------


def leverage(net: Network, holder: str, over: str) -> tuple[float, list[Relation]]:
    """Leverage of ``holder`` over ``over`` and the relations that give it (module docstring)."""
    rels = []
    for r in net.relations_between(holder, over):
        kind = RELATION_TYPES[r.type].leverage
        if kind == "mutual" or (kind == "source" and r.source == holder):
            rels.append(r)
    return net.model.link_strength(rels), rels


@dataclass(frozen=True)
class MediatorProfile:
    """The factors of the mediation literature for one mediator, each shown separately.

    ``lean`` is ``(tie_a - tie_b) / (tie_a + tie_b)`` over the mediator's own direct links to
    each party (0 where it has none: it reaches that party through a relay): positive when the
    mediator is closer to party A. Biased mediators can still be credible, and can be the ones that deliver (Kydd
    2003). ``leverage_a``/``leverage_b`` measure what it can offer or withhold from each party;
    ``shared_a``/``shared_b`` are the coalitions it shares with each (Crescenzi et al. 2011).
    """

    mediator: str
    channel: Channel
    lean: float | None
    leverage_a: float
    leverage_b: float
    leverage_relations: tuple[Relation, ...]
    shared_a: tuple[str, ...]
    shared_b: tuple[str, ...]
    objections: tuple[str, ...] = ()
    tie_a: float = 0.0
    tie_b: float = 0.0

    def leans_to(self) -> str | None:
        """The party the mediator leans to, or None when ``|lean| < 0.2`` (even-handed) or when
        it has no direct tie to either party (no lean to measure)."""
        if self.lean is None or abs(self.lean) < 0.2:
            return None
        return self.channel.path[0] if self.lean > 0 else self.channel.path[-1]

    def to_dict(self, net: Network) -> dict:
        out = self.channel.to_dict(net)
        out.update(
            mediator=self.mediator,
            acceptable=not self.objections,
            objections=list(self.objections),
            tie_a=round(self.tie_a, 6),
            tie_b=round(self.tie_b, 6),
            lean=None if self.lean is None else round(self.lean, 6),
            leans_to=self.leans_to(),
            leverage_a=round(self.leverage_a, 6),
            leverage_b=round(self.leverage_b, 6),
            leverage_relations=[r.to_dict() for r in self.leverage_relations],
            shared_groups_a=list(self.shared_a),
            shared_groups_b=list(self.shared_b),
        )
        return out


def mediator_profiles(net: Network, party_a: str, party_b: str) -> list[MediatorProfile]:
    """Profiles of the mediators of :func:`diplonet.queries.mediators`, in the same order.

    The ranking stays the channel score (strength of ties to both sides). Lean, leverage and
    shared coalitions are reported beside it, not folded in: the literature disagrees on how
    much each weighs, so the analyst weighs them.
    """
    from .queries import mediators

    a, b = net.resolve(party_a), net.resolve(party_b)
    groups_a = set(net.actors[a].groups)
    groups_b = set(net.actors[b].groups)
    out = []
    for m in mediators(net, a, b):
        mid = m.mediator
        # lean is about the mediator's own affinity (Kydd 2003): its direct links, 0 if none
        G = net.channel_graph
        ta = G[mid][a]["strength"] if G.has_edge(mid, a) else 0.0
        tb = G[mid][b]["strength"] if G.has_edge(mid, b) else 0.0
        la, rel_a = leverage(net, mid, a)
        lb, rel_b = leverage(net, mid, b)
        mine = set(net.actors[mid].groups)
        out.append(
            MediatorProfile(
                mid,
                m.channel,
                (ta - tb) / (ta + tb) if ta + tb else None,
                la,
                lb,
                tuple(rel_a + rel_b),
                tuple(sorted(mine & groups_a)),
                tuple(sorted(mine & groups_b)),
                m.objections,
                ta,
                tb,
            )
        )
    return out
