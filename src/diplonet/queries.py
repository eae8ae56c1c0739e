"""Mediation queries over a :class:`~diplonet.network.Network`.

Channels, coverage, mediators and paths.

Pure functions: they take a network and actor names, apply the rules of
:mod:`diplonet.scoring`, and return plain objects with a ``to_dict`` for JSON. They never print.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import networkx as nx

from .dataset import Relation
from .errors import DiplonetError
from .network import Network
from .scoring import path_score, rank_key, rounded

#: Paths examined at most by :func:`best_paths` before it gives up looking for more.
PATH_SEARCH_LIMIT = 20_000


@dataclass(frozen=True)
class Link:
    """A channel link between two actors: its strength and the relations that make it."""

    a: str
    b: str
    strength: float
    relations: tuple[Relation, ...]

    def types(self) -> str:
        """The relation types of the link, strongest first, e.g. ``hosting 0.9, aid 0.7``."""
        return ", ".join(f"{r.type} {r.strength:g}" for r in self.relations)


@dataclass(frozen=True)
class Channel:
    """A path from a source to a target through intermediaries, with its score.

    ``path`` runs from source to target; ``links`` holds one :class:`Link` per hop.
    """

    path: tuple[str, ...]
    links: tuple[Link, ...]
    score: float

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
            "hops": [
                {"source": link.a, "target": link.b, "strength": rounded(link.strength)}
                for link in self.links
            ],
            "relations": [r.to_dict() for r in self.relations],
            "as_of": str(net.date),
        }


def _link(net: Network, a: str, b: str) -> Link:
    data = net.channel_graph.edges[a, b]
    return Link(a, b, data["strength"], tuple(data["relations"]))


def make_channel(net: Network, path: Sequence[str]) -> Channel:
    """Score an explicit path of actor ids; raise :class:`DiplonetError` if a hop has no link."""
    links = []
    for a, b in zip(path, path[1:], strict=False):
        if not net.channel_graph.has_edge(a, b):
            raise DiplonetError(f"no channel link between {a} and {b} {net.date_note()}")
        links.append(_link(net, a, b))
    return Channel(tuple(path), tuple(links), path_score([lk.strength for lk in links]))


def direct_link(net: Network, a: str, b: str) -> Link | None:
    """The direct channel link between two actors, or None."""
    a, b = net.resolve(a), net.resolve(b)
    return _link(net, a, b) if net.channel_graph.has_edge(a, b) else None


def check_max_hops(max_hops: int, least: int = 1) -> None:
    """Raise :class:`DiplonetError` unless ``max_hops`` is at least ``least``."""
    if max_hops < least:
        raise DiplonetError(f"--max-hops must be at least {least}, got {max_hops}")


def _distinct(source: str, target: str) -> None:
    if source == target:
        raise DiplonetError(f"source and target are the same actor ({source})")


def channels(
    net: Network,
    source: str,
    target: str,
    through: Iterable[str] | None = None,
    max_hops: int = 2,
) -> list[Channel]:
    """The "by, with, and through" channels from ``source`` to ``target``, best first.

    A channel is a path of channel links with at least one intermediary and at most
    ``max_hops`` hops (the default, 2, means exactly one intermediary: an actor with
    channel-carrying ties to both ends). With ``through``, the first intermediary (the partner
    the source works through) must be one of those actors. The direct tie, if any, is not a
    channel: see :func:`direct_link`.

    Parameters
    ----------
    net : Network
    source, target : str
        Actor names, ids or aliases.
    through : iterable of str, optional
        Allowed partners.
    max_hops : int
        At least 2.

    Returns
    -------
    list of Channel
        Ranked by :func:`diplonet.scoring.rank_key`.

    Examples
    --------
    >>> net = Network.load(date="2021-05-20")
    >>> [c.via[0] for c in channels(net, "US", "Hamas")][:2]
    ['Qatar', 'Egypt']
    """
    check_max_hops(max_hops, 2)
    s, t = net.resolve(source), net.resolve(target)
    _distinct(s, t)
    partners = None if through is None else {net.resolve(p) for p in through}
    if partners is not None and partners & {s, t}:
        raise DiplonetError(
            f"--through cannot name the source or target ({', '.join(sorted(partners & {s, t}))})"
        )
    g = net.channel_graph
    if max_hops == 2:
        paths: Iterable[list[str]] = ([s, m, t] for m in sorted(set(g[s]) & set(g[t])))
    else:
        paths = nx.all_simple_paths(g, s, t, cutoff=max_hops)
    found = []
    for path in paths:
        if len(path) < 3 or (partners is not None and path[1] not in partners):
            continue
        found.append(make_channel(net, path))
    found.sort(key=lambda c: rank_key(c.score, c.path))
    return found


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
            raise DiplonetError(
                f"--through cannot name the source or a target ({', '.join(clash)})"
            )
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
    """A third party with channel links to both parties of a dispute."""

    channel: Channel
    hostile: tuple[Relation, ...]

    @property
    def mediator(self) -> str:
        return self.channel.via[0]

    @property
    def tie_a(self) -> Link:
        """The mediator's link to party A."""
        return self.channel.links[0]

    @property
    def tie_b(self) -> Link:
        """The mediator's link to party B."""
        return self.channel.links[1]

    def to_dict(self, net: Network) -> dict:
        out = self.channel.to_dict(net)
        out["mediator"] = self.mediator
        out["tie_a"] = rounded(self.tie_a.strength)
        out["tie_b"] = rounded(self.tie_b.strength)
        return out


