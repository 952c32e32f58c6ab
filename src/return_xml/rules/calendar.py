"""Hong Kong business days, as far as they can be computed without a gazette.

A business day is Monday to Friday except the general holidays this module
knows: the fixed-date ones, Lunar New Year (from a table), Ching Ming (from the
solar term) and the Easter holidays (from the computus).  Buddha's Birthday,
Tuen Ng, the day after Mid-Autumn and Chung Yeung follow the lunar calendar and
are not known, nor are one-off holidays: a deadline that spans one of them
comes out one day early.  ``holidays`` lets a caller add the missing dates.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import cache

_LUNAR_NEW_YEAR = {  # first day of the first lunar month
    2000: (2, 5), 2001: (1, 24), 2002: (2, 12), 2003: (2, 1), 2004: (1, 22), 2005: (2, 9), 2006: (1, 29),
    2007: (2, 18), 2008: (2, 7), 2009: (1, 26), 2010: (2, 14), 2011: (2, 3), 2012: (1, 23), 2013: (2, 10),
    2014: (1, 31), 2015: (2, 19), 2016: (2, 8), 2017: (1, 28), 2018: (2, 16), 2019: (2, 5), 2020: (1, 25),
    2021: (2, 12), 2022: (2, 1), 2023: (1, 22), 2024: (2, 10), 2025: (1, 29), 2026: (2, 17), 2027: (2, 6),
    2028: (1, 26), 2029: (2, 13), 2030: (2, 3), 2031: (1, 23), 2032: (2, 11), 2033: (1, 31), 2034: (2, 19),
    2035: (2, 8), 2036: (1, 28), 2037: (2, 15), 2038: (2, 4), 2039: (1, 24), 2040: (2, 12),
}
_DAY = dt.timedelta(days=1)


def easter(year: int) -> dt.date:
    """Easter Sunday (Gregorian computus, Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741  # the letters of the published algorithm
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


@cache
def hong_kong_holidays(year: int) -> frozenset[dt.date]:
    """The general holidays of ``year`` that can be computed (see the module docstring)."""
    days: list[dt.date] = [dt.date(year, m, d) for m, d in ((1, 1), (5, 1), (7, 1), (10, 1), (12, 25), (12, 26))]
    if 2000 <= year <= 2099:
        yy = year % 100  # the Ching Ming solar term, 4 or 5 April this century
        days.append(dt.date(year, 4, int(yy * 0.2422 + 4.81) - yy // 4))
    sunday = easter(year)
    days += [sunday - 2 * _DAY, sunday + _DAY]
    if year in _LUNAR_NEW_YEAR:
        first = dt.date(year, *_LUNAR_NEW_YEAR[year])
        days += [first, first + _DAY, first + 2 * _DAY]
    # A holiday on a Sunday gives the next day that is not already a holiday.
    out: set[dt.date] = set()
    for day in sorted(days):
        while day in out:
            day += _DAY
        if day.weekday() == 6:
            day += _DAY
            while day in out or day in days:
                day += _DAY
        out.add(day)
    return frozenset(out)


def is_business_day(day: dt.date, holidays: Iterable[dt.date] = ()) -> bool:
    return day.weekday() < 5 and day not in hong_kong_holidays(day.year) and day not in set(holidays)


def nth_business_day_after(day: dt.date, n: int, holidays: Iterable[dt.date] = ()) -> dt.date:
    """The ``n``-th business day after ``day`` (``day`` itself not counted)."""
    extra = set(holidays)
    count = 0
    while count < n:
        day += _DAY
        if is_business_day(day, extra):
            count += 1
    return day
