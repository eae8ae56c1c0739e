"""Time: actor lifetimes, superseded rows, diff, timeline and the channel series, on a hand-made
dataset whose answers are worked out by hand, and the brief's dated changes.

The hand-made dataset (C exists from 2005)::

    S –contact 0.5– A                      2000–
    A –contact 0.4– T                      2000 – 2004-06, then regraded:
    A –contact 0.8– T                      2004-07–
    S –diplomatic 0.6– B                   2002 – 2003-12
    B –contact 0.5– T                      2000–
    S –contact 0.7– C,  C –contact 0.5– T  2005-03–
    S –rivalry 0.3– T                      2000 – 2004
    S –contact 0.2– T                      2005–
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from typer.testing import CliRunner

from diplonet import history
from diplonet.cli import app
from diplonet.dataset import load_dataset
from diplonet.dates import PartialDate
from diplonet.errors import DataError, DiplonetError
from diplonet.network import Network

from conftest import rel, write_dataset

ACTORS = [
    "S",
    "T",
    "A",
    "B",
    {"id": "C", "name": "C", "kind": "state", "groups": "", "aliases": "", "start": "2005"},
]
RELS = [
    rel("S", "A", "contact", 0.5, start="2000"),
    rel("A", "T", "contact", 0.4, start="2000", end="2004-06"),
    rel("A", "T", "contact", 0.8, start="2004-07"),
    rel("S", "B", "diplomatic", 0.6, start="2002", end="2003-12"),
    rel("B", "T", "contact", 0.5, start="2000"),
    rel("S", "C", "contact", 0.7, start="2005-03"),
    rel("C", "T", "contact", 0.5, start="2005-03"),
    rel("S", "T", "rivalry", 0.3, start="2000", end="2004"),
    rel("S", "T", "contact", 0.2, start="2005"),
]


@pytest.fixture
def ds(tmp_path):
    return write_dataset(tmp_path / "ds", ACTORS, RELS)


@pytest.fixture
def net(ds):
    return Network.load(ds, date="2006")


def test_last_day_of_partial_dates():
    assert PartialDate.parse("2020-02").last_day() == dt.date(2020, 2, 29)
    assert PartialDate.parse("2021-12").last_day() == dt.date(2021, 12, 31)
    assert PartialDate.parse("2021").last_day() == dt.date(2021, 12, 31)
    assert PartialDate.parse("2021-03-04").last_day() == dt.date(2021, 3, 4)


def test_actor_exists_only_within_its_dates(net):
    assert "C" in net.actors and "C" not in net.as_of("2004").actors
    with pytest.raises(DiplonetError, match="C does not exist on 2004 \\(it exists 2005–\\)"):
        net.as_of("2004").resolve("C")


def test_relations_must_fall_within_their_actors_lives(tmp_path):
    actors = [
        *ACTORS[:4],
        {
            "id": "C",
            "name": "C",
            "kind": "state",
            "groups": "",
            "aliases": "",
            "start": "2005",
            "end": "2010",
        },
    ]
    bad = write_dataset(
        tmp_path / "bad",
        actors,
        [rel("S", "C", "contact", start="2004-12"), rel("C", "T", "contact", start="2006")],
    )
    with pytest.raises(DataError) as info:
        load_dataset(bad)
    messages = [str(p) for p in info.value.problems]
    assert any(
        "relations.csv:2: column 'start': 2004-12 is before C exists (from 2005)" in m
        for m in messages
    )
    assert any(
        "relations.csv:3: column 'end': the relation outlives C, which ends 2010" in m
        for m in messages
    )


def test_later_row_of_a_tie_supersedes_the_earlier_in_a_partial_date(net):
    # In 2004 both gradings of A–T were in force at some point; the later one stands.
    links = net.as_of("2004").relations_between("A", "T")
    assert [r.strength for r in links] == [0.8]
    assert [r.strength for r in net.as_of("2004-05").relations_between("A", "T")] == [0.4]


def test_diff_by_hand(net):
    d = history.diff(net, "2001", "2006", channel_ends=("S", "T"))
    changes = {
        (c.change, c.relation.source, c.relation.target, c.relation.type) for c in d.relations
    }
    assert changes == {
        ("appeared", "S", "C", "contact"),
        ("appeared", "C", "T", "contact"),
        ("appeared", "S", "T", "contact"),
        ("ended", "S", "T", "rivalry"),
        ("stronger", "A", "T", "contact"),
        ("between", "S", "B", "diplomatic"),
    }
    assert d.actors_appeared == ["C"] and d.actors_gone == []
    assert [(s.a, s.b, round(s.before, 6), round(s.after, 6)) for s in d.signs] == [
        ("S", "T", -0.3, 0.2)
    ]
    chan = {
        c.via: (
            c.change,
            c.before and round(c.before.score, 6),
            c.after and round(c.after.score, 6),
        )
        for c in d.channels
    }
    # one-intermediary channels cost the relay factor 0.8: A 0.5 × 0.4 × 0.8 = 0.16, then
    # 0.5 × 0.8 × 0.8 = 0.32; C 0.7 × 0.5 × 0.8 = 0.28
    assert chan == {("A",): ("stronger", 0.16, 0.32), ("C",): ("new", None, 0.28)}


def test_diff_lost_channel_and_date_order(net):
    d = history.diff(net, "2003-06", "2006", channel_ends=("S", "T"))
    assert {c.via: c.change for c in d.channels}[("B",)] == "lost"
    with pytest.raises(DiplonetError, match="first date \\(2006\\) is after the second"):
        history.diff(net, "2006", "2001")


def test_timeline_orders_events_and_filters(net):
    events = history.timeline(net)
    assert [e.date.sort_key() for e in events] == sorted(e.date.sort_key() for e in events)
    assert (str(events[-1].date), events[-1].kind) == ("2005-03", "began")
    only_b = history.timeline(net, ["B"])
    assert [(str(e.date), e.kind, e.relation.type) for e in only_b] == [
        ("2000", "began", "contact"),
        ("2002", "began", "diplomatic"),
        ("2003-12", "ended", "diplomatic"),
    ]
    assert [e.kind for e in history.timeline(net, ["C"])] == ["actor appears", "began", "began"]
    assert len(history.timeline(net, since="2004", until="2004-12")) == 3  # ended ×2, began 0.8


def test_channel_series_by_hand(net):
    # Each intermediary costs the relay factor 0.8. 2000: via A 0.5 × 0.4 × 0.8 = 0.16; 2002:
    # via B 0.6 × 0.5 × 0.8 = 0.24; B's tie ends 2003-12, so from 2004-01-01 A again (0.16);
    # A–T regraded from 2004-07-01: 0.32; the direct contact from 2005-01-01 (0.2) changes the
    # direct link only; C's channel (0.28) never beats A's.
    series = history.channel_series(net, "S", "T", since="2000")
    got = [
        (p.date.isoformat(), p.best.via if p.best else None, round(p.score, 6), p.direct)
        for p in series
    ]
    assert got == [
        ("2000-01-01", ("A",), 0.16, None),
        ("2002-01-01", ("B",), 0.24, None),
        ("2004-01-01", ("A",), 0.16, None),
        ("2004-07-01", ("A",), 0.32, None),
        ("2005-01-01", ("A",), 0.32, 0.2),
    ]
    assert series[3].events[0].relation.strength == 0.8  # the regrading that moved it, first


# -- the brief's dated changes ------------------------------------------------------------------


def test_gulf_rift_came_and_went_between_2016_and_2022():
    d = history.diff(Network.load(), "2016", "2022")
    between = {(c.relation.source, c.relation.target) for c in d.relations if c.change == "between"}
    assert {("Saudi", "Qatar"), ("UAE", "Qatar"), ("Egypt", "Qatar")} <= between


def test_us_channels_to_palestinians_closed_2018_19_and_reopened_2021(brief_net):
    def us_pa(date):
        return {r.type for r in brief_net.as_of(date).relations_between("US", "PA")}

    assert {"diplomatic", "contact", "aid"} <= us_pa("2018-06")
    # and Abbas's refusal of the US as mediator (13 December 2017) was in force
    assert us_pa("2020-06") == {"security_cooperation", "rejects_mediator"}
    assert {"contact", "aid"} <= us_pa("2021-05-20")


def test_normalization_accords_appear_in_the_2019_2021_diff(brief_net):
    d = history.diff(brief_net, "2019", "2021-05-20", channel_ends=("US", "Hamas"))
    appeared = {(c.relation.source, c.relation.type) for c in d.relations if c.change == "appeared"}
    assert {
        ("UAE", "normalization"),
        ("Bahrain", "normalization"),
        ("Morocco", "normalization"),
    } <= appeared
    assert {c.via[0]: c.change for c in d.channels}["Qatar"] == "same"


# -- CLI ---------------------------------------------------------------------------------------


def cli(*args):
    return CliRunner().invoke(app, list(args))


def test_diff_and_timeline_speak_every_format(ds):
    for args in (
        ["diff", "2001", "2006", "--channels", "S", "T"],
        ["timeline", "B"],
        ["timeline", "--channel", "S", "T", "--from", "2000"],
    ):
        for fmt in ("table", "json", "csv"):
            result = cli(*args, "--data", str(ds), "--format", fmt)
            assert result.exit_code == 0, result.output
    out = json.loads(
        cli("diff", "2001", "2006", "--channels", "S", "T", "--data", str(ds), "-f", "json").stdout
    )
    assert out["from"] == "2001" and out["to"] == "2006"
    assert {c["change"] for c in out["channels"]["changes"]} == {"stronger", "new"}


def test_timeline_channel_picture(ds, tmp_path):
    target = tmp_path / "series.png"
    result = cli(
        "timeline",
        "--channel",
        "S",
        "T",
        "--from",
        "2000",
        "--to",
        "2006",
        "--data",
        str(ds),
        "-o",
        str(target),
    )
    assert result.exit_code == 0, result.output
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize(
    "args, message",
    [
        (["diff", "2006", "2001"], "is after the second"),
        (["diff", "2001", "2021-02-30"], "DATE2: '2021-02-30'"),
        (["timeline", "-o", "x.png"], "give --channel SOURCE TARGET"),
        (["timeline", "--channel", "S", "T", "-o", "x.gif"], "unknown extension '.gif'"),
        (
            ["timeline", "--channel", "S", "T", "-o", "/nonexistent/dir/x.png"],
            "folder /nonexistent/dir does not exist",
        ),
        (["timeline", "--from", "2010", "--to", "2001"], "--from 2010 is after --to 2001"),
        (["timeline", "Q"], "unknown actor 'Q'"),
    ],
)
def test_time_user_errors(ds, args, message):
    result = cli(*args, "--data", str(ds))
    assert result.exit_code == 2, result.output
    assert message in result.stderr


def test_failed_picture_leaves_the_old_file(ds, tmp_path, monkeypatch):
    target = tmp_path / "keep.png"
    target.write_bytes(b"good old file")

    def broken(self, *a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("matplotlib.figure.Figure.savefig", broken)
    result = cli("timeline", "--channel", "S", "T", "--data", str(ds), "-o", str(target))
    assert result.exit_code == 2 and "No space left on device" in result.stderr
    assert target.read_bytes() == b"good old file"
    assert [p.name for p in tmp_path.iterdir()] == ["keep.png", "ds"] or sorted(
        p.name for p in tmp_path.iterdir()
    ) == ["ds", "keep.png"]


def test_timeline_between_keeps_ties_among_the_actors(net, ds):
    events = history.timeline(net, ["S", "B"], between=True)
    assert [(e.kind, e.relation.type) for e in events] == [
        ("began", "diplomatic"),
        ("ended", "diplomatic"),
    ]
    result = cli("timeline", "--between", "--data", str(ds))
    assert result.exit_code == 2 and "--between needs the actors" in result.stderr


def test_a_long_diff_table_says_how_many_more_changes_the_json_holds(monkeypatch):
    from diplonet.cli import history as cli_history

    monkeypatch.setattr(cli_history, "SHOWN", 3)
    table = CliRunner().invoke(app, ["diff", "2019", "2021-05-20"])
    full = json.loads(CliRunner().invoke(app, ["diff", "2019", "2021-05-20", "-f", "json"]).stdout)
    assert table.exit_code == 0
    assert (
        f"... {len(full['relations']) - 3:,} more changes (all in --format csv or json)"
        in table.stdout
    )
