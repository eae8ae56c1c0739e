"""The corrected and extended facts of the shipped data, pinned as of their dates, so that a
regression in the data is caught. Each fact's evidence and dated public source is in its row of
data/relations.csv; the coding rules are in data/SOURCES.md.

Earlier errors these pin (issue "Data: corrected, complete where history needs it"): the UAE–PA
rivalry ran past the PA's return of its ambassadors (18 November 2020); Turkey–Israel relations
were below ambassador level until 1992 and Turkey withdrew its ambassador on 31 May 2010; Hamas
officials were in Turkey from 2011, not 2020; Jordan hosted Hamas's offices until August 1999;
the Qatar boycott ended by one rule for all four states (Al-Ula, 5 January 2021).
"""

from __future__ import annotations

import csv

import pytest

from diplonet.network import Network

from conftest import REPO

# (as of, actor, actor, type, strength in force, or None: no such tie in force)
PRE_2021 = [
    ("2020-11-17", "UAE", "PA", "rivalry", "0.6"),
    ("2020-11-18", "UAE", "PA", "rivalry", None),
    ("2021-05-20", "UAE", "PA", "rivalry", None),
    ("2020-10-01", "Bahrain", "PA", "rivalry", "0.5"),
    ("2021-05-20", "Bahrain", "PA", "rivalry", None),
    ("1970-01-01", "Turkey", "Israel", "diplomatic", "0.3"),
    ("1992-03-22", "Turkey", "Israel", "diplomatic", "0.3"),
    ("1992-03-23", "Turkey", "Israel", "diplomatic", "0.6"),
    ("2005-01-01", "Turkey", "Israel", "diplomatic", "0.6"),
    ("2010-05-30", "Turkey", "Israel", "diplomatic", "0.6"),
    ("2010-05-31", "Turkey", "Israel", "diplomatic", "0.3"),
    ("2010-06-15", "Turkey", "Israel", "diplomatic", "0.3"),
    ("2012-01-01", "Turkey", "Israel", "diplomatic", "0.3"),
    ("2017-01-01", "Turkey", "Israel", "diplomatic", "0.6"),
    ("2021-05-20", "Turkey", "Israel", "diplomatic", "0.3"),
    ("2011-10-17", "Turkey", "Hamas", "hosting", None),
    ("2013-01-01", "Turkey", "Hamas", "hosting", "0.5"),
    ("2021-05-20", "Turkey", "Hamas", "hosting", "0.5"),
    ("1998-01-01", "Jordan", "Hamas", "hosting", "0.6"),
    ("1999-08-29", "Jordan", "Hamas", "hosting", "0.6"),
    ("1999-08-30", "Jordan", "Hamas", "hosting", None),
    ("1999-08-30", "Jordan", "Hamas", "severed", "0.7"),
    ("1999-08-15", "Jordan", "Hamas", "severed", None),
    ("2021-01-04", "Saudi", "Qatar", "severed", "0.9"),
    ("2021-01-05", "Saudi", "Qatar", "severed", None),
    ("2021-01-05", "Saudi", "Qatar", "diplomatic", "0.5"),
    ("2021-01-05", "UAE", "Qatar", "severed", None),
    ("2021-01-05", "Egypt", "Qatar", "severed", None),
    ("2021-01-05", "Bahrain", "Qatar", "severed", None),
    ("2021-05-20", "Bahrain", "Qatar", "rivalry", "0.5"),
    ("2021-05-20", "UAE", "Qatar", "contact", "0.2"),
    ("2021-02-21", "UAE", "Qatar", "contact", None),
    ("2021-05-20", "Egypt", "Qatar", "diplomatic", "0.5"),
    ("2021-05-20", "US", "Iran", "hostility", "0.8"),
    ("2021-05-20", "US", "Iran", "severed", "1.0"),
    ("2021-05-20", "US", "Israel", "security_cooperation", "0.9"),
    ("2021-05-20", "Egypt", "Jordan", "diplomatic", "0.7"),
    ("1980-01-01", "Egypt", "Jordan", "diplomatic", None),
    ("2021-05-20", "Jordan", "Saudi", "diplomatic", "0.7"),
    ("2021-05-20", "Jordan", "UAE", "diplomatic", "0.7"),
    ("2021-05-20", "Saudi", "UAE", "diplomatic", "0.7"),
    ("1973-01-01", "Saudi", "UAE", "diplomatic", None),
    ("2021-05-20", "Saudi", "UAE", "security_cooperation", "0.8"),
    ("2021-05-20", "Egypt", "Saudi", "diplomatic", "0.7"),
    ("2021-05-20", "Egypt", "UAE", "diplomatic", "0.7"),
    ("2012-06-01", "Egypt", "Turkey", "diplomatic", "0.6"),
    ("2013-11-23", "Egypt", "Turkey", "diplomatic", "0.3"),
    ("2021-05-20", "Egypt", "Turkey", "diplomatic", "0.3"),
    ("2013-08-15", "Egypt", "Turkey", "rivalry", "0.6"),
    ("2013-08-14", "Egypt", "Turkey", "rivalry", None),
    ("2021-05-20", "Egypt", "Turkey", "rivalry", "0.6"),
    ("2018-01-01", "Jordan", "Qatar", "diplomatic", "0.3"),
    ("2021-05-20", "Jordan", "Qatar", "diplomatic", "0.6"),
    ("2021-05-20", "Jordan", "Turkey", "diplomatic", "0.6"),
    ("2021-05-20", "Turkey", "UAE", "rivalry", "0.6"),
    ("2016-03-01", "Saudi", "Hezbollah", "no_contact", None),
    ("2016-03-02", "Saudi", "Hezbollah", "no_contact", "0.8"),
    ("2021-05-20", "UAE", "Hezbollah", "no_contact", "0.8"),
    ("2014-01-01", "Bahrain", "Hezbollah", "no_contact", "0.8"),
    ("2021-05-20", "Qatar", "Hezbollah", "no_contact", "0.5"),
    ("2013-07-22", "EU", "Hezbollah", "sanctions", "0.5"),
    ("2021-05-20", "EU", "Hezbollah", "no_contact", None),
    ("2021-05-20", "Bahrain", "Iran", "severed", "0.9"),
    ("2021-05-20", "Sudan", "Iran", "severed", "0.7"),
    ("2015-12-31", "UAE", "Iran", "diplomatic", "0.6"),
    ("2016-01-04", "UAE", "Iran", "diplomatic", "0.3"),
    ("2021-05-20", "UAE", "Iran", "diplomatic", "0.3"),
    ("2021-05-20", "UAE", "Iran", "rivalry", "0.5"),
    ("2020-10-17", "Bahrain", "Israel", "diplomatic", None),
    ("2020-10-18", "Bahrain", "Israel", "diplomatic", "0.5"),
    ("2020-11-01", "UAE", "Israel", "diplomatic", "0.4"),
    ("2021-05-20", "UAE", "Israel", "diplomatic", "0.6"),
    ("1997-01-01", "Morocco", "Israel", "diplomatic", "0.2"),
    ("2000-10-23", "Morocco", "Israel", "diplomatic", None),
    ("2010-01-01", "Morocco", "Israel", "diplomatic", None),
    ("2021-01-25", "Morocco", "Israel", "diplomatic", None),
    ("2021-05-20", "Morocco", "Israel", "diplomatic", "0.3"),
    ("2005-01-01", "Qatar", "Israel", "diplomatic", "0.2"),
    ("2009-01-18", "Qatar", "Israel", "diplomatic", None),
    ("2021-05-20", "Qatar", "Israel", "diplomatic", None),
]

