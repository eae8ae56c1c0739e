"""Event data beside curation: merge an events file into a dataset folder, and compare what
actors did (GDELT) with the sign of their curated tie.

**Compare.** For each event-derived relation (one ordered pair, one period) the curated relations in force at
the end of that period are netted as everywhere else (:func:`diplonet.scoring.net_tie`, sum
of sign × strength); the verdict is *agrees* when both signs match, *disagrees* when they
differ, *no curated tie* when the curated data have none. A disagreement is a lead for the
analyst (a tie that changed, a mis-coded event, a curated sign to revisit), not a correction.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from .dataset import Dataset, load_dataset
from .network import Network
from .scoring import net_tie

__all__ = ["ORDER", "MergeReport", "compare", "merge"]

ORDER = {"disagrees": 0, "no curated tie": 1, "agrees": 2}


def compare(
    events: str | os.PathLike, data: str | os.PathLike | None = None, min_events: int = 1
) -> list[dict]:
    """One record per event-derived relation, disagreements first, then by number of events.

    Parameters
    ----------
    events : path-like
        Relations from ``diplonet ingest gdelt``.
    data : path-like, optional
        The curated dataset (default: the shipped one).
    min_events : int
        Ignore periods with fewer events.

    Returns
    -------
    list of dict
        ``source``, ``target``, ``start``, ``end``, ``events``, ``goldstein_mean``,
        ``event_sign``, ``curated_net``, ``curated_types``, ``verdict``, ``evidence``, ``line``.
    """
    ds = load_dataset(data, extra_relations=[events])
    curated = Dataset(
        ds.actors, tuple(r for r in ds.relations if r.type != "events"), ds.info, ds.brief_text
    )
    networks: dict[str, Network] = {}
    out = []
    for r in ds.relations:
        if r.type != "events":
            continue
        extras = r.event_columns()
        n = int(extras["events"])
        if n < min_events:
            continue
        end = str(r.end or r.start)
        at = networks.setdefault(end, Network(curated, date=end))
        ties = at.relations_between(r.source, r.target)
        net = net_tie(ties) if ties else None
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


@dataclass(frozen=True)
class MergeReport:
    """What :func:`merge` wrote.

    Attributes
    ----------
    folder : Path
        The dataset folder written.
    actors : int
        Its actors.
    curated : int
        Its curated relations.
    events : int
        Its event-derived relations.
    events_file : str
        The name the events file has in the folder.
    """

    folder: Path
    actors: int
    curated: int
    events: int
    events_file: str


def merge(
    events: str | os.PathLike, out: str | os.PathLike, data: str | os.PathLike | None = None
) -> MergeReport:
    """Make a dataset folder that uses an events file beside the curated relations.

    The folder holds copies of the dataset's own files, the events file (under a name that
    clashes with none of them) and a ``dataset.json`` listing it among the relation files. Both
    are validated before anything is written, the new folder must load before it replaces
    ``out``, and nothing is ever written outside it.

    Parameters
    ----------
    events : path-like
        Relations from ``diplonet ingest gdelt``.
    out : path-like
        The dataset folder to write (replaced if it holds only a dataset's files).
    data : path-like, optional
        The curated dataset (default: the shipped one).

    Returns
    -------
    MergeReport

    Raises
    ------
    DataError
        When the dataset or the events file has a problem.
    DiplonetError
        When ``out`` cannot be written.
    """
    from ._files import replace_folder
    from ._reading import check_name, read_bytes
    from .dataset import read_info_json, resolve_data_dir

    events = Path(events)
    source = resolve_data_dir(data)
    base = load_dataset(source, extra_relations=[events])  # validates both before writing anything
    own = ["actors.csv", *base.info.relation_files]
    if base.info.brief_file:
        own.append(base.info.brief_file)
    name, n = events.name, 0
    while name in {*own, "dataset.json"}:  # never overwrite one of the dataset's own files
        n += 1
        name = "events.csv" if n == 1 else f"events-{n}.csv"

    def build(folder: Path) -> None:
        # names were checked by load_dataset to stay inside the source folder; check them
        # again against the new one, so nothing is ever written outside it
        for item in own:
            target = check_name(item, folder)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(read_bytes(check_name(item, source), inside=source))
        (folder / name).write_bytes(read_bytes(events))
        meta, _ = read_info_json(source)
        meta["relations"] = [*base.info.relation_files, name]
        (folder / "dataset.json").write_text(
            json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        load_dataset(folder)  # the merged folder must load before it replaces anything

    folder = replace_folder(
        Path(out), build, allowed={Path(item).parts[0] for item in own} | {"dataset.json", name}
    )
    n = sum(1 for r in base.relations if r.type == "events")
    return MergeReport(folder, len(base.actors), len(base.relations) - n, n, name)
