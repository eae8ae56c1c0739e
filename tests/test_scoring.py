"""The scoring rules of diplonet.scoring, with answers worked out by hand."""

import math

import pytest

from diplonet.scoring import link_cost, link_strength, path_score, rank_key, rounded


def test_noisy_or_of_two_half_ties_is_three_quarters():
    # 1 - (1 - 0.5)(1 - 0.5) = 0.75
    assert link_strength([0.5, 0.5]) == pytest.approx(0.75)


def test_noisy_or_never_exceeds_one_and_one_tie_is_itself():
    assert link_strength([0.9]) == pytest.approx(0.9)
    assert link_strength([1.0, 0.3]) == 1.0
    assert link_strength([0.9, 0.9, 0.9]) == pytest.approx(0.999)


def test_path_score_is_the_product_of_links():
    assert path_score([0.75, 0.8]) == pytest.approx(0.6)
    assert path_score([]) == 1.0


def test_cost_orders_paths_like_scores():
    # the sum of costs along a path is -log(score)
    links = [0.75, 0.8, 0.9]
    assert sum(link_cost(s) for s in links) == pytest.approx(-math.log(path_score(links)))
    assert link_cost(1.0) == 0.0


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
