"""Event-data commands: ``ingest gdelt``, ``merge`` and ``compare``.

Ingest aggregates GDELT exports into a relations file; merge makes a dataset folder that uses it
beside the curated relations; compare shows where the events disagree with the curated sign of
a tie.
"""

import json
from pathlib import Path
from typing import Annotated

import typer

from .. import answers
from .._output import table
from ..answers import Answer
from ..errors import DiplonetError
from .core import app, command, emit, say

__all__ = ["compare_cmd", "ingest_app", "ingest_gdelt_cmd", "merge_cmd"]

ingest_app = typer.Typer(
    help="Build relations from event data.",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(ingest_app, name="ingest")


def _source(report) -> str:
    if report.files and report.files[0].startswith("gdelt-bq."):
        return report.files[0]
    return f"{len(report.files)} file{'s' if len(report.files) != 1 else ''}"


def _report_text(report, rows, dropped: int, out: Path) -> str:
    lines = [
        f"read {report.rows} rows from {_source(report)}",
        f"kept {report.kept} events between mapped actors → {len(rows)} relations (per {report.period}) in {out}",
        "skipped:",
        f"  {report.bad} rows that do not parse",
        f"  {report.out_of_range} outside --from/--to",
        f"  {report.unmapped_rows} with an actor that maps to no diplonet actor",
        f"  {report.same_actor} between an actor and itself",
    ]
    if dropped:
        lines.append(
            f"  {dropped} relations dated outside an actor's existence (actors.csv start/end)"
        )
    for file, line, reason in report.bad_lines[:10]:
        lines.append(f"  {file}:{line}: {reason}")
    if report.bad > 10:
        lines.append(f"  ... {report.bad - 10} more unparseable rows (all in --format json)")
    if report.unmapped:
        top = ", ".join(f"{code} {n}" for code, n in report.unmapped.most_common(12))
        lines.append(f"top unmapped actor codes: {top}")
    return "\n".join(lines)


ENGINES = ("duckdb", "stream", "bigquery")


@command("gdelt", options=("data", "format"), on=ingest_app)
def ingest_gdelt_cmd(
    files: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="FILE...",
            help="GDELT 2.0 event exports (.CSV or .zip, or glob patterns); none with --engine bigquery.",
            show_default=False,
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option("-o", "--output", metavar="FILE.csv", help="The relations file to write."),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option("--from", metavar="DATE", help="Only events on or after this date."),
    ] = None,
    until: Annotated[
        str | None, typer.Option("--to", metavar="DATE", help="Only events on or before this date.")
    ] = None,
    period: Annotated[
        str,
        typer.Option("--period", metavar="PERIOD", help="Aggregate per month, quarter or year."),
    ] = "month",
    actor_map: Annotated[
        Path | None,
        typer.Option(
            "--map", metavar="FILE", help="Actor mapping table (default: data/gdelt_actors.csv)."
        ),
    ] = None,
    engine: Annotated[
        str,
        typer.Option(
            "--engine",
            metavar="ENGINE",
            help="duckdb (the files, in parallel), stream (the files, line by line: the reference) "
            "or bigquery (GDELT's public table, --from and --to required).",
        ),
    ] = "duckdb",
    print_sql: Annotated[
        bool,
        typer.Option(
            "--print-sql",
            help="With --engine bigquery: print the query (and the bytes it would scan, when a "
            "dry run is possible) and run nothing.",
        ),
    ] = False,
    *,
    data: Path | None,
    format: str,
) -> None:
    """Aggregate GDELT events between mapped actors into relations of type 'events'."""
    from .._files import check_output, is_stream, write_atomic
    from ..dataset import load_dataset
    from ..gdelt import PERIODS, ingest, load_actor_map, relation_rows, write_relations
    from ..network import parse_date

    if engine not in ENGINES:
        raise DiplonetError(f"--engine {engine!r}: use {', '.join(ENGINES)}")
    if period not in PERIODS:
        raise DiplonetError(f"--period {period!r}: use {', '.join(PERIODS)}")
    lo = parse_date(since, "from") if since else None
    hi = parse_date(until, "to") if until else None
    if lo and hi and lo.sort_key() > hi.sort_key():
        raise DiplonetError(f"--from {lo} is after --to {hi}")
    if engine == "bigquery":
        if files:
            raise DiplonetError("--engine bigquery reads GDELT's BigQuery table: name no FILE")
        if not (lo and hi):
            raise DiplonetError("--engine bigquery needs --from and --to")
    elif print_sql:
        raise DiplonetError("--print-sql prints the BigQuery query: add --engine bigquery")
    elif not files:
        raise DiplonetError("name one or more GDELT export files (FILE...)")
    dataset = load_dataset(data)
    amap = load_actor_map(actor_map, dataset.actors)
    if print_sql:
        return say(_bigquery_sql(amap, lo, hi, period))
    if out is None:
        raise DiplonetError("name the relations file to write: -o FILE.csv")
    check_output(out)
    if not is_stream(out) and Path(out).suffix.lower() != ".csv":
        raise DiplonetError(f"cannot write {out}: the relations file is CSV, name it FILE.csv")
    if engine == "stream":
        report = ingest(files, amap, since=lo, until=hi, period=period)
    elif engine == "duckdb":
        from ..gdelt_duckdb import Progress, expand, ingest_duckdb

        paths = expand(files)
        report = ingest_duckdb(
            paths, amap, since=lo, until=hi, period=period, progress=Progress(len(paths))
        )
    else:
        from ..gdelt_bigquery import ingest_bigquery

        report = ingest_bigquery(amap, lo, hi, period)
    rows, dropped = [], 0
    for row in relation_rows(report):
        if _within_lives(row, dataset):
            rows.append(row)
        else:
            dropped += 1
    write_atomic(out, lambda tmp: write_relations(rows, tmp))
    if format == "json":
        return say(
            json.dumps(
                {
                    "engine": engine,
                    "files": report.files,
                    "rows": report.rows,
                    "kept": report.kept,
                    "relations": len(rows),
                    "period": report.period,
                    "bad": report.bad,
                    "bad_lines": [
                        {"file": f, "line": n, "reason": r} for f, n, r in report.bad_lines
                    ],
                    "out_of_range": report.out_of_range,
                    "unmapped_rows": report.unmapped_rows,
                    "same_actor": report.same_actor,
                    "outside_actor_dates": dropped,
                    "unmapped": dict(report.unmapped.most_common(50)),
                    "output": str(out),
                },
                indent=2,
                ensure_ascii=False,
            ),
            err=is_stream(out),
        )
    say(_report_text(report, rows, dropped, out), err=is_stream(out))


