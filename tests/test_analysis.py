"""diplonet.analysis on plain networkx graphs: hand-worked examples and published results."""

from __future__ import annotations

import csv
import itertools
import math
import random
import statistics
from pathlib import Path

import networkx as nx
import pytest

from diplonet.balance import frustrated_edges, frustration, signed_triads
from diplonet.brokerage import (
    ROLES,
    betweenness_estimate,
    brokerage_expectations,
    brokerage_roles,
    structural_holes,
)
from diplonet.resilience import resilience

ORACLES = Path(__file__).parent / "data" / "oracles"
SNA_COLUMNS = {
    "coordinator": "w_I",
    "itinerant": "w_O",
    "representative": "b_IO",
    "gatekeeper": "b_OI",
    "liaison": "b_O",
    "total": "t",
}


def rows(name):
    with open(ORACLES / name, encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def signed(name) -> nx.Graph:
    G = nx.Graph()
    for r in rows(name):
        G.add_edge(r["source"], r["target"], sign=int(r["sign"]))
    return G


def graph(edges: str) -> nx.Graph:
    """'a+b c-d' → a signed graph."""
    G = nx.Graph()
    for token in edges.split():
        sep = "+" if "+" in token else "-"
        u, v = token.split(sep)
        G.add_edge(u, v, sign=1 if sep == "+" else -1)
    return G


# -- brokerage -------------------------------------------------------------------------------


def test_brokerage_toy_each_role_once():
    # Worked from the definitions: A1→A2→A3 (all A): A2 coordinates; A4→B1→A5: B1 is itinerant;
    # A6→A7→B2: A7 represents A; A8→B3→B4: B3 gatekeeps for B; A9→B5→C1: B5 is a liaison;
    # A10→A11→A12 is closed by A10→A12, so A11 brokers nothing; C2↔C3↔A13 are mutual: C3
    # represents C (C2→C3→A13) and gatekeeps for C (A13→C3→C2).
    G = nx.DiGraph((r["source"], r["target"]) for r in rows("brokerage_toy_directed.csv"))
    groups = {r["node"]: r["group"] for r in rows("brokerage_toy_directed_groups.csv")}
    got = {
        n: {k: v for k, v in roles.items() if v and k != "total"}
        for n, roles in brokerage_roles(G, groups).items()
    }
    assert {n: r for n, r in got.items() if r} == {
        "A2": {"coordinator": 1},
        "B1": {"itinerant": 1},
        "A7": {"representative": 1},
        "B3": {"gatekeeper": 1},
        "B5": {"liaison": 1},
        "C3": {"representative": 1, "gatekeeper": 1},
    }


def test_brokerage_matches_sna_on_the_strike_network():
    # Reference: R sna::brokerage raw counts (raw.nli) on the Strike network (Michael 1997),
    # published in the r4sna lab text and reproduced with r-cran-sna 2.7-1. sna counts ordered
    # pairs, so the undirected network goes in as a symmetric digraph.
    G = nx.Graph((r["source"], r["target"]) for r in rows("strike_michael1997.csv"))
    groups = {r["node"]: r["group"] for r in rows("strike_michael1997_groups.csv")}
    got = brokerage_roles(G.to_directed(), groups)
    reference = rows("strike_michael1997_reference_outputs.csv")
    assert len(reference) == 24
    for ref in reference:
        for role, column in SNA_COLUMNS.items():
            assert got[ref["node"]][role] == int(ref[column]), (ref["node"], role)
    assert got["Bob"]["total"] == 36 and got["Norm"]["coordinator"] == 18


def test_strike_betweenness_and_constraint_match_igraph():
    # The same reference file carries igraph's betweenness and Burt's constraint.
    G = nx.Graph((r["source"], r["target"]) for r in rows("strike_michael1997.csv"))
    between = nx.betweenness_centrality(G, normalized=False)
    constraint = nx.constraint(G)
    for ref in rows("strike_michael1997_reference_outputs.csv"):
        assert between[ref["node"]] == pytest.approx(float(ref["betweenness_igraph"]), abs=1e-5)
        assert constraint[ref["node"]] == pytest.approx(float(ref["constraint_igraph"]), abs=1e-5)


def test_brokerage_expectations_by_hand():
    # Groups X (3 nodes) and Y (2); 10 of the 20 possible arcs → d = 0.5, p = d²(1-d) = 0.125.
    # For a node of X: coordinator pairs (a, c) from the 2 other X nodes: 2·1 → 0.25;
    # itinerant pairs inside Y: 2·1 → 0.25; representative: 2 X-partners × 2 Y → 0.5 (so is
    # gatekeeper); liaison needs two other groups → 0; total 4·3 pairs → 1.5.
    G = nx.DiGraph()
    G.add_nodes_from(range(5))
    G.add_edges_from(list(itertools.permutations(range(5), 2))[:10])
    groups = {0: "X", 1: "X", 2: "X", 3: "Y", 4: "Y"}
    mean = {k: v[0] for k, v in brokerage_expectations(G, groups)[0].items()}
    assert mean == pytest.approx(
        {
            "coordinator": 0.25,
            "itinerant": 0.25,
            "representative": 0.5,
            "gatekeeper": 0.5,
            "liaison": 0.0,
            "total": 1.5,
        }
    )


def test_brokerage_moments_agree_with_simulation():
    # Gould & Fernandez's moments (as in sna) against 3,000 seeded Bernoulli digraphs.
    rng = random.Random(7)
    groups = {0: "X", 1: "X", 2: "X", 3: "Y", 4: "Y", 5: "Z"}
    samples = {role: [] for role in SNA_COLUMNS}
    for _ in range(3000):
        G = nx.DiGraph()
        G.add_nodes_from(range(6))
        G.add_edges_from(
            (a, b) for a, b in itertools.permutations(range(6), 2) if rng.random() < 0.4
        )
        for role, n in brokerage_roles(G, groups)[0].items():
            samples[role].append(n)
    G = nx.DiGraph(list(itertools.permutations(range(6), 2))[:12])  # density 0.4 exactly
    expected = brokerage_expectations(G, groups)[0]
    for role, values in samples.items():
        mean, sd = expected[role]
        assert statistics.mean(values) == pytest.approx(mean, abs=4 * sd / len(values) ** 0.5), role
        assert statistics.pstdev(values) == pytest.approx(sd, rel=0.08), role


def test_brokerage_needs_every_group():
    with pytest.raises(ValueError, match="without a group"):
        brokerage_roles(nx.DiGraph([("a", "b")]), {"a": 1})
    with pytest.raises(ValueError, match="without a group: b"):
        brokerage_expectations(nx.DiGraph([("a", "b")]), {"a": 1})


# -- balance ---------------------------------------------------------------------------------


def test_signnet_example_is_balanced():
    # signnet's balance_score example: K4 with signs (-1, 1, 1, -1, -1, 1) on edges 12, 13, 14,
    # 23, 24, 34 has balance score 1 (every triangle balanced).
    G = graph("1-2 1+3 1+4 2-3 2-4 3+4")
    result = signed_triads(G)
    assert (result["balanced"], result["unbalanced"], result["ratio"]) == (4, 0, 1.0)
    assert frustration(G).index == 0


def test_friend_of_two_enemies_is_the_pivot():
    result = signed_triads(graph("US+Qatar Qatar+Hamas US-Hamas"))
    (triad,) = result["triads"]
    assert (triad.pattern, triad.balanced, triad.pivot) == ("++-", False, "Qatar")
    assert result["by_pattern"] == {"+++": 0, "++-": 1, "+--": 0, "---": 0}


def test_gahuku_gama_triangles_match_signnet():
    # Read (1954) Gahuku-Gama tribes: signnet (Schoch) reports balance_score(tribes,
    # method = "triangles") = 0.8676471, i.e. 59 of 68 triangles balanced.
    G = signed("gahuku_gama_tribes.csv")
    assert (G.number_of_nodes(), G.number_of_edges()) == (16, 58)
    result = signed_triads(G)
    assert (result["balanced"], result["unbalanced"]) == (59, 9)
    assert result["ratio"] == pytest.approx(0.8676471, abs=1e-7)


def test_gahuku_gama_frustration_index_is_seven():
    # Aref & Wilson (2018), "Measuring partial balance in signed networks", J. Complex Networks
    # 6(4): the Highland tribes network has frustration index 7 (signnet's normalised
    # 1 - 7/29 = 0.7586207). Checked here also by brute force over all 2^15 partitions.
    G = signed("gahuku_gama_tribes.csv")
    result = frustration(G, method="exact")
    assert result.index == 7 and result.exact and result.lower_bound == 7
    assert len(frustrated_edges(G, result.partition)) == 7
    nodes = sorted(G)
    best = min(
        len(frustrated_edges(G, {n: (mask >> i) & 1 for i, n in enumerate(nodes)}))
        for mask in range(2 ** (len(nodes) - 1))
    )
    assert best == 7


@pytest.mark.parametrize(
    "edges, index",
    [
        ("a+b b+c a-c", 1),  # one unbalanced triangle
        ("a-b b-c a-c", 1),  # three mutual enemies: cut one tie
        ("a-b a-c a-d b-c b-d c-d", 2),  # all-negative K4: best split 2+2 leaves 2 inside
        ("a+b c+d a-c b-d", 0),  # two factions
    ],
)
def test_frustration_small_cases_by_hand(edges, index):
    assert frustration(graph(edges)).index == index


def test_frustration_partition_separates_factions():
    result = frustration(graph("a+b c+d a-c b-d a-d"))
    assert (
        result.partition["a"]
        == result.partition["b"]
        != result.partition["c"]
        == result.partition["d"]
    )


def test_exact_frustration_agrees_with_brute_force_on_random_graphs():
    rng = random.Random(3)
    for _ in range(15):
        G = nx.gnp_random_graph(8, 0.5, seed=rng.randint(0, 10**6))
        for u, v in G.edges:
            G[u][v]["sign"] = rng.choice((1, -1))
        brute = min(len(frustrated_edges(G, {n: (m >> n) & 1 for n in G})) for m in range(2**7))
        assert frustration(G, method="exact").index == brute


def test_heuristic_brackets_the_exact_index_on_correlates_of_war():
    # Correlates of War signed network, 1965-68 (Doreian & Mrvar 2015), 590 ties: the heuristic's
    # upper bound and its triangle-packing lower bound must bracket the exact MILP value.
    G = signed("cow_signed_65-68.csv")
    exact = frustration(G, method="exact")
    heuristic = frustration(G, method="heuristic")
    assert heuristic.lower_bound <= exact.index <= heuristic.index
    assert heuristic.index == len(frustrated_edges(G, heuristic.partition))
    assert frustration(G, method="heuristic").partition == heuristic.partition  # seeded


def test_balance_rejects_bad_signs():
    G = nx.Graph()
    G.add_edge("a", "b", sign=0)
    with pytest.raises(ValueError, match="expected \\+1 or -1"):
        signed_triads(G)
    with pytest.raises(ValueError, match="undirected"):
        frustration(nx.DiGraph([("a", "b")]))


# -- resilience ------------------------------------------------------------------------------


def test_resilience_of_adjacent_nodes_sets_the_direct_tie_aside():
    G = nx.Graph([("s", "a"), ("a", "t"), ("s", "b"), ("b", "t"), ("s", "t")])
    assert nx.minimum_node_cut(G, "s", "t") == set()  # why the direct tie must be set aside
    r = resilience(G, "s", "t")
    assert r.direct and r.connectivity == 2
    assert sorted(r.cut) == ["a", "b"] and r.single_points == []


def test_single_point_of_failure():
    # s reaches t only through x, then a or b: x is on every channel.
    G = nx.Graph([("s", "x"), ("x", "a"), ("x", "b"), ("a", "t"), ("b", "t")])
    r = resilience(G, "s", "t")
    assert (r.connectivity, r.cut, r.single_points, r.direct) == (1, ["x"], ["x"], False)


def test_strongest_disjoint_paths_are_preferred():
    G = nx.Graph()
    G.add_edge("s", "a", strength=0.9)
    G.add_edge("a", "t", strength=0.9)
    G.add_edge("s", "b", strength=0.2)
    G.add_edge("b", "t", strength=0.2)
    r = resilience(G, "s", "t", weight="strength")
    assert r.disjoint_paths == [["s", "a", "t"], ["s", "b", "t"]]


def test_disconnected_pair():
    G = nx.Graph([("s", "a")])
    G.add_node("t")
    r = resilience(G, "s", "t")
    assert (r.connectivity, r.cut, r.single_points) == (0, [], [])


@pytest.mark.parametrize(
    "edges, groups, directed, reference",
    [
        (
            "strike_michael1997.csv",
            "strike_michael1997_groups.csv",
            False,
            "strike_sna_brokerage_moments.csv",
        ),
        (
            "brokerage_toy_directed.csv",
            "brokerage_toy_directed_groups.csv",
            True,
            "toy_sna_brokerage_moments.csv",
        ),
    ],
)
def test_brokerage_moments_match_r_sna(edges, groups, directed, reference):
    # R's sna::brokerage (r-cran-sna 2.7-1 on R 4.2.2), run side by side by
    # tests/data/oracles/sna_brokerage_reference.R: raw counts, expected values, standard
    # deviations and z-scores per node.
    G = nx.DiGraph() if directed else nx.Graph()
    G.add_edges_from((r["source"], r["target"]) for r in rows(edges))
    labels = {r["node"]: r["group"] for r in rows(groups)}
    G.add_nodes_from(labels)
    D = G if directed else G.to_directed()
    counts = brokerage_roles(D, labels)
    moments = brokerage_expectations(D, labels)
    for ref in rows(reference):
        node = ref["node"]
        for role, col in SNA_COLUMNS.items():
            mean, sd = moments[node][role]
            assert counts[node][role] == int(float(ref[f"raw.nli:{col}"])), (node, role)
            assert mean == pytest.approx(float(ref[f"exp.nli:{col}"]), rel=1e-9), (node, role)
            assert sd == pytest.approx(float(ref[f"sd.nli:{col}"]), rel=1e-9), (node, role)
            z = ref[f"z.nli:{col}"]
            if z not in ("NA", "NaN", "Inf", "-Inf"):
                assert (counts[node][role] - mean) / sd == pytest.approx(float(z), rel=1e-9), (
                    node,
                    role,
                )


# -- large networks: the fast paths give the answers of the plain definitions -------------------


def _reference_roles(G, groups):
    """Gould-Fernandez roles counted pair by pair, as the definition reads."""
    out = {v: dict.fromkeys((*ROLES, "total"), 0) for v in G}
    for v in G:
        gv = groups[v]
        for a in G.predecessors(v):
            if a == v:
                continue
            for c in G.successors(v):
                if c in (a, v) or G.has_edge(a, c):
                    continue
                ga, gc = groups[a], groups[c]
                if ga == gv == gc:
                    role = "coordinator"
                elif ga == gc:
                    role = "itinerant"
                elif ga == gv:
                    role = "representative"
                elif gv == gc:
                    role = "gatekeeper"
                else:
                    role = "liaison"
                out[v][role] += 1
                out[v]["total"] += 1
    return out


@pytest.mark.parametrize("seed", range(6))
def test_brokerage_roles_count_exactly_as_pair_by_pair(seed):
    G = nx.gnp_random_graph(30, 0.2, seed=seed, directed=True)
    G.add_edge(3, 3)  # a self-loop brokers nothing
    groups = {v: v % (seed + 1) for v in G}
    assert brokerage_roles(G, groups) == _reference_roles(G, groups)


def test_structural_holes_match_networkx():
    G = nx.gnm_random_graph(40, 120, seed=4)
    G.add_node("alone")
    rng = random.Random(1)
    for a, b in G.edges:
        G[a][b]["w"] = rng.choice((0.2, 0.5, 0.8, 0.95))
    constraint, effective = structural_holes(G, "w")
    want_c, want_e = nx.constraint(G, weight="w"), nx.effective_size(G, weight="w")
    for v in G:
        if v == "alone":
            assert math.isnan(constraint[v]) and math.isnan(effective[v])
            continue
        assert constraint[v] == pytest.approx(want_c[v], abs=1e-12)
        assert effective[v] == pytest.approx(want_e[v], abs=1e-12)


def test_betweenness_estimate_exact_and_sampled():
    G = nx.gnm_random_graph(50, 150, seed=2)
    rng = random.Random(3)
    for a, b in G.edges:
        G[a][b]["d"] = rng.random()
    exact = nx.betweenness_centrality(G, weight="d", normalized=True)
    ours = betweenness_estimate(G, "d")
    assert all(ours[v] == pytest.approx(exact[v], abs=1e-12) for v in G)
    # sampled: seeded, so repeatable, and an estimate of the same scale
    a, b = betweenness_estimate(G, "d", sources=25, seed=0), betweenness_estimate(G, "d", 25, 0)
    assert a == b
    assert sum(a.values()) == pytest.approx(sum(exact.values()), rel=0.5)


@pytest.mark.parametrize("seed", range(8))
def test_flow_paths_and_cut_are_networkx_answers(seed):
    from diplonet.resilience import _flow_paths_and_cut

    G = nx.gnm_random_graph(40, 90 + 10 * seed, seed=seed)
    s, t = 0, 1
    if G.has_edge(s, t):
        G.remove_edge(s, t)
    if not nx.has_path(G, s, t):
        return
    paths, cut = _flow_paths_and_cut(G, s, t)
    assert len(paths) == nx.node_connectivity(G, s, t)
    inner = [n for p in paths for n in p[1:-1]]
    assert len(inner) == len(set(inner))  # node-disjoint
    assert all(p[0] == s and p[-1] == t and nx.is_path(G, p) for p in paths)
    assert cut == sorted(nx.minimum_node_cut(G, s, t), key=str)


def test_milp_stopped_by_its_time_limit_reports_bound_and_gap():
    # a random signed graph far too hard to prove optimal in a millisecond
    rng = random.Random(5)
    G = nx.gnm_random_graph(80, 600, seed=5)
    for a, b in G.edges:
        G[a][b]["sign"] = rng.choice((1, 1, -1))
    f = frustration(G, method="exact", time_limit=0.001)
    assert f.method == "milp (time limit)"
    assert f.index == len(frustrated_edges(G, f.partition))
    assert 0 <= f.lower_bound <= f.index
    assert f.exact == (f.lower_bound == f.index)
    assert f.gap == pytest.approx((f.index - f.lower_bound) / f.index)
    # with time enough, the same model is solved to optimality
    small = nx.cycle_graph(5)
    for a, b in small.edges:
        small[a][b]["sign"] = -1
    exact = frustration(small, method="exact", time_limit=30)
    assert (exact.method, exact.exact, exact.index) == ("milp", True, 1)
