"""Partial dates (``2020``, ``2020-09``, ``2020-09-15``) and the one rule for comparing them.

The rule: a partial date stands for the whole period it names, and two dates are compared at
the coarser of their two precisions. A tie is in force on day D when its start is not after D
and its end is not before D, both compared that way; start and end are inclusive. So a tie that
starts "2020-09" is in force "as of 2020-09-01", and a tie that ends "2021-01-05" is in force on
2021-01-05 and not on 2021-01-06. An as-of date at year precision asks "at any time that year".
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from .errors import DiplonetError

__all__ = [
    "DateError",
    "in_force",
    "PartialDate",
]

_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class DateError(DiplonetError, ValueError):
    """A string that is not a valid year, year-month or year-month-day.

    A :class:`~diplonet.errors.DiplonetError` (a user's mistake, exit code 2 on the command
    line), and a ``ValueError`` for code that catches those.
    """


@dataclass(frozen=True, order=False)
class PartialDate:
    """A date known to the year, the month or the day.

    Compare two with :meth:`compare` (the module's rule), not with ``<``: the class defines no
    order; :meth:`sort_key` gives one for sorting. Make one with :meth:`parse`, which checks
    the date; the constructor does not.

    Attributes
    ----------
    year : int
        From 1.
    month : int or None
        1 to 12, or None for a year.
    day : int or None
        The day of the month, or None for a year or a month (a day needs a month).

    Examples
    --------
    >>> PartialDate.parse("2020-09").precision
    'month'
    >>> str(PartialDate.parse("1979-03-26"))
    '1979-03-26'
    """

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; raise :class:`DateError` otherwise.

        Impossible dates (``2021-02-30``, month 13) are rejected, not clamped.
        """
        match = _PATTERN.match(text.strip())
        if not match:
            raise DateError(f"{text!r} is not a date (expected YYYY, YYYY-MM or YYYY-MM-DD)")
        year = int(match.group(1))
        month = int(match.group(2)) if match.group(2) else None
        day = int(match.group(3)) if match.group(3) else None
        if year < 1:
            raise DateError(f"{text!r}: year 0 does not exist")
        if month is not None and not 1 <= month <= 12:
            raise DateError(f"{text!r}: month {month} does not exist")
        if day is not None:
            try:
                _dt.date(year, month or 1, day)
            except ValueError:
                raise DateError(f"{text!r}: day {day} does not exist in that month") from None
        return cls(year, month, day)

    @classmethod
    def from_date(cls, value: _dt.date) -> PartialDate:
        """A day-precision date from a :class:`datetime.date`."""
        return cls(value.year, value.month, value.day)

    @classmethod
    def today(cls) -> PartialDate:
        """Today's date, at day precision."""
        return cls.from_date(_dt.date.today())

    @property
    def precision(self) -> str:
        """``'year'``, ``'month'`` or ``'day'``."""
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        return "year"

    def compare(self, other: PartialDate) -> int:
        """-1, 0 or 1 comparing the two at the coarser of their precisions.

        >>> PartialDate.parse("2020-09").compare(PartialDate.parse("2020-09-15"))
        0
        >>> PartialDate.parse("2020").compare(PartialDate.parse("2021-01"))
        -1
        """
        # (year, month or 0, day or 0) cut to the coarser depth, compared field by field:
        # loading and filtering compare dates millions of times on large datasets
        if self.year != other.year:
            return 1 if self.year > other.year else -1
        mine = 3 if self.day is not None else 2 if self.month is not None else 1
        theirs = 3 if other.day is not None else 2 if other.month is not None else 1
        depth = min(mine, theirs)
        if depth == 1:
            return 0
        a, b = self.month or 0, other.month or 0
        if a != b or depth == 2:
            return (a > b) - (a < b)
        a, b = self.day or 0, other.day or 0
        return (a > b) - (a < b)

    def first_day(self) -> _dt.date:
        """The first day of the period this date names."""
        return _dt.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> _dt.date:
        """The last day of the period this date names."""
        if self.day is not None:
            return self.first_day()
        if self.month is not None:
            following = _dt.date(self.year + (self.month == 12), self.month % 12 + 1, 1)
            return following - _dt.timedelta(days=1)
        return _dt.date(self.year, 12, 31)

    def sort_key(self) -> tuple[int, int, int]:
        """A total order for sorting: a period sorts at its first day, coarser first on ties."""
        return (self.year, self.month or 0, self.day or 0)

    def __str__(self) -> str:
        if self.day is not None:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month is not None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"


def in_force(start: PartialDate | None, end: PartialDate | None, on: PartialDate) -> bool:
    """Whether a tie running from ``start`` to ``end`` (inclusive; None = open) holds ``on``.

    Parameters
    ----------
    start, end : PartialDate or None
        The tie's first and last dates; None leaves that end open.
    on : PartialDate
        The date asked about, at any precision.

    Returns
    -------
    bool
        True unless ``start`` is after ``on`` or ``end`` before it, compared at the coarser of
        the two precisions (:meth:`PartialDate.compare`).

    Examples
    --------
    >>> d = PartialDate.parse
    >>> in_force(d("2020-09-15"), None, d("2020-09"))
    True
    >>> in_force(d("2017-06-05"), d("2021-01-05"), d("2021-01-06"))
    False
    """
    if start is not None and start.compare(on) > 0:
        return False
    if end is not None and end.compare(on) < 0:
        return False
    return True
