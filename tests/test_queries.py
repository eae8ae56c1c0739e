"""Mediation queries on a hand-made network whose answers are derived by hand, and the brief's
claims on the shipped data.

The hand-made network (all ties in force in 2010), under the v2 rules (relay factor 0.8)::

    S –contact 0.5, aid 0.5– A        link S–A = 0.5 + ½ (0.75 - 0.5) = 0.625
    A –contact 0.8– T                  link A–T = 0.8
    S –diplomatic 0.9– B               link S–B = 0.9
    B –contact 0.5– T                  link B–T = 0.5
    S –contact 0.9– C –alliance 1.0– A
    C –hostility– T                    no channel, and C may not relay to T
    B –contact 0.5– D –contact 0.6– T
    S –no_contact→ T                   no direct channel

Channels S→T with one intermediary: A (0.625 × 0.8 × 0.8 = 0.4), B (0.9 × 0.5 × 0.8 = 0.36);
C is hostile to T. Up to three hops add S–B–D–T (0.9 × 0.5 × 0.6 × 0.8² = 0.1728); S–C–A–T
(0.9 × 1.0 × 0.8 × 0.8² = 0.4608) only with hostile relays allowed, marked.
"""

import pytest

from diplonet import mediation, paths
from diplonet.errors import DiplonetError
from diplonet.scoring import V1

from conftest import rel

HAND = [
    rel("S", "A", "contact", 0.5),
    rel("S", "A", "aid", 0.5),
    rel("A", "T", "contact", 0.8),
    rel("S", "B", "diplomatic", 0.9),
    rel("B", "T", "contact", 0.5),
    rel("S", "C", "contact", 0.9),
    rel("C", "A", "alliance", 1.0),
    rel("C", "T", "hostility", 1.0),
    rel("B", "D", "contact", 0.5),
    rel("D", "T", "contact", 0.6),
    rel("S", "T", "no_contact", 1.0),
    rel("S", "B", "contact", 0.9, start="1990", end="1995"),  # ended: must not count in 2010
]


@pytest.fixture
def hand(make_net):
    return make_net(["S", "T", "A", "B", "C", "D"], HAND)


def routes_of(found):
    return [(c.path, round(c.score, 6)) for c in found]


def test_channels_one_intermediary(hand):
    assert routes_of(paths.channels(hand, "S", "T")) == [
        (("S", "A", "T"), 0.4),
        (("S", "B", "T"), 0.36),
    ]


def test_channels_carry_their_relations(hand):
    best = paths.channels(hand, "S", "T")[0]
    assert best.via == ("A",)
    assert [(r.source, r.target, r.type) for r in best.relations] == [
        ("S", "A", "contact"),
        ("S", "A", "aid"),
        ("A", "T", "contact"),
    ]
    d = best.to_dict(hand)
    assert d["path"] == ["S", "A", "T"] and d["via"] == ["A"] and d["score"] == 0.4
    assert d["hops"][0] == {
        "source": "S",
        "target": "A",
        "strength": 0.625,
        "types": 2,
        "lowered_by": [],
    }
    assert {"source", "target", "type", "sign", "evidence", "citation"} <= set(d["relations"][0])


def test_channels_up_to_three_hops(hand):
    assert routes_of(paths.channels(hand, "S", "T", max_hops=3)) == [
        (("S", "A", "T"), 0.4),
        (("S", "B", "T"), 0.36),
        (("S", "B", "D", "T"), 0.1728),
    ]


def test_hostile_relays_only_on_request_and_marked(hand):
    allowed = hand.with_model(hand.model.with_(allow_hostile_relays=True))
    found = paths.channels(allowed, "S", "T", max_hops=3)
    assert routes_of(found)[0] == (("S", "C", "A", "T"), 0.4608)
    assert found[0].hostile_relays == ("C",) and found[1].hostile_relays == ()
    assert paths.why_no_channel(hand, "S", "T", ["C"]) == "C has no channel link to T"


def test_channels_through_a_partner(hand):
    assert routes_of(paths.channels(hand, "S", "T", through=["B"], max_hops=3)) == [
        (("S", "B", "T"), 0.36),
        (("S", "B", "D", "T"), 0.1728),
    ]
    assert paths.channels(hand, "S", "T", through=["C"]) == []


def test_channels_reject_bad_requests(hand):
    with pytest.raises(DiplonetError, match="same actor"):
        paths.channels(hand, "S", "s")
    with pytest.raises(DiplonetError, match="at least 2"):
        paths.channels(hand, "S", "T", max_hops=1)
    with pytest.raises(DiplonetError, match="through cannot name"):
        paths.channels(hand, "S", "T", through=["T"])


