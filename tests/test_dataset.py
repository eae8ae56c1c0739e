"""Loading and validation: the shipped dataset is clean, and every kind of bad input is reported
with its file, line and column, all problems at once."""

from __future__ import annotations

import re

import pytest

from diplonet.dataset import default_data_dir, load_dataset
from diplonet.errors import DataError
from diplonet.vocab import BRIEF_CITATION, RELATION_TYPES

from conftest import REPO, SHARED, rel, write_dataset

REQUIRED_IDS = [
    "US",
    "Israel",
    "PA",
    "Hamas",
    "Egypt",
    "Jordan",
    "Qatar",
    "Turkey",
    "UAE",
    "Iran",
    "Hezbollah",
]


# -- the shipped dataset ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def shipped():
    return load_dataset()


def test_shipped_dataset_is_the_repository_data_folder(shipped):
    assert (
        default_data_dir().resolve() == (REPO / "data").resolve()
        or default_data_dir().name == "data"
    )
    assert shipped.info.curated_through is not None


def test_shipped_dataset_has_the_brief_actors(shipped):
    for actor_id in REQUIRED_IDS + ["EU", "UN", "Russia", "Saudi", "Bahrain", "Morocco"]:
        assert actor_id in shipped.actors, actor_id
    assert "Quartet" in shipped.actors["US"].groups
    assert "Arab Quartet" in shipped.actors["Saudi"].groups
    assert "Abraham Accords" in shipped.actors["UAE"].groups
    assert "Axis of Resistance" in shipped.actors["Hezbollah"].groups


def test_every_brief_quote_is_verbatim_in_the_brief(shipped):
    text = " ".join(shipped.brief_text.split())
    quotes = [r.evidence for r in shipped.relations if r.citation == BRIEF_CITATION]
    assert len(quotes) >= 4
    for quote in quotes:
        assert " ".join(quote.split()) in text, quote


@pytest.mark.skipif(not (SHARED / "brief.txt").is_file(), reason="shared/ not beside the checkout")
def test_shipped_brief_is_the_shared_brief(shipped):
    assert shipped.brief_text == (SHARED / "brief.txt").read_text(encoding="utf-8")


def test_every_relation_has_evidence_dates_and_a_dated_reference(shipped):
    for r in shipped.relations:
        assert r.evidence.strip() and r.start is not None
        if r.citation != BRIEF_CITATION:
            assert re.search(r"\b(1[5-9]|20)\d\d\b", r.citation), r.citation
        assert r.sign == RELATION_TYPES[r.type].sign


def test_shipped_dataset_carries_the_ties_the_brief_assumes(shipped):
    def has(a, b, rtype):
        return any(r.involves(a, b) and r.type == rtype for r in shipped.relations)

    assert has("Egypt", "Israel", "peace_treaty")
    assert has("Jordan", "Israel", "peace_treaty")
    for partner in ("UAE", "Bahrain", "Morocco"):
        assert has(partner, "Israel", "normalization")
    assert has("Qatar", "Hamas", "hosting")
    assert has("Iran", "Hamas", "sponsorship") and has("Iran", "Hezbollah", "sponsorship")
    assert has("US", "Hamas", "no_contact")
    assert has("PA", "Hamas", "rivalry")
    for a, b in [("Israel", "Hamas"), ("Israel", "Hezbollah"), ("Israel", "Iran"), ("US", "Iran")]:
        assert has(a, b, "hostility"), (a, b)


# -- every loader error ----------------------------------------------------------------------


def problems_of(path):
    with pytest.raises(DataError) as info:
        load_dataset(path)
    return info.value.problems


def one(problems, column=None, pattern=""):
    """The single problem in ``column`` whose message matches ``pattern``."""
    hits = [
        p
        for p in problems
        if (column is None or p.column == column) and re.search(pattern, p.message)
    ]
    assert len(hits) == 1, [str(p) for p in problems]
    return hits[0]


def test_missing_directory(tmp_path):
    (p,) = problems_of(tmp_path / "nowhere")
    assert "not found" in p.message


def test_missing_files_are_both_reported(tmp_path):
    (tmp_path / "ds").mkdir()
    problems = problems_of(tmp_path / "ds")
    assert sorted(p.file.rsplit("/", 1)[-1] for p in problems) == ["actors.csv", "relations.csv"]