def _bigquery_sql(amap, lo, hi, period) -> str:
    """The BigQuery query, with the dry run's bytes in a comment when one can be made."""
    import sys

    from ..gdelt_sql import bigquery_query

    sql = bigquery_query(amap, lo, hi, period)
    try:
        from ..gdelt_bigquery import describe_bytes, dry_run_bytes, make_client

        note = f"-- a dry run says it scans {describe_bytes(dry_run_bytes(make_client(), sql))}"
    except DiplonetError as exc:
        print(f"no dry run, so no estimate of the bytes scanned: {exc}", file=sys.stderr)
        return sql.rstrip("\n")
    return note + "\n" + sql.rstrip("\n")


def _within_lives(row: dict, dataset) -> bool:
    from ..dataset import life_problems
    from ..dates import PartialDate

    start, end = PartialDate.parse(row["start"]), PartialDate.parse(row["end"])
    for actor in (row["source"], row["target"]):
        a = dataset.actors.get(actor)
        if a is None or life_problems(a.id, a.start, a.end, start, end):
            return False
    return True


@command("merge", options=("data",))
def merge_cmd(
    events: Annotated[
        Path,
        typer.Argument(
            metavar="EVENTS.csv", help="Relations from 'diplonet ingest gdelt'.", show_default=False
        ),
    ],
    out: Annotated[
        Path, typer.Option("-o", "--output", metavar="DIR", help="The dataset folder to write.")
    ],
    *,
    data: Path | None,
) -> None:
    """Make a dataset folder that uses the ingested events beside the curated relations."""
    from ..combine import merge

    rep = merge(events, out, data)
    say(
        f"wrote {out}: {rep.actors} actors, {rep.curated} curated relations and {rep.events} "
        "event relations"
    )


@command("compare", options=("data", "format"))
def compare_cmd(
    events: Annotated[
        Path,
        typer.Argument(
            metavar="EVENTS.csv", help="Relations from 'diplonet ingest gdelt'.", show_default=False
        ),
    ],
    disagreements: Annotated[
        bool,
        typer.Option("--disagreements", help="Only the pairs where events and curation disagree."),
    ] = False,
    min_events: Annotated[
        int, typer.Option("--min-events", metavar="N", help="Ignore periods with fewer events.")
    ] = 1,
    *,
    data: Path | None,
    format: str,
) -> None:
    """Where the events disagree with the curated sign of a tie, period by period."""
    ans = answers.compare(events, data, min_events=min_events, disagreements=disagreements)
    emit(ans, format, _compare_text)


def _compare_text(ans: Answer) -> str:
    headers = [
        "period",
        "source",
        "target",
        "events",
        "goldstein",
        "event sign",
        "curated net",
        "curated ties",
        "verdict",
    ]
    rows = [
        [
            r["start"] if r["start"] == r["end"] else f"{r['start']}–{r['end']}",
            r["source"],
            r["target"],
            r["events"],
            f"{r['goldstein_mean']:+.2f}",
            f"{r['event_sign']:+d}",
            "—" if r["curated_net"] is None else f"{r['curated_net']:+.2f}",
            ", ".join(r["curated_types"]) or "—",
            r["verdict"],
        ]
        for r in ans.rows
    ]
    counts = ans.info["counts"]
    head = (
        f"Event-derived ties in {ans.query['events']} against the curated ties on the same dates: "
        f"{counts['disagrees']} disagree, {counts['agrees']} agree, "
        f"{counts['no curated tie']} have no curated tie"
    )
    return head + "\n\n" + (table(headers, rows) if rows else "Nothing to compare.")
