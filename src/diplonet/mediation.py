"""Third parties in a dispute: mediators, spoilers, objectors, leverage and mediator profiles.

Rules written here, once:

- **Mediators**: a third party that reaches each party directly or through one relay of its own
  (never an armed group); one hostile to a party, or rejected by it, ranks below every acceptable
  one.
- **Spoilers** (Stedman 1997): an actor outside the dispute with both the *motive* (a hostile
  net tie to the source, the target or an intermediary of their channels) and the *capacity*
  (sponsorship, hosting or aid of its own reaching the source or the target: arms, money, a
  base). The parties themselves, and actors with the motive but no capacity, are *objectors*,
  listed apart.
- **Leverage** of M over X: the model's link rule (strongest tie plus a bounded bonus) over the
  strengths of M's relations with X whose type gives leverage (``leverage`` in
  :data:`diplonet.vocab.RELATION_TYPES`): mutual types (alliance, security cooperation) either
  way, source types (aid, hosting, sponsorship) only from M to X.
"""

from __future__ import annotations

from dataclasses import dataclass

from .dataset import Relation
from .network import Network
from .paths import ARMED_GROUP, Channel, Link, channels, check_k, hostile_relations, make_channel
from .scoring import distinct_pair, net_tie, rank_key, rounded
from .vocab import RELATION_TYPES

__all__ = [
    "CAPACITY_FAMILY",
    "leverage",
    "Mediation",
    "mediator_profiles",
    "MediatorProfile",
    "mediators",
    "Objector",
    "objectors",
    "Spoiler",
    "spoilers",
    "spoilers_and_objectors",
]


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


def _legs(net: Network, party: str, other: str) -> dict[str, list[tuple[float, tuple[str, ...]]]]:
    """For every possible mediator M, its ways of reaching ``party``: ``(score, (M, [R,] party))``,
    best first. ``other`` (the opposite party) is never a mediator or a relay, nor is an armed
    group a relay (:data:`ARMED_GROUP`)."""
    g = net.links
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
        options.sort(key=_leg_order)
    return legs


def _leg_order(leg: tuple[float, tuple[str, ...]]) -> tuple:
    """Legs best first: by score (12 decimals), then direct before relayed, then ids."""
    return (-round(leg[0], 12), len(leg[1]), leg[1])


def _judge(net: Network, a: str, b: str, m: str, legs_a: list, legs_b: list) -> tuple | None:
    """Mediator ``m``'s best route from its legs to each party (best first, as :func:`_legs`
    gives them), its objections and its sort key; None when its only routes use one relay on
    both sides (that relay would be the mediator)."""
    best = None
    for sa, pa in legs_a[:3]:
        for sb, pb in legs_b[:3]:
            if len(pa) == 3 and len(pb) == 3 and pa[1] == pb[1]:
                continue  # one relay on both sides: that relay is the mediator
            path = (*reversed(pa), *pb[1:])
            key = rank_key(sa * sb, path)
            if best is None or key < best[0]:
                best = (key, path, sa, sb)
    if best is None:
        return None
    objections = []
    if net.model.mediator_tiers:
        for p in (a, b):
            objects = (
                net.objects_to(p, m) if net.model.acceptability == "party" else net.hostile_to(p, m)
            )
            if objects:
                objections.append(f"hostile to {p}")
            if net.rejected_by(p, m):
                objections.append(f"rejected by {p}")
    path = best[1]
    g = net.links
    score = net.model.path_score(
        [g[x][y]["strength"] for x, y in zip(path, path[1:], strict=False)]
    )
    return ((bool(objections), *rank_key(score, path), m), m, best, objections, score)


def _leg_arrays(net: Network, party: int, other: int):
    """:func:`_legs` of a large network as arrays over actor ranks, grouped by mediator: the
    mediators (each once), where each one's legs start and end, its best leg's score, and every
    leg's score and relay (-1 for a direct tie). The same legs and the same floats."""
    import numpy as np

    from .paths import ARMED_GROUP

    L = net._link_matrix
    model = net.model
    row = L.row(party)
    near, strength = L.nbr[row], L.strength[row]
    direct = near != other
    mediator, score = [near[direct]], [strength[direct]]
    relay = [np.full(int(direct.sum()), -1, np.int64)]
    if model.mediator_relays:
        ok = direct & ~L.barred[row]
        if not model.armed_group_relays:
            kind = net.actors
            ok &= np.array([kind[L.names[r]].kind != ARMED_GROUP for r in near.tolist()], bool)
        relays, via = near[ok], strength[ok]
        starts, sizes = L.indptr[relays], L.indptr[relays + 1] - L.indptr[relays]
        at = np.repeat(starts - np.cumsum(sizes) + sizes, sizes) + np.arange(int(sizes.sum()))
        m = L.nbr[at]
        keep = (m != party) & (m != other) & ~L.barred[at]
        # the product in _legs' order: the relay's link to M, its link to the party, then ρ
        mediator.append(m[keep])
        score.append((L.strength[at] * np.repeat(via, sizes) * model.relay_factor)[keep])
        relay.append(np.repeat(relays, sizes)[keep])
    mediator, score, relay = np.concatenate(mediator), np.concatenate(score), np.concatenate(relay)
    order = np.argsort(mediator, kind="stable")
    mediator, score, relay = mediator[order], score[order], relay[order]
    firsts = np.flatnonzero(np.r_[True, mediator[1:] != mediator[:-1]]) if len(mediator) else order
    lasts = np.r_[firsts[1:], len(mediator)].astype(np.int64)
    best = np.maximum.reduceat(score, firsts) if len(firsts) else score
    return mediator[firsts], firsts, lasts, best, score, relay


