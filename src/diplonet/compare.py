"""Event data against curation: does what actors did (GDELT) match the sign of their curated tie?

For each event-derived relation (one ordered pair, one period) the curated relations in force at
the end of that period are netted as everywhere else (:func:`diplonet.assess.pair_balance`, sum
of sign × strength); the verdict is *agrees* when both signs match, *disagrees* when they
differ, *no curated tie* when the curated data have none. A disagreement is a lead for the
analyst (a tie that changed, a mis-coded event, a curated sign to revisit), not a correction.
"""

from __future__ import annotations

import os

from .assess import pair_balance
from .dataset import Dataset, load_dataset
from .network import Network

ORDER = {"disagrees": 0, "no curated tie": 1, "agrees": 2}


def compare(
    events: str | os.PathLike, data: str | os.PathLike | None = None, min_events: int = 1
) -> list[dict]:
    """One record per event-derived relation, disagreements first, then by number of events."""
    ds = load_dataset(data, extra_relations=[events])
    curated = Dataset(
        ds.actors, tuple(r for r in ds.relations if r.type != "events"), ds.info, ds.brief_text
    )
    networks: dict[str, Network] = {}
    out = []
    for r in ds.relations:
        if r.type != "events":
            continue
        extras = r.extras
        n = int(extras["events"])
        if n < min_events:
            continue
        end = str(r.end or r.start)
        at = networks.setdefault(end, Network(curated, date=end))
        ties = at.relations_between(r.source, r.target)
        net = pair_balance(ties) if ties else None
        if net is None or net == 0:
            verdict = "no curated tie"
        else:
            verdict = "agrees" if (net > 0) == (r.sign > 0) else "disagrees"
        out.append(
            {
                "source": r.source,
                "target": r.target,
                "start": str(r.start),
                "end": end,
                "events": n,
                "goldstein_mean": float(extras["goldstein_mean"]),
                "event_sign": r.sign,
                "curated_net": None if net is None else round(net, 6),
                "curated_types": sorted({t.type for t in ties}),
                "verdict": verdict,
                "evidence": r.evidence,
                "line": r.line,
            }
        )
    out.sort(
        key=lambda d: (ORDER[d["verdict"]], -d["events"], d["start"], d["source"], d["target"])
    )
    return out