def test_missing_and_unknown_columns(tmp_path):
    ds = write_dataset(tmp_path / "ds", ["A", "B"], [rel("A", "B", "contact")])
    text = (ds / "relations.csv").read_text().replace("confidence", "confidance")
    (ds / "relations.csv").write_text(text)
    problems = problems_of(ds)
    assert one(problems, "confidence", "required column is missing").line == 1
    assert "did you mean 'confidence'" in one(problems, "confidance", "unknown column").message


def test_wrong_field_count_names_the_line(tmp_path):
    ds = write_dataset(tmp_path / "ds", ["A", "B"], [rel("A", "B", "contact")])
    with open(ds / "relations.csv", "a") as fh:
        fh.write("A,B,contact,+1,0.5,false,2000,,unquoted, comma,Treaty 2000,high,\n")
    p = one(problems_of(ds), None, "expected 12 fields, found 13")
    assert p.line == 3 and p.file.endswith("relations.csv")


def test_line_numbers_count_multiline_fields(tmp_path):
    ds = write_dataset(
        tmp_path / "ds",
        ["A", "B", "C"],
        [
            rel("A", "B", "contact", evidence="line one\nline two"),
            rel("A", "C", "contact", strength=7),
        ],
    )
    assert one(problems_of(ds), "strength").line == 4


def test_actor_problems(tmp_path):
    actors = [
        {
            "id": "A",
            "name": "Alpha",
            "kind": "state",
            "groups": "",
            "aliases": "Al",
            "lat": "10",
            "lon": "20",
        },
        {"id": "A", "name": "Again", "kind": "state", "groups": "", "aliases": ""},
        {"id": "B", "name": "Beta", "kind": "stat", "groups": "", "aliases": "al"},
        {
            "id": "C D",
            "name": "Gamma",
            "kind": "state",
            "groups": "",
            "aliases": "",
            "lat": "95",
            "lon": "x",
        },
        {
            "id": "E",
            "name": "Eta",
            "kind": "state",
            "groups": "",
            "aliases": "",
            "lat": "1",
            "lon": "",
        },
    ]
    problems = problems_of(write_dataset(tmp_path / "ds", actors, []))
    assert one(problems, "id", "duplicate id 'A' \\(first on line 2\\)").line == 3
    assert "did you mean 'state'" in one(problems, "kind").message
    assert one(problems, "aliases", "already names actor 'A'").line == 4
    assert one(problems, "id", "must not contain spaces").line == 5
    assert one(problems, "lat", "outside").line == 5
    assert one(problems, "lon", "not a number").line == 5
    assert one(problems, "lon", "both lat and lon").line == 6


def test_unknown_actor_gets_suggestions(tmp_path):
    actors = [
        {
            "id": "Hamas",
            "name": "Hamas",
            "kind": "non-state armed group",
            "groups": "",
            "aliases": "Islamic Resistance Movement",
        },
        "Qatar",
    ]
    ds = write_dataset(
        tmp_path / "ds",
        actors,
        [rel("Qatar", "Hamass", "hosting"), rel("Islamic Resistance Movement", "Qatar", "contact")],
    )
    problems = problems_of(ds)
    p = one(problems, "target", "unknown actor 'Hamass'")
    assert p.line == 2 and "did you mean: Hamas" in p.message
    assert "use the id 'Hamas'" in one(problems, "source").message