def _ranked_large(net: Network, a: str, b: str, k: int) -> list[tuple]:
    """The ``k`` best mediators of a large network, judged as :func:`mediators` judges them,
    without judging every actor two steps from both parties: candidates are taken in order of
    an upper bound on their score (the best leg to each side, times ρ), and the search stops
    once ``k`` acceptable mediators score above every bound left."""
    import heapq

    import numpy as np

    L = net._link_matrix
    names, party = L.names, (L.rank[a], L.rank[b])
    side_a, side_b = _leg_arrays(net, *party), _leg_arrays(net, *reversed(party))
    common, ia, ib = np.intersect1d(side_a[0], side_b[0], assume_unique=True, return_indices=True)
    bound = net.model.relay_factor * side_a[3][ia] * side_b[3][ib]
    order = np.lexsort((common, -bound))

    def legs(side, i: int, m: str, end: str) -> list:
        _, firsts, lasts, _, score, relay = side
        lo, hi = int(firsts[i]), int(lasts[i])
        out = [
            (s, (m, end) if r < 0 else (m, names[r], end))
            for s, r in zip(score[lo:hi].tolist(), relay[lo:hi].tolist(), strict=True)
        ]
        out.sort(key=_leg_order)
        return out

    kept: list[float] = []  # the k best scores of acceptable mediators (a heap)
    ranked = []
    for code, i, j, top in zip(
        common[order].tolist(),
        ia[order].tolist(),
        ib[order].tolist(),
        bound[order].tolist(),
        strict=True,
    ):
        if len(kept) >= k and top < kept[0] - 1e-9:
            break  # every mediator left ranks below the k-th acceptable one
        m = names[code]
        entry = _judge(net, a, b, m, legs(side_a, i, m, a), legs(side_b, j, m, b))
        if entry is None:
            continue
        ranked.append(entry)
        if not entry[3]:
            heapq.heappush(kept, entry[4])
            if len(kept) > k:
                heapq.heappop(kept)
    return ranked


def mediators(net: Network, party_a: str, party_b: str, k: int | None = None) -> list[Mediation]:
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
    k : int, optional
        Keep the ``k`` best (all by default); only those are made into route objects.

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
    distinct_pair(a, b)
    if k is not None:
        check_k(k)
    hostile = tuple(hostile_relations(net, a, b))
    if k is not None and net._columnwise:
        ranked = _ranked_large(net, a, b, k)
    else:
        legs_a, legs_b = _legs(net, a, b), _legs(net, b, a)
        ranked = []
        for m in sorted(set(legs_a) & set(legs_b)):
            entry = _judge(net, a, b, m, legs_a[m], legs_b[m])
            if entry is not None:
                ranked.append(entry)
    # rank on numbers first; make channel objects only for the answers kept
    ranked.sort(key=lambda x: x[0])
    found = []
    for _, m, best, objections, _ in ranked if k is None else ranked[:k]:
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
        found.append(Mediation(channel, m, tuple(objections), hostile, best[2], best[3]))
    return found


#: Relation families that give an actor the capacity to spoil: it arms, funds or hosts.
CAPACITY_FAMILY = "support"


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

    Attributes
    ----------
    actor : str
        The objector's actor id.
    against : str
        The actor it is most hostile to: the source, the target or an intermediary.
    hostility : float
        ``min(1, -net tie)`` to ``against``.
    hostile_relations : tuple of Relation
        Its hostile relations in force with ``against``.
    reason : {"party", "carrier", "no capacity"}
        Why it is an objector rather than a spoiler.
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
        value = net_tie(rels)
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
    return _spoilers(net, s, t, inter, _motives_toward(net, [s, t, *inter]))


