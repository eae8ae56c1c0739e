"""Relations checked a whole column at a time (``dataset._relations_at_once``) give exactly what
the row-by-row loop of ``dataset._read_relations`` gives: the same relations, in the same order,
field for field, on valid files; and, on a file with any problem, nothing of their own, so the
loop reports every problem with its usual message. Each case loads a generated dataset twice,
with the column checks and without them, and compares the outcomes."""

from __future__ import annotations

import csv
import io
import json
import random
from dataclasses import replace
from pathlib import Path

import pytest

import diplonet.dataset as dataset_module
from diplonet import _cache
from diplonet._reading import CONTROL, has_control
from diplonet.dataset import EVENT_COLUMNS, RELATION_COLUMNS, Dataset, Relation, load_dataset
from diplonet.errors import DataError
from diplonet.vocab import RELATION_TYPES

TYPES = [t for t in RELATION_TYPES if t != "events"]
DATES = ["1990", "1995-06", "1999-12-31", "2000", "2000-02", "2000-02-29", "2005-07-14", "2010"]
HEADER = [*RELATION_COLUMNS, "note"]
EVENTS_HEADER = [*HEADER, *EVENT_COLUMNS]
BRIEF = "The parties met in Doha.\nThey agreed   to talk again."


def _actors(n: int) -> list[dict]:
    rows = []
    for i in range(n):
        row = {
            "id": f"A{i:02d}",
            "name": f"Actor {i}",
            "kind": "state",
            "groups": "",
            "aliases": "",
        }
        row["aliases"] = f"alias-{i}"
        if i == 7:  # an actor that exists from 1990 on, and one that ended in 2012
            row["start"] = "1990"
        if i == 8:
            row["end"] = "2012"
        rows.append(row)
    return rows


def _relation(rng: random.Random, n_actors: int, events: bool) -> dict:
    a, b = rng.sample(range(n_actors), 2)
    name = rng.choice(TYPES)
    rtype = RELATION_TYPES[name]
    start = rng.choice(DATES)
    later = [d for d in DATES if d > start]
    end = rng.choice(later) if later and rng.random() < 0.4 else ""
    sign = (
        rng.choice(["+1", "-1"])
        if not rtype.sign
        else rng.choice(["", "+1" if rtype.sign > 0 else "-1"])
    )
    directed = rng.choice(["", "true" if rtype.directed else "false"])
    row = {
        "source": f"A{a:02d}",
        "target": f"A{b:02d}",
        "type": name,
        "sign": sign,
        "strength": rng.choice(["0.5", "1", "0.25", ".75", "1e-1"]),
        "directed": directed.upper() if rng.random() < 0.1 else directed,
        "start": start,
        "end": end,
        "evidence": rng.choice(["Seen in the record.", "Talks, then more talks", "X"]),
        "citation": rng.choice(["Treaty of 1994", "Report, 2001", "UN 2005 vote"]),
        "confidence": rng.choice(["high", "medium", "low"]),
        "note": rng.choice(["", "", "a note"]),
    }
    if rng.random() < 0.08:
        row["evidence"], row["citation"] = "agreed to talk again", "brief"
    if events and rng.random() < 0.15:
        row.update(type="events", sign=rng.choice(["+1", "-1"]), directed="true")
        counts = [rng.randint(0, 5) for _ in range(4)]
        row.update(zip(EVENT_COLUMNS[1:5], map(str, counts), strict=True))
        row.update(
            events=str(sum(counts)),
            goldstein_mean="1.5",
            goldstein_sum="3",
            event_ids="1;2",
            source_urls="",
        )
    return row


