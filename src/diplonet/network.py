"""The stakeholder network: a validated dataset seen at one date under one scenario.

A :class:`Network` never changes: ``as_of``, ``without`` and ``without_relation`` return new
networks. It resolves actor names (case-insensitive, aliases, suggestions) and builds the
networkx graphs the queries run on. It does no I/O beyond loading and prints nothing.
"""

from __future__ import annotations

import os
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from operator import attrgetter
from typing import TYPE_CHECKING

from .dataset import Actor, Dataset, Relation, close_matches, load_dataset
from .dates import DateError, PartialDate, in_force
from .errors import DiplonetError, UnknownActorError
from .scoring import REJECTS_MEDIATOR, V2, Model, hostile_pair
from .vocab import RELATION_TYPES

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

__all__ = [
    "ego_nodes",
    "Network",
    "parse_date",
    "RelationFilter",
]


@dataclass(frozen=True)
class RelationFilter:
    """A scenario's removed tie (``without_relation``): the ties between two actors, or only
    those of one type.

    Attributes
    ----------
    a, b : str
        The two actors' ids (in either order: a filter matches both directions).
    type : str or None
        Only relations of this type; None for every type.
    """

    a: str
    b: str
    type: str | None = None

    def matches(self, rel: Relation) -> bool:
        return rel.involves(self.a, self.b) and (self.type is None or rel.type == self.type)

    def __str__(self) -> str:
        return f"{self.a}:{self.b}" + (f":{self.type}" if self.type else "")


def parse_date(text: str | PartialDate | None, what: str = "as_of") -> PartialDate:
    """A :class:`PartialDate` from what a user typed; today for None.

    Parameters
    ----------
    text : str, PartialDate or None
        ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; a PartialDate is returned as it is.
    what : str
        The parameter's name, for the message (the CLI turns it into its flag).

    Returns
    -------
    PartialDate

    Raises
    ------
    DiplonetError
        ``"<what>: ..."`` when the text is not a date.

    Examples
    --------
    >>> str(parse_date("2021-05"))
    '2021-05'
    """
    if text is None:
        return PartialDate.today()
    if isinstance(text, PartialDate):
        return text
    try:
        return PartialDate.parse(str(text))
    except DateError as exc:
        raise DiplonetError(f"{what}: {exc}") from None


