"""Answers: every query's result as one object, and the one way each output is built from it.

A query function here (``channels``, ``mediators``, ``balance``, ...) runs the analysis of its
topic module and returns an :class:`Answer`: the resolved query, the records (one plain dict of
JSON types per row) and the metadata (what the answer carries beside its rows). From an answer:

- :meth:`Answer.to_json` is the ``--format json`` output,
- :meth:`Answer.to_csv` the ``--format csv`` output (one row per record, flattened by one rule,
  :func:`csv_row`),
- :meth:`Answer.to_frame` the Python API's DataFrame (``df.attrs`` holds :meth:`Answer.meta`),
- and the CLI's tables read the answer's result objects (:attr:`Answer.items`,
  :attr:`Answer.result`).

The command line and the Python API both call these functions, so they cannot disagree. The
records' fields are documented in ``docs/schema.md``. Nothing here prints.
"""

from __future__ import annotations

import io
import json
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .network import Network
from .scoring import rank_key
from .vocab import RELATION_TYPES

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "Answer",
    "actors",
    "backtest",
    "balance",
    "brokers",
    "channel_series",
    "channels",
    "compare",
    "csv_row",
    "diff",
    "ingest",
    "mediators",
    "paths",
    "relations",
    "resilience",
    "show",
    "spoilers",
    "timeline",
    "types",
]


@dataclass
class Answer:
    """One query's answer: what was asked, its records, and what it says beside them.

    Attributes
    ----------
    kind : str
        What was asked: ``"channels"``, ``"coverage"``, ``"mediators"``, ``"paths"``, ...
    query : dict
        The resolved query: actor ids, options, and the date, model and scenario of the network
        it was asked of.
    rows : list of dict, or a function making them
        The records, in order (best first for rankings); a function is called the first time
        they are asked for (a table that does not show them never builds them).
    info : dict
        What the answer carries beside its records (counts, the frustration index, ...).
    key : str or None
        ``None`` when the JSON answer is the list of records; else the JSON answer is one object,
        ``info`` with the records under this key (``balance``'s ``triads``, ...).
    items : list
        The result objects behind the records, aligned with them (for tables).
    result : object
        The whole result object (a report, a coverage table), when there is one.
    network : Network or None
        The network the query was asked of.
    """

    kind: str
    query: dict
    rows: list[dict] | Callable[[], list[dict]]
    info: dict = field(default_factory=dict)
    key: str | None = None
    items: list = field(default_factory=list)
    result: Any = None
    network: Network | None = None

    def records(self) -> list[dict]:
        """The records: one dict of JSON types per row.

        Returns
        -------
        list of dict
        """
        if callable(self.rows):
            self.rows = self.rows()
        return self.rows

    def meta(self) -> dict:
        """Everything beside the records: the answer's ``info`` and the resolved ``query``.

        Returns
        -------
        dict
            ``info``'s keys, then ``query``.
        """
        return {**self.info, "query": self.query}

    def to_json(self) -> str:
        """The JSON answer: the records, or ``info`` with the records under :attr:`key`.

        Returns
        -------
        str
            Indented UTF-8 JSON.
        """
        data = self.records() if self.key is None else {**self.info, self.key: self.records()}
        return json.dumps(data, indent=2, ensure_ascii=False)

    def columns(self) -> list[str]:
        """The CSV columns: every plain field of the records in first-seen order (a dict's fields
        as ``key.field``), then ``as_of`` when the records do not carry the date themselves.

        Returns
        -------
        list of str
        """
        cols: dict[str, None] = {}
        for row in self.records():
            cols.update(dict.fromkeys(csv_row(row)))
        if "as_of" not in cols and self.query.get("as_of") is not None:
            cols["as_of"] = None
        return list(cols)

    def to_csv(self) -> str:
        """The CSV answer: a header, then one row per record, flattened by :func:`csv_row`.

        Returns
        -------
        str
            CSV with ``\\n`` line ends and no trailing newline; empty when there are no records.
        """
        from ._output import write_csv

        if not self.records():
            return ""
        cols = self.columns()
        fill = {"as_of": self.query.get("as_of")}
        buf = io.StringIO()
        write_csv(
            buf,
            cols,
            ([flat.get(c, fill.get(c)) for c in cols] for flat in map(csv_row, self.records())),
        )
        return buf.getvalue().rstrip("\n")

    def to_frame(self) -> pd.DataFrame:
        """The API's DataFrame: one row per record, :meth:`meta` in ``df.attrs``.

        Returns
        -------
        pandas.DataFrame
        """
        import pandas as pd

        df = pd.DataFrame.from_records(self.records()) if self.records() else pd.DataFrame()
        df.attrs.update(self.meta())
        return df


