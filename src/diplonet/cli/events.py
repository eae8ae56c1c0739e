"""Event-data commands: ``ingest gdelt``, ``merge`` and ``compare``.

Ingest aggregates GDELT exports into a relations file; merge makes a dataset folder that uses it
beside the curated relations; compare shows where the events disagree with the curated sign of
a tie.
"""

from pathlib import Path
from typing import Annotated

import typer

from .. import answers
from .._output import table
from ..answers import Answer
from ..errors import DiplonetError
from .core import app, command, emit, say

__all__: list[str] = []  # commands register on the app; their --help is their doc

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
    from .._files import is_stream
    from ..ingest import check_ingest_options, ingest_to_file
    from ..network import parse_date

    lo = parse_date(since, "from") if since else None
    hi = parse_date(until, "to") if until else None
    if print_sql:
        if str(engine) != "bigquery":
            raise DiplonetError("--print-sql prints the BigQuery query: add --engine bigquery")
        from ..dataset import load_dataset
        from ..gdelt import load_actor_map

        check_ingest_options(str(engine), str(period), lo, hi, files, _SPELL)
        amap = load_actor_map(actor_map, load_dataset(data).actors)
        return say(_bigquery_sql(amap, lo, hi, str(period)))
    if out is None:
        raise DiplonetError("name the relations file to write: -o FILE.csv")
    run = ingest_to_file(
        files or [],
        out,
        data,
        actor_map,
        since=lo,
        until=hi,
        period=str(period),
        engine=str(engine),
        spell=_SPELL,
    )
    ans = answers.ingest(run)
    emit(ans, format, _ingest_text, err=is_stream(out))


#: The ingest's parameters as this command spells them, for the library's messages.
_SPELL = {"engine": "--engine", "period": "--period", "since": "--from", "until": "--to",
          "files": "FILE..."}  # fmt: skip


def _ingest_text(ans: Answer) -> str:
    run = ans.result
    report = run.report
    lines = [
        f"read {report.rows} rows from {_source(report)}",
        f"kept {report.kept} events between mapped actors → {run.relations} relations "
        f"(per {report.period}) in {run.output}",
        "skipped:",
        f"  {report.bad} rows that do not parse",
        f"  {report.out_of_range} outside --from/--to",
        f"  {report.unmapped_rows} with an actor that maps to no diplonet actor",
        f"  {report.same_actor} between an actor and itself",
    ]
    if run.outside_actor_dates:
        lines.append(
            f"  {run.outside_actor_dates} relations dated outside an actor's existence "
            "(actors.csv start/end)"
        )
    for file, line, reason in report.bad_lines[:10]:
        lines.append(f"  {file}:{line}: {reason}")
    if report.bad > 10:
        lines.append(f"  ... {report.bad - 10} more unparseable rows (all in --format json)")
    if report.unmapped:
        top = ", ".join(f"{code} {n}" for code, n in report.unmapped.most_common(12))
        lines.append(f"top unmapped actor codes: {top}")
    return "\n".join(lines)


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
        for r in ans.records()
    ]
    counts = ans.info["counts"]
    head = (
        f"Event-derived ties in {ans.query['events']} against the curated ties on the same dates: "
        f"{counts['disagrees']} disagree, {counts['agrees']} agree, "
        f"{counts['no curated tie']} have no curated tie"
    )
    return head + "\n\n" + (table(headers, rows) if rows else "Nothing to compare.")
