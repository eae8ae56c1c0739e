"""The BigQuery engine, offline: no BigQuery can be reached from the tests.

What is proved instead: the query parses in BigQuery's dialect (sqlglot), reads only the columns
it declares from ``gdelt-bq.gdeltv2.events``, and, transpiled to DuckDB and run over exports
loaded as a table with BigQuery's column names and types, gives the relations the streaming
reference and the embedded DuckDB engine give, field by field.
"""

from __future__ import annotations

import csv
import io
import sys
import types
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from diplonet.cli import app
from diplonet.dataset import load_dataset
from diplonet.dates import PartialDate
from diplonet.gdelt import IngestReport, ingest, load_actor_map, relation_rows
from diplonet.gdelt_bigquery import ingest_bigquery
from diplonet.gdelt_duckdb import fill_report, ingest_duckdb
from diplonet.gdelt_sql import BIGQUERY_COLUMNS, BIGQUERY_TABLE, bigquery_query

sqlglot = pytest.importorskip("sqlglot")

DATA = Path(__file__).parent / "data" / "gdelt"
SAMPLE = DATA / "20191024143000.export.CSV"
SCHEMA = DATA / "GDELT_2.0_Events_Column_Labels_Header_Row_Sep2016.csv"
DUCK_TYPES = {"INTEGER": "BIGINT", "FLOAT": "DOUBLE", "STRING": "VARCHAR"}
WHOLE = (PartialDate.parse("1979"), PartialDate.parse("2099"))


@pytest.fixture(scope="module")
def amap():
    return load_actor_map(actors=load_dataset().actors)


def bigquery_schema() -> dict[str, str]:
    with open(SCHEMA, encoding="utf-8") as fh:
        return {r["tableId"]: r["dataType"] for r in csv.DictReader(fh)}


def gdelt_bq(paths: list[Path]) -> duckdb.DuckDBPyConnection:
    """DuckDB holding `gdelt-bq`.gdeltv2.events: the exports under BigQuery's names and types."""
    con = duckdb.connect()
    con.execute("""ATTACH ':memory:' AS "gdelt-bq"; CREATE SCHEMA "gdelt-bq".gdeltv2""")
    columns = {name: DUCK_TYPES[t] for name, t in bigquery_schema().items()}
    spec = "{" + ", ".join(f"'{n}': '{t}'" for n, t in columns.items()) + "}"
    files = "[" + ", ".join(f"'{p}'" for p in paths) + "]"
    con.execute(
        f"""CREATE TABLE "gdelt-bq".gdeltv2.events AS SELECT * FROM read_csv({files},
            delim = '\t', header = false, quote = '', escape = '', auto_detect = false,
            columns = {spec})"""
    )
    return con


def run_transpiled(con, sql: str) -> list[dict]:
    duck = sqlglot.transpile(sql, read="bigquery", write="duckdb")[0]
    result = con.execute(duck)
    names = [d[0] for d in result.description]
    return [dict(zip(names, row, strict=True)) for row in result.fetchall()]


def test_the_query_is_bigquery_sql(amap):
    sql = bigquery_query(amap, *WHOLE)
    tree = sqlglot.parse_one(sql, read="bigquery", error_level=sqlglot.ErrorLevel.RAISE)
    tables = {
        ".".join(p for p in (t.catalog, t.db, t.name) if p)
        for t in tree.find_all(sqlglot.exp.Table)
    }
    assert BIGQUERY_TABLE in tables
    # the billed bytes are those of the columns read: exactly the ones declared
    source = next(cte.this for cte in tree.find_all(sqlglot.exp.CTE) if cte.alias == "source")
    read = {c.name for c in source.find_all(sqlglot.exp.Column)}
    assert read == set(BIGQUERY_COLUMNS)
    assert set(BIGQUERY_COLUMNS) <= set(bigquery_schema())
    # and nothing in it is lost on the way to DuckDB's dialect
    sqlglot.transpile(
        sql, read="bigquery", write="duckdb", unsupported_level=sqlglot.ErrorLevel.RAISE
    )


@pytest.mark.parametrize("period", ["month", "quarter", "year"])
def test_sample_gives_the_same_relations_in_every_engine(amap, period):
    stream = ingest([SAMPLE], amap, period=period)
    embedded = ingest_duckdb([SAMPLE], amap, period=period)
    report = fill_report(
        IngestReport(period=period),
        run_transpiled(gdelt_bq([SAMPLE]), bigquery_query(amap, *WHOLE, period)),
    )
    reference = relation_rows(stream)
    assert reference and relation_rows(embedded) == reference
    assert relation_rows(report) == reference  # every field of every relation
    for name in ("rows", "bad", "unmapped_rows", "same_actor", "kept"):
        assert getattr(report, name) == getattr(stream, name) == getattr(embedded, name)
    assert report.unmapped == stream.unmapped


def test_dates_bound_the_rows_read(amap):
    since, until = PartialDate.parse("2019-10-24"), PartialDate.parse("2019-10-24")
    stream = ingest([SAMPLE], amap, since=since, until=until)
    rows = run_transpiled(gdelt_bq([SAMPLE]), bigquery_query(amap, since, until))
    report = fill_report(IngestReport(), rows)
    assert relation_rows(report) == relation_rows(stream)
    assert report.rows == stream.rows - stream.out_of_range and report.out_of_range == 0