def csv_row(record: dict) -> dict:
    """A record as one CSV row: the one flattening rule of every CSV answer.

    Plain values stay as they are (None becomes an empty cell); a list of plain values is
    joined with ``;``; a dict's plain fields become columns ``key.field``; nested records (a
    list holding dicts or lists: a channel's ``hops`` and ``relations``, a triad's ``ties``)
    are left out, and are in the JSON answer.

    Parameters
    ----------
    record : dict
        One record of an answer.

    Returns
    -------
    dict
        Column name to cell value.

    Examples
    --------
    >>> csv_row({"path": ["US", "Qatar", "Hamas"], "score": 0.64, "hops": [{"source": "US"}]})
    {'path': 'US;Qatar;Hamas', 'score': 0.64}
    >>> csv_row({"actor": "Iran", "frustration": {"index": 3, "frustrated": [["A", "B"]]}})
    {'actor': 'Iran', 'frustration.index': 3}
    """
    out: dict = {}

    def put(key: str, value: object, nested: bool) -> None:
        if isinstance(value, dict):
            if not nested:
                for k, v in value.items():
                    put(f"{key}.{k}", v, True)
        elif isinstance(value, (list, tuple)):
            if not any(isinstance(x, (dict, list, tuple)) for x in value):
                out[key] = ";".join("" if x is None else str(x) for x in value)
        else:
            out[key] = value

    for key, value in record.items():
        put(key, value, False)
    return out


# -- the query every answer carries -------------------------------------------------------------


def _query(net: Network | None, command: str, **options) -> dict:
    q: dict = {"command": command}
    for k, v in options.items():
        if isinstance(v, (tuple, list, set, frozenset)):
            v = list(v)
        q[k] = v
    if net is not None:
        q["as_of"] = str(net.date)
        q["model"] = net.model.name
        q["allow_hostile_relays"] = net.model.allow_hostile_relays
        q["scenario"] = list(net.scenario())
    return q


def _stability(net: Network, found, keys: Callable, rank: Callable, draws: int, seed: int):
    """Annotate records in place with the stability of each answer; the share of first places
    taken by answers not listed, for the notes."""
    from .sensitivity import stability

    st = stability(net, rank, draws=draws, seed=seed)
    listed = [st.get(keys(x)) for x in found]
    others = 1.0 - sum(x.share_first for x in listed if x) if st else 0.0
    return listed, max(0.0, others)


def _ranked(
    kind: str,
    net: Network,
    query: dict,
    found: list,
    record: Callable,
    key: Callable,
    rank: Callable,
    sensitivity: bool,
    draws: int,
    seed: int,
) -> Answer:
    from .sensitivity import Stability

    more = False
    k = query.get("k")
    if k is not None and len(found) > k:  # the query asked for one more, to know there are more
        found, more = found[:k], True
    rows = [record(x) for x in found]
    info: dict = {"as_of": str(net.date)}
    if more:
        info["more"] = True
    if sensitivity:
        listed, others = _stability(net, found, key, rank, draws, seed)
        blank = Stability(None, 0.0, 0.0, None, None)
        for rec, st in zip(rows, listed, strict=True):
            rec.update((st or blank).to_dict())
        info["sensitivity"] = {"draws": draws, "seed": seed, "others_first": round(others, 6)}
    return Answer(kind, query, rows, info, items=list(found), network=net)


def _check_k(k: int | None) -> None:
    if k is not None:
        from .paths import check_k

        check_k(k)


def _one_more(k: int | None) -> int | None:
    """Ask a ranking for one answer beyond ``k``, to say whether more exist (within the limit)."""
    from .paths import K_LIMIT

    return None if k is None else min(k + 1, K_LIMIT)


# -- browsing -----------------------------------------------------------------------------------


def _actor_fields(a) -> dict:
    return {
        "id": a.id,
        "name": a.name,
        "kind": a.kind,
        "groups": list(a.groups),
        "bloc": a.bloc,
        "aliases": list(a.aliases),
        "lat": a.lat,
        "lon": a.lon,
    }


def _relation_record(r, net: Network) -> dict:
    return dict(r.to_dict(), as_of=str(net.date))


