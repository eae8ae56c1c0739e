"""The network through time: what changed between two dates, the dated events, and how the
best channel between two actors rose and fell.

Dates follow the one rule of :mod:`diplonet.dates`. A relation *begins* on its start date and
*ends* after its end date (it is still in force on the end date itself). Nothing here prints.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

from .dataset import Relation
from .dates import PartialDate
from .errors import DiplonetError
from .network import Network, _paused_gc
from .paths import Channel, channels, direct_link
from .scoring import distinct_pair, net_tie, rank_key

__all__ = [
    "channel_series",
    "ChannelChange",
    "Diff",
    "diff",
    "TimelineEntry",
    "RelationChange",
    "SeriesPoint",
    "SignChange",
    "timeline",
]


@dataclass(frozen=True)
class RelationChange:
    """One tie that differs between the two dates of a :func:`diff`.

    ``change`` is ``appeared``, ``ended``, ``stronger``, ``weaker`` or ``between`` (began and
    ended between the two dates, so in force on neither).

    Attributes
    ----------
    change : str
        One of the five above.
    before : Relation or None
        The tie in force on the first date (for ``between``, the tie itself); None when it
        ``appeared``.
    after : Relation or None
        The tie in force on the second date; None when it ``ended`` or is ``between``.
    """

    change: str
    before: Relation | None
    after: Relation | None

    @property
    def relation(self) -> Relation:
        return self.after or self.before

    def to_dict(self) -> dict:
        r = self.relation
        return {
            "change": self.change,
            "source": r.source,
            "target": r.target,
            "type": r.type,
            "sign": r.sign,
            "strength_before": self.before.strength if self.before else None,
            "strength_after": self.after.strength if self.after else None,
            "before": self.before.to_dict() if self.before else None,
            "after": self.after.to_dict() if self.after else None,
        }


@dataclass(frozen=True)
class SignChange:
    """A pair whose net signed tie (sum of sign × strength) changed sign between the dates.

    Attributes
    ----------
    a, b : str
        The pair's actor ids, ``a < b``.
    before, after : float
        The pair's net tie (:func:`~diplonet.scoring.net_tie`) on the first and second date.
    """

    a: str
    b: str
    before: float
    after: float

    def to_dict(self) -> dict:
        return {
            "pair": [self.a, self.b],
            "net_before": round(self.before, 6),
            "net_after": round(self.after, 6),
        }


@dataclass(frozen=True)
class ChannelChange:
    """One intermediary route between two actors compared across the two dates.

    ``change`` is ``new``, ``lost``, ``stronger``, ``weaker`` or ``same``.

    Attributes
    ----------
    via : tuple of str
        The route's intermediaries, which identify it across the dates.
    change : str
        One of the five above (scores compared to nine decimals).
    before, after : Channel or None
        The route on the first and second date; None where it did not exist (``new``,
        ``lost``).
    """

    via: tuple[str, ...]
    change: str
    before: Channel | None
    after: Channel | None

    def to_dict(self, net1: Network, net2: Network) -> dict:
        return {
            "via": list(self.via),
            "change": self.change,
            "score_before": round(self.before.score, 6) if self.before else None,
            "score_after": round(self.after.score, 6) if self.after else None,
            "before": self.before.to_dict(net1) if self.before else None,
            "after": self.after.to_dict(net2) if self.after else None,
        }


@dataclass
class Diff:
    """Everything that changed between ``net1`` (the earlier date) and ``net2``.

    Attributes
    ----------
    net1, net2 : Network
        The scenario on the first and on the second date.
    relations : list of RelationChange
        The ties that differ: appeared, ended, stronger, weaker, then between; each kind by
        start date, then line.
    signs : list of SignChange
        The pairs whose net tie changed sign, in pair order.
    actors_appeared, actors_gone : list of str
        The actors in the network on the second date only, and on the first date only.
    channels : list of ChannelChange or None
        The routes between ``channel_ends`` compared, best first (by the score on the second
        date, or on the first for a lost route); None when no ends were given.
    channel_ends : (str, str) or None
        The two actors' ids, when given.
    """

    net1: Network
    net2: Network
    relations: list[RelationChange] = field(default_factory=list)
    signs: list[SignChange] = field(default_factory=list)
    actors_appeared: list[str] = field(default_factory=list)
    actors_gone: list[str] = field(default_factory=list)
    channels: list[ChannelChange] | None = None
    channel_ends: tuple[str, str] | None = None

    def to_dict(self, relations: bool = True) -> dict:
        """The diff as JSON types; without ``relations``, everything but the relation changes
        (the answers layer makes those only when they are shown)."""
        out = {
            "from": str(self.net1.date),
            "to": str(self.net2.date),
            "actors_appeared": self.actors_appeared,
            "actors_gone": self.actors_gone,
        }
        if relations:
            out["relations"] = [c.to_dict() for c in self.relations]
        out["sign_changes"] = [c.to_dict() for c in self.signs]
        if self.channels is not None:
            out["channels"] = {
                "source": self.channel_ends[0],
                "target": self.channel_ends[1],
                "changes": [c.to_dict(self.net1, self.net2) for c in self.channels],
            }
        return out


def _order(d1: PartialDate, d2: PartialDate) -> None:
    if d1.sort_key() > d2.sort_key():
        raise DiplonetError(f"the first date ({d1}) is after the second ({d2}): give them in order")


def diff(
    net: Network,
    date1: PartialDate | str,
    date2: PartialDate | str,
    channel_ends: tuple[str, str] | None = None,
    max_hops: int = 2,
) -> Diff:
    """What changed between two dates, under the same scenario.

    Relations are matched by :attr:`~diplonet.dataset.Relation.key`: a key in force only on the second date
    *appeared*, only on the first *ended*; in force on both with another strength, *stronger* or
    *weaker*. Relations that began after the first date and ended before the second are listed
    as *between*. Pairs whose net signed tie changed sign are listed apart (the same rule as
    :func:`diplonet.balance.signed_graph`). With ``channel_ends``, the channels between the two
    actors (as :func:`diplonet.paths.channels`) are compared route by route.

    Parameters
    ----------
    net : Network
        The scenario to compare; its own date is not used.
    date1, date2 : PartialDate or str
        The two dates, the earlier first (they may be equal).
    channel_ends : (str, str), optional
        Two actor names, ids or aliases whose channels to compare; an actor absent on a date
        has no channels then.
    max_hops : int
        The longest route considered for ``channel_ends``.

    Returns
    -------
    Diff

    Raises
    ------
    DiplonetError
        If a date cannot be parsed, ``date1`` is after ``date2``, or ``max_hops`` is out of
        range (checked only when both ends exist on a date).
    UnknownActorError
        If a name of ``channel_ends`` is no actor's.

    Examples
    --------
    >>> d = diff(Network.load(), "2019", "2021-05-20")
    >>> any(c.change == "appeared" and c.relation.type == "normalization" for c in d.relations)
    True
    """
    net1, net2 = net.as_of(date1), net.as_of(date2)
    _order(net1.date, net2.date)
    with _paused_gc():  # tens of thousands of changes, and no reference cycle among them
        return _diff(net, net1, net2, channel_ends, max_hops)


def _diff(net, net1, net2, channel_ends, max_hops) -> Diff:
    out = Diff(net1, net2)
    out.actors_appeared = [a for a in net2.actors if a not in net1.actors]
    out.actors_gone = [a for a in net1.actors if a not in net2.actors]
    before, after = net1.by_tie, net2.by_tie
    for key, r in after.items():
        if key not in before:
            out.relations.append(RelationChange("appeared", None, r))
        elif r.strength != before[key].strength:
            change = "stronger" if r.strength > before[key].strength else "weaker"
            out.relations.append(RelationChange(change, before[key], r))
    for key, r in before.items():
        if key not in after:
            out.relations.append(RelationChange("ended", r, None))
    d1, d2 = net1.date, net2.date
    for r in net.relations_at_any_date():
        if r.start.compare(d1) > 0 and r.end is not None and r.end.compare(d2) < 0:
            out.relations.append(RelationChange("between", r, None))
    rank = {"appeared": 0, "ended": 1, "stronger": 2, "weaker": 3, "between": 4}
    out.relations.sort(key=lambda c: (rank[c.change], c.relation.start.sort_key(), c.relation.line))
    # a sign can change only for a pair tied on both dates (untied, its net tie is 0): each
    # looked up in each network's own index of pairs, so proportional to the number of ties
    pairs1, pairs2 = net1._pairs, net2._pairs
    for pair in sorted(pairs1.keys() & pairs2.keys()):
        same1, same2 = pairs1[pair], pairs2[pair]
        if len(same1) == len(same2) and all(x is y for x, y in zip(same1, same2, strict=True)):
            continue  # the same ties in force on both dates: the same net tie
        a, b = pair
        n1 = net_tie(net1.relations_between(a, b))
        n2 = net_tie(net2.relations_between(a, b))
        if (n1 > 0 and n2 < 0) or (n1 < 0 and n2 > 0):
            out.signs.append(SignChange(a, b, n1, n2))
    if channel_ends is not None:
        out.channel_ends = (
            net.resolve(channel_ends[0], present=False),
            net.resolve(channel_ends[1], present=False),
        )
        out.channels = _channel_changes(net1, net2, *out.channel_ends, max_hops)
    return out


def _channels_or_none(net: Network, s: str, t: str, max_hops: int) -> dict[tuple, Channel]:
    if s not in net.actors or t not in net.actors:
        return {}
    return {c.via: c for c in channels(net, s, t, max_hops=max_hops)}


def _channel_changes(
    net1: Network, net2: Network, s: str, t: str, max_hops: int
) -> list[ChannelChange]:
    c1 = _channels_or_none(net1, s, t, max_hops)
    c2 = _channels_or_none(net2, s, t, max_hops)
    out = []
    for via in set(c1) | set(c2):
        a, b = c1.get(via), c2.get(via)
        if a is None:
            change = "new"
        elif b is None:
            change = "lost"
        elif round(b.score, 9) > round(a.score, 9):
            change = "stronger"
        elif round(b.score, 9) < round(a.score, 9):
            change = "weaker"
        else:
            change = "same"
        out.append(ChannelChange(via, change, a, b))
    out.sort(key=lambda c: rank_key((c.after or c.before).score, (c.after or c.before).path))
    return out


# -- timeline ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TimelineEntry:
    """One dated entry of the timeline: a relation beginning or ending, or an actor appearing or
    ceasing to exist (not a GDELT event: those are relations of type ``events``).

    Attributes
    ----------
    date : PartialDate
        The relation's start or end, or the actor's, as written.
    kind : str
        ``began``, ``ended``, ``actor appears`` or ``actor ends``.
    relation : Relation or None
        The relation that began or ended; None for an actor's entry.
    actor : str or None
        The actor that appears or ends; None for a relation's entry.
    """

    date: PartialDate
    kind: str  # "began", "ended", "actor appears", "actor ends"
    relation: Relation | None = None
    actor: str | None = None

    def describe(self) -> str:
        if self.relation is not None:
            r = self.relation
            return f"{r.arrow()} {r.type} {r.strength:g}"
        return self.actor or ""

    def to_dict(self) -> dict:
        r = self.relation
        return {
            "date": str(self.date),
            "event": self.kind,
            "actor": self.actor,
            "relation": r.to_dict() if r is not None else None,
            "line": r.line if r is not None else None,
        }


def timeline(
    net: Network,
    actors: list[str] | None = None,
    since: PartialDate | str | None = None,
    until: PartialDate | str | None = None,
    between: bool = False,
) -> list[TimelineEntry]:
    """The dataset's dated events in order, for every actor or only those touching ``actors``
    (with ``between``, only relations among ``actors``).

    Every relation gives a *began* event at its start and, when it has ended, an *ended* event
    at its end; actors with dates give *actor appears* / *actor ends*. The scenario's removals
    apply; its date does not (a timeline spans all dates). ``since``/``until`` bound the events,
    inclusively, by the same partial-date rule.

    Parameters
    ----------
    net : Network
        The scenario whose relations and actors are listed.
    actors : list of str, optional
        Actor names, ids or aliases (removed or not yet existing actors included). Default:
        every actor.
    since, until : PartialDate or str, optional
        Keep only the events on or after ``since`` and on or before ``until`` (compared at the
        coarser precision, so ``2021`` keeps every event of 2021).
    between : bool
        With ``actors``, keep only relations whose two ends are both among them (and the
        actors' own entries).

    Returns
    -------
    list of TimelineEntry
        By date; on one date, actors appearing, relations beginning, relations ending, actors
        ending, then by line.

    Raises
    ------
    UnknownActorError
        If a name of ``actors`` is no actor's.
    DiplonetError
        If ``since`` or ``until`` cannot be parsed.

    Examples
    --------
    >>> entries = timeline(Network.load(), ["Hamas"])
    >>> entries[0].kind, entries[0].actor, str(entries[0].date)
    ('actor appears', 'Hamas', '1987-12')
    """
    who = {net.resolve(a, present=False) for a in actors} if actors else None
    lo = PartialDate.parse(str(since)) if since else None
    hi = PartialDate.parse(str(until)) if until else None
    events: list[TimelineEntry] = []
    for r in net.relations_at_any_date():
        ends = {r.source, r.target}
        if who is not None and not (ends <= who if between else who & ends):
            continue
        events.append(TimelineEntry(r.start, "began", relation=r))
        if r.end is not None:
            events.append(TimelineEntry(r.end, "ended", relation=r))
    for a in net.scenario_actors.values():
        if who is not None and a.id not in who:
            continue
        if a.start:
            events.append(TimelineEntry(a.start, "actor appears", actor=a.id))
        if a.end:
            events.append(TimelineEntry(a.end, "actor ends", actor=a.id))
    events = [
        e
        for e in events
        if (lo is None or e.date.compare(lo) >= 0) and (hi is None or e.date.compare(hi) <= 0)
    ]
    order = {"actor appears": 0, "began": 1, "ended": 2, "actor ends": 3}
    events.sort(
        key=lambda e: (e.date.sort_key(), order[e.kind], e.relation.line if e.relation else 0)
    )
    return events


# -- channel strength over time ------------------------------------------------------------------


@dataclass(frozen=True)
class SeriesPoint:
    """The best channel between two actors from ``date`` until the next point.

    Attributes
    ----------
    date : datetime.date
        The day the point begins.
    best : Channel or None
        The best channel that day; None when there is none (or an actor does not exist).
    direct : float or None
        The strength of the two actors' direct channel link; None when they have none.
    events : tuple of TimelineEntry
        That day's events, those that explain the change first (on the new best route,
        beginnings first when the score rose, endings first when it fell).
    """

    date: _dt.date
    best: Channel | None
    direct: float | None
    events: tuple[TimelineEntry, ...]

    @property
    def score(self) -> float:
        return self.best.score if self.best else 0.0

    def to_dict(self, net: Network) -> dict:
        return {
            "date": self.date.isoformat(),
            "score": round(self.score, 6),
            "best": list(self.best.path) if self.best else None,
            "direct": None if self.direct is None else round(self.direct, 6),
            "events": [e.to_dict() for e in self.events],
        }


def _change_day(e: TimelineEntry) -> _dt.date:
    # a tie starts counting on the first day of its start period, and stops the day after the
    # last day of its end period (the rule of diplonet.dates)
    if e.kind in ("began", "actor appears"):
        return e.date.first_day()
    return e.date.last_day() + _dt.timedelta(days=1)


def channel_series(
    net: Network,
    source: str,
    target: str,
    since: PartialDate | str | None = None,
    until: PartialDate | str | None = None,
    max_hops: int = 2,
) -> list[SeriesPoint]:
    """The best channel between two actors at every date on which a relation began or ended.

    A point is recorded on each day the data change (the first day of a start period, the day
    after an end period), from ``since`` (default: the first event) to ``until`` (default: the
    network's date); only points where the best channel's route or score, or the direct link,
    changed are kept, each with the events of that day.

    Parameters
    ----------
    net : Network
        The scenario to follow.
    source, target : str
        Actor names, ids or aliases (they need not exist on the network's date).
    since : PartialDate or str, optional
        The first day (of this period) to record. Default: the day the later of the two
        actors appears, when the data say; else the first day the data change.
    until : PartialDate or str, optional
        The last day (of this period) to consider. Default: the network's date.
    max_hops : int
        The longest route considered.

    Returns
    -------
    list of SeriesPoint
        In date order; the first at ``since`` (or the default start) when one is known.

    Raises
    ------
    UnknownActorError
        If ``source`` or ``target`` is no actor's.
    DiplonetError
        If they are the same actor, a date cannot be parsed, or ``max_hops`` is out of range.
    """
    s, t = net.resolve(source, present=False), net.resolve(target, present=False)
    distinct_pair(s, t)
    end_day = (PartialDate.parse(str(until)) if until else net.date).last_day()
    start_day = PartialDate.parse(str(since)).first_day() if since else None
    if start_day is not None and start_day > end_day:
        raise DiplonetError(f"since {since} is after the last date shown ({end_day})")
    if start_day is None:
        # from the day both actors exist, if the data say when
        births = [
            a.start.first_day() for a in (net.dataset.actors[s], net.dataset.actors[t]) if a.start
        ]
        start_day = max(births) if births else None
    days: dict[_dt.date, list[TimelineEntry]] = {}
    for e in timeline(net):
        days.setdefault(_change_day(e), []).append(e)
    wanted = sorted(d for d in days if d <= end_day and (start_day is None or d > start_day))
    if start_day is not None:
        wanted.insert(0, start_day)
    points: list[SeriesPoint] = []
    for day in wanted:
        at = net.as_of(PartialDate.from_date(day))
        if s in at.actors and t in at.actors:
            found = channels(at, s, t, max_hops=max_hops)
            link = direct_link(at, s, t)
        else:
            found, link = [], None
        best = found[0] if found else None
        direct = link.strength if link else None
        prev = points[-1] if points else None
        same = prev is not None and (
            (prev.best.path if prev.best else None) == (best.path if best else None)
            and round(prev.score, 9) == round(best.score if best else 0.0, 9)
            and prev.direct == direct
        )
        if not same:
            rising = prev is None or (best.score if best else 0.0) >= prev.score
            events = _relevant_first(days.get(day, ()), best, s, t, rising)
            points.append(SeriesPoint(day, best, direct, events))
    return points


def _relevant_first(
    events, best: Channel | None, s: str, t: str, rising: bool
) -> tuple[TimelineEntry, ...]:
    """A day's events, most explanatory first: those between actors of the new best channel (or
    the two ends) before the rest, and beginnings before endings when the score rose (endings
    first when it fell)."""
    on_path = set(best.path) if best else {s, t}

    def touches(e: TimelineEntry) -> bool:
        if e.relation is None:
            return e.actor in on_path
        return {e.relation.source, e.relation.target} <= on_path

    def began(e: TimelineEntry) -> bool:
        return e.kind in ("began", "actor appears")

    return tuple(sorted(events, key=lambda e: (not touches(e), began(e) != rising)))
