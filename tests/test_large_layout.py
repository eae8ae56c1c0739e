"""Layouts and exports of large networks (diplonet.layout.LARGE): igraph's grid
Fruchterman-Reingold and a KD-tree overlap removal instead of networkx's spring layout and the
all-pairs :func:`spread`; small networks keep the old path (the picture tests hold it)."""

import math
import random

import pytest

import diplonet.layout as layout
from diplonet.export import relation_attributes


def _closest(pos: dict) -> float:
    pts = list(pos.values())
    return min(math.dist(p, q) for i, p in enumerate(pts) for q in pts[i + 1 :])


def test_spread_large_separates_close_and_coincident_actors():
    rng = random.Random(1)
    pos = {
        f"n{i}": (0.5 + rng.uniform(-0.05, 0.05), 0.5 + rng.uniform(-0.05, 0.05)) for i in range(40)
    }
    pos["same1"] = pos["same2"] = (0.3, 0.3)
    assert _closest(pos) < 1e-9
    out = layout.spread_large(pos, min_dist=0.03, rounds=200)
    assert set(out) == set(pos)
    assert _closest(out) >= 0.03 * 0.999
    assert out == layout.spread_large(pos, min_dist=0.03, rounds=200)  # deterministic


def test_spread_large_leaves_spread_out_actors_alone():
    pos = {f"n{i}": (0.1 + 0.2 * (i % 5), 0.1 + 0.2 * (i // 5)) for i in range(25)}
    assert layout.spread_large(pos, min_dist=0.05) == pos


def test_large_min_dist_fits_every_actor():
    assert layout.large_min_dist(10_000) == pytest.approx(0.005)
    assert layout.large_min_dist(layout.LARGE + 1) < 0.07  # never more room than small networks


@pytest.mark.parametrize("kind", ["spring", "circular", "shell"])
def test_large_layouts_are_seeded_and_in_the_square(brief_net, monkeypatch, kind):
    small = layout.positions(brief_net, layout=kind)
    monkeypatch.setattr(layout, "LARGE", 5)
    first = layout.positions(brief_net, layout=kind)
    assert first == layout.positions(brief_net, layout=kind)
    assert set(first) == set(brief_net.actors)
    assert all(-0.1 <= c <= 1.1 for p in first.values() for c in p)
    if kind == "spring":
        assert first != small  # the other algorithm did run


def test_igraph_random_generator_is_given_back(brief_net, monkeypatch):
    import igraph as ig

    monkeypatch.setattr(layout, "LARGE", 5)
    layout.positions(brief_net)
    random.seed(5)
    a = ig.Graph.Erdos_Renyi(20, 0.2).get_edgelist()
    random.seed(5)
    assert ig.Graph.Erdos_Renyi(20, 0.2).get_edgelist() == a


@pytest.mark.parametrize("dynamic", [False, True])
def test_relation_attributes_with_a_memo_are_those_without(brief_net, dynamic):
    memo: dict = {}
    for r in brief_net.history():
        assert relation_attributes(r, dynamic, memo) == relation_attributes(r, dynamic)
