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
- **Distance** for weighted betweenness: ``-log(strength)`` of the channel link, the cost whose
  shortest paths are the best channels (:mod:`diplonet.scoring`); a link of strength 1 gets a
  distance of 1e-9 rather than 0.
- **Leverage** of M over X: noisy-or of the strengths of M's relations with X whose type gives
  leverage (``leverage`` in :data:`diplonet.vocab.RELATION_TYPES`): mutual types (alliance,
  security cooperation) either way, source types (aid, hosting, sponsorship) only from M to X.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import networkx as nx

from . import analysis
from .dataset import Relation, close_matches
from .errors import DiplonetError
from .network import Network
from .queries import Channel, best_paths, channels, make_channel
from .scoring import link_strength
from .vocab import RELATION_TYPES

GROUPINGS = ("bloc", "kind")


# -- signed graph --------------------------------------------------------------------------------


def pair_balance(relations: list[Relation]) -> float:
    """Sum of ``sign × strength`` over one pair's relations: its net signed tie."""
    return sum(r.sign * r.strength for r in relations)


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
            f"--groups {groups!r}: not 'bloc', 'kind' or a coalition{extra}; coalitions: {', '.join(sorted(set(names.values())))}"
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

    def to_dict(self, net: Network) -> dict:
        out = {"actor": self.actor, "group": self.group, **self.roles}
        out.update({f"z_{k}": (round(v, 4) if v is not None else None) for k, v in self.z.items()})
        out.update(
            betweenness=round(self.betweenness, 6),
            constraint=None if self.constraint is None else round(self.constraint, 6),
            effective_size=None if self.effective_size is None else round(self.effective_size, 6),
            as_of=str(net.date),
        )
        return out