def actors(net: Network) -> Answer:
    """The actors of the network, with their attributes and number of ties in force.

    Parameters
    ----------
    net : Network

    Returns
    -------
    Answer
        One record per actor (``id``, ``name``, ``kind``, ``groups``, ``bloc``, ``aliases``,
        ``lat``, ``lon``, ``ties``, ``as_of``).

    Examples
    --------
    >>> ans = actors(Network.load(date="2021-05-20"))
    >>> ans.records()[0]["id"], ans.meta()["query"]["as_of"]
    ('US', '2021-05-20')
    """
    degree = dict.fromkeys(net.actors, 0)
    for r in net.relations:
        degree[r.source] += 1
        degree[r.target] += 1
    rows = [
        {**_actor_fields(a), "ties": degree[a.id], "as_of": str(net.date)}
        for a in net.actors.values()
    ]
    return Answer(
        "actors",
        _query(net, "actors"),
        rows,
        {"as_of": str(net.date)},
        items=list(net.actors.values()),
        network=net,
    )


def relations(net: Network, names: Sequence[str] = (), history: bool = False) -> Answer:
    """Relations in force (or at any date): all, one actor's, or those among several.

    Parameters
    ----------
    net : Network
    names : sequence of str
        No actor: every relation; one: its relations; several: the relations among them.
    history : bool
        Relations at any date, not only those in force on the network's date.

    Returns
    -------
    Answer
        One record per relation (the relation's JSON shape, :meth:`Relation.to_dict`, with
        ``as_of``), in file order.
    """
    pool = net.relations_of(tuple(names), history)
    ids = [net.resolve(a, present=not history) for a in names]
    return Answer(
        "relations",
        _query(net, "relations", actors=ids, history=history),
        [_relation_record(r, net) for r in pool],
        {"as_of": str(net.date)},
        items=list(pool),
        network=net,
    )


def actor_relations(net: Network, actor_id: str, history: bool = False) -> list:
    """An actor's relations (in force, or at any date), grouped by type then strongest first.

    Parameters
    ----------
    net : Network
    actor_id : str
        A resolved actor id.
    history : bool
        Relations at any date.

    Returns
    -------
    list of Relation
    """
    pool = net.relations_at_any_date() if history else net.relations
    return sorted(
        (r for r in pool if r.involves(actor_id)),
        key=lambda r: (r.type, -r.strength, r.other(actor_id), r.start.sort_key()),
    )


def show(net: Network, actor: str, history: bool = False) -> Answer:
    """One actor and its relations.

    Parameters
    ----------
    net : Network
    actor : str
        A name, id or alias.
    history : bool
        Its relations at any date.

    Returns
    -------
    Answer
        Records: the actor's relations; ``info``: the actor's attributes, ``as_of`` and
        ``history``. JSON: one object with the relations under ``relations``.
    """
    a = net.actors[net.resolve(actor)]
    rels = actor_relations(net, a.id, history)
    info = {**_actor_fields(a), "note": a.note, "as_of": str(net.date), "history": history}
    return Answer(
        "show",
        _query(net, "show", actor=a.id, history=history),
        [_relation_record(r, net) for r in rels],
        info,
        key="relations",
        items=rels,
        result=a,
        network=net,
    )


def types() -> Answer:
    """The relation-type vocabulary, one record per type.

    Returns
    -------
    Answer
        Records with ``name``, ``sign``, ``directed``, ``channel``, ``family``, ``leverage`` and
        ``meaning`` (the fields of :class:`diplonet.vocab.RelationType`).
    """
    items = list(RELATION_TYPES.values())
    return Answer("types", {"command": "types"}, [dict(t.__dict__) for t in items], items=items)


# -- routes -------------------------------------------------------------------------------------