def hostile_relations(net: Network, a: str, b: str) -> list[Relation]:
    """Hostile (negative-sign) relations in force between two actor ids."""
    return [r for r in net.relations_between(a, b) if r.sign < 0]


def mediators(net: Network, party_a: str, party_b: str) -> list[Mediation]:
    """Third parties able to mediate between two parties, best first.

    A mediator has channel links to both parties; it is ranked by the channel score
    ``strength(A, M) × strength(M, B)`` (the same rule as :func:`channels`), so it needs strong
    ties to both sides, not just to one. Works for any two parties; whether they are
    adversaries is reported in ``hostile`` (their hostile relations in force).

    Examples
    --------
    >>> net = Network.load(date="2021-05-20")
    >>> [m.mediator for m in mediators(net, "Israel", "Hamas")][:2]
    ['Egypt', 'Qatar']
    """
    a, b = net.resolve(party_a), net.resolve(party_b)
    _distinct(a, b)
    hostile = tuple(hostile_relations(net, a, b))
    return [Mediation(c, hostile) for c in channels(net, a, b, max_hops=2)]


def best_paths(
    net: Network,
    source: str,
    target: str,
    k: int = 5,
    max_hops: int = 4,
    via: Iterable[str] = (),
    avoid: Iterable[str] = (),
) -> list[Channel]:
    """The ``k`` best paths from ``source`` to ``target``, best first, the direct tie included.

    Paths come from Yen's algorithm (networkx ``shortest_simple_paths``) on link costs
    ``-log(strength)``, so they arrive best score first; those longer than ``max_hops``, missing
    an actor of ``via`` or touching one of ``avoid`` are skipped. Equal scores are ordered by
    :func:`diplonet.scoring.rank_key`.

    Examples
    --------
    >>> net = Network.load(date="2021-05-20")
    >>> best_paths(net, "US", "Hamas", k=1)[0].path
    ('US', 'Qatar', 'Hamas')
    """
    if k < 1:
        raise DiplonetError(f"-k must be at least 1, got {k}")
    check_max_hops(max_hops)
    s, t = net.resolve(source), net.resolve(target)
    _distinct(s, t)
    must = {net.resolve(v) for v in via}
    banned = {net.resolve(v) for v in avoid}
    if banned & {s, t}:
        raise DiplonetError(
            f"--avoid cannot name the source or target ({', '.join(sorted(banned & {s, t}))})"
        )
    if must & banned:
        raise DiplonetError(f"{', '.join(sorted(must & banned))} is both in --via and --avoid")
    if must & {s, t}:
        raise DiplonetError(
            f"--via cannot name the source or target ({', '.join(sorted(must & {s, t}))})"
        )
    g = net.channel_graph
    if banned:
        g = g.subgraph(n for n in g if n not in banned)
    found: list[Channel] = []
    try:
        for n, path in enumerate(nx.shortest_simple_paths(g, s, t, weight="cost")):
            if n >= PATH_SEARCH_LIMIT:
                break
            if len(path) - 1 > max_hops or not must <= set(path):
                continue
            channel = make_channel(net, path)
            if len(found) >= k and round(channel.score, 12) < round(found[-1].score, 12):
                break  # every later path scores lower: the k best (and ties with the k-th) are in
            found.append(channel)
    except nx.NetworkXNoPath:
        pass
    found.sort(key=lambda c: rank_key(c.score, c.path))
    return found[:k]
