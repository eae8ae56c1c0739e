"""Every GDELT engine gives the streaming reference's answer, field by field.

The streaming reader (``diplonet.gdelt.ingest``) is the reference; DuckDB runs the SQL of
``diplonet.gdelt_sql`` over the same files. Each test builds rows whose answer is known, runs both,
and compares the relations, the counts, the unmapped codes and the bad lines.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from diplonet.cli import app
from diplonet.dataset import load_dataset
from diplonet.dates import PartialDate
from diplonet.errors import DiplonetError
from diplonet.gdelt import ingest, load_actor_map, relation_rows
from diplonet.gdelt_duckdb import Progress, ingest_duckdb

SAMPLE = Path(__file__).parent / "data" / "gdelt" / "20191024143000.export.CSV"
LINES = SAMPLE.read_text(encoding="utf-8").splitlines()
COUNTS = ("rows", "bad", "out_of_range", "unmapped_rows", "same_actor", "kept")


@pytest.fixture(scope="module")
def amap():
    return load_actor_map(actors=load_dataset().actors)


def event(actor1=("USA", "UNITED STATES", "USA", "", ""), actor2=("IRN", "IRAN", "IRN", "", ""),
          code="043", quad="1", goldstein="2.8", date="20191024", eid="1", url="http://a.example/1"):  # fmt: skip
    f = LINES[0].split("\t")
    f[0], f[1], f[26], f[29], f[30], f[60] = eid, date, code, quad, goldstein, url
    f[5], f[6], f[7], f[8], f[12] = actor1
    f[15], f[16], f[17], f[18], f[22] = actor2
    return "\t".join(f)


def write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def same(files, amap, **options):
    """Run the reference and DuckDB; assert they agree on everything; return DuckDB's report."""
    ref = ingest(files, amap, **options)
    got = ingest_duckdb(files, amap, **options)
    assert relation_rows(got) == relation_rows(ref)
    assert {k: getattr(got, k) for k in COUNTS} == {k: getattr(ref, k) for k in COUNTS}
    assert got.unmapped == ref.unmapped
    assert got.bad_lines == ref.bad_lines
    return got


def test_sample_in_duckdb(amap):
    report = same([SAMPLE], amap)
    assert report.kept == 42 and len(relation_rows(report)) == 17


@pytest.mark.parametrize("period", ["month", "quarter", "year"])
def test_periods_and_dates(amap, period):
    same([SAMPLE], amap, period=period)
    same([SAMPLE], amap, period=period, since=PartialDate.parse("2019-10-24"))
    same([SAMPLE], amap, until=PartialDate.parse("2019-09"), period=period)


def test_every_mapping_rule(tmp_path, amap):
    # one event from each side of test_gdelt.py's mapping cases to the US and back
    sides = [
        ("PSEREB", "HAMAS", "PSE", "", "REB"),
        ("PSEREBHMS", "", "PSE", "", "REB"),
        ("LBNREBHEZ", "", "LBN", "", "REB"),
        ("IGOEUREEC", "THE EU", "", "EEC", "IGO"),
        ("IGOUNO", "UNITED NATIONS", "", "UNO", "IGO"),
        ("IGOUNO", "WORLD BANK", "", "UNO", "IGO"),
        ("USAGOV", "WHITE HOUSE", "USA", "", "GOV"),
        ("USAMED", "CNN", "USA", "", "MED"),
        ("MNCUSA", "EXXON", "USA", "", "MNC"),
        ("PSEGOV", "PALESTINIAN GOVERNMENT", "PSE", "", "GOV"),
        ("PSE", "PALESTINIAN", "PSE", "", ""),
        ("LBN", "LEBANON", "LBN", "", ""),
        ("ARE", "UNITED ARAB EMIRATES", "ARE", "", ""),
        ("ISR", " hamas ", "ISR", "", ""),  # the name wins, trimmed and in capitals
        ("HMS", "", "", "", ""),  # a group code alone is no segment after a country
        ("ISRHMSHEZ", "", "ISR", "", ""),  # the first segment that is a group wins
        ("", "", "", "", ""),
    ]
    us = ("USA", "UNITED STATES", "USA", "", "")
    rows = []
    for i, side in enumerate(sides):
        rows.append(event(actor1=side, actor2=us, eid=str(100 + 2 * i)))
        rows.append(
            event(actor1=us, actor2=side, eid=str(101 + 2 * i), url=f"http://b.example/{i}")
        )
    report = same([write(tmp_path / "e.CSV", rows)], amap)
    pairs = {(r["source"], r["target"]) for r in relation_rows(report)}
    assert {("Hamas", "US"), ("Hezbollah", "US"), ("EU", "US"), ("UN", "US"), ("PA", "US")} <= pairs
    assert ("UAE", "US") in pairs and report.unmapped["MNCUSA"] == 2


