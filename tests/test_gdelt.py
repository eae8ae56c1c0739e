"""GDELT ingest on the real 2019 export (tests/data/gdelt, origin in its README) and on rows
written by hand; merge and compare."""

from __future__ import annotations

import csv
import json
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from diplonet.cli import app
from diplonet.dataset import load_dataset
from diplonet.dates import PartialDate
from diplonet.errors import DiplonetError
from diplonet.gdelt import ingest, load_actor_map, relation_rows

SAMPLE = Path(__file__).parent / "data" / "gdelt" / "20191024143000.export.CSV"
LINES = SAMPLE.read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="module")
def amap():
    return load_actor_map(actors=load_dataset().actors)


def event(
    actor1=("USA", "UNITED STATES", "USA", "", ""),
    actor2=("IRN", "IRAN", "IRN", "", ""),
    code="043",
    quad="1",
    goldstein="2.8",
    date="20191024",
    eid="1",
):
    """A GDELT row built from the sample's first line with the fields that matter replaced."""
    f = LINES[0].split("\t")
    f[0], f[1], f[26], f[29], f[30] = eid, date, code, quad, goldstein
    f[5], f[6], f[7], f[8], f[12] = actor1
    f[15], f[16], f[17], f[18], f[22] = actor2
    return "\t".join(f)


def write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# -- the real export -----------------------------------------------------------------------------


def test_real_export_reads_every_row(amap):
    report = ingest([SAMPLE], amap)
    assert (report.rows, report.bad) == (2111, 0)
    assert report.kept + report.unmapped_rows + report.same_actor == 2111
    assert report.kept > 0 and report.unmapped.most_common(1)[0][1] > 0


def test_hamas_is_found_without_its_known_group(amap):
    # Sample line 1139: ISR → PSEREB "HAMAS" with an empty known-group code, event 020, QuadClass
    # 1, Goldstein 3.0, event id 881991970.
    f = LINES[1138].split("\t")
    assert (f[15], f[16], f[18]) == ("PSEREB", "HAMAS", "")
    rows = {(r["source"], r["target"]): r for r in relation_rows(ingest([SAMPLE], amap))}
    r = rows[("Israel", "Hamas")]
    assert "881991970" in r["event_ids"].split(";")
    assert (r["events"], r["verbal_cooperation"], r["goldstein_mean"], r["sign"]) == (
        "1",
        "1",
        "3.0000",
        "+1",
    )
    assert r["start"] == r["end"] == "2019-10"
    assert "weeklyblitz.net" in r["source_urls"]


@pytest.mark.parametrize(
    "code, name, country, group, role, actor",
    [
        ("PSEREB", "HAMAS", "PSE", "", "REB", "Hamas"),
        ("PSEREBHMS", "", "PSE", "", "REB", "Hamas"),  # the known group inside the code
        ("LBNREBHEZ", "", "LBN", "", "REB", "Hezbollah"),
        ("IGOEUREEC", "THE EU", "", "EEC", "IGO", "EU"),
        ("IGOUNO", "UNITED NATIONS", "", "UNO", "IGO", "UN"),
        ("IGOUNO", "WORLD BANK", "", "UNO", "IGO", None),  # UN system, not the UN
        ("USA", "UNITED STATES", "USA", "", "", "US"),
        ("USAGOV", "WHITE HOUSE", "USA", "", "GOV", "US"),
        ("USAMED", "CNN", "USA", "", "MED", None),  # media are not the state
        ("MNCUSA", "EXXON", "USA", "", "MNC", None),  # a US company is not the US
        ("PSEGOV", "PALESTINIAN GOVERNMENT", "PSE", "", "GOV", "PA"),
        ("PSE", "PALESTINIAN", "PSE", "", "", None),  # not necessarily the PA
        ("LBN", "LEBANON", "LBN", "", "", None),  # the Lebanese state is not Hezbollah
        ("ARE", "UNITED ARAB EMIRATES", "ARE", "", "", "UAE"),
    ],
)
def test_actor_mapping_rules(amap, code, name, country, group, role, actor):
    assert amap.actor(code, name, country, group, role) == actor


