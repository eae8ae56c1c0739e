"""Large datasets build a network column-wise (diplonet.network.COLUMNWISE_ABOVE): the relations
in force, the pairs and the channel graph must be exactly those of the row-by-row code, down to
the order of edges and neighbours (path searches break ties by it) and every float."""

import random

import pytest

import diplonet.network as network
from diplonet.dataset import load_dataset
from diplonet.network import Network
from diplonet.scoring import V1, V2, net_tie
from diplonet.vocab import RELATION_TYPES

from conftest import write_dataset

TYPES = [t for t in RELATION_TYPES if t != "events"]


def _random_dataset(folder, seed: int = 3, actors: int = 30, rows: int = 700, armed: int = 0):
    """Mixed date precisions, ends, regraded ties (one tie, several rows), hostile ties and
    refusals of mediators: every branch of the rule for relations in force. The first
    ``armed`` ids are non-state armed groups."""
    rng = random.Random(seed)
    ids = [f"X{i:02d}" for i in range(actors)]
    kinds = {x: "non-state armed group" if i < armed else "state" for i, x in enumerate(ids)}
    rng.shuffle(ids)  # file order differs from the order of ids
    out, seen = [], set()
    while len(out) < rows:
        a, b = rng.sample(ids[: actors // 2] if rng.random() < 0.5 else ids, 2)
        rtype = rng.choice(TYPES)
        y = rng.randint(1990, 2020)
        start = rng.choice(
            [f"{y}", f"{y}-{rng.randint(1, 12):02d}", f"{y}-03-{rng.randint(1, 28):02d}"]
        )
        rt = RELATION_TYPES[rtype]
        key = ((a, b) if rt.directed else tuple(sorted((a, b)))) + (rtype, start)
        if key in seen:
            continue
        seen.add(key)
        end = ""
        if rng.random() < 0.4:
            ey = rng.randint(y + 1, 2022)
            end = rng.choice([f"{ey}", f"{ey}-{rng.randint(1, 12):02d}", f"{ey}-06-30"])
        out.append(
            {
                "source": a,
                "target": b,
                "type": rtype,
                "strength": rng.choice([0.2, 0.3, 0.45, 0.5, 0.6, 0.75, 0.8, 0.9, 1.0]),
                "start": start,
                "end": end,
            }
        )
    people = [{"id": x, "name": x, "kind": kinds[x], "groups": "", "aliases": ""} for x in ids]
    return load_dataset(write_dataset(folder, people if armed else ids, out))


def _build(monkeypatch, net: Network, columnwise: bool):
    monkeypatch.setattr(network, "COLUMNWISE_ABOVE", -1 if columnwise else 10**12)
    fresh = Network(net.dataset, net.date, net.removed_actors, net.removed_relations, net.model)
    assert fresh._columnwise == columnwise
    return fresh, fresh.relations, fresh._pairs, fresh.channel_graph


def _assert_lookups_same(monkeypatch, net: Network):
    """Before any dict of pairs is made, a large network looks pairs and partners up in its
    columns: the same relations, in the same order, and the same barred relays."""
    monkeypatch.setattr(network, "COLUMNWISE_ABOVE", -1)
    a = Network(net.dataset, net.date, net.removed_actors, net.removed_relations, net.model)
    assert a._columnwise  # decided once, when first asked
    monkeypatch.setattr(network, "COLUMNWISE_ABOVE", 10**12)
    b = Network(net.dataset, net.date, net.removed_actors, net.removed_relations, net.model)
    assert not b._columnwise
    ids = list(net.dataset.actors)
    for x in ids:
        if x in b.actors:
            assert sorted(a._partners_of(x)) == sorted(b._partners_of(x))
            assert a.barred_relays(x) == b.barred_relays(x)
        for y in ids:
            assert a.pair_relations(x, y) == b.pair_relations(x, y)
            # the column-wise net ties (one sum per pair) answer as the pair's own relations do
            assert (
                a.hostile_to(x, y)
                == b.hostile_to(x, y)
                == (net_tie(b.pair_relations(x, y)) < -1e-12)
            )
            assert bool(a.rejected_by(x, y)) == bool(b.rejected_by(x, y))
    assert "_pairs" not in a.__dict__ and "_partners" not in a.__dict__
    # and the analyses built on those look-ups answer the same, pair by pair
    from diplonet import answers

    present = [x for x in ids if x in b.actors][:6]
    for x in present:
        for y in present:
            if x != y:
                assert answers.spoilers(a, x, y).records() == answers.spoilers(b, x, y).records()
                assert (
                    answers.mediators(a, x, y, k=5).records()
                    == answers.mediators(b, x, y, k=5).records()
                )


def _assert_same(monkeypatch, net: Network):
    _assert_lookups_same(monkeypatch, net)
    a, rels_a, pairs_a, g_a = _build(monkeypatch, net, True)
    b, rels_b, pairs_b, g_b = _build(monkeypatch, net, False)
    assert a._columnwise and not b._columnwise
    assert rels_a == rels_b
    assert all(x is y for x, y in zip(rels_a, rels_b, strict=True))
    assert list(pairs_a.items()) == list(pairs_b.items())
    assert list(g_a.nodes) == list(g_b.nodes)
    assert list(g_a.edges) == list(g_b.edges)
    for n in g_a:
        assert list(g_a[n]) == list(g_b[n])
    for u, v, d in g_a.edges(data=True):
        e = g_b[u][v]
        assert d.keys() == e.keys()
        for k in d:
            assert d[k] == e[k] and type(d[k]) is type(e[k]), (u, v, k)


@pytest.mark.parametrize("date", ["1995", "2003-03", "2003-03-14", "2010-06-30", "2021", "2024"])
def test_random_dataset_columnwise_equals_rows(tmp_path, monkeypatch, date):
    ds = _random_dataset(tmp_path / "ds")
    net = Network(ds, date=date)
    # the data hold regraded ties: several rows of one tie in force on a partial date
    keys = [r.key for r in Network(ds, date=date).relations]
    assert len(keys) == len(set(keys))
    _assert_same(monkeypatch, net)


def test_superseded_rows_are_exercised(tmp_path, monkeypatch):
    ds = _random_dataset(tmp_path / "ds")
    monkeypatch.setattr(network, "COLUMNWISE_ABOVE", 10**12)
    net = Network(ds, date="2005")
    in_force = [r for r in ds.relations if r.start.compare(net.date) <= 0]
    in_force = [r for r in in_force if r.end is None or r.end.compare(net.date) >= 0]
    assert len({r.key for r in in_force}) < len(in_force)  # the test data regrade ties


def test_scenarios_and_models_columnwise_equal_rows(tmp_path, monkeypatch):
    ds = _random_dataset(tmp_path / "ds", seed=11)
    base = Network(ds, date="2008-07")
    pair = next(r for r in ds.relations if r.type == "diplomatic")
    for net in (
        base.without("X03", "X07"),
        base.without_relation(pair.source, pair.target),
        base.without_relation(pair.source, pair.target, "diplomatic"),
        base.with_model(V1),  # noisy-or: the channel graph row by row, the rest column-wise
        base.with_model(V2.with_(relay_factor=0.7, hostile_damping=0.0, link_cap=0.9)),
        base.with_model(V2.with_(strengths={pair.ref: 0.05})),
    ):
        _assert_same(monkeypatch, net)


@pytest.mark.parametrize("date", ["2019", "2021-05-20", "2023-10-07"])
def test_shipped_network_columnwise_equals_rows(brief_net, monkeypatch, date):
    _assert_same(monkeypatch, brief_net.as_of(date))


def test_small_datasets_stay_row_by_row(brief_net):
    assert not Network(brief_net.dataset)._columnwise


def test_derived_columns_never_reach_a_pickle(brief_net):
    import pickle

    network._columns(brief_net.dataset)
    assert "_columns" in brief_net.dataset.__dict__
    back = pickle.loads(pickle.dumps(brief_net.dataset))
    assert "_columns" not in back.__dict__ and back == brief_net.dataset


def _mediator_rows(net: Network, a: str, b: str, k: int | None) -> list:
    from diplonet.mediation import mediators

    found = mediators(net, a, b, k=k)
    return [(m.mediator, m.channel.path, m.channel.score, m.objections, m.reach_a) for m in found]


@pytest.mark.parametrize(
    "model",
    [
        V2,
        V2.with_(armed_group_relays=True),
        V2.with_(mediator_relays=False),
        V2.with_(allow_hostile_relays=True, relay_factor=1.0),
        V2.with_(mediator_tiers=False),
        V2.with_(acceptability="mutual", relay_factor=0.5),
        V1,
    ],
    ids=lambda m: repr(m),
)
def test_large_network_mediators_are_the_exhaustive_ranking(tmp_path, monkeypatch, model):
    """On a large network ``mediators(..., k)`` judges candidates in order of a bound on their
    score and stops early (mediation._ranked_large): its k best must be the first k of judging
    every candidate, for every pair, k and model, armed groups and refusals included."""
    ds = _random_dataset(tmp_path / "ds", seed=5, actors=24, rows=500, armed=4)
    monkeypatch.setattr(network, "COLUMNWISE_ABOVE", -1)
    fast = Network(ds, date="2012").with_model(model)
    assert fast._columnwise  # decided once, when first asked
    monkeypatch.setattr(network, "COLUMNWISE_ABOVE", 10**12)
    slow = Network(ds, date="2012").with_model(model)
    assert not slow._columnwise
    ids = sorted(slow.actors)
    compared = stopped = objected = 0
    for a in ids:
        for b in ids:
            if a == b:
                continue
            every = _mediator_rows(slow, a, b, None)
            objected += any(row[3] for row in every)
            for k in (1, 2, 5):
                assert _mediator_rows(fast, a, b, k) == every[:k], (a, b, k)
                compared += 1
                stopped += len(every) > k
    # the data reach the early stop, and have unacceptable mediators to rank below the rest
    assert stopped > compared // 2
    assert objected > 0 or not model.mediator_tiers


@pytest.mark.parametrize("date", ["1999", "2012", "2020-06"])
def test_large_network_resilience_is_the_graph_answer(tmp_path, monkeypatch, date):
    """On a large network ``resilience`` runs its flow on the link columns, without a networkx
    graph (resilience._large_resilience): the report must be the one the networkx graph and
    the same flow give (resilience.resilience), and its connectivity and cut networkx's own,
    for every pair, the direct tie and single points of failure included."""
    import networkx as nx

    from diplonet import resilience as R

    ds = _random_dataset(tmp_path / "ds", seed=7, actors=26, rows=260, armed=3)
    monkeypatch.setattr(R, "FLOW_ABOVE", 0)
    monkeypatch.setattr(network, "COLUMNWISE_ABOVE", -1)
    fast = Network(ds, date=date)
    assert fast._columnwise
    monkeypatch.setattr(network, "COLUMNWISE_ABOVE", 10**12)
    slow = Network(ds, date=date)
    assert not slow._columnwise
    ids = sorted(slow.actors)
    seen = {"direct": 0, "single": 0, "cut": 0, "none": 0}
    for a in ids:
        for b in ids:
            if a >= b:
                continue
            got = R.channel_resilience(fast, a, b)
            want = R.channel_resilience(slow, a, b)
            assert got.to_dict(fast) == want.to_dict(slow), (a, b)
            assert got.result == want.result
            G = R._relayed_graph(slow, slow.barred_relays(a, b))
            G.remove_edges_from([(a, b)])
            r = got.result
            if r.disjoint_paths:
                assert r.connectivity == nx.node_connectivity(G, a, b)
                assert r.cut == sorted(nx.minimum_node_cut(G, a, b), key=str)
            else:
                assert not nx.has_path(G, a, b)
            seen["direct"] += r.direct
            seen["single"] += bool(r.single_points)
            seen["cut"] += len(r.cut) > 1
            seen["none"] += not r.disjoint_paths
    # no route through intermediaries: every partner of one end but the other end removed
    a = max(ids, key=lambda x: len(slow.links[x]))
    b = next(iter(slow.links[a]))
    cut_off = [x for x in slow.links[a] if x != b]
    got = R.channel_resilience(fast.without(*cut_off), a, b)
    assert got.to_dict(fast) == R.channel_resilience(slow.without(*cut_off), a, b).to_dict(slow)
    seen["none"] += not got.result.disjoint_paths
    assert all(seen.values()), seen  # every case is exercised


@pytest.mark.parametrize("model", [V2, V1, V2.with_(relay_factor=1.0)], ids=lambda m: m.name)
def test_large_network_routes_are_the_same(tmp_path, monkeypatch, model):
    """On a large network, once SciPy is loaded, the route search's heuristic (the cheapest
    cost to the target) and hop bound come from SciPy (paths._distances_large): the routes found, their order and
    scores must be those of the search on the adjacency, for every pair and hop limit, with
    avoided actors and links of zero cost (ρ = 1 and a tie of full strength) included."""
    import scipy.sparse.csgraph  # noqa: F401 - loaded, as resilience loads it

    from diplonet import paths
    from diplonet.paths import best_paths

    used = []
    large = paths._distances_large
    monkeypatch.setattr(paths, "_distances_large", lambda *a: used.append(1) or large(*a))
    ds = _random_dataset(tmp_path / "ds", seed=9, actors=22, rows=300, armed=2)
    monkeypatch.setattr(network, "COLUMNWISE_ABOVE", -1)
    fast = Network(ds, date="2015").with_model(model)
    assert fast._columnwise
    monkeypatch.setattr(network, "COLUMNWISE_ABOVE", 10**12)
    slow = Network(ds, date="2015").with_model(model)
    assert not slow._columnwise
    ids = sorted(slow.actors)
    found = 0
    for a in ids:
        for b in ids:
            if a == b:
                continue
            for hops, avoid in ((2, ()), (3, ()), (4, (ids[0],) if ids[0] not in (a, b) else ())):
                want = best_paths(slow, a, b, k=6, max_hops=hops, avoid=avoid)
                got = best_paths(fast, a, b, k=6, max_hops=hops, avoid=avoid)
                assert [(c.path, c.score) for c in got] == [(c.path, c.score) for c in want]
                found += len(want)
    assert found > 1000 and used


@pytest.mark.parametrize("sampled", [False, True])
def test_large_network_brokers_are_the_graph_answer(tmp_path, monkeypatch, sampled):
    """On a large network ``brokers`` counts and measures from the columns, without networkx
    graphs (brokerage._large_measures): every row must be the one channel_digraph, the
    channel graph, betweenness_estimate and structural_holes give, to the last bit, with
    exact and with sampled betweenness, for each partition."""
    from diplonet import brokerage as B

    ds = _random_dataset(tmp_path / "ds", seed=13, actors=40, rows=600, armed=5)
    monkeypatch.setattr(B, "PAIR_AWARE_LIMIT", 0)
    if sampled:
        monkeypatch.setattr(B, "EXACT_BETWEENNESS_LIMIT", 10)
        monkeypatch.setattr(B, "BETWEENNESS_SOURCES", 9)
    monkeypatch.setattr(network, "COLUMNWISE_ABOVE", -1)
    fast = Network(ds, date="2016")
    assert fast._columnwise
    monkeypatch.setattr(network, "COLUMNWISE_ABOVE", 10**12)
    slow = Network(ds, date="2016")
    assert not slow._columnwise
    for groups in ("bloc", "kind"):
        got, want = B.brokers(fast, groups), B.brokers(slow, groups)
        assert [r.to_dict(fast) for r in got] == [r.to_dict(slow) for r in want]
        assert got == want  # unrounded too
        assert any(r.roles["total"] for r in got) and any(r.betweenness for r in got)
        assert all(r.betweenness_sources == (9 if sampled else None) for r in got)


@pytest.mark.parametrize("large", [False, True])
def test_the_cli_sets_a_large_dataset_aside_from_the_collector(monkeypatch, large):
    """A command on a large dataset freezes the objects loaded (gc.freeze): one full
    collection of 200,000 relations took over a second, in the middle of a query."""
    import gc

    from typer.testing import CliRunner

    from diplonet.cli import app

    monkeypatch.setattr(network, "COLUMNWISE_ABOVE", -1 if large else 10**12)
    gc.unfreeze()
    try:
        result = CliRunner().invoke(app, ["channels", "US", "Hamas", "--as-of", "2021-05-20"])
        assert result.exit_code == 0, result.output
        assert (gc.get_freeze_count() > 0) == large
    finally:
        gc.unfreeze()


def test_validate_sets_a_large_dataset_aside_too(monkeypatch):
    """``validate`` applies the same rule (cli.core.set_aside) to the dataset it checked."""
    import gc

    from typer.testing import CliRunner

    from diplonet.cli import app

    monkeypatch.setattr(network, "COLUMNWISE_ABOVE", -1)
    gc.unfreeze()
    try:
        result = CliRunner().invoke(app, ["validate"])
        assert result.exit_code == 0, result.output
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