def _csv(header: list[str], rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def _write(
    folder: Path, text: str, second: str | None = None, events: bool = False, brief: bool = True
) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    actors = _actors(12)
    header = ["id", "name", "kind", "groups", "aliases", "start", "end"]
    (folder / "actors.csv").write_text(_csv(header, actors), encoding="utf-8")
    (folder / "brief.txt").write_text(BRIEF, encoding="utf-8")
    (folder / "relations.csv").write_text(text, encoding="utf-8", newline="")
    files = ["relations.csv"]
    if second is not None:
        (folder / "more.csv").write_text(second, encoding="utf-8", newline="")
        files.append("more.csv")
    info = {"brief": "brief.txt", "relations": files} if brief else {"relations": files}
    if not events:  # curated data end in 2011 (events may go further)
        info["curated_through"] = "2011"
    (folder / "dataset.json").write_text(json.dumps(info), encoding="utf-8")
    return folder


def _rows(seed: int, n: int = 400, events: bool = False) -> list[dict]:
    rng = random.Random(seed)
    rows, keys = [], set()
    while len(rows) < n:
        row = _relation(rng, 12, events)
        directed = RELATION_TYPES[row["type"]].directed
        ends = (row["source"], row["target"])
        key = (ends if directed else tuple(sorted(ends)), row["type"], row["start"])
        if key in keys:
            continue
        # the generated data are valid: keep relations inside the lives of actors 7 and 8
        if "A07" in ends and row["start"] < "1990":
            continue
        if "A08" in ends and (not row["end"] or row["end"] > "2012" or row["start"] > "2012"):
            continue
        keys.add(key)
        rows.append(row)
    return rows


def _outcome(folder: Path, extra=(), at_once: bool = True, monkeypatch=None, used=None):
    """What loading gives: ("ok", every field of every relation in order) or ("error", messages)."""
    real = dataset_module._relations_at_once

    def spy(*args):
        found = real(*args) if at_once else None
        if used is not None:
            used.append(found is not None)
        return found

    monkeypatch.setattr(dataset_module, "_relations_at_once", spy)
    try:
        ds = load_dataset(folder, extra_relations=list(extra))
    except DataError as exc:
        return ("error", [str(p) for p in exc.problems])
    finally:
        monkeypatch.setattr(dataset_module, "_relations_at_once", real)
    fields = [(type(r), list(r.__dict__.items())) for r in ds.relations]
    types = [[type(v) for v in r.__dict__.values()] for r in ds.relations]
    return ("ok", fields, types, ds.actors, ds.info)


def _same(folder: Path, monkeypatch, extra=()) -> tuple[tuple, list[bool]]:
    used: list[bool] = []
    fast = _outcome(folder, extra, True, monkeypatch, used)
    slow = _outcome(folder, extra, False, monkeypatch)
    assert fast == slow
    return fast, used


# -- valid files: the column checks are used, and give what the loop gives ------------------------


def _valid_variants(rows: list[dict], header: list[str]) -> dict[str, str]:
    text = _csv(header, rows)
    lines = text.splitlines(keepends=True)
    rows = [dict(r, sign="" if RELATION_TYPES[r["type"]].sign > 0 else r["sign"]) for r in rows]
    padded = [dict(r, source=f" {r['source']}", evidence=f"{r['evidence']}\t ") for r in rows]
    wrapped = [
        dict(r, evidence=f"line one\nline {i}\r\ntwo") if r["citation"] != "brief" else r
        for i, r in enumerate(rows)
    ]
    return {
        "plain": text,
        "crlf": text.replace("\n", "\r\n"),
        "cr": text.replace("\n", "\r"),
        "no final newline": text.rstrip("\n"),
        "blank lines": "".join(line + ("\n" if i % 17 == 5 else "") for i, line in enumerate(lines))
        + "\n\n",
        "blank cells": "".join(
            line
            + (" , ,,\n" if i % 23 == 4 else "")
            + ("," * (len(header) - 1) + "\n" if i == 9 else "")
            for i, line in enumerate(lines)
        ),
        "padded cells": _csv(header, padded),
        "line breaks in cells": _csv(header, wrapped),
        "header only": lines[0],
        "every sign stated": _csv(
            header,
            [dict(r, sign=r["sign"] or f"{RELATION_TYPES[r['type']].sign:+d}") for r in rows],
        ),
    }


@pytest.mark.parametrize("variant", list(_valid_variants(_rows(1, 5), HEADER)))
def test_valid_files_are_checked_at_once_and_equal_the_loop(tmp_path, monkeypatch, variant):
    rows = _rows(11)
    text = _valid_variants(rows, HEADER)[variant]
    folder = _write(tmp_path / "ds", text)
    outcome, used = _same(folder, monkeypatch)
    assert outcome[0] == "ok", outcome
    assert used == [True]  # the column checks were used (not the loop)
    assert len(outcome[1]) == (0 if variant == "header only" else len(rows))


def test_event_rows_several_files_and_an_extra_file(tmp_path, monkeypatch):
    rows = _rows(5, 600, events=True)
    assert sum(r["type"] == "events" for r in rows) > 30
    folder = _write(
        tmp_path / "ds",
        _csv(EVENTS_HEADER, rows[:300]),
        _csv(EVENTS_HEADER, rows[300:450]),
        events=True,
    )
    extra = tmp_path / "extra.csv"
    extra.write_text(_csv(EVENTS_HEADER, rows[450:]), encoding="utf-8")
    outcome, used = _same(folder, monkeypatch, [extra])
    assert outcome[0] == "ok", outcome
    assert used == [True, True, True]
    tags = {fields[-2][1] for _, fields in outcome[1]}
    assert tags == {"relations.csv", "more.csv", "extra.csv"}


# -- files with problems: the column checks give nothing, the loop says what is wrong --------------


def _cell(column: str, value: str):
    def damage(rows: list[dict], i: int) -> None:
        rows[i][column] = value

    return damage


def _set(**values):
    def damage(rows: list[dict], i: int) -> None:
        rows[i].update(values)

    return damage


def _end_before_start(rows: list[dict], i: int) -> None:
    end = random.Random(i).choice(["1999", "2000-01", "2000-02-28"])
    rows[i].update(start="2000-02-29", end=end)


def _duplicate(rows: list[dict], i: int) -> None:
    rows[i] = dict(rows[i - 1])


def _reversed_duplicate(rows: list[dict], i: int) -> None:
    # an undirected tie, on a date no other row has, then the same with its ends swapped
    rows[i - 1].update(type="diplomatic", sign="", directed="", start="1993-03-03", end="1999")
    rows[i] = dict(rows[i - 1], source=rows[i - 1]["target"], target=rows[i - 1]["source"])


def _event_row(**changes):
    """Make the row a valid events row, then change it."""

    def damage(rows: list[dict], i: int) -> None:
        rows[i].update(type="events", sign="+1", directed="true", source_urls="", event_ids="")
        rows[i].update(zip(EVENT_COLUMNS[:5], ["3", "1", "1", "1", "0"], strict=True))
        rows[i].update(goldstein_mean="2.5", goldstein_sum="7.5")
        rows[i].update(changes)

    return damage


#: Each damage, the column its problem names, and whether it needs the event columns (EVENTS)
#: or a dataset with no curation date (FUTURE, so that a date after it is only in the future).
EVENTS, FUTURE, NO_BRIEF = "events", "future", "no brief"
DAMAGE = {
    "unknown actor": (_cell("source", "Nobody"), "source", ""),
    "an alias, not an id": (_cell("target", "alias-3"), "target", ""),
    "empty source": (_cell("source", ""), "source", ""),
    "empty target": (_cell("target", ""), "target", ""),
    "self-tie": (lambda rows, i: rows[i].update(target=rows[i]["source"]), "target", ""),
    "unknown type": (_set(type="alliances", sign="+1"), "type", ""),
    "not a sign": (_cell("sign", "plus"), "sign", ""),
    "sign against the type": (_set(type="alliance", sign="-1", directed=""), "sign", ""),
    "strength not a number": (_cell("strength", "strong"), "strength", ""),
    "strength zero": (_cell("strength", "0"), "strength", ""),
    "strength nan": (_cell("strength", "nan"), "strength", ""),
    "strength over one": (_cell("strength", "1.01"), "strength", ""),
    "directed not a flag": (_cell("directed", "maybe"), "directed", ""),
    "directed against the type": (_set(type="aid", sign="", directed="false"), "directed", ""),
    "empty start": (_cell("start", ""), "start", ""),
    "not a date": (_cell("start", "2000-13"), "start", ""),
    "impossible day": (_cell("end", "2001-02-29"), "end", ""),
    "future date": (_set(end="2999", target="A01", source="A02"), "end", FUTURE),
    "end before start": (_end_before_start, "end", ""),
    "after curated_through": (_cell("end", "2012-01"), "end", ""),
    "before an actor exists": (_set(source="A07", target="A01", start="1989-12"), "start", ""),
    "outlives an actor": (_set(source="A01", target="A08", start="2000", end=""), "end", ""),
    "empty evidence": (_cell("evidence", ""), "evidence", ""),
    "empty citation": (_cell("citation", "  "), "citation", ""),
    "citation without a year": (_cell("citation", "Some report"), "citation", ""),
    "quote not in the brief": (_set(citation="brief", evidence="Elsewhere"), "evidence", ""),
    "cites no brief": (
        _set(citation="brief", evidence="agreed to talk again"),
        "citation",
        NO_BRIEF,
    ),
    "unknown confidence": (_cell("confidence", "certain"), "confidence", ""),
    "event column on a curated row": (_cell("events", "3"), "events", EVENTS),
    "events without a sign": (_event_row(sign=""), "sign", EVENTS),
    "event count not whole": (_event_row(verbal_cooperation="1.5"), "verbal_cooperation", EVENTS),
    "event count negative": (_event_row(material_conflict="-2"), "material_conflict", EVENTS),
    "goldstein off the scale": (_event_row(goldstein_mean="11"), "goldstein_mean", EVENTS),
    "event column missing": (_event_row(goldstein_sum=""), "goldstein_sum", EVENTS),
    "duplicate": (_duplicate, "type", ""),
    "duplicate, ends reversed": (_reversed_duplicate, "type", ""),
}


@pytest.mark.parametrize("name", list(DAMAGE))
def test_a_damaged_row_is_reported_by_the_loop(tmp_path, monkeypatch, name):
    damage, column, needs = DAMAGE[name]
    rows = _rows(2)
    if needs == NO_BRIEF:  # no other row cites the brief
        rows = [dict(r, citation="Accord of 2001") if r["citation"] == "brief" else r for r in rows]
    for i in (3, 200, 399):
        damage(rows, i)
    text = _csv(EVENTS_HEADER if needs == EVENTS else HEADER, rows)
    folder = _write(
        tmp_path / "ds", text, events=needs in (EVENTS, FUTURE), brief=needs != NO_BRIEF
    )
    outcome, used = _same(folder, monkeypatch)
    assert outcome[0] == "error", outcome
    assert used == [False]
    # the damage is precise: the three damaged rows, each with the problem it was made for
    problems = outcome[1]
    assert {p.split("relations.csv:")[1].split(":")[0] for p in problems} == {"5", "202", "401"}
    assert {p.split(": column '")[1].split("'")[0] for p in problems} == {column}


def test_a_duplicate_of_an_earlier_files_relation_is_reported_by_the_loop(tmp_path, monkeypatch):
    rows = _rows(6)
    second = [dict(rows[0], evidence="Again."), *rows[300:]]
    folder = _write(tmp_path / "ds", _csv(HEADER, rows[:300]), _csv(HEADER, second))
    outcome, used = _same(folder, monkeypatch)
    assert used == [True, False]
    assert outcome[0] == "error" and len(outcome[1]) == 1
    assert outcome[1][0].endswith(
        "more.csv:2: column 'type': duplicate of the relation on line 2 (same actors, type and start)"
    )
    extra = tmp_path / "extra.csv"  # an extra file names the dataset's file as it is tagged
    extra.write_text(_csv(HEADER, [rows[301]]), encoding="utf-8")
    folder = _write(tmp_path / "ds2", _csv(HEADER, rows[:300]), _csv(HEADER, rows[300:]))
    outcome, used = _same(folder, monkeypatch, [extra])
    assert used == [True, True, False]
    assert outcome[1][0].endswith("on more.csv line 3 (same actors, type and start)")


def _text_damage() -> dict:
    def rows_text(change):
        def apply(text: str) -> str:
            lines = text.split("\n")
            lines[150] = change(lines[150])
            return "\n".join(lines)

        return apply

    return {
        "control character": rows_text(lambda line: line[:5] + "\x07" + line[5:] + "\x0b"),
        "noncharacter": rows_text(lambda line: line + "\ufffe"),
        "a field too many": rows_text(lambda line: line + ",extra"),
        "a field too few": rows_text(lambda line: line.rsplit(",", 1)[0]),
        "quote never closed": rows_text(lambda line: line.replace(",", ',"', 1)),
        "quote inside a field": rows_text(lambda line: 'A"0' + line[2:]),
        "unknown column": lambda text: text.replace("confidence", "confidance", 1),
        "missing column": lambda text: text.replace("confidence,", "", 1),
        "column twice": lambda text: text.replace("note", "evidence", 1),
        "empty file": lambda text: "",
    }


@pytest.mark.parametrize("name", list(_text_damage()))
def test_a_damaged_file_is_reported_by_the_loop(tmp_path, monkeypatch, name):
    text = _text_damage()[name](_csv(HEADER, _rows(3)))
    folder = _write(tmp_path / "ds", text)
    outcome, used = _same(folder, monkeypatch)
    assert outcome[0] == "error" and outcome[1], outcome
    assert used == [False]


@pytest.mark.parametrize("seed", range(12))
def test_random_damage_anywhere_gives_the_same_outcome(tmp_path, monkeypatch, seed):
    """Several problems at random rows of random files (valid ones too, by chance)."""
    rng = random.Random(seed)
    rows = _rows(100 + seed, 300, events=seed % 3 == 0)
    for _ in range(rng.choice([0, 1, 1, 2, 5])):
        damage, _, needs = rng.choice(list(DAMAGE.values()))
        if needs != EVENTS or seed % 3 == 0:
            damage(rows, rng.randrange(1, len(rows)))
    header = EVENTS_HEADER if seed % 3 == 0 else HEADER
    first, second = _csv(header, rows[:200]), _csv(header, rows[200:])
    if rng.random() < 0.3:
        first = first.replace("\n", "\r\n")
    folder = _write(tmp_path / "ds", first, second, events=seed % 3 == 0)
    outcome, used = _same(folder, monkeypatch)
    assert len(used) == 2
    if outcome[0] == "ok":
        assert used == [True, True]


# -- the pieces ----------------------------------------------------------------------------------


def test_has_control_agrees_with_the_pattern():
    rng = random.Random(7)
    alphabet = [chr(c) for c in range(0x30)] + ["\ufffe", "\uffff", "\ufffd", "é", "\u2028", "😀"]
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 8)))
        assert has_control(text) == (CONTROL.search(text) is not None), repr(text)