def test_aggregation_by_hand(tmp_path, amap):
    # US → Iran in October 2019: CAMEO 040 (consult, QuadClass 1, Goldstein 1.0), 180 (unconventional
    # violence, 4, -9.0) and 171 (seize or damage property, 4, -9.2) → 3 events, sum -17.2,
    # mean -5.7333: sign -1, strength 0.573, 'low' confidence below 10 events. Iran → US once, +4.0.
    rows = [
        event(code="040", quad="1", goldstein="1.0", eid="11"),
        event(code="180", quad="4", goldstein="-9.0", eid="12", date="20191003"),
        event(code="171", quad="4", goldstein="-9.2", eid="13", date="20191030"),
        event(
            actor1=("IRN", "IRAN", "IRN", "", ""),
            actor2=("USA", "UNITED STATES", "USA", "", ""),
            code="036",
            goldstein="4.0",
            eid="14",
        ),
    ]
    out = {
        (r["source"], r["target"]): r
        for r in relation_rows(ingest([write(tmp_path / "e.CSV", rows)], amap))
    }
    us_iran = out[("US", "Iran")]
    assert (us_iran["events"], us_iran["verbal_cooperation"], us_iran["material_conflict"]) == (
        "3",
        "1",
        "2",
    )
    assert (us_iran["goldstein_sum"], us_iran["goldstein_mean"]) == ("-17.2000", "-5.7333")
    assert (us_iran["sign"], us_iran["strength"], us_iran["confidence"]) == ("-1", "0.573", "low")
    assert us_iran["event_ids"] == "11;12;13"
    assert out[("Iran", "US")]["sign"] == "+1"


def test_periods(tmp_path, amap):
    rows = [event(date="20190215", eid="1"), event(date="20191130", eid="2")]
    path = write(tmp_path / "e.CSV", rows)
    quarters = [
        (r["start"], r["end"]) for r in relation_rows(ingest([path], amap, period="quarter"))
    ]
    assert quarters == [("2019-01", "2019-03"), ("2019-10", "2019-12")]
    years = relation_rows(ingest([path], amap, period="year"))
    assert [(r["start"], r["end"], r["events"]) for r in years] == [("2019", "2019", "2")]
    with pytest.raises(DiplonetError, match="use month, quarter, year"):
        ingest([path], amap, period="week")


def test_date_filter(amap):
    full = ingest([SAMPLE], amap)
    recent = ingest([SAMPLE], amap, since=PartialDate.parse("2019-10-24"))
    assert 0 < recent.kept < full.kept and recent.out_of_range > 0
    # every row is accounted for: kept, out of range, unmapped, or between an actor and itself
    assert recent.kept + recent.out_of_range + recent.unmapped_rows + recent.same_actor == 2111


def test_bad_rows_are_counted_with_line_numbers(tmp_path, amap):
    good = event(eid="1")
    lines = [
        good,
        "too\tfew\tcolumns",  # line 2
        event(date="20191399", eid="3"),  # line 3: no 99th of December
        event(goldstein="high", eid="4"),  # line 4
        # CAMEO codes are text: 010 is "make a statement" (Goldstein 0.0), 10 is "demand" (-5.0)
        event(code="10", goldstein="0.0", eid="5"),  # line 5: 010 with its leading zero lost
        event(code="010", goldstein="0.0", eid="6"),  # line 6: fine
        event(quad="5", eid="7"),  # line 7
    ]
    report = ingest([write(tmp_path / "e.CSV", lines)], amap)
    assert report.bad == 5 and report.kept == 2
    assert ingest([write(tmp_path / "x.CSV", [event(code="9999", eid="8")])], amap).bad == 1
    assert [(line, reason.split(" ")[0]) for _, line, reason in report.bad_lines] == [
        (2, "3"),
        (3, "bad"),
        (4, "bad"),
        (5, "GoldsteinScale"),
        (7, "bad"),
    ]
    assert (
        "does not match CAMEO code '10' (-5.0): was a leading zero lost?" in report.bad_lines[3][2]
    )