def channels(
    net: Network,
    source: str,
    targets: Sequence[str],
    through: Iterable[str] | None = None,
    via: Iterable[str] = (),
    avoid: Iterable[str] = (),
    max_hops: int | None = None,
    k: int | None = None,
    sensitivity: bool = False,
    draws: int = 200,
    seed: int = 0,
) -> Answer:
    """The "by, with, and through" channels from ``source`` to one or more ``targets``.

    Parameters
    ----------
    net : Network
    source : str
    targets : sequence of str
        One target: the channels, best first (kind ``"channels"``). Several: for each partner
        and target, the best channel (kind ``"coverage"``; ``info["reaching_all"]``).
    through, via, avoid
        As in :func:`diplonet.paths.channels`.
    max_hops : int, optional
        Longest channel; default :data:`diplonet.paths.DEFAULT_MAX_HOPS`.
    k : int, optional
        Keep the ``k`` best (default: all).
    sensitivity : bool
        Add the stability of each channel over ``draws`` seeded draws (one target only).
    draws, seed : int
        The draws of :mod:`diplonet.sensitivity`.

    Returns
    -------
    Answer
        One record per channel (the JSON schema of a channel: ``path``, ``via``, ``score``,
        ``hops``, ``hostile_relays``, ``relations``, ``as_of``).
    """
    from . import paths as P
    from .errors import DiplonetError

    max_hops = P.DEFAULT_MAX_HOPS if max_hops is None else max_hops
    targets = list(targets)
    _check_k(k)
    through = None if through is None else list(through)
    via, avoid = list(via), list(avoid)
    if len(targets) == 1:
        s, t = net.resolve(source), net.resolve(targets[0])
        opts = {"through": through, "via": via, "avoid": avoid, "max_hops": max_hops}

        def run(n: Network, k: int | None = k) -> list:
            return P.channels(n, s, t, k=k, **opts)

        return _ranked(
            "channels",
            net,
            _query(net, "channels", source=s, targets=[t], k=k, **opts),
            run(net, _one_more(k)),
            lambda c: c.to_dict(net),
            lambda c: c.path,
            lambda n: [c.path for c in run(n)],
            sensitivity,
            draws,
            seed,
        )
    if sensitivity:
        raise DiplonetError("sensitivity ranks the channels to one target: name one target")
    if via or avoid:
        raise DiplonetError("via and avoid filter the channels to one target: name one target")
    cov = P.coverage(net, source, targets, through=through, max_hops=max_hops)
    items = []
    for row in cov.rows:
        for t, c in row.best.items():
            if c is not None:
                d = c.to_dict(net)
                d.update(partner=row.partner, target=t, reaches_all=row.reaches_all)
                items.append(d)
    items.sort(key=lambda d: rank_key(d["score"], d["path"]))
    if k is not None:
        items = items[:k]
    info = {"as_of": str(net.date), "reaching_all": cov.reaching_all}
    query = _query(
        net,
        "channels",
        source=cov.source,
        targets=list(cov.targets),
        through=through,
        max_hops=max_hops,
        k=k,
    )
    return Answer("coverage", query, items, info, result=cov, network=net)


def paths(
    net: Network,
    source: str,
    target: str,
    k: int = 5,
    max_hops: int | None = None,
    through: Iterable[str] | None = None,
    via: Iterable[str] = (),
    avoid: Iterable[str] = (),
    sensitivity: bool = False,
    draws: int = 200,
    seed: int = 0,
) -> Answer:
    """The ``k`` best routes from ``source`` to ``target``, the direct tie included.

    Parameters
    ----------
    net : Network
    source, target : str
    k : int
        How many routes (1 to :data:`diplonet.paths.K_LIMIT`).
    max_hops : int, optional
        Longest route; default :data:`diplonet.paths.DEFAULT_MAX_HOPS`.
    through, via, avoid
        As in :func:`diplonet.paths.best_paths`.
    sensitivity : bool
        Add the stability of each route over ``draws`` seeded draws.
    draws, seed : int
        The draws of :mod:`diplonet.sensitivity`.

    Returns
    -------
    Answer
        One record per route, in the JSON schema of a channel.
    """
    from . import paths as P

    max_hops = P.DEFAULT_MAX_HOPS if max_hops is None else max_hops
    opts = {
        "k": k,
        "max_hops": max_hops,
        "through": None if through is None else list(through),
        "via": list(via),
        "avoid": list(avoid),
    }
    s, t = net.resolve(source), net.resolve(target)
    _check_k(k)
    found = P.best_paths(net, s, t, **{**opts, "k": _one_more(k)})
    return _ranked(
        "paths",
        net,
        _query(net, "paths", source=s, target=t, **opts),
        found,
        lambda c: c.to_dict(net),
        lambda c: c.path,
        lambda n: [c.path for c in P.best_paths(n, s, t, **opts)],
        sensitivity,
        draws,
        seed,
    )