def test_bad_rows_with_their_lines(tmp_path, amap):
    lines = [
        event(eid="1"),
        "too\tfew\tcolumns",  # line 2
        event(date="20191399", eid="3"),
        event(goldstein="high", eid="4"),
        event(code="10", goldstein="0.0", eid="5"),  # 010 with its leading zero lost
        event(code="010", goldstein="0.0", eid="6"),
        event(quad="5", eid="7"),
        "",  # a blank line is no row, but counts for the line numbers
        event(date="2019+1+1", eid="9"),
        event(date="20190229", eid="10"),  # 2019 is no leap year
        event(date="20200229", eid="11"),
        event(code="9999", eid="12"),
        event(goldstein="nan", eid="13"),
        event(eid="14") + "\textra",
        event(eid="15"),
        event(eid="15"),  # the same event twice: both kept, both lines
    ]
    path = write(tmp_path / "e.CSV", lines)
    with open(path, "ab") as fh:
        fh.write(event(eid="17").encode("utf-8").replace(b"UNITED", b"UNIT\xffED") + b"\n")
    report = same([path], amap)
    assert [line for _, line, _ in report.bad_lines] == [2, 3, 4, 5, 7, 9, 10, 12, 13, 14, 17]


def test_same_line_failing_twice(tmp_path, amap):
    bad = event(code="10", goldstein="0.0", eid="5")
    report = same([write(tmp_path / "e.CSV", [event(eid="1"), bad, event(eid="2"), bad])], amap)
    assert [line for _, line, _ in report.bad_lines] == [2, 4]


#: Ids and URLs the streaming reader counts but does not keep (``gdelt._clean``): a space or any
#: other whitespace (Unicode's too), a control character, a noncharacter, an empty field, an id
#: with ``;`` (the list's separator) or over 40 characters, a URL over 2,000.
UNKEPT_IDS = ["7 7", "8\u00a08", "9\x0b9", "10\x0110", "11\u300011", "12;12", "", "1" * 41]
UNKEPT_URLS = [
    "http://d.example/a b",
    "http://d.example/\x0c",
    "http://d.example/\x1f",
    "http://d.example/\u2028",
    "http://d.example/\u200a",
    "http://d.example/\x85",
    "http://d.example/\ufffe",
    "",
    "http://d.example/" + "x" * 2000,
]


def test_ids_and_urls_cleaned_as_the_reference_does(tmp_path, amap):
    rows = [event(eid=str(i), url=f"http://d.example/{i}") for i in range(1, 4)]
    rows += [event(eid=str(50 + n), url=url) for n, url in enumerate(UNKEPT_URLS)]
    at_limits = event(eid="0" * 38 + "99", url="http://d.example/" + "y" * 1983)  # both kept
    # the SQL engines take the first ids and URLs in GLOBALEVENTID order (file order in GDELT's
    # exports, where ids ascend); ids that are no number come last, here with a URL seen before
    rows += [at_limits] + [event(eid=eid, url="http://d.example/1") for eid in UNKEPT_IDS]
    report = same([write(tmp_path / "e.CSV", rows)], amap)
    (row,) = relation_rows(report)
    assert row["event_ids"].split(";") == [
        "1", "2", "3", *(str(50 + n) for n in range(len(UNKEPT_URLS))), "0" * 38 + "99",
        f"+{len(UNKEPT_IDS)} more",  # counted, not listed
    ]  # fmt: skip
    assert row["source_urls"].split(" ") == [
        "http://d.example/1", "http://d.example/2", "http://d.example/3",
        "http://d.example/" + "y" * 1983,
    ]  # fmt: skip
    assert row["events"] == str(len(rows))  # every event counts, its id and URL kept or not


def test_more_than_100_events_and_10_urls(tmp_path, amap):
    rows = [event(eid=str(i), url=f"http://c.example/{i % 13}") for i in range(1, 131)]
    report = same([write(tmp_path / "e.CSV", rows)], amap)
    (row,) = relation_rows(report)
    assert row["event_ids"].endswith(";100;+30 more") and len(row["source_urls"].split()) == 10


