"""The channel model's options on the command line: hostile relays, sensitivity, models, the
backtest, and the bounds every search keeps."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from diplonet.cli import app

from conftest import rel, write_dataset

DATE = ["--as-of", "2021-05-20"]
runner = CliRunner()


def ok(*args):
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def fails(*args):
    result = runner.invoke(app, list(args))
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    return result.stderr


def test_hostile_relays_come_back_marked_on_request():
    plain = json.loads(ok("paths", "Egypt", "Hamas", "-k", "20", *DATE, "--format", "json"))
    assert all(p["hostile_relays"] == [] for p in plain)
    allowed = json.loads(
        ok(
            "paths",
            "Egypt",
            "Hamas",
            "-k",
            "20",
            "--allow-hostile-relays",
            *DATE,
            "--format",
            "json",
        )
    )
    marked = [p for p in allowed if p["hostile_relays"]]
    assert marked and all(set(p["hostile_relays"]) <= set(p["via"]) for p in marked)
    table = ok(
        "paths", "Egypt", "Hamas", "-k", "20", "--allow-hostile-relays", *DATE, "--no-evidence"
    )
    assert "hostile relays allowed (marked !)" in table and "!" in table


def test_sensitivity_adds_documented_keys_and_columns():
    rows = json.loads(
        ok(
            "mediators",
            "Israel",
            "Hamas",
            "--sensitivity",
            "--draws",
            "30",
            *DATE,
            "--format",
            "json",
        )
    )
    for key in ("share_first", "share_found", "rank_low", "rank_high"):
        assert all(key in r for r in rows)
    assert sum(r["share_first"] for r in rows) == pytest.approx(1.0, abs=1e-3)
    assert rows[0]["mediator"] == "Egypt" and rows[0]["rank_low"] == 1
    again = json.loads(
        ok(
            "mediators",
            "Israel",
            "Hamas",
            "--sensitivity",
            "--draws",
            "30",
            *DATE,
            "--format",
            "json",
        )
    )
    assert again == rows  # seeded: reproducible
    table = ok("paths", "US", "PA", "--sensitivity", "--draws", "20", *DATE, "--no-evidence")
    assert "first" in table and "rank range" in table
    got = list(
        csv.DictReader(
            io.StringIO(
                ok(
                    "channels",
                    "US",
                    "Hamas",
                    "--sensitivity",
                    "--draws",
                    "20",
                    *DATE,
                    "--format",
                    "csv",
                )
            )
        )
    )
    assert "share_first" in got[0] and got[0]["path"] == "US;Qatar;Hamas"


def test_tables_say_how_many_types_a_link_combines_and_which_were_lowered():
    out = ok("channels", "US", "Hamas", *DATE, "--no-evidence")
    assert "US–Qatar 0.86 (2 types)" in out  # security cooperation 0.8 and diplomatic 0.6
    assert "US–Turkey 0.48 ↓" in out  # the alliance lowered by the CAATSA sanctions
    assert "--sensitivity ranks the channels to one target" in fails(
        "channels", "US", "Israel", "Hamas", "--sensitivity", *DATE
    )


def test_mediator_records_name_the_credited_actor_and_objections():
    rows = json.loads(ok("mediators", "Israel", "Hamas", *DATE, "--format", "json"))
    for r in rows:
        assert r["mediator"] in r["via"] and r["path"][0] == "Israel" and r["path"][-1] == "Hamas"
        assert r["acceptable"] == (r["objections"] == [])
    pa = next(r for r in rows if r["mediator"] == "PA")
    assert pa["objections"] == ["hostile to Hamas"]


def test_through_a_partner_that_carries_nothing_says_why(tmp_path):
    out = ok("channels", "US", "Hamas", "--through", "Jordan", *DATE)
    assert "No channel from US to Hamas through Jordan: Jordan has no channel link to Hamas" in out
    # M has channel links to both ends, but its rivalry with T outweighs its contact
    data = write_dataset(
        tmp_path / "ds",
        ["S", "T", "M"],
        [
            rel("S", "M", "contact", 0.8),
            rel("M", "T", "contact", 0.3),
            rel("M", "T", "rivalry", 0.6),
        ],
    )
    out = ok("channels", "S", "T", "--through", "M", "--data", str(data), "--as-of", "2010")
    assert "No channel from S to T through M: M is hostile to T (a hostile relay)." in out


def test_spoilers_and_objectors_apart():
    rows = json.loads(ok("spoilers", "US", "Hamas", *DATE, "--format", "json"))
    spoilers = [r["actor"] for r in rows if r["role"] == "spoiler"]
    objectors = {r["actor"]: r for r in rows if r["role"] == "objector"}
    assert spoilers[:2] == ["Iran", "Hezbollah"]
    assert (
        objectors["Israel"]["reason"] == "no capacity" and objectors["Hamas"]["reason"] == "party"
    )
    assert not {"Israel", "EU", "Jordan"} & set(spoilers)


def test_model_v1_reproduces_the_first_rounds_chain():
    rows = json.loads(
        ok(
            "paths",
            "Egypt",
            "Hamas",
            "-k",
            "1",
            "--max-hops",
            "4",
            "--model",
            "v1",
            *DATE,
            "--format",
            "json",
        )
    )
    assert rows[0]["path"] == ["Egypt", "Israel", "US", "Qatar", "Hamas"]
    assert "--model: model must be one of" in fails("paths", "Egypt", "Hamas", "--model", "v9")


@pytest.mark.parametrize(
    "args, message",
    [
        (["paths", "US", "Hamas", "-k", "100000"], "-k must be between 1 and 1000"),
        (["paths", "US", "Hamas", "--max-hops", "99"], "--max-hops must be at most 6"),
        (["channels", "US", "Hamas", "--max-hops", "99"], "--max-hops must be at most 6"),
        (["paths", "US", "Hamas", "--max-hops", "0"], "--max-hops must be at least 1"),
        (
            ["mediators", "Israel", "Hamas", "--sensitivity", "--draws", "0"],
            "--draws must be between 1 and 10000",
        ),
    ],
)
def test_absurd_limits_get_a_clear_message(args, message):
    assert message in fails(*args, *DATE)


def test_paths_k_above_the_routes_there_are_returns_at_once():
    rows = json.loads(
        ok("paths", "US", "Hamas", "-k", "1000", "--max-hops", "2", *DATE, "--format", "json")
    )
    assert 1 <= len(rows) < 1000 and all(len(r["path"]) <= 3 for r in rows)


def test_backtest_reports_both_models_and_every_episode():
    out = json.loads(ok("backtest", "--format", "json"))
    assert set(out["summary"]) == {"v2", "v1"}
    ids = {e["id"] for e in out["episodes"]}
    assert len(ids) >= 15
    for e in out["episodes"]:
        assert e["hit1"] <= e["hit3"] or e["skipped"]
        assert e["as_of"] < e["date"]  # the day before the episode, never after
    v2 = out["summary"]["v2"]
    assert v2["episodes"] + v2["skipped"] == len(ids)
    table = ok("backtest")
    assert "hit@1" in table and "hit@3" in table


def test_backtest_on_a_hand_made_history(tmp_path):
    data = write_dataset(
        tmp_path / "ds",
        ["A", "B", "M", "N"],
        [
            rel("A", "M", "contact", 0.9),
            rel("M", "B", "contact", 0.9),
            rel("A", "N", "contact", 0.5),
            rel("N", "B", "contact", 0.5),
        ],
    )
    (data / "episodes.csv").write_text(
        "id,date,party_a,party_b,kind,primary,secondary,description,source,source_date,note\n"
        "one,2010-05-01,A,B,truce,M,,A truce.,Test source,2010-05-02,\n"
        "two,2010-06-01,A,B,truce,N,M,Another.,Test source,2010-06-02,\n"
        "old,1990-01-01,A,B,truce,N,,Before the ties.,Test source,1990-01-02,\n",
        encoding="utf-8",
    )
    out = json.loads(ok("backtest", "--data", str(data), "--model", "v2", "--format", "json"))
    by_id = {e["id"]: e for e in out["episodes"]}
    assert (by_id["one"]["hit1"], by_id["one"]["top3"]) == (True, ["M", "N"])
    assert (by_id["two"]["hit1"], by_id["two"]["hit3"], by_id["two"]["rank"]) == (False, True, 1)
    assert by_id["old"]["top3"] == [] and by_id["old"]["hit3"] is False
    assert out["summary"]["v2"] == {
        "episodes": 3,
        "skipped": 0,
        "hit1": 1,
        "hit3": 2,
        "hit1_rate": 0.3333,
        "hit3_rate": 0.6667,
    }


def test_backtest_rejects_a_bad_episodes_file(tmp_path):
    data = write_dataset(tmp_path / "ds", ["A", "B", "M"], [rel("A", "M", "contact")])
    (data / "episodes.csv").write_text(
        "id,date,party_a,party_b,kind,primary,secondary,description,source,source_date\n"
        "x,2010-13-01,A,Bee,truce,M,,d,s,2010\n"
        "y,2010-01-01,A,B,truce,,,d,,2010\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["backtest", "--data", str(data)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    err = result.stderr
    assert "episodes.csv:2: column 'date'" in err
    assert "episodes.csv:2: column 'party_b': unknown actor 'Bee'" in err
    assert "episodes.csv:3: column 'primary'" in err and "episodes.csv:3: column 'source'" in err


def test_every_command_has_short_help_an_example_and_says_what_its_score_means():
    from typer.main import get_command

    from diplonet.cli.core import HELP_EXTRA

    from cli_reference import command_paths

    for words in command_paths():
        out = runner.invoke(app, [*words, "-h"]).stdout
        assert "Example:\n    diplonet " in out, words
        score, example = HELP_EXTRA[words[-1]]
        assert example in out and (not score or " ".join(score.split()[:2]) in out)
    assert set(HELP_EXTRA) == {w[-1] for w in command_paths()}
    assert get_command(app).context_settings["help_option_names"] == ["-h", "--help"]


@pytest.mark.parametrize(
    "fmt, name", [("gexf", "network.png"), ("json", "network.gexf"), ("html", "page.txt")]
)
def test_an_export_under_the_wrong_extension_is_refused(tmp_path, fmt, name):
    out = tmp_path / name
    err = fails("export", fmt, "-o", str(out))
    assert f"cannot write {fmt} to {out}" in err and not out.exists()


def test_relations_among_several_actors():
    rows = json.loads(ok("relations", "Qatar", "Hamas", "US", *DATE, "--format", "json"))
    inside = {"Qatar", "Hamas", "US"}
    assert rows and all({r["source"], r["target"]} <= inside for r in rows)
    assert {(r["source"], r["target"], r["type"]) for r in rows} >= {
        ("Qatar", "Hamas", "hosting"),
        ("US", "Hamas", "no_contact"),
        ("US", "Qatar", "security_cooperation"),
    }
    one = json.loads(ok("relations", "Qatar", *DATE, "--format", "json"))
    assert any("Iran" in (r["source"], r["target"]) for r in one)  # one actor: all its ties


def test_one_name_for_a_result_limit():
    # -k and --top mean the same wherever a command limits its answers
    a = json.loads(ok("paths", "US", "Hamas", "-k", "2", *DATE, "--format", "json"))
    b = json.loads(ok("paths", "US", "Hamas", "--top", "2", *DATE, "--format", "json"))
    assert a == b and len(a) == 2