def brokers(net: Network, groups: str = "bloc") -> list[BrokerRow]:
    """Gould–Fernandez brokerage, weighted betweenness, Burt's constraint and effective size.

    Brokerage runs on :func:`channel_digraph` with the partition of :func:`group_labels`;
    z-scores use :func:`diplonet.analysis.brokerage_expectations`. Betweenness is normalised
    (the share of pairs whose best channels pass through the actor) on distances
    ``-log(strength)``. Constraint and effective size (Burt 1992) use link strengths as weights.
    Rows are sorted by total brokerage, then betweenness.
    """
    labels = group_labels(net, groups)
    D = channel_digraph(net)
    roles = analysis.brokerage_roles(D, labels)
    moments = analysis.brokerage_expectations(D, labels)
    G = net.channel_graph
    H = nx.Graph()
    H.add_nodes_from(G)
    for a, b, s in G.edges(data="strength"):
        H.add_edge(a, b, distance=max(-math.log(s), 1e-9), strength=s)
    between = nx.betweenness_centrality(H, weight="distance", normalized=True)
    constraint = nx.constraint(H, weight="strength")
    effective = nx.effective_size(H, weight="strength")
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
            )
        )
    rows.sort(key=lambda r: (-r.roles["total"], -r.betweenness, r.actor))
    return rows


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
    return BalanceReport(
        G, analysis.signed_triads(G), analysis.frustration(G, method=method), G.graph["ambivalent"]
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


def channel_resilience(net: Network, source: str, target: str) -> ResilienceReport:
    """Node-disjoint channels (Menger), minimum cut and single points of failure between two actors.

    Uses :func:`diplonet.analysis.resilience` on the channel graph, paths of any length, with
    the direct tie set aside (and reported). For every member of the minimum cut and every
    single point of failure, ``impact`` gives the best remaining intermediary channel once that
    actor is gone (None when none is left).
    """
    s, t = net.resolve(source), net.resolve(target)
    if s == t:
        raise DiplonetError(f"source and target are the same actor ({s})")
    G = net.channel_graph
    r = analysis.resilience(G, s, t, weight="strength")
    chans = sorted((make_channel(net, p) for p in r.disjoint_paths), key=lambda c: -c.score)
    direct = make_channel(net, [s, t]) if r.direct else None
    best = _best_intermediary(net, s, t)
    impact = {}
    for actor in dict.fromkeys([*r.single_points, *r.cut]):
        impact[actor] = _best_intermediary(net.without(actor), s, t)
    return ResilienceReport(r, chans, best, impact, direct)


def _best_intermediary(net: Network, s: str, t: str) -> Channel | None:
    # the best two paths of any length: at most one of them is the direct tie
    for c in best_paths(net, s, t, k=2, max_hops=max(2, len(net.actors) - 1)):
        if len(c.path) > 2:
            return c
    return None


# -- spoilers ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Spoiler:
    """An actor hostile to one side that backs the other side or an actor on the channel."""

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
        """Hostility to ``against`` times the strength of the backing of ``backs``."""
        return self.hostility * self.backing

    def to_dict(self, net: Network) -> dict:
        return {
            "actor": self.actor,
            "against": self.against,
            "backs": self.backs,
            "score": round(self.score, 6),
            "hostility": round(self.hostility, 6),
            "backing": round(self.backing, 6),
            "also_backs": list(self.also_backs),
            "relations": [r.to_dict() for r in (*self.hostile_relations, *self.backing_relations)],
            "as_of": str(net.date),
        }


def spoilers(net: Network, source: str, target: str) -> list[Spoiler]:
    """Actors placed to spoil the channels between ``source`` and ``target``, best placed first.

    X is a spoiler against one side when its net tie to that side is hostile and it has no
    channel to that side (it cannot simply be talked round), and it has a channel link to the
    other side or to an intermediary of the one-intermediary channels (it can act through
    them). Its hostility is ``min(1, -net tie)``; its score, hostility times the strongest such
    backing link. Spoilers against the source come first, as the brief's "retrograde elements"
    do for the United States; then those against the target.
    """
    s, t = net.resolve(source), net.resolve(target)
    if s == t:
        raise DiplonetError(f"source and target are the same actor ({s})")
    G = net.channel_graph
    intermediaries = [c.via[0] for c in channels(net, s, t)]
    found = []
    for side, other in ((s, t), (t, s)):
        for x in net.actors:
            if x in (s, t) or G.has_edge(x, side):
                continue
            rels = net.relations_between(x, side)
            net_value = pair_balance(rels)
            if net_value >= 0:
                continue
            backed = [y for y in (other, *intermediaries) if y != x and G.has_edge(x, y)]
            if not backed:
                continue
            backed.sort(key=lambda y: (-G[x][y]["strength"], y != other, y))
            best = backed[0]
            found.append(
                Spoiler(
                    actor=x,
                    against=side,
                    hostility=min(1.0, -net_value),
                    hostile_relations=tuple(r for r in rels if r.sign < 0),
                    backs=best,
                    backing=G[x][best]["strength"],
                    backing_relations=tuple(G[x][best]["relations"]),
                    also_backs=tuple(backed[1:]),
                )
            )
    found.sort(key=lambda sp: (sp.against != s, -round(sp.score, 12), sp.actor))
    return found


# -- mediator profiles ---------------------------------------------------------------------------


def leverage(net: Network, holder: str, over: str) -> tuple[float, list[Relation]]:
    """Leverage of ``holder`` over ``over`` and the relations that give it (module docstring)."""
    rels = []
    for r in net.relations_between(holder, over):
        kind = RELATION_TYPES[r.type].leverage
        if kind == "mutual" or (kind == "source" and r.source == holder):
            rels.append(r)
    return link_strength(r.strength for r in rels), rels


@dataclass(frozen=True)
class MediatorProfile:
    """The factors of the mediation literature for one mediator, each shown separately.

    ``lean`` is ``(tie_a - tie_b) / (tie_a + tie_b)``: positive when the mediator is closer to
    party A. Biased mediators can still be credible, and can be the ones that deliver (Kydd
    2003). ``leverage_a``/``leverage_b`` measure what it can offer or withhold from each party;
    ``shared_a``/``shared_b`` are the coalitions it shares with each (Crescenzi et al. 2011).
    """

    mediator: str
    channel: Channel
    lean: float
    leverage_a: float
    leverage_b: float
    leverage_relations: tuple[Relation, ...]
    shared_a: tuple[str, ...]
    shared_b: tuple[str, ...]

    @property
    def tie_a(self) -> float:
        return self.channel.links[0].strength

    @property
    def tie_b(self) -> float:
        return self.channel.links[1].strength

    def leans_to(self) -> str | None:
        """The party the mediator leans to, or None when ``|lean| < 0.2`` (even-handed)."""
        if abs(self.lean) < 0.2:
            return None
        return self.channel.path[0] if self.lean > 0 else self.channel.path[-1]

    def to_dict(self, net: Network) -> dict:
        out = self.channel.to_dict(net)
        out.update(
            mediator=self.mediator,
            tie_a=round(self.tie_a, 6),
            tie_b=round(self.tie_b, 6),
            lean=round(self.lean, 6),
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
        ta, tb = m.tie_a.strength, m.tie_b.strength
        la, rel_a = leverage(net, mid, a)
        lb, rel_b = leverage(net, mid, b)
        mine = set(net.actors[mid].groups)
        out.append(
            MediatorProfile(
                mid,
                m.channel,
                (ta - tb) / (ta + tb),
                la,
                lb,
                tuple(rel_a + rel_b),
                tuple(sorted(mine & groups_a)),
                tuple(sorted(mine & groups_b)),
            )
        )
    return out
