"""Actor names, scenarios and the channel graph of diplonet.network."""

import math

import pytest

from diplonet.errors import DiplonetError, UnknownActorError

from conftest import rel


@pytest.mark.parametrize(
    "name, actor_id",
    [
        ("usa", "US"),
        ("United States", "US"),
        ("  united   states ", "US"),
        ("Palestinian Authority", "PA"),
        ("pa", "PA"),
        ("Türkiye", "Turkey"),
        ("turkiye", "Turkey"),
        ("United Arab Emirates", "UAE"),
        ("HAMAS", "Hamas"),
        ("Hizballah", "Hezbollah"),
        ("Saudi Arabia", "Saudi"),
    ],
)
def test_names_are_case_insensitive_and_accept_aliases(brief_net, name, actor_id):
    assert brief_net.resolve(name) == actor_id


@pytest.mark.parametrize(
    "name, suggestion",
    [("Quatar", "Qatar"), ("Isreal", "Israel"), ("Hezbolah", "Hezbollah"), ("Egipt", "Egypt")],
)
def test_misspelt_names_get_suggestions(brief_net, name, suggestion):
    with pytest.raises(UnknownActorError) as info:
        brief_net.resolve(name)
    assert suggestion in info.value.suggestions
    assert f"did you mean: {suggestion}" in str(info.value) or suggestion in str(info.value)


def test_unknown_name_without_any_close_match(brief_net):
    with pytest.raises(UnknownActorError) as info:
        brief_net.resolve("Atlantis")
    assert info.value.suggestions == []
    assert "diplonet actors" in str(info.value)


def test_scenarios_return_new_networks(brief_net):
    n_before = len(brief_net.relations)
    without = brief_net.without("Qatar")
    assert "Qatar" not in without.actors and "Qatar" in brief_net.actors
    assert not any(r.involves("Qatar") for r in without.relations)
    assert len(brief_net.relations) == n_before
    assert without.date == brief_net.date
    later = brief_net.as_of("2019")
    assert str(later.date) == "2019" and str(brief_net.date) == "2021-05-20"


def test_removed_actor_cannot_be_queried(brief_net):
    with pytest.raises(DiplonetError, match="removed"):
        brief_net.without("Qatar").resolve("qatar")


def test_without_relation_by_type_and_by_pair(brief_net):
    only_aid = brief_net.without_relation("Qatar", "Hamas", "aid")
    types = {r.type for r in only_aid.relations_between("Qatar", "Hamas")}
    assert types == {"hosting"}
    assert brief_net.without_relation("hamas", "qatar").relations_between("Qatar", "Hamas") == []


def test_without_relation_that_does_not_exist_is_an_error(brief_net):
    with pytest.raises(DiplonetError, match="no such relation.*their ties: hostility"):
        brief_net.without_relation("Israel", "Hamas", "aid")
    with pytest.raises(DiplonetError, match="unknown type 'ad'"):
        brief_net.without_relation("Qatar", "Hamas", "ad")


def test_channel_graph_links_strongest_tie_plus_multiplex_bonus(make_net):
    net = make_net(
        ["S", "A", "T"],
        [rel("S", "A", "contact", 0.5), rel("S", "A", "aid", 0.5), rel("A", "T", "hostility", 1.0)],
    )
    g = net.channel_graph
    # 0.5, plus half of what the second type adds by noisy-or: ½ (0.75 - 0.5) (scoring, rule 1)
    assert g.edges["S", "A"]["strength"] == pytest.approx(0.625)
    assert g.edges["S", "A"]["types"] == 2 and g.edges["S", "A"]["hostile"] == []
    assert g.edges["S", "A"]["cost"] == pytest.approx(-math.log(0.625) - math.log(0.8))
    assert [r.type for r in g.edges["S", "A"]["relations"]] == ["contact", "aid"]
    assert not g.has_edge("A", "T")  # hostile ties carry no channel
    assert net.graph.number_of_edges() == 3  # but stay in the full graph


def test_a_hostile_tie_in_the_pair_lowers_the_link(make_net):
    # alliance 0.6 lowered by sanctions 0.4: 0.6 × (1 - 0.5 × 0.4) = 0.48
    net = make_net(["S", "A"], [rel("S", "A", "alliance", 0.6), rel("S", "A", "sanctions", 0.4)])
    edge = net.channel_graph.edges["S", "A"]
    assert edge["strength"] == pytest.approx(0.48)
    assert [r.type for r in edge["hostile"]] == ["sanctions"]
    assert not net.hostile_to("S", "A")  # net tie +0.2: allies at odds, not enemies


def test_relations_out_of_force_are_dropped(make_net):
    rows = [rel("S", "A", "contact", start="1990", end="1995"), rel("S", "A", "aid", start="2011")]
    net = make_net(["S", "A"], rows, date="2010")
    assert net.relations == ()
    assert len(net.as_of("1993-06").relations) == 1
    assert len(net.relations_at_any_date()) == 2


def test_date_note_flags_dates_past_curation(make_net):
    net = make_net(
        ["S", "A"], [rel("S", "A", "contact")], date="2019", info={"curated_through": "2018-12"}
    )
    assert (
        net.date_note()
        == "as of 2019; data curated through 2018-12 (later changes are not in the data)"
    )
    assert net.as_of("2018-06").date_note() == "as of 2018-06; data curated through 2018-12"