def mediators(
    net: Network,
    party_a: str,
    party_b: str,
    k: int | None = None,
    explain: bool = False,
    sensitivity: bool = False,
    draws: int = 200,
    seed: int = 0,
) -> Answer:
    """Third parties able to mediate between two parties, ranked by their reach to both.

    Parameters
    ----------
    net : Network
    party_a, party_b : str
    k : int, optional
        Keep the ``k`` best (default: all).
    explain : bool
        Profile each mediator instead (kind ``"mediator_profiles"``): lean, leverage, shared
        coalitions.
    sensitivity : bool
        Add the stability of each mediator's rank over ``draws`` seeded draws.
    draws, seed : int
        The draws of :mod:`diplonet.sensitivity`.

    Returns
    -------
    Answer
        One record per mediator: its route's JSON (a channel) with ``mediator``, ``relay_a``,
        ``relay_b``, ``reach_a``, ``reach_b``, ``acceptable`` and ``objections``.
    """
    from . import mediation as M

    _check_k(k)
    a, b = net.resolve(party_a), net.resolve(party_b)
    query = _query(net, "mediators", party_a=a, party_b=b, k=k, explain=explain)
    if explain:
        profiles = M.mediator_profiles(net, a, b, k=k)
        rows = [p.to_dict(net) for p in profiles]
        return Answer(
            "mediator_profiles", query, rows, {"as_of": str(net.date)}, items=profiles, network=net
        )

    def run(n: Network, k: int | None = k) -> list:
        return M.mediators(n, a, b, k=k)

    return _ranked(
        "mediators",
        net,
        query,
        run(net, _one_more(k)),
        lambda m: m.to_dict(net),
        lambda m: m.mediator,
        lambda n: [m.mediator for m in run(n)],
        sensitivity,
        draws,
        seed,
    )


# -- analysis -----------------------------------------------------------------------------------


def brokers(net: Network, groups: str = "bloc") -> Answer:
    """Brokerage roles with z-scores, betweenness and Burt's constraint, one record per actor.

    Parameters
    ----------
    net : Network
    groups : str
        ``"bloc"``, ``"kind"`` or a coalition name (see :func:`diplonet.brokerage.brokers`).

    Returns
    -------
    Answer
        One record per actor, best broker first.
    """
    from .brokerage import brokers as run

    found = run(net, groups) if net.actors else []  # networkx refuses an empty graph
    info = {"as_of": str(net.date)}
    if found and found[0].betweenness_sources is not None:
        info["betweenness_sources"] = found[0].betweenness_sources
    return Answer(
        "brokers",
        _query(net, "brokers", groups=groups),
        [r.to_dict(net) for r in found],
        info,
        items=found,
        network=net,
    )


def _triad_record(rep, t) -> dict:
    return {
        "actors": sorted(t.nodes),
        "pattern": t.pattern,
        "balanced": t.balanced,
        "pivot": t.pivot,
        "ties": [
            {
                "pair": sorted(pair),
                "sign": sign,
                "net": round(rep.graph[min(pair)][max(pair)]["net"], 6),
            }
            for pair, sign in sorted(t.signs.items(), key=lambda kv: sorted(kv[0]))
        ],
    }


def balance(net: Network, method: str = "auto", all_triads: bool = False) -> Answer:
    """Structural balance: signed triads and the frustration index.

    Parameters
    ----------
    net : Network
    method : {"auto", "exact", "heuristic"}
        How the frustration index is found (:data:`diplonet.balance.METHODS`).
    all_triads : bool
        List balanced triads too (default: the unbalanced ones).

    Returns
    -------
    Answer
        Records: the triads; ``info``: counts, ``by_pattern``, ``ratio``, ``frustration``,
        ``ambivalent`` and ``as_of``. JSON: one object with the triads under ``triads``.
    """
    from .balance import balance as run

    rep = run(net, method=method)
    f = rep.frustration
    triads = [t for t in rep.triads["triads"] if all_triads or not t.balanced]
    info = {
        "balanced": rep.triads["balanced"],
        "unbalanced": rep.triads["unbalanced"],
        "by_pattern": rep.triads["by_pattern"],
        "ratio": rep.triads["ratio"],
        "frustration": {
            "index": f.index,
            "exact": f.exact,
            "lower_bound": f.lower_bound,
            "method": f.method,
            "frustrated": [sorted(e) for e in f.frustrated],
            "partition": {str(k): v for k, v in sorted(f.partition.items())},
        },
        "ambivalent": [[a, b] for a, b, _ in rep.ambivalent],
        "as_of": str(net.date),
    }
    if "listed" in rep.triads:  # a large network lists a sample of its triads
        info["listed"] = rep.triads["listed"]
    return Answer(
        "balance",
        _query(net, "balance", method=method, all=all_triads),
        [_triad_record(rep, t) for t in triads],
        info,
        key="triads",
        items=triads,
        result=rep,
        network=net,
    )


