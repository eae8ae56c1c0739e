"""The large-network path of balance (sparse triangle counts, listed sample, vectorised
heuristic) against the exact small-network path on the same random signed graphs."""

from __future__ import annotations

import random

import networkx as nx
import pytest

from diplonet import balance as B


def random_signed(n: int, m: int, seed: int, negative: float = 0.3) -> nx.Graph:
    rng = random.Random(seed)
    G = nx.gnm_random_graph(n, m, seed=seed)
    G = nx.relabel_nodes(G, {i: f"N{i:03d}" for i in G})
    for u, v in G.edges:
        G[u][v]["sign"] = -1 if rng.random() < negative else 1
    return G


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_large_counts_equal_the_one_by_one_counts(seed, monkeypatch):
    G = random_signed(60, 400, seed)
    small = B.signed_triads(G)
    monkeypatch.setattr(B, "LARGE_TRIADS", 10)
    monkeypatch.setattr(B, "LISTED_TRIADS", 25)
    large = B.signed_triads(G)
    for key in ("balanced", "unbalanced", "by_pattern", "ratio"):
        assert large[key] == small[key]
    assert small["unbalanced"] > 25 and large["listed"] == len(large["triads"]) == 25
    every = {
        (t.pattern, tuple(sorted(t.nodes)), t.pivot) for t in small["triads"] if not t.balanced
    }
    assert {(t.pattern, tuple(sorted(t.nodes)), t.pivot) for t in large["triads"]} <= every


def test_the_walk_finds_each_unbalanced_triangle_once(monkeypatch):
    G = random_signed(40, 300, 7, negative=0.5)
    small = B.signed_triads(G)
    walked = [(p, nodes) for p, nodes, _, _ in B._unbalanced_walk(G)]
    assert len(walked) == len(set(walked)) == small["unbalanced"]


@pytest.mark.parametrize("seed", [0, 3])
def test_large_heuristic_is_bounded_by_the_exact_index(seed, monkeypatch):
    G = random_signed(30, 90, seed)
    exact = B.frustration(G, method="exact")
    monkeypatch.setattr(B, "LARGE_TRIADS", 10)
    h = B.frustration(G, method="heuristic")
    assert h.lower_bound <= exact.index <= h.index
    assert h.index == len(B.frustrated_edges(G, h.partition))
    # a local optimum: no single node has more than half its ties frustrated
    for n in G:
        bad = sum((h.partition[n] == h.partition[w]) != (G[n][w]["sign"] > 0) for w in G[n])
        assert 2 * bad <= G.degree(n)


def test_a_balanced_graph_is_found_balanced_on_the_large_path(monkeypatch):
    # two camps, friends within, enemies across: frustration 0, no unbalanced triangle
    G = nx.complete_graph(30)
    G = nx.relabel_nodes(G, {i: f"C{i:02d}" for i in G})
    for u, v in G.edges:
        G[u][v]["sign"] = 1 if (int(u[1:]) < 15) == (int(v[1:]) < 15) else -1
    monkeypatch.setattr(B, "LARGE_TRIADS", 10)
    t = B.signed_triads(G)
    assert t["unbalanced"] == 0 and t["triads"] == [] and t["ratio"] == 1.0
    h = B.frustration(G, method="heuristic")
    assert h.index == 0 and h.exact