def test_coverage_table(hand):
    cov = paths.coverage(hand, "S", ["T", "D"], through=["A", "B", "C"])
    assert [r.partner for r in cov.rows] == ["B", "A", "C"]
    b, a, c = cov.rows
    assert b.best["T"].score == pytest.approx(0.36) and b.best["D"].score == pytest.approx(0.36)
    assert a.best["T"].score == pytest.approx(0.4) and a.best["D"] is None
    assert c.best == {"T": None, "D": None}
    assert cov.reaching_all == ["B"]
    assert cov.direct == {"T": None, "D": None}
    assert a.source_link.strength == pytest.approx(0.625)


def test_coverage_defaults_to_every_neighbour_of_the_source(hand):
    cov = paths.coverage(hand, "S", ["T", "D"])
    assert sorted(r.partner for r in cov.rows) == ["A", "B", "C"]


def test_mediators_reach_each_party_directly_or_through_one_relay(hand):
    # A reaches S better through C (1.0 × 0.9 × 0.8 = 0.72) than directly (0.625): C relays only
    # on S's side, where it is hostile to no one. Route S–C–A–T: 0.9 × 1.0 × 0.8 × 0.8² = 0.4608.
    # B: 0.9 × 0.5 × 0.8 = 0.36. D reaches S through B: 0.5 × 0.9 × 0.6 × 0.8² = 0.1728.
    # C scores 0.4608 too (S–C, then A to T) but is hostile to T: it ranks last, marked.
    found = mediation.mediators(hand, "S", "T")
    assert [(m.mediator, round(m.channel.score, 6), m.objections) for m in found] == [
        ("A", 0.4608, ()),
        ("B", 0.36, ()),
        ("D", 0.1728, ()),
        ("C", 0.4608, ("hostile to T",)),
    ]
    a = found[0]
    assert (a.relay_a, a.relay_b) == ("C", None)
    assert a.reach_a == pytest.approx(0.72) and a.reach_b == pytest.approx(0.8)
    assert [r.type for r in a.hostile] == ["no_contact"]
    d = a.to_dict(hand)
    assert d["path"] == ["S", "C", "A", "T"] and d["mediator"] == "A" and d["via"] == ["C", "A"]
    assert d["acceptable"] is True and d["objections"] == [] and d["relay_a"] == "C"


def test_a_rejected_mediator_ranks_below_acceptable_ones(make_net):
    # M is the stronger mediator (0.9 × 0.9 × 0.8 = 0.648 vs N's 0.5 × 0.5 × 0.8 = 0.2), but B
    # has publicly rejected it: N comes first, M follows, marked.
    net = make_net(
        ["A", "B", "M", "N"],
        [
            rel("A", "M", "contact", 0.9),
            rel("M", "B", "contact", 0.9),
            rel("A", "N", "contact", 0.5),
            rel("N", "B", "contact", 0.5),
            rel("B", "M", "rejects_mediator", 0.8),
        ],
    )
    found = mediation.mediators(net, "A", "B")
    assert [(m.mediator, m.objections) for m in found] == [
        ("N", ()),
        ("M", ("rejected by B",)),  # contact 0.9 - rejection 0.8 > 0: rejected, not hostile
    ]
    # and a party that rejects an actor does not take messages through it either
    assert [c.via for c in paths.channels(net, "A", "B")] == [("N",)]
    # v1 knew neither relays nor objections
    v1 = net.with_model(V1)
    assert [m.mediator for m in mediation.mediators(v1, "A", "B")] == ["M", "N"]


def test_best_paths(hand):
    assert routes_of(paths.best_paths(hand, "S", "T", k=3, max_hops=4)) == [
        (("S", "A", "T"), 0.4),
        (("S", "B", "T"), 0.36),
        (("S", "B", "D", "T"), 0.1728),
    ]
    assert routes_of(paths.best_paths(hand, "S", "T", avoid=["B"], max_hops=4)) == [
        (("S", "A", "T"), 0.4)
    ]
    assert routes_of(paths.best_paths(hand, "S", "T", via=["D"], max_hops=4)) == [
        (("S", "B", "D", "T"), 0.1728)
    ]
    # the default is two hops, one intermediary, as in every query
    assert routes_of(paths.best_paths(hand, "S", "T")) == [
        (("S", "A", "T"), 0.4),
        (("S", "B", "T"), 0.36),
    ]
    # the first intermediary: S–B–T and S–B–D–T go through B first, S–A–T does not
    assert routes_of(paths.best_paths(hand, "S", "T", through=["B"], max_hops=4)) == [
        (("S", "B", "T"), 0.36),
        (("S", "B", "D", "T"), 0.1728),
    ]