def resilience(net: Network, source: str, target: str) -> Answer:
    """How many actor-disjoint channels join two actors, the smallest cut, single points of
    failure, and the best channel left without each cut member.

    Parameters
    ----------
    net : Network
    source, target : str

    Returns
    -------
    Answer
        Records: the disjoint channels; ``info``: the rest of
        :meth:`diplonet.resilience.ResilienceReport.to_dict`. JSON: one object with the
        channels under ``disjoint_channels``.
    """
    from .resilience import channel_resilience

    rep = channel_resilience(net, source, target)
    info = rep.to_dict(net, channels=False)

    def rows() -> list[dict]:  # a thousand between hubs of a large network: made if shown
        return [c.to_dict(net) for c in rep.channels]

    return Answer(
        "resilience",
        _query(net, "resilience", source=rep.result.source, target=rep.result.target),
        rows,
        info,
        key="disjoint_channels",
        items=list(rep.channels),
        result=rep,
        network=net,
    )


def spoilers(net: Network, source: str, target: str) -> Answer:
    """Spoilers of the channels between two actors (Stedman: motive and capacity), then the
    objectors, who have the motive alone.

    Parameters
    ----------
    net : Network
    source, target : str

    Returns
    -------
    Answer
        One record per spoiler (``role`` ``"spoiler"``) then per objector (``"objector"``);
        :attr:`Answer.result` is the pair ``(spoilers, objectors)``.
    """
    from .mediation import spoilers_and_objectors

    s, t = net.resolve(source), net.resolve(target)
    found, objecting = spoilers_and_objectors(net, s, t)
    items = [*found, *objecting]
    return Answer(
        "spoilers",
        _query(net, "spoilers", source=s, target=t),
        [x.to_dict(net) for x in items],
        {"as_of": str(net.date)},
        items=items,
        result=(found, objecting),
        network=net,
    )


def backtest(
    net: Network, models: Sequence[str] = ("v2", "v1"), episodes: str | os.PathLike | None = None
) -> Answer:
    """Replay the documented mediation episodes under each model.

    Parameters
    ----------
    net : Network
    models : sequence of str
        Model names (:data:`diplonet.scoring.MODELS`).
    episodes : path-like, optional
        Episodes file (default: ``episodes.csv`` in the dataset's folder).

    Returns
    -------
    Answer
        One record per episode and model; ``info["summary"]`` holds hit@1 and hit@3 per model.
        JSON: one object with the records under ``episodes``.
    """
    from .backtest import backtest as run
    from .backtest import load_episodes

    models = tuple(dict.fromkeys(models))
    bt = run(net, load_episodes(net.dataset, episodes), models)
    rows = [r.to_dict() for rs in bt.results.values() for r in rs]
    return Answer(
        "backtest",
        _query(net, "backtest", models=list(models)),
        rows,
        {"summary": bt.summary()},
        key="episodes",
        result=bt,
        network=net,
    )


# -- time ---------------------------------------------------------------------------------------


def diff(
    net: Network,
    date1,
    date2,
    channel_ends: tuple[str, str] | None = None,
    max_hops: int | None = None,
) -> Answer:
    """What changed between two dates: relations, signs of ties and (optionally) channels.

    Parameters
    ----------
    net : Network
        The dataset and scenario; its own date is not used.
    date1, date2 : str or PartialDate
        The earlier and the later date.
    channel_ends : (str, str), optional
        Also compare the channels between these two actors.
    max_hops : int, optional
        Longest channel compared; default :data:`diplonet.paths.DEFAULT_MAX_HOPS`.

    Returns
    -------
    Answer
        Records: the relation changes; ``info``: ``from``, ``to``, ``actors_appeared``,
        ``actors_gone``, ``sign_changes`` and ``channels``. JSON: one object with the records
        under ``relations``.
    """
    from .history import diff as run
    from .paths import DEFAULT_MAX_HOPS

    max_hops = DEFAULT_MAX_HOPS if max_hops is None else max_hops
    d = run(net, date1, date2, channel_ends=channel_ends, max_hops=max_hops)
    info = d.to_dict(relations=False)

    def rows() -> list[dict]:  # tens of thousands on a large network: made only if shown
        return [c.to_dict() for c in d.relations]

    query = _query(net, "diff", date1=str(d.net1.date), date2=str(d.net2.date))
    query.pop("as_of", None)
    if channel_ends is not None:
        query.update(channels=list(d.channel_ends), max_hops=max_hops)
    return Answer(
        "diff", query, rows, info, key="relations", items=d.relations, result=d, network=net
    )


