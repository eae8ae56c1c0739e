"""The Python API: every CLI query through both gives the same answer; scenarios never change
the original; figures come without global state; notebooks get a summary and a diagram."""

from __future__ import annotations

import json
import subprocess
import sys

import networkx as nx
import pandas as pd
import pytest
from typer.testing import CliRunner

import diplonet as dn
from diplonet.api import StakeholderNetwork, to_records
from diplonet.cli import app

from conftest import REPO

DATE = "2021-05-20"
PARTNERS = ["Egypt", "Jordan", "Qatar", "Turkey", "UAE"]


@pytest.fixture(scope="module")
def net() -> StakeholderNetwork:
    return dn.load(date=DATE)


def cli_json(*args):
    result = CliRunner().invoke(app, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def with_date(args):
    return [*args, "--as-of", DATE]


# (CLI arguments, API call, where the list lives in the CLI's JSON)
CASES = [
    (["channels", "US", "Hamas"], lambda n: n.channels("US", "Hamas"), None),
    (
        ["channels", "US", "Hezbollah", "--max-hops", "3"],
        lambda n: n.channels("US", "Hezbollah", max_hops=3),
        None,
    ),
    (
        [
            "channels",
            "US",
            "Israel",
            "PA",
            "Hamas",
            *[x for p in PARTNERS for x in ("--through", p)],
        ],
        lambda n: n.channels("US", "Israel", "PA", "Hamas", through=PARTNERS),
        None,
    ),
    (["mediators", "Israel", "Hamas"], lambda n: n.mediators("Israel", "Hamas"), None),
    (
        ["mediators", "Israel", "Hamas", "--explain"],
        lambda n: n.mediators("Israel", "Hamas", explain=True),
        None,
    ),
    (
        ["paths", "US", "Hamas", "-k", "4", "--avoid", "Qatar"],
        lambda n: n.paths("US", "Hamas", k=4, avoid=["Qatar"]),
        None,
    ),
    (["actors"], lambda n: n.actors(), None),
    (["relations", "Qatar"], lambda n: n.relations("Qatar"), None),
    (["relations", "--history"], lambda n: n.relations(history=True), None),
    (["show", "Jordan"], lambda n: n.show("Jordan"), "relations"),
    (["brokers"], lambda n: n.brokers(), None),
    (["brokers", "--groups", "Abraham Accords"], lambda n: n.brokers("Abraham Accords"), None),
    (["balance"], lambda n: n.balance(), "triads"),
    (["balance", "--all"], lambda n: n.balance(all=True), "triads"),
    (["resilience", "US", "Hamas"], lambda n: n.resilience("US", "Hamas"), "disjoint_channels"),
    (["spoilers", "US", "Hamas"], lambda n: n.spoilers("US", "Hamas"), None),
]


@pytest.mark.parametrize("args, call, key", CASES, ids=[" ".join(c[0]) for c in CASES])
def test_api_rows_match_cli_json(net, args, call, key):
    expected = cli_json(*with_date(args))
    df = call(net)
    assert isinstance(df, pd.DataFrame)
    if key is None:
        assert to_records(df) == expected
    else:
        assert to_records(df) == expected.pop(key)
        # the rest of the answer travels in attrs (show: the actor's own record)
        rest = df.attrs["actor"] if "actor" in df.attrs else {k: df.attrs[k] for k in expected}
        assert rest == expected


def test_types_and_time_queries_match_the_cli(net):
    assert to_records(net.types()) == cli_json("types")
    d = cli_json("diff", "2019", DATE, "--channels", "US", "Hamas")
    df = net.diff("2019", DATE, channels=("US", "Hamas"))
    assert to_records(df) == d.pop("relations")
    assert {k: df.attrs[k] for k in d} == d
    assert to_records(net.timeline("US", "PA", between=True, until="2021-05-31")) == cli_json(
        "timeline", "US", "PA", "--between", "--to", "2021-05-31"
    )
    assert to_records(net.timeline(channel=("US", "Hamas"), until="2021-05-31")) == cli_json(
        "timeline", "--channel", "US", "Hamas", "--to", "2021-05-31"
    )


def test_compare_matches_the_cli(net):
    events = str(REPO / "tests" / "data" / "gdelt" / "events-2019-10.csv")
    assert to_records(net.compare(events)) == cli_json("compare", events)


def test_coverage_table(net):
    table = net.coverage("US", ["Israel", "PA", "Hamas"], through=PARTNERS)
    assert list(table.columns) == ["US link", "Israel", "PA", "Hamas", "reaches all"]
    assert table.attrs["reaching_all"] == ["Egypt", "Qatar", "Turkey"]
    # US–Egypt: aid 0.8 + ½ (noisy-or 0.92 - 0.8) = 0.86; × Egypt–Hamas 0.8 × relay factor 0.8
    assert table.loc["Egypt", "Hamas"] == pytest.approx(0.86 * 0.8 * 0.8)
    assert pd.isna(table.loc["Jordan", "Hamas"])


def test_scenarios_return_new_networks(net):
    before = net.channels("US", "Hamas")
    no_qatar = net.without("Qatar")
    assert "Qatar" not in no_qatar.actors()["id"].tolist()
    assert "Qatar" in net.actors()["id"].tolist()
    assert net.channels("US", "Hamas").equals(before)
    assert no_qatar.date == net.date
    older = net.as_of("2019")
    assert str(older.date) == "2019" and str(net.date) == DATE
    trimmed = net.without_relation("Qatar", "Hamas", "aid")
    assert set(trimmed.relations("Qatar")["type"]) >= {"hosting"} and "aid" not in set(
        trimmed.relations("Qatar").query("target == 'Hamas'")["type"]
    )


def test_graphs_are_networkx(net):
    assert isinstance(net.graph, nx.MultiDiGraph) and net.graph.number_of_edges() == len(
        net.relations()
    )
    assert isinstance(net.channel_graph, nx.Graph)
    assert {d["sign"] for _, _, d in net.signed_graph.edges(data=True)} == {1, -1}


def test_plot_returns_a_figure_without_touching_pyplot():
    code = (
        "import sys, diplonet as dn\n"
        "fig = dn.load(date='2021-05-20').plot(highlight=('US', 'Hamas'))\n"
        "from matplotlib.figure import Figure\n"
        "assert isinstance(fig, Figure)\n"
        "print('matplotlib.pyplot' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "False"


def test_notebook_display(net):
    html = net._repr_html_()
    assert "<table>" in html and "<svg" in html
    assert f"<td style='text-align:left'>{DATE}</td>" in html
    assert repr(net).startswith("<StakeholderNetwork: 25 actors")


def test_api_errors_are_diplonet_errors(net):
    with pytest.raises(dn.UnknownActorError, match="did you mean: Qatar"):
        net.channels("US", "Quatar")
    with pytest.raises(TypeError):
        net.channels("US")
