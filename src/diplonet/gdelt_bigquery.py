"""The GDELT aggregation run where GDELT lives: BigQuery's public table ``gdelt-bq.gdeltv2.events``.

The query is :func:`diplonet.gdelt_sql.bigquery_query`, the same aggregation DuckDB runs, with the
mapping and CAMEO tables inside it. A dry run tells the bytes the query will scan before it
starts; the job's progress is shown on a terminal. Needs the optional extra
(``pip install 'diplonet[bigquery]'``) and Google credentials; ``google.cloud.bigquery`` is
imported here only. Nothing here runs offline: the tests pass a client that runs the query,
transpiled, in DuckDB.
"""

from __future__ import annotations

import sys
import time

from .dates import PartialDate
from .errors import DiplonetError
from .gdelt import ActorMap, IngestReport, bad_reason
from .gdelt_duckdb import fill_report
from .gdelt_sql import BIGQUERY_TABLE, bigquery_query

__all__ = [
    "describe_bytes",
    "dry_run_bytes",
    "ingest_bigquery",
    "make_client",
]


def make_client(project: str | None = None):
    """A BigQuery client with the default Google credentials.

    Parameters
    ----------
    project : str, optional
        The billing project; default: the one the credentials or ``GOOGLE_CLOUD_PROJECT`` name.

    Returns
    -------
    google.cloud.bigquery.Client

    Raises
    ------
    DiplonetError
        When the ``bigquery`` extra is not installed or no credentials are found.
    """
    try:
        from google.cloud import bigquery
    except ImportError:
        raise DiplonetError(
            "the BigQuery engine needs the bigquery extra: pip install 'diplonet[bigquery]'"
        ) from None
    try:
        return bigquery.Client(project=project)
    except Exception as exc:  # google.auth's DefaultCredentialsError, a missing project, ...
        raise DiplonetError(
            f"cannot reach BigQuery: {exc}. Sign in with `gcloud auth application-default login` "
            "and name a billing project (GOOGLE_CLOUD_PROJECT)"
        ) from None


def dry_run_bytes(client, sql: str) -> int:
    """The bytes BigQuery says the query would scan (and bill), from a dry run.

    Parameters
    ----------
    client : google.cloud.bigquery.Client
        The client to ask (:func:`make_client`).
    sql : str
        The query.

    Returns
    -------
    int
        Bytes the query would process (0 when BigQuery does not say).

    Raises
    ------
    DiplonetError
        When BigQuery refuses the query.
    """
    from google.cloud import bigquery

    config = bigquery.QueryJobConfig(dry_run=True, use_query_cache=False)
    try:
        job = client.query(sql, job_config=config)
    except Exception as exc:
        raise DiplonetError(f"BigQuery refused the query: {exc}") from None
    return int(job.total_bytes_processed or 0)


def describe_bytes(n: int) -> str:
    """Bytes as BigQuery bills them (binary units).

    Parameters
    ----------
    n : int
        A number of bytes.

    Returns
    -------
    str
        The exact count with thousands separators, and the largest of MiB, GiB, TiB it
        reaches, to one decimal.

    Examples
    --------
    >>> describe_bytes(63 * 2**30)
    '67,645,734,912 bytes (63.0 GiB)'
    """
    for unit, size in (("TiB", 2**40), ("GiB", 2**30), ("MiB", 2**20)):
        if n >= size:
            return f"{n:,} bytes ({n / size:.1f} {unit})"
    return f"{n:,} bytes"


def ingest_bigquery(
    actor_map: ActorMap,
    since: PartialDate,
    until: PartialDate,
    period: str = "month",
    client=None,
    stream=None,
) -> IngestReport:
    """Aggregate GDELT's whole event record between two dates on BigQuery.

    Parameters
    ----------
    actor_map : ActorMap
        The mapping rules, sent inside the query.
    since, until : PartialDate
        The days to read (inclusive); BigQuery bills the whole of each column read all the same,
        since the table is not partitioned.
    period : {'month', 'quarter', 'year'}
    client : google.cloud.bigquery.Client, optional
        Default: :func:`make_client`.
    stream : file, optional
        Where the bytes to scan and the job's progress are written (default: stderr); progress
        only on a terminal.

    Returns
    -------
    IngestReport
        As :func:`diplonet.gdelt.ingest`'s, with the rows in the date range as ``rows``; failed
        rows are named by GLOBALEVENTID, BigQuery rows have no line.

    Raises
    ------
    DiplonetError
        Without the extra or credentials, or when the job fails.
    """
    sql = bigquery_query(actor_map, since, until, period)
    client = client or make_client()
    stream = stream or sys.stderr
    scanned = dry_run_bytes(client, sql)
    stream.write(f"BigQuery will scan {describe_bytes(scanned)} of {BIGQUERY_TABLE}\n")
    stream.flush()
    tty = bool(getattr(stream, "isatty", lambda: False)())
    try:
        job = client.query(sql)
        started = time.perf_counter()
        while not job.done():
            if tty:
                stages = getattr(job, "query_plan", None) or []
                finished = sum(1 for s in stages if getattr(s, "status", "") == "COMPLETE")
                read = sum(int(getattr(s, "records_read", 0) or 0) for s in stages)
                stream.write(
                    f"\rjob {job.job_id}: {job.state}, {finished}/{len(stages)} stages, "
                    f"{read:,} records read, {time.perf_counter() - started:.0f} s"
                )
                stream.flush()
            time.sleep(1)
        rows = [dict(r.items()) for r in job.result()]
    except DiplonetError:
        raise
    except Exception as exc:
        raise DiplonetError(f"the BigQuery job failed: {exc}") from None
    if tty:
        stream.write("\n")
    report = IngestReport(period=period, files=[BIGQUERY_TABLE])
    fill_report(report, rows)
    report.bad_lines = [
        (
            f"{BIGQUERY_TABLE} GLOBALEVENTID",
            int(r["event_id"]),
            bad_reason(r["source"], r["sqldate_text"], r["g_text"], r["code"], r["quad"]),
        )
        for r in rows
        if r["kind"] == "bad"
    ]
    return report
