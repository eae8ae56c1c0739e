"""The command line through typer's test runner: every command, every format, every user error."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from diplonet.cli import app

from conftest import rel, write_dataset
from make_golden import GOLDEN, QUERIES, run

DATE = ["--as-of", "2021-05-20"]
runner = CliRunner()


def invoke(*args, env=None):
    return runner.invoke(app, list(args), env=env)


def ok(*args, **kw):
    result = invoke(*args, **kw)
    assert result.exit_code == 0, result.output
    return result.stdout


def fails(*args, **kw):
    result = invoke(*args, **kw)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    return result.stderr


# -- answers ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_golden_json(name):
    expected = json.loads((GOLDEN / f"{name}.json").read_text(encoding="utf-8"))
    assert run(QUERIES[name]) == expected


@pytest.mark.parametrize(
    "command",
    [["channels", "US", "Hamas"], ["mediators", "Israel", "Hamas"], ["paths", "US", "Hamas"]],
)
def test_json_schema_of_channel_answers(command):
    items = json.loads(ok(*command, *DATE, "--format", "json"))
    assert isinstance(items, list) and items
    # best first (mediators: the acceptable ones first, each tier best first)
    tiers = [
        [it["score"] for it in items if it.get("acceptable", True) is t] for t in (True, False)
    ]
    assert all(scores == sorted(scores, reverse=True) for scores in tiers)
    if command[0] == "mediators":
        flags = [it["acceptable"] for it in items]
        assert flags == sorted(flags, reverse=True)
    for it in items:
        assert 0 < it["score"] <= 1
        assert it["via"] == it["path"][1:-1]
        assert it["as_of"] == "2021-05-20"
        for r in it["relations"]:
            assert {"source", "target", "type", "sign", "evidence", "citation"} <= set(r)
    if command[0] == "mediators":
        assert all(it["path"][0] == "Israel" and it["path"][-1] == "Hamas" for it in items)


def test_channels_table_shows_ranking_context_and_evidence():
    out = ok("channels", "US", "Hamas", *DATE)
    assert "as of 2021-05-20; data curated through 2025-10-15" in out
    assert "hostile ties: no_contact US → Hamas" in out
    lines = out.splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("1  "))
    assert "US → Qatar → Hamas" in lines[first] and "US → Egypt → Hamas" in lines[first + 1]
    assert "Relocation of Hamas's political bureau to Doha, 2012" in " ".join(out.split())
    assert "Relocation" not in ok("channels", "US", "Hamas", *DATE, "--no-evidence")


def test_coverage_table_names_partners_reaching_every_target():
    partners = [x for p in ["Egypt", "Jordan", "Qatar", "Turkey", "UAE"] for x in ("--through", p)]
    out = ok("channels", "US", "Israel", "PA", "Hamas", *partners, *DATE)
    assert "Partners reaching every target: Egypt, Qatar, Turkey" in out
    jordan = next(line for line in out.splitlines() if line.startswith("Jordan"))
    assert jordan.split()[-2:] == ["—", "no"]
    rows = list(
        csv.reader(
            io.StringIO(
                ok("channels", "US", "Israel", "PA", "Hamas", *partners, *DATE, "-f", "csv")
            )
        )
    )
    # one row per partner and target that have a channel (the JSON records, flattened)
    head = rows[0]
    assert head[:2] == ["path", "via"] and {"partner", "target", "reaches_all"} <= set(head)
    got = {(r[head.index("partner")], r[head.index("target")]) for r in rows[1:]}
    assert ("Jordan", "Israel") in got and ("Jordan", "Hamas") not in got
    assert {p for p, _ in got} == {"Egypt", "Jordan", "Qatar", "Turkey", "UAE"}


@pytest.mark.parametrize(
    "command",
    [
        ["channels", "US", "Hamas"],
        ["mediators", "Israel", "Hamas"],
        ["paths", "US", "Hamas"],
        ["actors"],
        ["show", "Qatar"],
        ["relations", "Qatar"],
        ["relations"],
        ["types"],
    ],
)
def test_every_query_speaks_every_format(command):
    extra = DATE if command[0] != "types" else []
    assert ok(*command, *extra).strip()
    json.loads(ok(*command, *extra, "--format", "json"))
    rows = list(csv.reader(io.StringIO(ok(*command, *extra, "--format", "csv"))))
    assert len(rows) >= 2 and all(len(r) == len(rows[0]) for r in rows)


def test_show_groups_ties_by_type_with_dates_and_evidence():
    out = ok("show", "qatar", *DATE)
    assert out.startswith("Qatar: Qatar (state)")
    assert "\nhosting (cooperative, 1)\n" in out
    assert "Qatar → Hamas  2012–" in out
    # the boycott ended at Al-Ula in January 2021 for all four states: shown only with
    # --history; Bahrain alone stayed at odds with Qatar until they restored relations in 2023
    assert "Saudi – Qatar  2017-06-05–2021-01-04" not in out
    assert "Bahrain – Qatar  2017-06-05–2021-01-04" not in out
    assert "Bahrain – Qatar  2021-01-05–2023-04-11" in out
    assert "Saudi – Qatar  2017-06-05–2021-01-04" in ok("show", "qatar", *DATE, "--history")


def test_relations_filter_by_actor_and_date():
    rows = json.loads(ok("relations", "UAE", "--as-of", "2019", "-f", "json"))
    assert rows and all("UAE" in (r["source"], r["target"]) for r in rows)
    assert not any(r["type"] == "normalization" for r in rows)
    later = json.loads(ok("relations", "UAE", *DATE, "-f", "json"))
    assert any(r["type"] == "normalization" and r["target"] == "Israel" for r in later)


def test_scenario_options_apply():
    out = json.loads(ok("channels", "US", "Hamas", *DATE, "--without", "qatar", "-f", "json"))
    assert out[0]["via"] == ["Egypt"] and all("Qatar" not in c["path"] for c in out)
    out = json.loads(
        ok(
            "channels",
            "US",
            "Hamas",
            *DATE,
            "--without-relation",
            "Qatar:Hamas:hosting",
            "-f",
            "json",
        )
    )
    qatar = next(c for c in out if c["via"] == ["Qatar"])
    assert {r["type"] for r in qatar["relations"] if r["target"] == "Hamas"} == {"aid"}
    assert "scenario: without Qatar" in ok("channels", "US", "Hamas", *DATE, "--without", "Qatar")


def test_paths_options():
    out = json.loads(
        ok(
            "paths",
            "US",
            "Hamas",
            *DATE,
            "-k",
            "2",
            "--max-hops",
            "4",
            "--avoid",
            "Qatar",
            "--via",
            "Egypt",
            "-f",
            "json",
        )
    )
    assert len(out) == 2
    assert all("Egypt" in p["path"] and "Qatar" not in p["path"] for p in out)


def test_types_lists_the_vocabulary():
    types = {t["name"]: t for t in json.loads(ok("types", "-f", "json"))}
    assert types["hosting"]["directed"] and types["hosting"]["channel"]
    assert types["no_contact"]["sign"] == -1 and not types["no_contact"]["channel"]


# -- user errors: one message, exit 2, no traceback ------------------------------------------


@pytest.mark.parametrize(
    "args, message",
    [
        (["channels", "US", "Quatar"], "unknown actor 'Quatar' (did you mean: Qatar?)"),
        (["mediators", "Isreal", "Hamas"], "did you mean: Israel"),
        (
            ["paths", "US", "Hamas", "--as-of", "2021-02-30"],
            "--as-of: '2021-02-30': day 30 does not exist",
        ),
        (["channels", "US", "Hamas", "--as-of", "yesterday"], "is not a date"),
        (["channels", "US", "Hamas", "--without", "Atlantis"], "unknown actor 'Atlantis'"),
        (["channels", "US", "Hamas", "--without", "Hamas"], "Hamas is removed from this scenario"),
        (["channels", "US", "Hamas", "--without-relation", "Qatar"], "expected A:B or A:B:TYPE"),
        (["channels", "US", "Hamas", "--without-relation", "Qatar:Hamas:ad"], "unknown type 'ad'"),
        (["channels", "US", "US"], "same actor"),
        (["channels", "US", "Hamas", "--max-hops", "1"], "--max-hops must be at least 2"),
        (["paths", "US", "Hamas", "-k", "0"], "-k must be between 1 and 1000"),
        (["paths", "US", "Hamas", "--avoid", "Hamas"], "--avoid cannot name the source or target"),
        (["channels", "US", "Israel", "Hamas", "--through", "Israel"], "--through cannot name"),
        (["show", "Narnia"], "unknown actor 'Narnia'"),
    ],
)
def test_user_errors_exit_2_with_one_message(args, message):
    err = fails(*args)
    assert message in err
    assert err.count("\n") == 1


def test_unknown_format_is_a_usage_error():
    assert invoke("channels", "US", "Hamas", "--format", "xml").exit_code == 2


def test_invalid_dataset_blocks_every_command(tmp_path):
    ds = write_dataset(
        tmp_path / "bad",
        ["A", "B"],
        [rel("A", "Bee", "contact"), rel("A", "B", "contact", strength=3)],
    )
    for command in (["channels", "A", "B"], ["actors"], ["validate"]):
        err = fails(*command, "--data", str(ds))
        assert "relations.csv:2: column 'target': unknown actor 'Bee'" in err
        assert "relations.csv:3: column 'strength'" in err


def test_validate_clean_dataset_and_env_variable(tmp_path):
    assert ok("validate").startswith("OK: ")
    ds = write_dataset(
        tmp_path / "good", ["A", "B", "C"], [rel("A", "B", "contact"), rel("B", "C", "contact")]
    )
    assert "3 actors, 2 relations" in ok("validate", env={"DIPLONET_DATA": str(ds)})
    out = json.loads(
        ok("channels", "A", "C", "--as-of", "2010", "-f", "json", env={"DIPLONET_DATA": str(ds)})
    )
    # 0.5 × 0.5 × the relay factor 0.8
    assert out[0]["path"] == ["A", "B", "C"] and out[0]["score"] == 0.2


def test_missing_data_directory(tmp_path):
    assert "dataset directory not found" in fails("actors", "--data", str(tmp_path / "none"))


def test_real_process_prints_no_traceback():
    proc = subprocess.run(
        [sys.executable, "-m", "diplonet", "channels", "US", "Quatar"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2
    assert proc.stderr == "error: unknown actor 'Quatar' (did you mean: Qatar?)\n"
    assert proc.stdout == ""


def test_version_and_data_that_is_a_file(tmp_path):
    assert ok("--version").startswith("diplonet ")
    (tmp_path / "notes.txt").write_text("x")
    assert "is a file, not a dataset folder" in fails(
        "actors", "--data", str(tmp_path / "notes.txt")
    )