def spoilers_and_objectors(
    net: Network, source: str, target: str
) -> tuple[list[Spoiler], list[Objector]]:
    """:func:`spoilers` and :func:`objectors` of one pair, sharing their work (the channels'
    intermediaries and every actor's motives are found once).

    Parameters
    ----------
    net : Network
    source, target : str
        Actor names, ids or aliases.

    Returns
    -------
    (list of Spoiler, list of Objector)
        As the two functions return them.
    """
    s, t, inter = _spoiler_frame(net, source, target)
    motives = _motives_toward(net, [s, t, *inter])
    found = _spoilers(net, s, t, inter, motives)
    return found, _objectors(net, s, t, inter, motives, {sp.actor for sp in found})


def _spoilers(net: Network, s: str, t: str, inter: list[str], every_motive: dict) -> list:
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

    Parameters
    ----------
    net : Network
    source, target : str
        Actor names, ids or aliases.

    Returns
    -------
    list of Objector
        The parties first, then by hostility and id.

    Raises
    ------
    DiplonetError
        When ``source`` and ``target`` are the same actor, or a name is unknown.
    """
    s, t, inter = _spoiler_frame(net, source, target)
    motives = _motives_toward(net, [s, t, *inter])
    spoiling = {sp.actor for sp in _spoilers(net, s, t, inter, motives)}
    return _objectors(net, s, t, inter, motives, spoiling)


def _objectors(
    net: Network, s: str, t: str, inter: list[str], every_motive: dict, spoiling: set[str]
) -> list:
    out = []
    for party, other in ((s, t), (t, s)):
        rels = net.pair_relations(party, other)
        if net_tie(rels) < -1e-12:
            out.append(
                Objector(
                    party,
                    other,
                    min(1.0, -net_tie(rels)),
                    tuple(r for r in rels if r.sign < 0),
                    "party",
                )
            )
    rest = []
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
        for x in net.hostile_partners(y):
            rels = net.pair_relations(x, y)
            value = net_tie(rels)
            if value < -1e-12:
                out.setdefault(x, []).append((y, min(1.0, -value), [r for r in rels if r.sign < 0]))
    return out


def _spoiler_frame(net: Network, source: str, target: str) -> tuple[str, str, list[str]]:
    s, t = net.resolve(source), net.resolve(target)
    distinct_pair(s, t)
    return s, t, [c.via[0] for c in channels(net, s, t)]


def leverage(net: Network, holder: str, over: str) -> tuple[float, list[Relation]]:
    """Leverage of ``holder`` over ``over`` and the relations that give it (module docstring).

    Parameters
    ----------
    net : Network
    holder, over : str
        Actor ids (not resolved: a name or alias finds no relations).

    Returns
    -------
    (float, list of Relation)
        The network model's link strength over the leverage-giving relations (0.0 without any),
        and those relations, strongest first.
    """
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

    Attributes
    ----------
    mediator : str
        The mediator's actor id.
    channel : Channel
        Its route from party A to party B, as in :func:`mediators`.
    lean : float or None
        ``(tie_a - tie_b) / (tie_a + tie_b)``; None when it has a direct link to neither party.
    leverage_a, leverage_b : float
        Its leverage over each party (:func:`leverage`).
    leverage_relations : tuple of Relation
        The relations behind both, those over party A first.
    shared_a, shared_b : tuple of str
        The coalitions (``groups``) it shares with each party, sorted.
    objections : tuple of str
        As in :class:`Mediation`: empty when acceptable to both parties.
    tie_a, tie_b : float
        The strength of its direct channel link to each party (0.0 without one).
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


def mediator_profiles(
    net: Network, party_a: str, party_b: str, k: int | None = None
) -> list[MediatorProfile]:
    """Profiles of the mediators of :func:`diplonet.mediation.mediators`, in the same order.

    The ranking stays the channel score (strength of ties to both sides). Lean, leverage and
    shared coalitions are reported beside it, not folded in: the literature disagrees on how
    much each weighs, so the analyst weighs them.

    Parameters
    ----------
    net : Network
    party_a, party_b : str
        Actor names, ids or aliases.
    k : int, optional
        Profile the ``k`` best mediators only (all by default).

    Returns
    -------
    list of MediatorProfile
        One per mediator, in the order of :func:`mediators`.

    Raises
    ------
    DiplonetError
        When the two parties are the same actor, or a name is unknown.
    """

    a, b = net.resolve(party_a), net.resolve(party_b)
    groups_a = set(net.actors[a].groups)
    groups_b = set(net.actors[b].groups)
    out = []
    for m in mediators(net, a, b, k=k):
        mid = m.mediator
        # lean is about the mediator's own affinity (Kydd 2003): its direct links, 0 if none
        G = net.links
        ta = G[mid][a]["strength"] if a in G[mid] else 0.0
        tb = G[mid][b]["strength"] if b in G[mid] else 0.0
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