def generated_rows() -> list[str]:
    """Rows whose typed values BigQuery could hold, covering each rule and check."""
    first = SAMPLE.read_text(encoding="utf-8").splitlines()[0].split("\t")

    def row(a1, a2, code="043", quad="1", g="2.8", date="20191024", eid=1, url="http://x/1"):
        f = list(first)
        f[0], f[1], f[26], f[29], f[30], f[60] = str(eid), date, code, quad, g, url
        f[5], f[6], f[7], f[8], f[12] = a1
        f[15], f[16], f[17], f[18], f[22] = a2
        return "\t".join(f)

    us, iran = ("USA", "UNITED STATES", "USA", "", ""), ("IRN", "IRAN", "IRN", "", "")
    hamas, pa = ("PSEREBHMS", "", "PSE", "", "REB"), ("PSEGOV", "", "PSE", "", "GOV")
    out = [row(us, iran, eid=i, url=f"http://x/{i % 12}") for i in range(1, 121)]
    out += [row(iran, us, code="180", quad="4", g="-9.0", eid=200 + i) for i in range(5)]
    out += [row(hamas, pa, code="111", quad="3", g="-2.0", eid=300, date="20200229")]
    out += [row(("IGOUNO", "WORLD BANK", "", "UNO", "IGO"), us, eid=301)]
    out += [row(us, iran, code="10", g="0.0", eid=302), row(us, iran, quad="5", eid=303)]
    out += [row(us, ("MNCUSA", "EXXON", "USA", "", "MNC"), eid=304), row(us, us, eid=305)]
    # source URLs the streaming reader counts but does not keep: a space, a control character,
    # Unicode whitespace, over 2,000 characters (a pair with no URL kept at all: Iran to Hamas)
    unkept = ["http://x/a b", "http://x/\x0c", "http://x/\u3000", "http://x/" + "z" * 1992, ""]
    out += [
        row(iran, hamas, code="111", quad="3", g="-2.0", eid=400 + i, url=u)
        for i, u in enumerate(unkept)
    ]
    return out


def test_generated_file_gives_the_same_relations(tmp_path, amap):
    path = tmp_path / "generated.export.CSV"
    path.write_text("\n".join(generated_rows()) + "\n", encoding="utf-8")
    stream = ingest([path], amap)
    report = fill_report(
        IngestReport(), run_transpiled(gdelt_bq([path]), bigquery_query(amap, *WHOLE))
    )
    assert (
        relation_rows(report) == relation_rows(stream) == relation_rows(ingest_duckdb([path], amap))
    )
    assert (report.bad, report.kept) == (stream.bad, stream.kept) == (2, 131)
    (iran_hamas,) = [r for r in relation_rows(report) if r["target"] == "Hamas"]
    assert iran_hamas["events"] == "5" and iran_hamas["source_urls"] == ""


class FakeBigQuery:
    """A client with BigQuery's surface that runs the query, transpiled, in DuckDB."""

    def __init__(self, con):
        self.con, self.queries = con, []

    def query(self, sql, job_config=None):
        self.queries.append(sql)
        client = self

        class Job:
            job_id, state = "fake-1", "DONE"
            total_bytes_processed = 123 * 2**30 if job_config is not None else None

            def done(self):
                return True

            def result(self):
                return [
                    types.SimpleNamespace(items=r.items) for r in run_transpiled(client.con, sql)
                ]

        return Job()


@pytest.fixture
def fake_bigquery_module(monkeypatch):
    google, cloud = types.ModuleType("google"), types.ModuleType("google.cloud")
    module = types.ModuleType("google.cloud.bigquery")
    module.QueryJobConfig = lambda **kw: types.SimpleNamespace(**kw)
    google.cloud, cloud.bigquery = cloud, module
    for name, value in [
        ("google", google),
        ("google.cloud", cloud),
        ("google.cloud.bigquery", module),
    ]:
        monkeypatch.setitem(sys.modules, name, value)
    return module


def test_a_run_tells_the_bytes_first_and_writes_the_same_relations(amap, fake_bigquery_module):
    client, stream = FakeBigQuery(gdelt_bq([SAMPLE])), io.StringIO()
    report = ingest_bigquery(amap, *WHOLE, client=client, stream=stream)
    assert stream.getvalue() == (
        f"BigQuery will scan 132,070,244,352 bytes (123.0 GiB) of {BIGQUERY_TABLE}\n"
    )
    assert relation_rows(report) == relation_rows(ingest([SAMPLE], amap))
    assert len(client.queries) == 2 and client.queries[0] == client.queries[1]  # dry run, run


def test_cli_without_the_extra(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "google.cloud.bigquery", None)  # not installed
    runner = CliRunner()
    args = ["ingest", "gdelt", "--engine", "bigquery", "--from", "2019-10", "--to", "2019-10"]
    result = runner.invoke(app, [*args, "-o", str(tmp_path / "e.csv")])
    assert result.exit_code == 2 and "pip install 'diplonet[bigquery]'" in result.output
    printed = runner.invoke(app, [*args, "--print-sql"])
    assert printed.exit_code == 0, printed.output
    assert "FROM `gdelt-bq.gdeltv2.events`" in printed.stdout
    assert "WHERE SQLDATE BETWEEN 20191001 AND 20191031" in printed.stdout
    assert "no dry run, so no estimate of the bytes scanned" in printed.stderr
    sqlglot.parse_one(printed.stdout, read="bigquery")
    for extra, message in [
        (["--from", "2019-10"], "needs --from and --to"),
        ([str(SAMPLE), "--from", "2019-10", "--to", "2019-11"], "name no FILE"),
    ]:
        bad = runner.invoke(app, ["ingest", "gdelt", "--engine", "bigquery", *extra, "--print-sql"])
        assert bad.exit_code == 2 and message in bad.output
