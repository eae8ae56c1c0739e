"""The JSON records of every answer, built once for the CLI (``--format json``) and the Python API
(DataFrames), so the two always agree.

Records are plain dicts of JSON types. Channel-shaped answers use the ``to_dict`` of their
result objects; this module holds the rest.
"""

from __future__ import annotations

from .dataset import Relation
from .network import Network
from .scoring import rank_key
from .vocab import RELATION_TYPES


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


def actor_records(net: Network) -> list[dict]:
    """One record per actor in the network: its attributes and number of ties in force."""
    degree = dict.fromkeys(net.actors, 0)
    for r in net.relations:
        degree[r.source] += 1
        degree[r.target] += 1
    return [
        {**_actor_fields(a), "ties": degree[a.id], "as_of": str(net.date)}
        for a in net.actors.values()
    ]


def relation_records(rels, net: Network) -> list[dict]:
    """Relations with their line in ``relations.csv``, note and the date of the answer."""
    return [dict(r.to_dict(), line=r.line, note=r.note, as_of=str(net.date)) for r in rels]


def actor_relations(net: Network, actor_id: str, history: bool = False) -> list[Relation]:
    """An actor's relations (in force, or at any date), grouped by type then strongest first."""
    pool = net.history() if history else net.relations
    return sorted(
        (r for r in pool if r.involves(actor_id)),
        key=lambda r: (r.type, -r.strength, r.other(actor_id), r.start.sort_key()),
    )


def show_record(net: Network, actor_id: str, history: bool = False) -> dict:
    """One actor and its relations (the ``show`` answer)."""
    a = net.actors[actor_id]
    return {
        **_actor_fields(a),
        "note": a.note,
        "as_of": str(net.date),
        "history": history,
        "relations": relation_records(actor_relations(net, actor_id, history), net),
    }


def type_records() -> list[dict]:
    """The relation vocabulary, one record per type."""
    return [dict(t.__dict__) for t in RELATION_TYPES.values()]


def coverage_records(net: Network, cov) -> list[dict]:
    """Channels of a coverage query: one per partner and target that have one, best first."""
    items = []
    for row in cov.rows:
        for t, c in row.best.items():
            if c is not None:
                d = c.to_dict(net)
                d.update(partner=row.partner, target=t, reaches_all=row.reaches_all)
                items.append(d)
    items.sort(key=lambda d: rank_key(d["score"], d["path"]))
    return items


def triad_record(rep, t) -> dict:
    """One signed triad with the net tie of each of its pairs."""
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


def balance_record(net: Network, rep, all_triads: bool = False) -> dict:
    """Counts, frustration index and (unbalanced, or all) triads: the ``balance`` answer."""
    f = rep.frustration
    triads = [t for t in rep.triads["triads"] if all_triads or not t.balanced]
    return {
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
        "triads": [triad_record(rep, t) for t in triads],
        "as_of": str(net.date),
    }