class Network:
    """The actors and relations in force on one date, minus the actors and ties removed.

    Parameters
    ----------
    dataset : Dataset
        A validated dataset (see :func:`diplonet.dataset.load_dataset`).
    date : PartialDate or str, optional
        Only relations in force on this date count. Defaults to the dataset's
        ``curated_through`` (the last day its data describe), else today.
    removed_actors : iterable of str
        Actor ids taken out of the network, with every tie they have.
    removed_relations : iterable of RelationFilter
        Ties taken out of the network.
    model : Model, optional
        The rules of the channel model (default :data:`diplonet.scoring.V2`).

    Examples
    --------
    >>> net = Network.load(date="2021-05-20")
    >>> net.resolve("united arab emirates")
    'UAE'
    >>> "Qatar" in net.without("Qatar").actors
    False
    """

    def __init__(
        self,
        dataset: Dataset,
        date: PartialDate | str | None = None,
        removed_actors: tuple[str, ...] = (),
        removed_relations: tuple[RelationFilter, ...] = (),
        model: Model = V2,
    ):
        self.dataset = dataset
        #: whether the date was chosen by default (the curation date, else today)
        self.default_date = date is None
        if date is None and dataset.info.curated_through is not None:
            # an answer about a day the data do not cover is a guess: default to the last day
            # they describe
            date = dataset.info.curated_through
        self.date = parse_date(date)
        self.removed_actors = tuple(removed_actors)
        self.removed_relations = tuple(removed_relations)
        self.model = model

    @classmethod
    def load(
        cls,
        data: str | os.PathLike | None = None,
        date: PartialDate | str | None = None,
        cache: str = "off",
    ) -> Network:
        """Load and validate a dataset directory (default: the shipped one) as a network.

        ``cache="on"`` reuses a validated copy of an unchanged large dataset from the user's
        cache folder (see :func:`diplonet.dataset.load_dataset`).
        """
        return cls(load_dataset(data, cache=cache), date=date)

    # -- scenarios -------------------------------------------------------------------------
    def _replace(self, **changes) -> Network:
        args = {
            "dataset": self.dataset,
            "date": self.date,
            "removed_actors": self.removed_actors,
            "removed_relations": self.removed_relations,
            "model": self.model,
        }
        args.update(changes)
        net = Network(**args)
        if "date" not in changes:
            net.default_date = self.default_date
        if "removed_actors" not in changes and "removed_relations" not in changes:
            # the same scenario on another date or model: its actors and relations at any date
            # are the same (diff and timelines build a network per date)
            for name in ("scenario_actors", "_present_relations", "_spellings"):
                if name in self.__dict__:
                    net.__dict__[name] = self.__dict__[name]
        return net

    def as_of(self, date: PartialDate | str) -> Network:
        """The same scenario on another date."""
        return self._replace(date=parse_date(date))

    def with_model(self, model: Model) -> Network:
        """The same scenario under other rules of the channel model."""
        return self._replace(model=model)

    def without(self, *names: str) -> Network:
        """A network without these actors (names, ids or aliases) and all their ties."""
        ids = [self.resolve(n, present=False) for n in names]
        return self._replace(
            removed_actors=self.removed_actors
            + tuple(i for i in ids if i not in self.removed_actors)
        )

    def without_relation(self, a: str, b: str, type: str | None = None) -> Network:
        """A network without the ties between ``a`` and ``b`` (only of ``type``, if given).

        Raises :class:`DiplonetError` if the dataset has no such tie at any date, since a
        scenario that removes nothing is almost always a typing mistake.
        """
        rule = RelationFilter(self.resolve(a, present=False), self.resolve(b, present=False), type)
        if type is not None and type not in RELATION_TYPES:
            hints = close_matches(type, {t: t for t in RELATION_TYPES})
            extra = f" (did you mean: {', '.join(hints)}?)" if hints else ""
            raise DiplonetError(f"without_relation {rule}: unknown type {type!r}{extra}")
        if not any(rule.matches(r) for r in self.dataset.relations):
            existing = sorted(
                {r.type for r in self.dataset.relations if r.involves(rule.a, rule.b)}
            )
            have = f"; their ties: {', '.join(existing)}" if existing else "; they have no ties"
            raise DiplonetError(f"without_relation {rule}: no such relation in the dataset{have}")
        return self._replace(removed_relations=self.removed_relations + (rule,))

    def scenario(self) -> list[str]:
        """The scenario's changes, in words (empty for the plain network)."""
        out = [f"without {a}" for a in self.removed_actors]
        out += [f"without relation {r}" for r in self.removed_relations]
        return out

    # -- names -----------------------------------------------------------------------------
    @cached_property
    def _spellings(self) -> dict[str, str]:
        table: dict[str, str] = {}
        for actor in self.dataset.actors.values():
            for spelling in (actor.id, actor.name, *actor.aliases):
                table.setdefault(spelling.lower(), actor.id)
        return table

    def resolve(self, name: str, present: bool = True) -> str:
        """The id of the actor called ``name`` (id, name or alias; any case).

        With ``present`` (the default) the actor must also be in this scenario's network.

        Raises
        ------
        UnknownActorError
            With close-match suggestions, when no actor has that name.
        DiplonetError
            When the actor exists but this scenario removed it.
        """
        key = " ".join(name.split()).lower()
        actor_id = self._spellings.get(key)
        if actor_id is None:
            raise UnknownActorError(name, close_matches(key, self._spellings))
        if present and actor_id in self.removed_actors:
            raise DiplonetError(f"{actor_id} is removed from this scenario (without {actor_id})")
        if present and actor_id not in self.actors:
            span = self.dataset.actors[actor_id].period()
            raise DiplonetError(f"{actor_id} does not exist on {self.date} (it exists {span})")
        return actor_id

    # -- contents --------------------------------------------------------------------------
    @cached_property
    def actors(self) -> dict[str, Actor]:
        """The actors of this scenario that exist on ``date``, by id (in file order)."""
        return {
            k: v for k, v in self.scenario_actors.items() if in_force(v.start, v.end, self.date)
        }

    @cached_property
    def scenario_actors(self) -> dict[str, Actor]:
        """The scenario's actors at any date: the dataset's, minus those removed (``actors``
        holds those present on :attr:`date`).

        Returns
        -------
        dict
            Actor id to :class:`~diplonet.dataset.Actor`, in dataset order.
        """
        gone = set(self.removed_actors)
        return {k: v for k, v in self.dataset.actors.items() if k not in gone}

    @cached_property
    def relations(self) -> tuple[Relation, ...]:
        """Relations in force on ``date`` between present actors, not removed by a filter.

        When several rows of one tie (same ends and type, see :attr:`Relation.key`) are in force
        on a partial date, as when a tie was regraded during the year asked for, the row that
        started last supersedes the others: the answer shows the latest state in that period.
        """
        if self._columnwise:
            return self._relations_columnwise()
        present = self.actors
        date = self.date
        latest: dict[tuple, Relation] = {}
        for r in self._present_relations:
            if r.source in present and r.target in present and in_force(r.start, r.end, date):
                held = latest.get(r.key)
                if held is None or (r.start.sort_key(), r.line) > (
                    held.start.sort_key(),
                    held.line,
                ):
                    latest[r.key] = r
        chosen = {id(r) for r in latest.values()}
        return tuple(r for r in self._present_relations if id(r) in chosen)

    @cached_property
    def _present_relations(self) -> tuple[Relation, ...]:
        present = self.scenario_actors
        rules = self.removed_relations
        if not rules and len(present) == len(self.dataset.actors):
            return self.dataset.relations  # the plain network: every relation of the dataset
        return tuple(
            r
            for r in self.dataset.relations
            if r.source in present
            and r.target in present
            and not (rules and any(f.matches(r) for f in rules))
        )

    def relations_at_any_date(self) -> tuple[Relation, ...]:
        """Every relation between present actors at any date (the scenario's filters apply).

        Returns
        -------
        tuple of Relation
            In file order; :attr:`relations` holds those in force on :attr:`date`.
        """
        return self._present_relations

    @cached_property
    def by_tie(self) -> dict:
        """The relations in force by the tie they are a row of (one each): keyed by
        :attr:`Relation.key`, or on a large dataset by a number that stands for it (the same
        for every network on one dataset), so two dates can be matched tie by tie."""
        if self._columnwise:
            codes = _columns(self.dataset).key[self._chosen].tolist()
            return dict(zip(codes, self.relations, strict=True))
        return {r.key: r for r in self.relations}

    def relations_of(
        self, actors: tuple[str, ...] = (), history: bool = False
    ) -> tuple[Relation, ...]:
        """Relations in force (every date with ``history``): all of them; one actor's (names,
        ids or aliases); or, for several actors, those among them (both ends in the set).

        Examples
        --------
        >>> net = Network.load(date="2021-05-20")
        >>> sorted({r.type for r in net.relations_of(("Qatar", "Hamas"))})
        ['aid', 'hosting']
        """
        pool = self.relations_at_any_date() if history else self.relations
        ids = [self.resolve(a, present=not history) for a in actors]
        if len(ids) == 1:
            return tuple(r for r in pool if r.involves(ids[0]))
        if ids:
            inside = set(ids)
            return tuple(r for r in pool if r.source in inside and r.target in inside)
        return tuple(pool)

    def relations_between(self, a: str, b: str) -> list[Relation]:
        """Relations in force between two actor ids, strongest first."""
        # the pair's own list (file order), not a scan of every relation: diff and balance
        # ask this of every pair
        return sorted(self.pair_relations(a, b), key=lambda r: (-r.strength, r.line))

    @property
    def curated_through(self) -> PartialDate | None:
        """The date up to which the dataset was curated, if it says so."""
        return self.dataset.info.curated_through

    def date_note(self) -> str:
        """One line saying which date an answer describes, and the curation limit if passed."""
        text = f"as of {self.date}"
        limit = self.curated_through
        if limit is not None:
            if self.default_date:
                text += " (the date the data are curated through: the default)"
            else:
                text += f"; data curated through {limit}"
            if self.date.compare(limit) > 0:
                text += " (later changes are not in the data)"
        return text

    # -- graphs ----------------------------------------------------------------------------
    @cached_property
    def channel_graph(self) -> nx.Graph:
        """Undirected graph of channel links in force, under :attr:`model`.

        Each edge has ``strength`` (rule 1 of :mod:`diplonet.scoring`), ``cost`` (for
        shortest-path search), ``relations`` (its channel relations, strongest first), ``types``
        (how many types of tie it combines) and ``hostile`` (hostile relations in force within
        the pair, which lowered it). The queries read the same links from :attr:`links`, which
        needs no networkx.

        Returns
        -------
        networkx.Graph
        """
        import networkx as nx

        g = nx.Graph()
        g.add_nodes_from(self.actors)
        g.add_edges_from(self._link_edges)
        return g

    @cached_property
    def links(self) -> dict[str, dict[str, dict]]:
        """The channel links as an adjacency dict, ``links[a][b]`` holding the edge's data: the
        same dicts, in the same order, as :attr:`channel_graph`'s adjacency, without importing
        networkx (a query on a small network answers faster than networkx imports).

        Returns
        -------
        dict
            Every actor to its linked actors and their link's data.
        """
        adj: dict[str, dict[str, dict]] = {a: {} for a in self.actors}
        for a, b, data in self._link_edges:
            adj[a][b] = data
            adj[b][a] = data
        return adj

    @cached_property
    def _link_edges(self) -> list[tuple[str, str, dict]]:
        model = self.model
        if self._columnwise and model.strengths is None and model.combine == "strongest+share":
            with _paused_gc():
                return self._link_edges_columnwise()
        carries = {name: t.channel for name, t in RELATION_TYPES.items()}
        if model.strengths is None:
            order = lambda r: (-r.strength, r.line)  # noqa: E731 - the common case, no call
        else:
            order = lambda r: (-model.strength(r), r.line)  # noqa: E731
        edges = []
        for (a, b), rels in self._pairs.items():
            chan = [r for r in rels if carries[r.type]]
            if not chan:
                continue
            if len(chan) > 1:
                chan.sort(key=order)
            hostile = [r for r in rels if r.sign < 0 and r.type != REJECTS_MEDIATOR]
            s = model.link_strength(chan, hostile)
            if s <= 0:
                continue
            edges.append(
                (
                    a,
                    b,
                    {
                        "strength": s,
                        "cost": model.link_cost(s),
                        "relations": chan,
                        "types": len({r.type for r in chan}),
                        "hostile": hostile,
                    },
                )
            )
        return edges

    @cached_property
    def _link_matrix(self) -> _LinkMatrix:
        """Large networks: :attr:`links` as compressed rows over the actors' ranks (id order),
        for the queries that visit every two-step route of a hub (mediators)."""
        return _LinkMatrix(self)

    @cached_property
    def _pairs(self) -> dict[tuple[str, str], list[Relation]]:
        if self._columnwise:
            with _paused_gc():
                return self._pairs_columnwise()
        grouped: dict[tuple[str, str], list[Relation]] = {}
        for rel in self.relations:
            a, b = rel.source, rel.target
            pair = (a, b) if a < b else (b, a)
            if pair in grouped:
                grouped[pair].append(rel)
            else:
                grouped[pair] = [rel]
        return grouped

    def pair_relations(self, a: str, b: str) -> list[Relation]:
        """Relations in force between two actor ids (any type, file order)."""
        if self._columnwise and "_pairs" not in self.__dict__:
            # a few pairs asked (a query's ends and their partners): looked up in the sorted
            # column of pairs rather than grouping all of them into a dict first
            return self._pair_lookup(a, b)
        return self._pairs.get((a, b) if a < b else (b, a), [])

    def hostile_to(self, a: str, b: str) -> bool:
        """Whether ``a`` and ``b`` are hostile: their net tie is negative (scoring rule 3)."""
        if self._columnwise:
            cols = _columns(self.dataset)
            ra, rb = cols.rank.get(a), cols.rank.get(b)
            if ra is None or rb is None:
                return False
            return min(ra, rb) * cols.n_actors + max(ra, rb) in self._hostile_codes
        return hostile_pair(self.pair_relations(a, b))

    @cached_property
    def _hostile_codes(self) -> frozenset[int]:
        """Large networks: the pair codes whose net tie is negative, summed column-wise in file
        order (as :func:`diplonet.scoring.net_tie` sums them), so each question is a set look-up
        instead of a sum over the pair's relations."""
        import numpy as np

        cols = _columns(self.dataset)
        chosen = self._chosen
        pair = cols.pair[chosen]
        value = cols.sign[chosen] * cols.strength[chosen]
        codes, inverse = np.unique(pair, return_inverse=True)
        net = np.bincount(inverse, weights=value, minlength=len(codes))
        return frozenset(codes[net < -1e-12].tolist())

    def hostile_partners(self, actor: str):
        """The actors whose net tie with ``actor`` is negative (scoring rule 3).

        Parameters
        ----------
        actor : str
            An actor id.

        Returns
        -------
        iterable of str
            In no particular order.
        """
        if self._columnwise:
            return self._hostile_partners.get(actor, ())
        return [x for x in self._partners_of(actor) if self.hostile_to(actor, x)]

    @cached_property
    def _hostile_partners(self) -> dict[str, set[str]]:
        """Large networks: each actor's hostile partners, from :attr:`_hostile_codes` at once
        (a mediators query asks for the barred relays of thousands of actors)."""
        cols = _columns(self.dataset)
        names, n = cols.by_rank, cols.n_actors
        found: dict[str, set[str]] = {}
        for code in self._hostile_codes:
            a, b = names[code // n], names[code % n]
            found.setdefault(a, set()).add(b)
            found.setdefault(b, set()).add(a)
        return found

    @cached_property
    def _rejections(self) -> frozenset[tuple[str, str]]:
        """``(party, mediator)`` of every ``rejects_mediator`` relation in force."""
        if self._columnwise:  # a few rows among hundreds of thousands: found in the columns
            import numpy as np

            cols = _columns(self.dataset)
            refusals = cols.type[self._chosen] == list(RELATION_TYPES).index(REJECTS_MEDIATOR)
            rels = self.relations
            found = [rels[i] for i in np.flatnonzero(refusals).tolist()]
        else:
            found = [r for r in self.relations if r.type == REJECTS_MEDIATOR]
        return frozenset((r.source, r.target) for r in found)

    def objects_to(self, party: str, other: str) -> bool:
        """Whether ``party`` is hostile toward ``other`` as ``party`` sees it: the net tie over
        their mutual relations and those directed from ``party`` to ``other`` is negative.

        The acceptability of a mediator is the parties' view of it (Touval 1975): the US's own
        no-contact policy toward Hezbollah constrains the US (it needs a relay) but is not
        Hezbollah's refusal of the US; a war or a rivalry binds both ways.
        """
        rels = [r for r in self.pair_relations(party, other) if not r.directed or r.source == party]
        return hostile_pair(rels)

    def rejected_by(self, party: str, mediator: str) -> list[Relation]:
        """``rejects_mediator`` relations in force by which ``party`` refuses ``mediator``."""
        if (party, mediator) not in self._rejections:
            return []
        return [
            r
            for r in self.pair_relations(party, mediator)
            if r.type == REJECTS_MEDIATOR and r.source == party
        ]

    def barred_relays(self, *ends: str) -> set[str]:
        """Actors that may not relay between ``ends`` under rule 3 (empty when the model allows
        hostile relays): hostile to an end, or rejected by it as a mediator."""
        if self.model.allow_hostile_relays:
            return set()
        barred = set()
        for end in ends:
            barred |= self._barred_by(end)
        return barred - set(ends)

    def _barred_by(self, end: str) -> frozenset[str]:
        # mediators asks this of every relay of a party: kept per actor (a network never
        # changes)
        known = self.__dict__.setdefault("_barred", {})
        # a few ends (a route query): their partners one by one; many (mediators asks about
        # every relay of a party): every actor's hostile partners at once
        if end not in known and self._columnwise and len(known) >= 8:
            refused = {m for p, m in self._rejections if p == end}
            known[end] = frozenset(self._hostile_partners.get(end, frozenset()) | refused)
        if end not in known:
            known[end] = frozenset(
                other
                for other in self._partners_of(end)
                if self.hostile_to(end, other) or self.rejected_by(end, other)
            )
        return known[end]

    def _partners_of(self, actor: str):
        """The actors tied to ``actor`` by a relation in force (in no particular order)."""
        if self._columnwise and "_partners" not in self.__dict__:
            import numpy as np

            cols = _columns(self.dataset)
            i = cols.index.get(actor)
            if i is None:
                return ()
            ends, others = self._partner_columns
            lo, hi = ends.searchsorted(i, "left"), ends.searchsorted(i, "right")
            return [cols.names[j] for j in np.unique(others[lo:hi]).tolist()]
        return self._partners.get(actor, ())

    @cached_property
    def _partner_columns(self):
        """Large networks: both ends of every relation in force, sorted by the first, so an
        actor's partners are one slice (a query asks for a few thousand actors' partners)."""
        import numpy as np

        cols = _columns(self.dataset)
        src, tgt = cols.src[self._chosen], cols.tgt[self._chosen]
        first, second = np.concatenate([src, tgt]), np.concatenate([tgt, src])
        order = np.argsort(first, kind="stable")
        return first[order], second[order]

    @cached_property
    def _partners(self) -> dict[str, list[str]]:
        index: dict[str, list[str]] = {}
        for a, b in self._pairs:
            index.setdefault(a, []).append(b)
            index.setdefault(b, []).append(a)
        return index

    @cached_property
    def graph(self) -> nx.MultiDiGraph:
        """Every relation in force as an edge (undirected ties point source → target).

        Nodes carry the actor's attributes; edges carry the relation's columns, with
        ``relation`` holding the :class:`~diplonet.dataset.Relation` itself.
        """
        import networkx as nx

        g = nx.MultiDiGraph()
        for actor in self.actors.values():
            g.add_node(
                actor.id,
                name=actor.name,
                kind=actor.kind,
                groups=list(actor.groups),
                aliases=list(actor.aliases),
                lat=actor.lat,
                lon=actor.lon,
            )
        for rel in self.relations:
            g.add_edge(
                rel.source,
                rel.target,
                key=rel.line,
                type=rel.type,
                sign=rel.sign,
                strength=rel.strength,
                directed=rel.directed,
                channel=rel.channel,
                start=str(rel.start),
                end=str(rel.end) if rel.end else None,
                evidence=rel.evidence,
                citation=rel.citation,
                confidence=rel.confidence,
                relation=rel,
            )
        return g

    # -- the same, column-wise (large datasets) ----------------------------------------------
    @cached_property
    def _columnwise(self) -> bool:
        return len(self.dataset.relations) > COLUMNWISE_ABOVE

    @cached_property
    def _chosen(self):
        """Positions in ``dataset.relations`` of :attr:`relations` (ascending)."""
        import numpy as np

        cols = _columns(self.dataset)
        present = np.zeros(cols.n_actors, bool)
        index = {a: i for i, a in enumerate(cols.names)}
        present[[index[a] for a in self.actors]] = True
        mask = present[cols.src] & present[cols.tgt] & cols.in_force(self.date)
        if self.removed_relations:
            rules = self.removed_relations
            mask &= np.fromiter(
                (not any(f.matches(r) for f in rules) for r in self.dataset.relations),
                bool,
                len(self.dataset.relations),
            )
        pos = np.flatnonzero(mask)
        keys = cols.key[pos]
        if len(np.unique(keys)) == len(keys):
            return pos
        # several rows of one tie in force: the one that started last (then the later line,
        # then the first in file order) supersedes the others
        order = np.lexsort((-pos, cols.line[pos], cols.sort[pos], keys))
        last = np.ones(len(order), bool)
        last[:-1] = keys[order][1:] != keys[order][:-1]
        return np.sort(pos[order[last]])

    def _relations_columnwise(self) -> tuple[Relation, ...]:
        rels = self.dataset.relations
        return tuple([rels[i] for i in self._chosen.tolist()])

    def _groups(self):
        """The relations in force grouped by pair: (order, starts, ends) where ``order`` lists
        positions in :attr:`relations`, pair by pair in the order each pair first appears,
        file order within a pair."""
        import numpy as np

        cols = _columns(self.dataset)
        pair = cols.pair[self._chosen]
        order = np.argsort(pair, kind="stable")
        sorted_pair = pair[order]
        starts = np.flatnonzero(np.r_[True, sorted_pair[1:] != sorted_pair[:-1]])
        ends = np.r_[starts[1:], len(order)]
        first = order[starts]  # each pair's first relation: pairs in order of appearance
        seq = np.argsort(first, kind="stable")
        return order, starts[seq], ends[seq], sorted_pair[starts[seq]]

    @cached_property
    def _sorted_pairs(self) -> tuple[list[int], list[int]]:
        """The pair code of each relation in force, sorted, and the positions (in
        :attr:`relations`) in that order: file order within a pair. Python lists: a query asks
        for tens of thousands of pairs, and bisecting a list costs a microsecond where NumPy's
        per-call overhead costs ten."""
        import numpy as np

        pair = _columns(self.dataset).pair[self._chosen]
        order = np.argsort(pair, kind="stable")
        return pair[order].tolist(), order.tolist()

    def _pair_lookup(self, a: str, b: str) -> list[Relation]:
        cols = _columns(self.dataset)
        ra, rb = cols.rank.get(a), cols.rank.get(b)
        if ra is None or rb is None or a == b:
            return []
        code = min(ra, rb) * cols.n_actors + max(ra, rb)
        codes, order = self._sorted_pairs
        lo = bisect_left(codes, code)
        hi = bisect_right(codes, code, lo)
        rels = self.relations
        return [rels[i] for i in order[lo:hi]]

    def _pair_names(self, codes) -> list[tuple[str, str]]:
        cols = _columns(self.dataset)
        names, n = cols.by_rank, cols.n_actors
        return [(names[c // n], names[c % n]) for c in codes.tolist()]

    def _pairs_columnwise(self) -> dict[tuple[str, str], list[Relation]]:
        order, starts, ends, codes = self._groups()
        rels = self.relations
        flat = [rels[i] for i in order.tolist()]
        return {
            pair: flat[s:e]
            for pair, s, e in zip(
                self._pair_names(codes), starts.tolist(), ends.tolist(), strict=True
            )
        }

    def _link_edges_columnwise(self) -> list[tuple[str, str, dict]]:
        """:attr:`channel_graph` for a model without strength overrides that combines ties by
        ``strongest+share``: the same edges, in the same order, with the same values (each
        product taken in the same order as :meth:`Model.link_strength`)."""
        import numpy as np

        model = self.model
        cols = _columns(self.dataset)
        chosen = self._chosen
        rels = self.relations
        pair = cols.pair[chosen]
        strength = cols.strength[chosen]
        line = cols.line[chosen]
        rtype = cols.type[chosen]
        at = np.arange(len(chosen))
        # each pair's rank in order of first appearance (the order the edges are added in)
        codes, first = np.unique(pair, return_index=True)
        seq = np.empty(len(codes), np.int64)
        seq[np.argsort(first, kind="stable")] = np.arange(len(codes))
        group = seq[np.searchsorted(codes, pair)]
        n_groups = len(codes)
        # channel relations pair by pair, strongest first (then by line, then file order)
        chan = np.flatnonzero(cols.channel[chosen])
        chan = chan[np.lexsort((at[chan], line[chan], -strength[chan], group[chan]))]
        cg = group[chan]
        has_chan = np.zeros(n_groups, bool)
        has_chan[cg] = True
        c_start = np.searchsorted(cg, np.arange(n_groups), "left")
        c_end = np.searchsorted(cg, np.arange(n_groups), "right")
        # rule 1: the strongest tie of each type, types in order of first appearance
        code = cg * cols.n_types + rtype[chan]
        _, firsts = np.unique(code, return_index=True)
        firsts.sort()
        best_group = cg[firsts]
        best = strength[chan][firsts]
        n_types = np.bincount(best_group, minlength=n_groups)
        rank = np.zeros(len(firsts), np.int64)  # each type's place within its pair
        if len(firsts):
            new = np.r_[True, best_group[1:] != best_group[:-1]]
            begin = np.maximum.accumulate(np.where(new, np.arange(len(firsts)), 0))
            rank = np.arange(len(firsts)) - begin
        strongest = np.zeros(n_groups)
        strongest[best_group[rank == 0]] = best[rank == 0]
        miss = np.ones(n_groups)
        for r in range(int(rank.max()) + 1 if len(rank) else 0):
            sel = rank == r
            miss[best_group[sel]] = miss[best_group[sel]] * (1.0 - best[sel])
        bonus = model.multiplex_share * ((1.0 - miss) - strongest)
        link = np.minimum(strongest + bonus, np.maximum(model.link_cap, strongest))
        # hostile relations in force within the pair lower the link
        host = np.flatnonzero(cols.hostile[chosen])
        host = host[np.argsort(group[host], kind="stable")]
        hg = group[host]
        h_start = np.searchsorted(hg, np.arange(n_groups), "left")
        h_end = np.searchsorted(hg, np.arange(n_groups), "right")
        if model.hostile_damping:
            h = np.zeros(n_groups)
            np.maximum.at(h, hg, strength[host])
            damped = h_end > h_start
            link[damped] = link[damped] * (1.0 - model.hostile_damping * np.minimum(1.0, h[damped]))
        ordered = codes[np.argsort(seq)]
        names = self._pair_names(ordered)
        chan_rels = [rels[i] for i in chan.tolist()]
        host_rels = [rels[i] for i in host.tolist()]
        cost = model.link_cost
        edges = []
        kept, kept_strength, kept_cost = [], [], []
        for at_, (a, b), has, value, c0, c1, types, h0, h1 in zip(
            range(len(names)),
            names,
            has_chan.tolist(),
            link.tolist(),
            c_start.tolist(),
            c_end.tolist(),
            n_types.tolist(),
            h_start.tolist(),
            h_end.tolist(),
            strict=True,
        ):
            if not has:
                continue
            s = round(value, 12)
            if s <= 0:
                continue
            kept.append(at_)
            kept_strength.append(s)
            kept_cost.append(cost(s))
            edges.append(
                (
                    a,
                    b,
                    {
                        "strength": s,
                        "cost": kept_cost[-1],
                        "relations": chan_rels[c0:c1],
                        "types": types,
                        "hostile": host_rels[h0:h1],
                    },
                )
            )
        # the same links as columns, for _LinkMatrix
        self.__dict__["_link_columns"] = (
            ordered[kept],
            np.array(kept_strength, np.float64),
            np.array(kept_cost, np.float64),
        )
        return edges

    def __repr__(self) -> str:
        scen = f", {'; '.join(self.scenario())}" if self.scenario() else ""
        size = f"{len(self.actors)} actors, {len(self.relations)} relations"
        return f"<Network {size}, {self.date_note()}{scen}>"


def ego_nodes(net: Network, focus: Sequence[str]) -> list[str]:
    """The focus actors and everyone they have a relation with (any type), in dataset order.

    Parameters
    ----------
    net : Network
    focus : sequence of str
        Actor names, ids or aliases.

    Returns
    -------
    list of str
        Actor ids.

    Examples
    --------
    >>> net = Network.load(date="2021-05-20")
    >>> "Hamas" in ego_nodes(net, ["Qatar"]), "Morocco" in ego_nodes(net, ["Hamas"])
    (True, False)
    """
    ids = {net.resolve(a) for a in focus}
    keep = set(ids)
    for r in net.relations:
        if r.source in ids or r.target in ids:
            keep |= {r.source, r.target}
    return [a for a in net.actors if a in keep]


# -- column-wise computation for large datasets ----------------------------------------------------

#: Above this many relations in the dataset, the relations in force on a date, the pairs and the
#: channel graph are computed column-wise with NumPy (the same answers, tested against the
#: row-by-row code below it); smaller datasets never import NumPy for them.
COLUMNWISE_ABOVE = 5_000


class _paused_gc:
    """Keep the cyclic garbage collector off while hundreds of thousands of acyclic objects are
    made (each full collection would walk the whole dataset again)."""

    def __enter__(self):
        import gc

        self.was = gc.isenabled()
        gc.disable()

    def __exit__(self, *exc):
        import gc

        if self.was:
            gc.enable()


class _Columns:
    """The dataset's relations as NumPy columns, aligned with ``dataset.relations``: made once
    per dataset (kept in its ``__dict__``), shared by every network built on it."""

    def __init__(self, dataset: Dataset):
        import numpy as np

        rels = dataset.relations
        names = list(dataset.actors)
        n = len(names)
        index = {a: i for i, a in enumerate(names)}
        # pairs are keyed (a, b) with a < b as text: rank the actors by id
        self.by_rank = sorted(names)
        self.rank = rank = {a: i for i, a in enumerate(self.by_rank)}
        self.index = index
        self.names, self.n_actors = names, n
        # the columns as the dataset cache stored them, when it did (diplonet._cache._unpack)
        raw = dataset.__dict__.get("_raw_columns")
        if raw is not None:
            column = raw.__getitem__
        else:
            column = lambda name: list(map(attrgetter(name), rels))  # noqa: E731
        sources, targets = column("source"), column("target")
        self.src = np.array([index[a] for a in sources], np.int64)
        self.tgt = np.array([index[a] for a in targets], np.int64)
        a = np.array([rank[x] for x in sources], np.int64)
        b = np.array([rank[x] for x in targets], np.int64)
        self.pair = np.minimum(a, b) * n + np.maximum(a, b)
        types = list(RELATION_TYPES)
        tid = {t: i for i, t in enumerate(types)}
        self.type = np.array([tid[t] for t in column("type")], np.int64)
        self.n_types = len(types)
        # a tie across dates (Relation.key): its ends, ordered when its type is directed
        directed = np.array([RELATION_TYPES[t].directed for t in types])[self.type]
        self.key = (np.where(directed, a * n + b, self.pair)) * self.n_types + self.type
        if raw is not None:
            self.start = _indexed_date_columns(raw["dates"], raw["start"])
            self.end = _indexed_date_columns(raw["dates"], raw["end"])
        else:
            self.start = _date_columns(column("start"))
            self.end = _date_columns(column("end"))
        self.sort = self.start[0] * 10_000 + self.start[1] * 100 + self.start[2]
        self.line = np.array(column("line"), np.int64)
        self.channel = np.array([RELATION_TYPES[t].channel for t in types])[self.type]
        self.strength = np.array(column("strength"), np.float64)
        self.sign = np.array(column("sign"), np.int64)
        self.hostile = (self.sign < 0) & (self.type != tid[REJECTS_MEDIATOR])

    def in_force(self, on: PartialDate):
        """Which relations are in force ``on`` (the rule of :func:`diplonet.dates.in_force`)."""
        import numpy as np

        depth = 3 if on.day is not None else 2 if on.month is not None else 1

        def at(cols, d):
            year, month, day, _ = cols
            return year * 10_000 + np.where(d >= 2, month, 0) * 100 + np.where(d >= 3, day, 0)

        def on_at(d):
            return (
                on.year * 10_000
                + np.where(d >= 2, on.month or 0, 0) * 100
                + np.where(d >= 3, on.day or 0, 0)
            )

        d = np.minimum(self.start[3], depth)
        ok = at(self.start, d) <= on_at(d)
        d = np.minimum(self.end[3], depth)
        ok &= (self.end[3] == 0) | (at(self.end, d) >= on_at(d))
        return ok


class _LinkMatrix:
    """A large network's channel links as compressed sparse rows over actor ranks (the order of
    ids, so comparing ranks compares ids), both directions, each row in rank order.

    Attributes: ``indptr``, ``owner`` (the row's rank, per entry), ``nbr`` (the linked actor's
    rank), ``strength`` and ``cost`` (the link's, the same floats as :attr:`Network.links`),
    ``barred`` (the linked actor is hostile
    to the row's actor, or refused by it as a mediator: rule 3's barred relays; all False when
    the model allows hostile relays), ``names`` (ids by rank) and ``rank`` (rank by id)."""

    def __init__(self, net: Network):
        import numpy as np

        cols = _columns(net.dataset)
        rank, n = cols.rank, cols.n_actors
        edges = net._link_edges
        made = net.__dict__.get("_link_columns")  # made with the edges, column-wise
        if made is not None:
            a, s, c = made
            a, b = a // n, a % n
        else:
            a = np.fromiter((rank[x] for x, _, _ in edges), np.int64, len(edges))
            b = np.fromiter((rank[y] for _, y, _ in edges), np.int64, len(edges))
            s = np.fromiter((d["strength"] for _, _, d in edges), np.float64, len(edges))
            c = np.fromiter((d["cost"] for _, _, d in edges), np.float64, len(edges))
        rows, nbr = np.concatenate([a, b]), np.concatenate([b, a])
        order = np.argsort(rows * n + nbr)  # one key per entry: each row in rank order
        self.nbr, self.strength = nbr[order], np.concatenate([s, s])[order]
        self.cost = np.concatenate([c, c])[order]
        self.owner = rows = rows[order]
        self.indptr = np.searchsorted(rows, np.arange(n + 1))
        self.names, self.rank = cols.by_rank, rank
        if net.model.allow_hostile_relays:
            self.barred = np.zeros(len(rows), bool)
            return
        hostile = np.fromiter(net._hostile_codes, np.int64, len(net._hostile_codes))
        self.barred = np.isin(np.minimum(rows, self.nbr) * n + np.maximum(rows, self.nbr), hostile)
        refused = [rank[p] * n + rank[m] for p, m in net._rejections]
        if refused:
            self.barred |= np.isin(rows * n + self.nbr, np.array(refused, np.int64))

    def row(self, i: int) -> slice:
        """The entries of the actor of rank ``i``."""
        return slice(int(self.indptr[i]), int(self.indptr[i + 1]))


def _date_columns(dates: list):
    """(year, month, day, depth) columns of partial dates; 0 for a missing part, depth 0 for
    no date (an open end). A dataset repeats a few thousand dates: each is taken apart once."""
    import numpy as np

    ids = list(map(id, dates))  # by identity: a date's own hash is a Python call
    unique = dict(zip(ids, dates, strict=True))
    table = {k: i for i, k in enumerate(unique)}
    parts = np.array(
        [(d.year, d.month or 0, d.day or 0) if d else (0, 0, 0) for d in unique.values()],
        np.int64,
    ).reshape(-1, 3)[np.array([table[k] for k in ids], np.int64)]
    year, month, day = parts[:, 0], parts[:, 1], parts[:, 2]
    depth = np.where(day > 0, 3, np.where(month > 0, 2, np.where(year > 0, 1, 0)))
    return year, month, day, depth


def _indexed_date_columns(table: list[tuple], index: list[int]):
    """:func:`_date_columns` from a table of (year, month, day) and each relation's place in
    it (-1: no date)."""
    import numpy as np

    rows = [(y, m or 0, d or 0) for y, m, d in table] + [(0, 0, 0)]
    parts = np.array(rows, np.int64).reshape(-1, 3)[np.array(index, np.int64)]
    year, month, day = parts[:, 0], parts[:, 1], parts[:, 2]
    depth = np.where(day > 0, 3, np.where(month > 0, 2, np.where(year > 0, 1, 0)))
    return year, month, day, depth


def _columns(dataset: Dataset) -> _Columns:
    found = dataset.__dict__.get("_columns")
    if found is None:
        found = dataset.__dict__["_columns"] = _Columns(dataset)
    return found