def test_not_a_gdelt_file(tmp_path, amap):
    with pytest.raises(
        DiplonetError,
        match="not a GDELT 2.0 events export: line 1 has 3 tab-separated columns, expected 61",
    ):
        ingest([write(tmp_path / "x.csv", ["a\tb\tc"])], amap)
    with pytest.raises(DiplonetError, match="file not found"):
        ingest([tmp_path / "missing.CSV"], amap)


def test_zipped_export_reads_the_same(tmp_path, amap):
    zipped = tmp_path / "20191024143000.export.CSV.zip"
    with zipfile.ZipFile(zipped, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.write(SAMPLE, SAMPLE.name)
    assert relation_rows(ingest([zipped], amap)) == relation_rows(ingest([SAMPLE], amap))


# -- CLI: ingest, merge, compare -----------------------------------------------------------------


def cli(*args):
    return CliRunner().invoke(app, [str(a) for a in args])


def test_ingest_merge_and_compare(tmp_path):
    out = tmp_path / "events.csv"
    result = cli("ingest", "gdelt", SAMPLE, "-o", out)
    assert result.exit_code == 0, result.output
    assert (
        "read 2111 rows from 1 file" in result.stdout
        and "top unmapped actor codes:" in result.stdout
    )
    with open(out, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert rows and {r["type"] for r in rows} == {"events"}
    # the ingested relations validate and load beside the curated ones
    ds = load_dataset(None, extra_relations=[out])
    assert sum(r.type == "events" for r in ds.relations) == len(rows)
    merged = tmp_path / "merged"
    result = cli("merge", out, "-o", merged)
    assert result.exit_code == 0, result.output
    assert json.loads((merged / "dataset.json").read_text())["relations"] == [
        "relations.csv",
        "events.csv",
    ]
    assert cli("validate", "--data", merged).exit_code == 0
    shown = json.loads(
        cli("relations", "Israel", "--data", merged, "--as-of", "2019-10-24", "-f", "json").stdout
    )
    assert any(r["type"] == "events" and r["target"] == "Hamas" for r in shown)
    # Israel → Hamas: the events were cooperative (+3.0), the curated tie is hostility
    compared = json.loads(cli("compare", out, "-f", "json").stdout)
    israel_hamas = next(r for r in compared if (r["source"], r["target"]) == ("Israel", "Hamas"))
    assert israel_hamas["verdict"] == "disagrees" and israel_hamas["curated_types"] == ["hostility"]
    assert compared[0]["verdict"] == "disagrees"  # disagreements first
    only = json.loads(cli("compare", out, "--disagreements", "-f", "json").stdout)
    assert only and all(r["verdict"] == "disagrees" for r in only)


def test_ingest_report_json(tmp_path):
    result = cli(
        "ingest", "gdelt", SAMPLE, "-o", tmp_path / "e.csv", "--from", "2019-10", "-f", "json"
    )
    report = json.loads(result.stdout)
    assert report["rows"] == 2111 and report["bad"] == 0 and report["out_of_range"] > 0
    assert report["unmapped"] and all(isinstance(n, int) for n in report["unmapped"].values())


@pytest.mark.parametrize(
    "args, message",
    [
        (["ingest", "gdelt", "nope.CSV", "-o", "e.csv"], "nope.CSV: file not found"),
        (["ingest", "gdelt", "notes.txt", "-o", "e.csv"], "not a GDELT 2.0 events export"),
        (["ingest", "gdelt", SAMPLE, "-o", "/proc/diplonet/e.csv"], "does not exist"),
        (
            ["ingest", "gdelt", SAMPLE, "-o", "e.csv", "--period", "week"],
            "use month, quarter, year",
        ),
        (["ingest", "gdelt", SAMPLE, "-o", "e.csv", "--from", "2019-13"], "month 13"),
        (["compare", "notes.txt"], "notes.txt"),
    ],
)
def test_event_user_errors(tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes.txt").write_text("not\ta\tgdelt\tfile\n")
    result = cli(*args)
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert not (tmp_path / "e.csv").exists()