def test_best_paths_include_the_direct_tie(hand):
    # S–C–A (0.9 × 1.0 × 0.8 = 0.72) beats the direct S–A link (0.625): a relay wins only when
    # its links are clearly stronger than the direct tie
    assert routes_of(paths.best_paths(hand, "S", "A", k=2)) == [
        (("S", "C", "A"), 0.72),
        (("S", "A"), 0.625),
    ]
    assert routes_of(paths.best_paths(hand, "S", "A", k=2, relayed_only=True)) == [
        (("S", "C", "A"), 0.72),
    ]


def test_searches_are_bounded(hand):
    with pytest.raises(DiplonetError, match="k must be between 1 and 1000"):
        paths.best_paths(hand, "S", "T", k=100_000)
    with pytest.raises(DiplonetError, match="max_hops must be at most 6"):
        paths.best_paths(hand, "S", "T", max_hops=99)
    with pytest.raises(DiplonetError, match="max_hops must be at most 6"):
        paths.channels(hand, "S", "T", max_hops=99)
    # k above the number of routes within the hop limit returns them all, at once
    assert len(paths.best_paths(hand, "S", "T", k=1000, max_hops=6)) == 3


def test_best_paths_order_equal_scores_deterministically(make_net):
    net = make_net(
        ["S", "T", "X", "Y"],
        [
            rel("S", "Y", "contact"),
            rel("Y", "T", "contact"),
            rel("S", "X", "contact"),
            rel("X", "T", "contact"),
        ],
    )
    assert [c.path for c in paths.best_paths(net, "S", "T", k=1)] == [("S", "X", "T")]


def test_no_path_is_an_empty_answer(make_net):
    net = make_net(["S", "T"], [rel("S", "T", "hostility")])
    assert paths.best_paths(net, "S", "T") == []
    assert paths.channels(net, "S", "T") == []


def test_scenarios_change_the_answer(hand):
    assert routes_of(paths.channels(hand.without("A"), "S", "T")) == [(("S", "B", "T"), 0.36)]
    # dropping only the aid tie leaves S–A at 0.5: A's channel falls to 0.32
    assert routes_of(paths.channels(hand.without_relation("S", "A", "aid"), "S", "T")) == [
        (("S", "B", "T"), 0.36),
        (("S", "A", "T"), 0.32),
    ]
    assert paths.channels(hand.as_of("1999"), "S", "T") == []


# -- the brief's claims on the shipped data (May 2021) ---------------------------------------

PARTNERS = ["Egypt", "Jordan", "Qatar", "Turkey", "UAE"]


def test_qatar_and_egypt_carry_a_us_hamas_channel_israel_does_not(brief_net):
    via = [c.via[0] for c in paths.channels(brief_net, "US", "Hamas")]
    assert via[:2] == ["Qatar", "Egypt"]
    assert "Israel" not in via
    assert paths.direct_link(brief_net, "US", "Hamas") is None  # the no-contact policy


def test_egypt_reaches_israel_the_pa_and_hamas(brief_net):
    cov = paths.coverage(brief_net, "US", ["Israel", "PA", "Hamas"], through=PARTNERS)
    egypt = next(r for r in cov.rows if r.partner == "Egypt")
    assert egypt.reaches_all
    # Jordan (offices closed 1999) and the UAE (hostile to Hamas) reach Israel and the PA only
    assert set(cov.reaching_all) == {"Egypt", "Qatar", "Turkey"}
    for partner in ("Jordan", "UAE"):
        row = next(r for r in cov.rows if r.partner == partner)
        assert row.best["Hamas"] is None and row.best["Israel"] and row.best["PA"]


def test_egypt_is_the_first_mediator_between_israel_and_hamas(brief_net):
    found = mediation.mediators(brief_net, "Israel", "Hamas")
    assert found[0].mediator == "Egypt"
    assert {r.type for r in found[0].hostile} == {"hostility"}


def test_without_qatar_egypt_is_the_best_us_hamas_channel(brief_net):
    assert paths.channels(brief_net.without("Qatar"), "US", "Hamas")[0].via == ("Egypt",)


def test_normalization_accords_absent_in_2019(brief_net):
    before = brief_net.as_of("2019")
    assert not any(r.type == "normalization" for r in before.relations)
    assert not before.channel_graph.has_edge("UAE", "Israel")
    assert brief_net.channel_graph.has_edge("UAE", "Israel")


def test_gulf_rift_and_pa_coordination_follow_their_dates(brief_net):
    def severed(net):
        return any(r.type == "severed" and r.involves("Saudi", "Qatar") for r in net.relations)

    assert severed(brief_net.as_of("2018-06")) and not severed(brief_net)
    coordination = [
        r
        for r in brief_net.as_of("2020-07").relations
        if r.involves("Israel", "PA") and r.type == "security_cooperation"
    ]
    assert coordination == []
    assert brief_net.as_of("2020-12").relations_between("Israel", "PA")
