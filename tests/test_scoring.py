"""The rules of diplonet.scoring (v2, and v1 kept for the backtest), worked out by hand."""

import math

import pytest

from diplonet.dataset import Relation
from diplonet.dates import PartialDate
from diplonet.scoring import V1, V2, V2_FLAT, get_model, hostile_pair, net_tie, rank_key, rounded


def tie(type_, strength, sign=1, source="A", target="B", confidence="high", line=0):
    start = PartialDate.parse("2000")
    return Relation(
        source, target, type_, sign, strength, False, start, None, "", "", confidence, line=line
    )


def test_a_link_is_its_strongest_tie_plus_half_what_the_others_would_add():
    # 0.6 + ½ × ((1 - 0.4 × 0.5) - 0.6) = 0.6 + 0.1
    assert V2.link_strength([tie("diplomatic", 0.6), tie("aid", 0.5)]) == pytest.approx(0.7)
    # two ties of one type are one door: no bonus
    assert V2.link_strength([tie("aid", 0.6), tie("aid", 0.5)]) == pytest.approx(0.6)
    # a weak second tie adds little: 0.6 + ½ × (0.64 - 0.6)
    assert V2.link_strength([tie("diplomatic", 0.6), tie("contact", 0.1)]) == pytest.approx(0.62)
    # the bonus never closes more than half the gap to certainty
    four = [tie(t, 0.5) for t in ("diplomatic", "aid", "contact", "alliance")]
    assert 0.5 < V2.link_strength(four) < 0.75


def test_the_flat_bonus_evaluated_beside_it():
    # v2-flat: 0.05 per extra type of tie, at most 0.10
    assert V2_FLAT.link_strength([tie("diplomatic", 0.6), tie("aid", 0.5)]) == pytest.approx(0.65)
    four = [tie(t, 0.5) for t in ("diplomatic", "aid", "contact", "alliance")]
    assert V2_FLAT.link_strength(four) == pytest.approx(0.6)


def test_no_link_reaches_certainty_by_combination():
    # US–Israel in 2021: four ties of 0.8-0.9 (v1's noisy-or made it 0.9998)
    ties = [
        tie("alliance", 0.9),
        tie("aid", 0.9),
        tie("security_cooperation", 0.9),
        tie("diplomatic", 0.8),
    ]
    assert V2.link_strength(ties) == pytest.approx(0.9 + 0.5 * (1 - 0.1**3 * 0.2 - 0.9))
    assert V1.link_strength(ties) == pytest.approx(1 - 0.1 * 0.1 * 0.1 * 0.2)
    many = [tie(t, 0.95) for t in ("alliance", "aid", "contact", "diplomatic")]
    assert V2.link_strength(many) == pytest.approx(0.95)  # the cap on combination
    # a single tie keeps its own strength, even 1.0: the cap is on combination only
    assert V2.link_strength([tie("alliance", 1.0)]) == 1.0


def test_a_hostile_tie_in_the_pair_lowers_the_link():
    # US–Turkey, December 2020: alliance 0.6, CAATSA sanctions 0.4 -> 0.6 × (1 - 0.5 × 0.4)
    assert V2.link_strength([tie("alliance", 0.6)], [tie("sanctions", 0.4, -1)]) == pytest.approx(
        0.48
    )
    # the strongest hostile tie counts, not their sum
    hostile = [tie("sanctions", 0.4, -1), tie("rivalry", 0.2, -1)]
    assert V2.link_strength([tie("alliance", 0.6)], hostile) == pytest.approx(0.48)
    assert V1.link_strength([tie("alliance", 0.6)], hostile) == pytest.approx(0.6)


def test_each_intermediary_costs_the_relay_factor():
    assert V2.path_score([0.8]) == pytest.approx(0.8)
    assert V2.path_score([0.9, 0.5]) == pytest.approx(0.9 * 0.5 * 0.8)
    assert V2.path_score([0.9, 0.9, 0.9]) == pytest.approx(0.9**3 * 0.8**2)
    # v1 had free intermediaries
    assert V1.path_score([0.9, 0.5]) == pytest.approx(0.45)


def test_a_direct_tie_beats_a_relay_unless_the_relay_is_clearly_stronger():
    # direct 0.6 vs two 0.75 links: 0.45 under v2 (direct wins); 0.5625 under v1 (also)
    assert V2.path_score([0.6]) > V2.path_score([0.75, 0.75])
    # two 0.95 links: 0.722 beats a direct 0.6 — the relay is clearly stronger
    assert V2.path_score([0.95, 0.95]) > V2.path_score([0.6])


def test_costs_order_routes_like_scores_and_every_hop_costs():
    for links in ([0.75, 0.8, 0.9], [0.5], [1.0, 1.0]):
        cost = sum(V2.link_cost(s) for s in links)
        # cost = -log(score) - log(rho): the same order as scores, whatever the length
        assert cost == pytest.approx(-math.log(V2.path_score(links)) - math.log(0.8))
    assert V2.link_cost(1.0) > 0
    assert V1.link_cost(1.0) == 0.0


def test_net_tie_and_hostile_pair():
    alliance, sanctions = tie("alliance", 0.6), tie("sanctions", 0.4, -1)
    assert net_tie([alliance, sanctions]) == pytest.approx(0.2)
    assert not hostile_pair([alliance, sanctions])  # allies at odds, not enemies
    assert hostile_pair([tie("diplomatic", 0.5), tie("rivalry", 0.6, -1)])
    assert not hostile_pair([])


def test_draws_override_strengths_by_relation_reference():
    t = tie("contact", 0.5, line=7)
    drawn = V2.with_(strengths={"7": 0.9})
    assert drawn.strength(t) == 0.9 and V2.strength(t) == 0.5


def test_models_by_name():
    assert get_model("v1") is V1 and get_model("v2") is V2
    with pytest.raises(ValueError, match="one of v2, v1, v2-flat"):
        get_model("v3")


def test_rank_key_prefers_score_then_fewer_hops_then_ids():
    items = [
        (0.5, ("S", "B", "T")),
        (0.5, ("S", "A", "T")),
        (0.5, ("S", "A", "C", "T")),
        (0.6, ("S", "Z", "T")),
    ]
    ranked = sorted(items, key=lambda x: rank_key(*x))
    assert [p for _, p in ranked] == [
        ("S", "Z", "T"),
        ("S", "A", "T"),
        ("S", "B", "T"),
        ("S", "A", "C", "T"),
    ]


def test_rounded_keeps_tiny_scores_positive():
    assert rounded(0.2**8) > 0
    assert rounded(0.123456789) == 0.123457
