"""The ingest pipeline the CLI and scripts share: check the options, map the actors, run an
engine (:mod:`diplonet.gdelt`'s streaming reference, :mod:`diplonet.gdelt_duckdb` or
:mod:`diplonet.gdelt_bigquery`), drop relations dated outside an actor's existence, and write
the relations file atomically.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .dates import PartialDate
from .errors import DiplonetError
from .gdelt import IngestReport, ingest, load_actor_map, relation_rows, write_relations
from .vocab import PERIODS

__all__ = ["IngestRun", "check_ingest_options", "ingest_to_file"]


@dataclass
class IngestRun:
    """What one ingest read, kept and wrote (:func:`ingest_to_file`).

    Attributes
    ----------
    engine : str
        The engine that aggregated the events (:data:`diplonet.vocab.INGEST_ENGINES`).
    report : IngestReport
        Rows read, kept, skipped (and why), damaged rows with their file and line.
    relations : int
        Relations written.
    outside_actor_dates : int
        Relations dropped because they are dated outside an actor's existence
        (:func:`diplonet.dataset.life_problems`).
    output : str
        The relations file written (``-`` for standard output).
    """

    engine: str
    report: IngestReport
    relations: int
    outside_actor_dates: int
    output: str

    def to_dict(self) -> dict:
        """Everything but the damaged rows, as JSON types (their list is
        :meth:`bad_line_records`).

        Returns
        -------
        dict
        """
        r = self.report
        return {
            "engine": self.engine,
            "files": r.files,
            "rows": r.rows,
            "kept": r.kept,
            "relations": self.relations,
            "period": r.period,
            "bad": r.bad,
            "out_of_range": r.out_of_range,
            "unmapped_rows": r.unmapped_rows,
            "same_actor": r.same_actor,
            "outside_actor_dates": self.outside_actor_dates,
            "unmapped": dict(r.unmapped.most_common(50)),
            "output": self.output,
        }

    def bad_line_records(self) -> list[dict]:
        """The damaged rows reported: ``file``, ``line``, ``reason``.

        Returns
        -------
        list of dict
        """
        return [{"file": f, "line": n, "reason": why} for f, n, why in self.report.bad_lines]


def check_ingest_options(
    engine: str, period: str, since, until, files, spell: dict[str, str] | None = None
) -> None:
    """Refuse an ingest that cannot run, before anything is read.

    Parameters
    ----------
    engine : str
        One of :data:`diplonet.vocab.INGEST_ENGINES`.
    period : str
        One of :data:`diplonet.vocab.PERIODS`.
    since, until : PartialDate or None
        The dates events must fall between.
    files : sequence of path-like
        The export files (none for ``bigquery``).
    spell : dict, optional
        How to name each parameter in a message (the CLI passes its flags); by default, by its
        name here.

    Raises
    ------
    DiplonetError
        Naming the parameter at fault.
    """
    from .vocab import INGEST_ENGINES

    name = {"engine": "engine", "period": "period", "since": "since", "until": "until",
            "files": "files", **(spell or {})}  # fmt: skip
    if engine not in INGEST_ENGINES:
        raise DiplonetError(f"{name['engine']} {engine!r}: use {', '.join(INGEST_ENGINES)}")
    if period not in PERIODS:
        raise DiplonetError(f"{name['period']} {period!r}: use {', '.join(PERIODS)}")
    if since and until and since.sort_key() > until.sort_key():
        raise DiplonetError(f"{name['since']} {since} is after {name['until']} {until}")
    if engine == "bigquery":
        if files:
            raise DiplonetError(
                f"{name['engine']} bigquery reads GDELT's BigQuery table: name no {name['files']}"
            )
        if not (since and until):
            raise DiplonetError(
                f"{name['engine']} bigquery needs {name['since']} and {name['until']}"
            )
    elif not files:
        raise DiplonetError(f"name one or more GDELT export files ({name['files']})")


def ingest_to_file(
    files: Sequence[str | os.PathLike],
    out: str | os.PathLike,
    data: str | os.PathLike | None = None,
    actor_map: str | os.PathLike | None = None,
    since: PartialDate | None = None,
    until: PartialDate | None = None,
    period: str = "month",
    engine: str = "duckdb",
    spell: dict[str, str] | None = None,
) -> IngestRun:
    """Aggregate GDELT events between mapped actors into a relations file of type ``events``.

    The one ingest pipeline the CLI and scripts share: check the options, map the actors, run
    the engine, drop relations dated outside an actor's existence, write the file atomically.

    Parameters
    ----------
    files : sequence of path-like
        GDELT 2.0 event exports (CSV or zip; globs for ``duckdb``); none for ``bigquery``.
    out : path-like
        The relations file to write (``.csv``, or ``-`` for standard output).
    data : path-like, optional
        The dataset whose actors the events are mapped to (default: the shipped one).
    actor_map : path-like, optional
        The actor mapping table (default: ``gdelt_actors.csv`` beside the dataset).
    since, until : PartialDate, optional
        Only events on or after, on or before these dates.
    period : str
        Aggregate per ``month``, ``quarter`` or ``year``.
    engine : str
        ``duckdb`` (the files, in parallel), ``stream`` (line by line: the reference) or
        ``bigquery`` (GDELT's public table).
    spell : dict, optional
        How messages name the parameters (see :func:`check_ingest_options`).

    Returns
    -------
    IngestRun

    Raises
    ------
    DiplonetError
        Bad options, unreadable or foreign files, an output that cannot be written.
    """
    from ._files import check_output, is_stream, write_atomic
    from .dataset import life_problems, load_dataset

    check_ingest_options(engine, period, since, until, files, spell)
    dataset = load_dataset(data)
    amap = load_actor_map(actor_map, dataset.actors)
    check_output(out)
    if not is_stream(out) and Path(out).suffix.lower() != ".csv":
        raise DiplonetError(f"cannot write {out}: the relations file is CSV, name it FILE.csv")
    if engine == "stream":
        report = ingest(files, amap, since=since, until=until, period=period)
    elif engine == "duckdb":
        from .gdelt_duckdb import Progress, expand, ingest_duckdb

        paths = expand(files)
        report = ingest_duckdb(
            paths, amap, since=since, until=until, period=period, progress=Progress(len(paths))
        )
    else:
        from .gdelt_bigquery import ingest_bigquery

        report = ingest_bigquery(amap, since, until, period)
    rows, dropped = [], 0
    for row in relation_rows(report):
        start, end = PartialDate.parse(row["start"]), PartialDate.parse(row["end"])
        actors = [dataset.actors.get(row["source"]), dataset.actors.get(row["target"])]
        if all(
            a is not None and not life_problems(a.id, a.start, a.end, start, end) for a in actors
        ):
            rows.append(row)
        else:
            dropped += 1
    write_atomic(out, lambda tmp: write_relations(rows, tmp))
    return IngestRun(engine, report, len(rows), dropped, str(out))