def test_cache_entry_from_the_loaders_columns_equals_one_from_the_relations(tmp_path, monkeypatch):
    rows = _rows(4, 500, events=True)
    folder = _write(
        tmp_path / "ds", _csv(EVENTS_HEADER, rows[:250]), _csv(EVENTS_HEADER, rows[250:]), True
    )
    given = []
    monkeypatch.setattr(_cache, "MIN_BYTES", 0)
    monkeypatch.setattr(_cache, "store", lambda name, ds, columns=None: given.append((ds, columns)))
    load_dataset(folder, cache="refresh")
    [(ds, columns)] = given
    assert columns is not None and len(columns["line"]) == 500
    assert _cache._pack(ds, columns) == _cache._pack(ds)
    # columns that are not those of the relations are not trusted
    wrong = dict(columns, line=columns["line"][::-1])
    assert _cache._pack(ds, wrong) == _cache._pack(ds)


def test_cache_entry_reads_back_every_field(tmp_path, monkeypatch):
    """Each packed form: many distinct values (four-byte places), one value, every value its
    own (evidence), and text holding the separator (kept as is)."""
    rows = [dict(r, note=f"note {i}") for i, r in enumerate(_rows(8, 400))]
    folder = _write(tmp_path / "ds", _csv(HEADER, rows))
    monkeypatch.setattr(_cache, "MIN_BYTES", 0)
    cold = load_dataset(folder, cache="refresh")
    warm = load_dataset(folder, cache="on")
    assert "_raw_columns" in warm.__dict__  # it did come from the cache
    fields = [list(r.__dict__.items()) for r in cold.relations]
    assert [list(r.__dict__.items()) for r in warm.relations] == fields
    assert [[type(v) for v in r.__dict__.values()] for r in warm.relations] == [
        [type(v) for v in r.__dict__.values()] for r in cold.relations
    ]
    odd = replace(cold.relations[5], evidence="a\x00b", note="c\x00d")
    relations = (*cold.relations[:5], odd, *cold.relations[6:])
    ds = Dataset(cold.actors, relations, cold.info, cold.brief_text)
    kinds = {column[0] for column in _cache._pack(ds)[-1]}
    assert "as is" in kinds and "text by place" in kinds
    back = _cache._unpack(_cache._pack(ds), Dataset, Relation)
    assert [r.__dict__ for r in back.relations] == [r.__dict__ for r in relations]