# June 2021 to October 2025 (issue: "Current through 2025")
RECENT = [
    ("2022-08-16", "Turkey", "Israel", "diplomatic", "0.3"),
    ("2022-09-01", "Turkey", "Israel", "diplomatic", "0.6"),  # ambassadors restored, 17 Aug 2022
    ("2024-06-01", "Turkey", "Israel", "sanctions", "0.6"),  # trade halted, 2 May 2024
    ("2023-07-03", "Egypt", "Turkey", "rivalry", "0.6"),
    ("2023-07-04", "Egypt", "Turkey", "rivalry", None),  # ambassadors named, 4 July 2023
    ("2023-03-09", "Saudi", "Iran", "severed", "0.9"),
    ("2023-03-10", "Saudi", "Iran", "severed", None),  # Beijing agreement
    ("2023-04-12", "Bahrain", "Qatar", "rivalry", None),
    ("2023-11-24", "Qatar", "Hamas", "mediation", "0.9"),  # the November 2023 truce
    ("2025-09-10", "Israel", "Qatar", "hostility", "0.6"),  # the strike in Doha, 9 Sep 2025
]


def tie(net: Network, a: str, b: str, type_: str) -> list[float]:
    return [r.strength for r in net.relations_between(a, b) if r.type == type_]


@pytest.fixture(scope="module")
def shipped() -> Network:
    return Network.load()


@pytest.mark.parametrize("as_of, a, b, type_, want", PRE_2021 + RECENT)
def test_pinned_fact(shipped, as_of, a, b, type_, want):
    got = tie(shipped.as_of(as_of), a, b, type_)
    if want is None:
        assert got == []
    else:
        assert got == [float(want)]


def test_no_brief_quote_is_attached_where_it_does_not_say_what_the_row_says():
    with open(REPO / "data" / "relations.csv", encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["citation"] == "brief"]
    for phrase in (
        "taking steps to de-escalate tensions with Iran",
        "to Israel and the Palestinian Authority",
    ):
        assert not [r for r in rows if phrase in r["evidence"]]


def test_default_date_is_the_curation_date(shipped):
    assert str(shipped.date) == str(shipped.curated_through) == "2025-10-15"
    assert "the date the data are curated through" in shipped.date_note()
    later = shipped.as_of("2026-01-01")
    assert "later changes are not in the data" in later.date_note()


def test_new_actors_resolve_by_their_aliases(shipped):
    for name, actor in [
        ("Palestinian Islamic Jihad", "PIJ"),
        ("Lebanese Republic", "Lebanon"),
        ("Syrian Arab Republic", "Syria"),
        ("French Republic", "France"),
        ("PRC", "China"),
        ("State of Kuwait", "Kuwait"),
        ("Sultanate of Oman", "Oman"),
    ]:
        assert shipped.resolve(name) == actor
