"""docs/schema.md against the answers themselves: every kind of answer, its JSON shape, the
fields of its records and the fields beside them (issue: "one answers layer")."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from diplonet import answers as A
from diplonet.network import Network

from conftest import REPO

SCHEMA = (REPO / "docs" / "schema.md").read_text(encoding="utf-8")
RELATION = [
    "source", "target", "type", "sign", "strength", "directed", "start", "end",
    "evidence", "citation", "confidence", "note", "line",
]  # fmt: skip
CHANNEL = ["path", "via", "score", "hops", "hostile_relays", "relations", "as_of"]


def _fields(cell: str) -> list[str]:
    out = []
    for part in [p.strip() for p in cell.split(",") if p.strip()]:
        if part == "a relation":
            out += RELATION
        elif part == "a channel":
            out += CHANNEL
        else:
            out.append(part.strip("`"))
    return out


def _documented() -> dict[str, tuple[str, list[str], list[str]]]:
    rows = {}
    for line in SCHEMA.splitlines():
        m = re.match(r"\| `(\w+)` \|[^|]+\|([^|]+)\|([^|]*)\|([^|]*)\|$", line)
        if m:
            rows[m.group(1)] = (m.group(2).strip(), _fields(m.group(3)), _fields(m.group(4)))
    return rows


def _ingest(tmp_path_factory):
    # the real sample with one damaged row appended, so the answer has a record
    from diplonet.ingest import ingest_to_file

    folder = tmp_path_factory.mktemp("ingest")
    export = folder / "20191024143000.export.CSV"
    sample = REPO / "tests" / "data" / "gdelt" / "20191024143000.export.CSV"
    export.write_bytes(sample.read_bytes() + b"not\ta\tgdelt\trow\n")
    return A.ingest(ingest_to_file([export], folder / "events.csv", engine="stream"))


@pytest.fixture(scope="module")
def cases(tmp_path_factory):
    net = Network.load(date="2021-05-20")
    return {
        "ingest": _ingest(tmp_path_factory),
        "actors": A.actors(net),
        "relations": A.relations(net, ["Qatar"]),
        "show": A.show(net, "Qatar"),
        "types": A.types(),
        "channels": A.channels(net, "US", ["Hamas"]),
        "coverage": A.channels(net, "US", ["Israel", "Hamas"]),
        "paths": A.paths(net, "US", "Hamas"),
        "mediators": A.mediators(net, "Israel", "Hamas"),
        "mediator_profiles": A.mediators(net, "Israel", "Hamas", explain=True),
        "brokers": A.brokers(net),
        "balance": A.balance(net),
        "resilience": A.resilience(net, "US", "Hamas"),
        "spoilers": A.spoilers(net, "US", "Hamas"),
        "backtest": A.backtest(net),
        "diff": A.diff(net, "2019", "2021-05-20", channel_ends=("US", "Hamas")),
        "timeline": A.timeline(net, ["Qatar"]),
        "channel_series": A.channel_series(net, "US", "Hamas"),
        "compare": A.compare(REPO / "tests" / "data" / "gdelt" / "events-2019-10.csv"),
    }


def test_the_schema_documents_every_kind_of_answer(cases):
    assert sorted(_documented()) == sorted(cases)


@pytest.mark.parametrize("kind", sorted(_documented()))
def test_each_answer_has_the_documented_shape(cases, kind):
    shape, fields, beside = _documented()[kind]
    ans = cases[kind]
    assert ans.kind == kind and ans.records(), kind
    assert list(ans.records()[0]) == fields
    assert list(ans.info) == beside
    data = json.loads(ans.to_json())
    if shape == "list":
        assert ans.key is None and data == ans.records()
    else:
        key = shape.split("`")[1]
        assert ans.key == key and data[key] == ans.records()
        assert {k: v for k, v in data.items() if k != key} == ans.info
    meta = ans.meta()
    assert (
        meta["query"]["command"].split()[0]
        in (
            "actors relations show types channels paths mediators "
            "brokers balance resilience spoilers backtest diff "
            "timeline compare ingest"
        ).split()
    )


@pytest.mark.parametrize("kind", ["channels", "balance", "brokers", "diff", "spoilers"])
def test_csv_follows_the_one_rule(cases, kind):
    ans = cases[kind]
    rows = list(csv.DictReader(io.StringIO(ans.to_csv())))
    assert len(rows) == len(ans.records())
    for rec, row in zip(ans.records(), rows, strict=True):
        for key, value in rec.items():
            if isinstance(value, list) and value and isinstance(value[0], (dict, list)):
                assert key not in row  # nested records stay in the JSON
            elif isinstance(value, list):
                assert row[key] == ";".join(map(str, value))
            elif isinstance(value, dict):
                assert all(
                    f"{key}.{k}" in row for k, v in value.items() if not isinstance(v, (dict, list))
                )
            elif value is None:
                assert row[key] == ""
            else:
                assert row[key] == str(value)
        if "as_of" in ans.query:  # every row says the date it describes
            assert row["as_of"] == ans.query["as_of"]


def test_the_dataframe_carries_the_metadata(cases):
    df = cases["balance"].to_frame()
    assert len(df) == len(cases["balance"].records())
    assert df.attrs["frustration"]["index"] == cases["balance"].info["frustration"]["index"]
    assert df.attrs["query"]["as_of"] == "2021-05-20"
