"""diplonet.assess on a hand-made network, and the brief's analyses on the shipped data.

The hand-made network (all in force in 2010; blocs W, N, R)::

    S (W) –diplomatic 0.8, alliance 0.5– M (N) –hosting 0.9→ T (R)
    S –no_contact 1.0→ T
    X (R) –sponsorship 0.7→ T;   X –hostility 1.0– S;   M –contact 0.3, rivalry 0.3– X
    Y (W) –diplomatic 0.6– S;    Y –hostility 0.5– T
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from diplonet import balance, brokerage, mediation, resilience
from diplonet.cli import app
from diplonet.errors import DiplonetError

from conftest import rel

ACTORS = [
    {"id": i, "name": i, "kind": "state", "groups": g, "aliases": "", "bloc": b}
    for i, b, g in [
        ("S", "W", "Club"),
        ("T", "R", ""),
        ("M", "N", "Club"),
        ("X", "R", ""),
        ("Y", "W", ""),
    ]
]
RELS = [
    rel("S", "M", "diplomatic", 0.8),
    rel("S", "M", "alliance", 0.5),
    rel("M", "T", "hosting", 0.9),
    rel("S", "T", "no_contact", 1.0),
    rel("X", "T", "sponsorship", 0.7),
    rel("X", "S", "hostility", 1.0),
    rel("M", "X", "contact", 0.3),
    rel("M", "X", "rivalry", 0.3),
    rel("Y", "S", "diplomatic", 0.6),
    rel("Y", "T", "hostility", 0.5),
]


@pytest.fixture
def hand(make_net):
    return make_net(ACTORS, RELS)


def test_signed_graph_nets_each_pair(hand):
    G = balance.signed_graph(hand)
    assert (
        G["S"]["M"]["sign"] == 1
        and G["S"]["M"]["net"] == pytest.approx(1.3)
        and G["S"]["M"]["weight"] == 1.0
    )
    assert G["S"]["T"]["sign"] == -1 and G["Y"]["T"]["weight"] == 0.5
    # contact 0.3 and rivalry 0.3 cancel: M–X is ambivalent and left out
    assert not G.has_edge("M", "X")
    assert [(a, b) for a, b, _ in G.graph["ambivalent"]] == [("M", "X")]


def test_balance_by_hand(hand):
    # Triangles: S-M-T (+ + -) unbalanced, pivot M; S-X-T (- + -) and S-Y-T (+ - -) balanced.
    # Every unbalanced cycle (S-M-T, S-M-T-X, S-M-T-Y) runs through S–M and M–T, so removing one
    # of them balances the network: frustration index 1.
    rep = balance.balance(hand)
    assert (rep.triads["balanced"], rep.triads["unbalanced"]) == (2, 1)
    assert rep.triads["triads"][0].pivot == "M"
    assert rep.frustration.index == 1
    assert rep.frustration.frustrated[0] in (("S", "M"), ("M", "T"), ("M", "S"), ("T", "M"))


def test_brokers_by_hand(hand):
    # Channel arcs: S↔M, M→T, X→T, S↔Y, M↔X. M brokers (S,T), (S,X), (X,S): three liaisons
    # (W, N, R all differ). S brokers (M,Y): gatekeeper, and (Y,M): representative.
    rows = {r.actor: r for r in brokerage.brokers(hand)}
    assert rows["M"].roles == {
        "coordinator": 0,
        "itinerant": 0,
        "gatekeeper": 0,
        "representative": 0,
        "liaison": 3,
        "total": 3,
    }
    assert rows["S"].roles["gatekeeper"] == 1 and rows["S"].roles["representative"] == 1
    assert sum(r.roles["total"] for r in rows.values()) == 5
    assert [r.actor for r in brokerage.brokers(hand)][:2] == ["M", "S"]
    assert rows["M"].group == "N"


def test_group_partitions(hand):
    assert brokerage.group_labels(hand, "kind") == dict.fromkeys("STMXY", "state")
    assert brokerage.group_labels(hand, "club")["M"] == "Club"
    assert brokerage.group_labels(hand, "club")["T"] == "not Club"
    with pytest.raises(DiplonetError, match="did you mean: Club"):
        brokerage.group_labels(hand, "Clob")


def test_spoilers_by_hand(hand):
    # Stedman: motive and capacity. X is hostile to S (1.0) and sponsors T (0.7): a spoiler,
    # score 1.0 × 0.7. Y is hostile to T (0.5) but only has diplomatic ties with S: the motive
    # without the capacity, an objector. S and T, hostile to each other, are the parties.
    found = mediation.spoilers(hand, "S", "T")
    assert [(s.actor, s.against, s.backs, round(s.score, 6)) for s in found] == [
        ("X", "S", "T", 0.7),
    ]
    assert found[0].also_backs == ()
    assert [r.type for r in found[0].hostile_relations] == ["hostility"]
    objecting = mediation.objectors(hand, "S", "T")
    assert [(o.actor, o.against, o.reason) for o in objecting] == [
        ("S", "T", "party"),
        ("T", "S", "party"),
        ("Y", "T", "no capacity"),
    ]


def test_the_channel_s_carriers_are_never_its_spoilers(make_net):
    # M carries S→T and is hostile to nobody's channel... but even when M turns hostile to S's
    # rival Z and funds T, it is a carrier, not a spoiler; Z funds S and is hostile to M: spoiler.
    net = make_net(
        ["S", "T", "M", "Z"],
        [
            rel("S", "M", "contact", 0.8),
            rel("M", "T", "aid", 0.8),
            rel("Z", "M", "hostility", 0.6),
            rel("Z", "S", "aid", 0.5),
        ],
    )
    assert [(s.actor, s.against, s.backs) for s in mediation.spoilers(net, "S", "T")] == [
        ("Z", "M", "S")
    ]


def test_mediator_profile_by_hand(hand):
    # M: tie to S = 0.8 + ½ (0.9 - 0.8) = 0.85, tie to T = 0.9 → lean -0.03 (even-handed).
    # Leverage over S: the mutual alliance 0.5; over T: its hosting 0.9. It shares "Club" with
    # S. X reaches S only through M (hostile to S itself): second, with its objection.
    p, x = mediation.mediator_profiles(hand, "S", "T")
    assert (p.mediator, round(p.lean, 4), p.leans_to()) == ("M", -0.0286, None)
    assert (x.mediator, x.objections, x.tie_a) == ("X", ("hostile to S",), 0.0)
    assert (p.leverage_a, p.leverage_b) == (pytest.approx(0.5), pytest.approx(0.9))
    assert (p.shared_a, p.shared_b) == (("Club",), ())


def test_resilience_by_hand(hand):
    rep = resilience.channel_resilience(hand, "S", "T")
    assert rep.result.connectivity == 1 and rep.result.single_points == ["M"]
    assert rep.impact == {"M": None}
    assert rep.best.path == ("S", "M", "T") and rep.direct is None


# -- the brief ---------------------------------------------------------------------------------


def test_the_briefs_spoilers_come_first(brief_net):
    # "retrograde elements, including Iran, Hezbollah" (the brief): hostile to the US, backing Hamas.
    found = mediation.spoilers(brief_net, "US", "Hamas")
    assert [(s.actor, s.against, s.backs) for s in found[:2]] == [
        ("Iran", "US", "Hamas"),
        ("Hezbollah", "US", "Hamas"),
    ]


def test_partners_stand_in_unbalanced_triads(brief_net):
    triads = balance.balance(brief_net).triads["triads"]
    pivots = {frozenset(t.nodes): t.pivot for t in triads if not t.balanced}
    assert pivots[frozenset({"US", "Qatar", "Hamas"})] == "Qatar"
    assert pivots[frozenset({"Israel", "Egypt", "Hamas"})] == "Egypt"


def test_us_hamas_channels_have_no_single_point_of_failure(brief_net):
    rep = resilience.channel_resilience(brief_net, "US", "Hamas")
    assert rep.result.single_points == [] and rep.result.connectivity >= 3
    assert {"Qatar", "Egypt"} <= set(rep.result.cut)
    assert rep.impact["Qatar"].score < rep.best.score


def test_qatar_leans_to_hamas_egypt_is_even_handed(brief_net):
    profiles = {p.mediator: p for p in mediation.mediator_profiles(brief_net, "Israel", "Hamas")}
    assert profiles["Qatar"].leans_to() == "Hamas" and profiles["Qatar"].leverage_b > 0.9
    assert profiles["Egypt"].leans_to() is None


def test_profiles_of_the_k_best_are_the_first_k(brief_net):
    every = mediation.mediator_profiles(brief_net, "Israel", "Hamas")
    assert len(every) > 3
    assert mediation.mediator_profiles(brief_net, "Israel", "Hamas", k=3) == every[:3]


# -- CLI -------------------------------------------------------------------------------------

DATE = ["--as-of", "2021-05-20"]


@pytest.mark.parametrize(
    "command",
    [
        ["brokers"],
        ["brokers", "--groups", "kind"],
        ["balance"],
        ["resilience", "US", "Hamas"],
        ["spoilers", "US", "Hamas"],
        ["mediators", "Israel", "Hamas", "--explain"],
    ],
)
def test_analysis_commands_speak_every_format(command):
    runner = CliRunner()
    for fmt in ("table", "json", "csv"):
        result = runner.invoke(app, [*command, *DATE, "--format", fmt])
        assert result.exit_code == 0, result.output
        if fmt == "json":
            json.loads(result.stdout)
    assert "as of 2021-05-20" in runner.invoke(app, [*command, *DATE]).stdout


def test_balance_json_names_the_frustrated_ties():
    out = json.loads(CliRunner().invoke(app, ["balance", *DATE, "-f", "json"]).stdout)
    assert out["frustration"]["exact"] and out["frustration"]["index"] == len(
        out["frustration"]["frustrated"]
    )
    assert out["balanced"] + out["unbalanced"] == sum(out["by_pattern"].values())


@pytest.mark.parametrize(
    "args, message",
    [
        (["brokers", "--groups", "Quartett"], "did you mean: Quartet"),
        (["balance", "--method", "fast"], "'fast' is not one of 'auto', 'exact', 'heuristic'"),
        (["resilience", "US", "usa"], "same actor"),
        (["spoilers", "US", "Hamaz"], "did you mean: Hamas"),
    ],
)
def test_analysis_user_errors(args, message):
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2 and message in result.stderr


def test_a_mediator_reaching_both_parties_through_relays_has_no_lean(make_net):
    # M reaches A through R and B through Q: it has no direct tie to either, so no lean to
    # measure (not "even-handed")
    net = make_net(
        ["A", "B", "M", "R", "Q"],
        [
            rel("A", "R", "contact", 0.8),
            rel("R", "M", "contact", 0.8),
            rel("M", "Q", "contact", 0.8),
            rel("Q", "B", "contact", 0.8),
        ],
    )
    (p,) = [p for p in mediation.mediator_profiles(net, "A", "B") if p.mediator == "M"]
    assert p.lean is None and p.leans_to() is None
    assert p.to_dict(net)["lean"] is None and p.channel.path == ("A", "R", "M", "Q", "B")


def test_a_large_cut_is_summarised_in_the_table(tmp_path):
    """Between two actors with 30 partners in common, the table lists the 20 strongest of the
    30 disjoint channels and cut members, and the cut members that leave the best channel
    unchanged are counted, not listed; the JSON still holds every one."""
    from conftest import write_dataset

    partners = [f"M{i:02d}" for i in range(30)]
    rows = []
    for i, m in enumerate(partners):
        rows += [rel("S", m, "diplomatic", 0.3 + i / 50), rel(m, "T", "diplomatic", 0.9)]
    folder = write_dataset(tmp_path / "ds", ["S", "T", *partners], rows)
    args = ["resilience", "S", "T", "--data", str(folder), "--as-of", "2010"]
    text = CliRunner().invoke(app, args)
    assert text.exit_code == 0, text.output
    out = text.stdout
    best = "S → M29 → T"  # the strongest tie to S
    assert "The 20 strongest are shown; --format json lists all 30." in out
    assert out.count(" → T ") == 20 + 1 + 1  # 20 channels, the best now, M29's replacement
    assert "(30): M00, M01," in out and " and 10 more" in out
    assert f"best channel now: {best}" in out and "M29      S → M28 → T" in out
    assert "Without any one of the other 29 members of the cut, the best channel stays" in out
    data = json.loads(CliRunner().invoke(app, [*args, "-f", "json"]).stdout)
    assert len(data["disjoint_channels"]) == 30 and len(data["without"]) == 30


@pytest.mark.parametrize("pair", [("US", "Hamas"), ("Israel", "Hamas"), ("Iran", "Israel")])
def test_spoilers_and_objectors_together_are_each_alone(brief_net, pair):
    both = mediation.spoilers_and_objectors(brief_net, *pair)
    assert both == (mediation.spoilers(brief_net, *pair), mediation.objectors(brief_net, *pair))
    assert both[0] or both[1]