def timeline(net: Network, names: Sequence[str] = (), since=None, between: bool = False) -> Answer:
    """The dataset's dated events up to the network's date, in order.

    Parameters
    ----------
    net : Network
        Its date is the last date shown.
    names : sequence of str
        Only events touching these actors (all when empty).
    since : str or PartialDate, optional
        The first date shown.
    between : bool
        Only relations among the actors named.

    Returns
    -------
    Answer
        One record per event (``date``, ``kind``, ``actors``, ``relation``...).
    """
    from .history import timeline as run
    from .network import parse_date

    since = None if since is None else parse_date(since, "since")
    events = run(net, list(names) or None, since=since, until=net.date, between=between)
    query = _query(
        net,
        "timeline",
        actors=[net.resolve(a, present=False) for a in names],
        since=None if since is None else str(since),
        between=between,
    )
    return Answer("timeline", query, [e.to_dict() for e in events], {}, items=events, network=net)


def channel_series(
    net: Network, source: str, target: str, since=None, max_hops: int | None = None
) -> Answer:
    """The best channel between two actors at every date it changed, up to the network's date.

    Parameters
    ----------
    net : Network
    source, target : str
    since : str or PartialDate, optional
        The first date shown.
    max_hops : int, optional
        Longest channel; default :data:`diplonet.paths.DEFAULT_MAX_HOPS`.

    Returns
    -------
    Answer
        One record per change of the best channel; ``info["channel"]`` names the two ends.
    """
    from .history import channel_series as run
    from .network import parse_date
    from .paths import DEFAULT_MAX_HOPS

    since = None if since is None else parse_date(since, "since")
    max_hops = DEFAULT_MAX_HOPS if max_hops is None else max_hops
    s, t = (net.resolve(a, present=False) for a in (source, target))
    series = run(net, s, t, since=since, max_hops=max_hops)
    query = _query(
        net,
        "timeline",
        channel=[s, t],
        since=None if since is None else str(since),
        max_hops=max_hops,
    )
    return Answer(
        "channel_series",
        query,
        [p.to_dict(net) for p in series],
        {"channel": [s, t]},
        items=series,
        network=net,
    )


# -- event data ---------------------------------------------------------------------------------


def compare(
    events: str | os.PathLike,
    data: str | os.PathLike | None = None,
    min_events: int = 1,
    disagreements: bool = False,
) -> Answer:
    """Event-derived ties against the curated ones on the same dates, disagreements first.

    Parameters
    ----------
    events : path-like
        Relations from ``diplonet ingest gdelt``.
    data : path-like, optional
        The curated dataset (default: the shipped one).
    min_events : int
        Ignore periods with fewer events.
    disagreements : bool
        Keep only the disagreements.

    Returns
    -------
    Answer
        One record per ordered pair and period; ``info["counts"]`` counts each verdict.
    """
    from .combine import compare as run

    rows = run(events, data, min_events=min_events)
    counts = {
        v: sum(r["verdict"] == v for r in rows) for v in ("disagrees", "agrees", "no curated tie")
    }
    if disagreements:
        rows = [r for r in rows if r["verdict"] == "disagrees"]
    query = {
        "command": "compare",
        "events": str(events),
        "min_events": min_events,
        "disagreements": disagreements,
    }
    return Answer("compare", query, rows, {"counts": counts})


def ingest(run) -> Answer:
    """The report of an ingest (:func:`diplonet.ingest.ingest_to_file`) as an answer.

    Parameters
    ----------
    run : diplonet.ingest.IngestRun

    Returns
    -------
    Answer
        Records: the damaged rows reported (``file``, ``line``, ``reason``); ``info``: what was
        read, kept, skipped and written. JSON: one object with the rows under ``bad_lines``.
    """
    query = {"command": "ingest gdelt", "engine": run.engine, "files": run.report.files}
    return Answer(
        "ingest", query, run.bad_line_records(), run.to_dict(), key="bad_lines", result=run
    )