def test_zips_globs_and_several_files(tmp_path, amap):
    first = write(tmp_path / "a.export.CSV", [event(eid="1"), event(eid="2", date="20191101")])
    second = tmp_path / "b.export.CSV.zip"
    with zipfile.ZipFile(second, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.write(SAMPLE, SAMPLE.name)
    report = same([first, second], amap)
    assert report.files == [str(first), str(second)]
    globbed = ingest_duckdb([str(tmp_path / "*.export.CSV*")], amap)
    assert relation_rows(globbed) == relation_rows(report)


def test_files_that_cannot_be_read(tmp_path, amap):
    with pytest.raises(DiplonetError, match="no file matches"):
        ingest_duckdb([str(tmp_path / "*.CSV")], amap)
    with pytest.raises(DiplonetError, match="file not found"):
        ingest_duckdb([tmp_path / "missing.CSV"], amap)
    with pytest.raises(DiplonetError, match="line 1 has 3 tab-separated columns, expected 61"):
        ingest_duckdb([write(tmp_path / "x.csv", ["a\tb\tc"])], amap)
    zipped = tmp_path / "e.CSV.zip"
    with zipfile.ZipFile(zipped, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.write(SAMPLE, SAMPLE.name)
    data = zipped.read_bytes()
    (tmp_path / "cut.CSV.zip").write_bytes(data[: len(data) // 2])
    for engine in (ingest, ingest_duckdb):
        with pytest.raises(DiplonetError, match=r"cut.CSV.zip: damaged zip file"):
            engine([tmp_path / "cut.CSV.zip"], amap)
    # a zip whose directory is intact but whose data are not
    middle = len(data) // 3
    (tmp_path / "bent.CSV.zip").write_bytes(data[:middle] + bytes(64) + data[middle + 64 :])
    for engine in (ingest, ingest_duckdb):
        with pytest.raises(DiplonetError, match=r"bent.CSV.zip: damaged zip file"):
            engine([tmp_path / "bent.CSV.zip"], amap)


# -- the command: engines, progress, errors ------------------------------------------------------


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_on_a_terminal_only(tmp_path, amap):
    files = [write(tmp_path / f"{i}.CSV", [event(eid=str(i))]) for i in range(3)]
    shown = Terminal()
    ingest_duckdb(files, amap, progress=Progress(3, shown))
    last = shown.getvalue().split("\r")[-1]
    assert last.startswith("files 3/3  rows 3  ") and last.endswith("events kept 3\n")
    assert "rows/s" in last
    piped = io.StringIO()
    ingest_duckdb(files, amap, progress=Progress(3, piped))
    assert piped.getvalue() == ""


def test_cli_engines_write_the_same_file(tmp_path):
    written = {}
    for engine in ("duckdb", "stream"):
        out = tmp_path / f"{engine}.csv"
        result = CliRunner().invoke(
            app, ["ingest", "gdelt", str(SAMPLE), "-o", str(out), "--engine", engine]
        )
        assert result.exit_code == 0, result.output
        assert "read 2111 rows from 1 file" in result.stdout
        written[engine] = out.read_text(encoding="utf-8")
    assert written["duckdb"] == written["stream"]


@pytest.mark.parametrize(
    "args, message",
    [
        (["cut.CSV.zip"], "cut.CSV.zip: damaged zip file"),
        (["*.nothing"], "*.nothing: no file matches"),
        ([], "name one or more GDELT export files"),
        ([str(SAMPLE), "--engine", "spark"], "--engine 'spark': use duckdb, stream, bigquery"),
        ([str(SAMPLE), "--print-sql"], "add --engine bigquery"),
    ],
)
def test_cli_errors(tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "cut.CSV.zip").write_bytes(b"PK\x03\x04 not really a zip")
    result = CliRunner().invoke(app, ["ingest", "gdelt", *args, "-o", "e.csv"])
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert not (tmp_path / "e.csv").exists()


def test_the_sql_refuses_the_characters_the_reference_refuses():
    import re
    import sys

    from diplonet.gdelt import _clean
    from diplonet.gdelt_sql import UNKEPT_CHARACTERS

    # RE2's \x{hex} in Python's syntax, then every code point but the surrogates
    python = re.compile(
        re.sub(r"\\x\{([0-9a-f]+)\}", lambda m: f"\\U{int(m[1], 16):08x}", UNKEPT_CHARACTERS)
    )
    for point in range(sys.maxunicode + 1):
        if 0xD800 <= point <= 0xDFFF:
            continue
        ch = chr(point)
        assert (python.search(ch) is None) == _clean(ch, 1), hex(point)


def test_duckdb_is_imported_by_the_ingest_only():
    import subprocess
    import sys

    # the CLI and the SQL module load without DuckDB, so the other commands start as before
    code = "import sys, diplonet.cli, diplonet.gdelt_sql, diplonet.gdelt_duckdb; print('duckdb' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
