"""The partial-date rule of diplonet.dates, at its boundaries."""

import pytest

from diplonet.dates import DateError, PartialDate, in_force

d = PartialDate.parse


@pytest.mark.parametrize(
    "text, precision",
    [("2020", "year"), ("2020-09", "month"), ("2020-09-15", "day"), ("2020-02-29", "day")],
)
def test_parse_precisions(text, precision):
    assert d(text).precision == precision
    assert str(d(text)) == text


@pytest.mark.parametrize(
    "text",
    [
        "2021-02-30",
        "2021-13",
        "2021-00",
        "2019-02-29",
        "0000",
        "21-05-20",
        "2021/05/20",
        "May 2021",
        "",
        "2021-5-1",
    ],
)
def test_impossible_or_malformed_dates_are_rejected(text):
    with pytest.raises(DateError):
        d(text)


def test_compare_uses_coarser_precision():
    assert d("2020-09").compare(d("2020-09-15")) == 0
    assert d("2020-09-15").compare(d("2020-09")) == 0
    assert d("2020").compare(d("2020-12-31")) == 0
    assert d("2020-08-31").compare(d("2020-09")) == -1
    assert d("2021").compare(d("2020-12-31")) == 1


def test_tie_is_in_force_on_its_start_date():
    assert in_force(d("2020-09-15"), None, d("2020-09-15"))
    assert not in_force(d("2020-09-15"), None, d("2020-09-14"))
    # a month-precision start holds on every day of that month
    assert in_force(d("2020-09"), None, d("2020-09-01"))
    assert not in_force(d("2020-09"), None, d("2020-08-31"))


def test_tie_ends_after_its_end_date():
    start, end = d("2017-06-05"), d("2021-01-05")
    assert in_force(start, end, d("2021-01-05"))
    assert not in_force(start, end, d("2021-01-06"))
    assert in_force(start, d("2021-01"), d("2021-01-31"))
    assert not in_force(start, d("2021-01"), d("2021-02-01"))


def test_year_as_of_means_any_time_that_year():
    assert in_force(d("2020-09-15"), None, d("2020"))
    assert in_force(d("2015"), d("2020-03"), d("2020"))
    assert not in_force(d("2021-01-06"), None, d("2020"))


def test_a_bad_date_is_a_user_error_of_the_api():
    # every error a user can cause derives from DiplonetError, dates included
    import diplonet as dn
    from diplonet.errors import DiplonetError

    with pytest.raises(DiplonetError, match="'yesterday' is not a date"):
        dn.load().timeline(since="yesterday")


def test_compare_is_the_coarser_precision_rule_on_every_kind_of_pair():
    # the rule written as the docs state it: keys cut to the coarser precision, then compared
    def reference(a: PartialDate, b: PartialDate) -> int:
        depth = min({"year": 1, "month": 2, "day": 3}[x.precision] for x in (a, b))
        ka = (a.year, a.month or 0, a.day or 0)[:depth]
        kb = (b.year, b.month or 0, b.day or 0)[:depth]
        return (ka > kb) - (ka < kb)

    texts = ["2019", "2020", "2021", "2020-01", "2020-06", "2020-12", "2019-12-31"]
    texts += ["2020-06-01", "2020-06-15", "2020-06-30", "2020-01-01", "2021-01-01"]
    dates = [PartialDate.parse(t) for t in texts]
    for a in dates:
        for b in dates:
            assert a.compare(b) == reference(a, b), (a, b)