@pytest.mark.parametrize(
    "override, column, pattern",
    [
        ({"target": "A"}, "target", "self-tie"),
        ({"type": "alliace"}, "type", "unknown type 'alliace' \\(did you mean 'alliance'\\?\\)"),
        ({"sign": "2"}, "sign", "not a sign"),
        ({"sign": "-1"}, "sign", "contradicts type 'contact'"),
        ({"strength": "strong"}, "strength", "not a number"),
        ({"strength": "0"}, "strength", "outside \\(0, 1\\]"),
        ({"strength": "1.5"}, "strength", "outside"),
        ({"strength": "nan"}, "strength", "outside"),
        ({"directed": "maybe"}, "directed", "not true or false"),
        ({"directed": "true"}, "directed", "undirected"),
        ({"start": "2021-02-30"}, "start", "day 30 does not exist"),
        ({"start": ""}, "start", "empty start"),
        ({"end": "2021-13"}, "end", "month 13"),
        ({"start": "2020-05", "end": "2019"}, "end", "before start"),
        ({"start": "2999"}, "start", "in the future"),
        ({"evidence": ""}, "evidence", "empty evidence"),
        ({"citation": ""}, "citation", "empty citation"),
        ({"citation": "Some treaty"}, "citation", "names no year"),
        ({"confidence": "sure"}, "confidence", "not one of high, medium, low"),
        (
            {"citation": "brief", "evidence": "words never written"},
            "evidence",
            "quote not found in the brief",
        ),
    ],
)
def test_relation_value_problems(tmp_path, override, column, pattern):
    row = {**rel("A", "B", "contact"), **override}
    ds = write_dataset(tmp_path / "ds", ["A", "B"], [row], brief="The brief's own words.")
    p = one(problems_of(ds), column, pattern)
    assert p.line == 2 and p.file.endswith("relations.csv")
    assert f"relations.csv:2: column '{column}'" in str(p)


def test_brief_citation_without_a_brief_file(tmp_path):
    ds = write_dataset(tmp_path / "ds", ["A", "B"], [rel("A", "B", "contact", citation="brief")])
    assert "names no brief file" in one(problems_of(ds), "citation").message


def test_brief_quote_found_despite_rewrapping(tmp_path):
    brief = "The United States should\nlaunch a diplomatic campaign."
    ds = write_dataset(
        tmp_path / "ds",
        ["A", "B"],
        [rel("A", "B", "contact", citation="brief", evidence="States should launch a  diplomatic")],
        brief=brief,
    )
    assert len(load_dataset(ds).relations) == 1


def test_duplicate_relation(tmp_path):
    ds = write_dataset(
        tmp_path / "ds", ["A", "B"], [rel("A", "B", "contact"), rel("B", "A", "contact")]
    )
    assert one(problems_of(ds), "type", "duplicate of the relation on line 2").line == 3


def test_every_problem_is_reported_at_once(tmp_path):
    ds = write_dataset(
        tmp_path / "ds",
        ["A", "B", {"id": "A", "name": "A2", "kind": "state", "groups": "", "aliases": ""}],
        [
            rel("A", "Z", "contact"),
            rel("A", "B", "alliance", strength=2),
            rel("B", "A", "hosting", start="2001-02-29"),
        ],
    )
    problems = problems_of(ds)
    assert len(problems) == 4
    assert [p.line for p in problems] == [4, 2, 3, 4]


def test_not_utf8(tmp_path):
    ds = write_dataset(tmp_path / "ds", ["A", "B"], [rel("A", "B", "contact")])
    (ds / "actors.csv").write_bytes(
        "id,name,kind,groups,aliases\nT,T\xfcrkiye,state,,\n".encode("latin-1")
    )
    assert "not UTF-8" in one(problems_of(ds), None, "UTF-8").message


def test_bad_dataset_json(tmp_path):
    ds = write_dataset(tmp_path / "ds", ["A", "B"], [rel("A", "B", "contact")])
    (ds / "dataset.json").write_text('{"curated_through": "2021-02-30", "colour": 1}')
    problems = problems_of(ds)
    assert "day 30" in one(problems, "curated_through").message
    assert one(problems, "colour", "unknown key")
    (ds / "dataset.json").write_text("{not json")
    assert "not valid JSON" in problems_of(ds)[0].message


def test_empty_file(tmp_path):
    ds = write_dataset(tmp_path / "ds", ["A", "B"], [])
    (ds / "relations.csv").write_text("")
    assert "empty" in one(problems_of(ds), None, "empty").message


def test_loaded_relations_are_what_their_class_builds(shipped):
    # the loader builds relations without the frozen dataclass's __init__ (for speed): they
    # must be equal, hash alike and be immutable like any other
    import dataclasses

    from diplonet.dataset import Relation

    for r in shipped.relations[:20]:
        fields = {f.name: getattr(r, f.name) for f in dataclasses.fields(Relation)}
        built = Relation(**fields)
        assert r == built and hash(r) == hash(built)
    with pytest.raises(dataclasses.FrozenInstanceError):
        shipped.relations[0].strength = 1.0
