"""Czech working-day calendar and deadline arithmetic, free of Plone.

Public holidays come from the `holidays` library (Act 245/2000 Coll.: Good
Friday from 2016, Easter Monday, 24-26 December, no substitute days when a
holiday falls on a weekend). Days are Europe/Prague calendar days.

The library's calendar object is built once per process and each year's
holidays are copied out of it once, so building a WorkCalendar costs nothing.
"""

from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from types import MappingProxyType
from zoneinfo import ZoneInfo

import holidays
import threading


PRAGUE = ZoneInfo("Europe/Prague")
ONE_DAY = timedelta(days=1)
# Longer counts are typing errors and would only make the loops slow.
MAX_DAYS = 10_000


def local_date(value):
    """Return the Europe/Prague calendar day of a date or datetime.

    Naive datetimes are taken as Europe/Prague wall-clock time.
    """
    if isinstance(value, datetime):
        if value.tzinfo is None:
            return value.date()
        return value.astimezone(PRAGUE).date()
    if isinstance(value, date):
        return value
    raise TypeError(f"expected a date or datetime, got {type(value).__name__}")


def end_of_day(day):
    """Return 23:59:59 Europe/Prague on `day` as an aware datetime."""
    return datetime.combine(day, time(23, 59, 59), tzinfo=PRAGUE)


_holidays_lock = threading.Lock()
_czech_holidays = None
_holidays_by_year = {}


def holidays_of_year(year):
    """Return {day: name} of the Czech public holidays in `year`, read-only.

    The `holidays` object fills a year on first lookup and marks the year as
    filled before it adds the days, so a thread reading it meanwhile would
    miss holidays. It is therefore read only under a lock, once per year.
    """
    global _czech_holidays
    names = _holidays_by_year.get(year)
    if names is not None:
        return names
    with _holidays_lock:
        names = _holidays_by_year.get(year)
        if names is None:
            if _czech_holidays is None:
                _czech_holidays = holidays.country_holidays("CZ")
            _czech_holidays.get(date(year, 1, 1))
            names = MappingProxyType(
                {day: name for day, name in _czech_holidays.items() if day.year == year}
            )
            _holidays_by_year[year] = names
    return names


def _check_count(days):
    if not isinstance(days, int) or isinstance(days, bool):
        raise TypeError(f"a day count must be an integer, got {days!r}")
    if abs(days) > MAX_DAYS:
        raise ValueError(f"a day count of {days} exceeds the limit of {MAX_DAYS}")


class WorkCalendar:
    """Czech public holidays plus the office's own closure days."""

    def __init__(self, closure_days=()):
        self.closure_days = frozenset(local_date(day) for day in closure_days)

    def is_public_holiday(self, day):
        return day in holidays_of_year(day.year)

    def holiday_name(self, day):
        return holidays_of_year(day.year).get(day)

    def is_statutory_working_day(self, day):
        """Tell whether a legal deadline may end on `day` (§40 of Act 500/2004).

        Office closure days do not move legal deadlines.
        """
        return day.weekday() < 5 and not self.is_public_holiday(day)

    def is_working_day(self, day):
        """Tell whether the office works on `day`."""
        return self.is_statutory_working_day(day) and day not in self.closure_days

    def _step(self, day, direction, accept):
        # Any run of days the office is closed is finite: weekends and
        # holidays are at most five days in a row, closures a finite set.
        limit = len(self.closure_days) + 14
        for _ in range(limit):
            day = day + direction
            if accept(day):
                return day
        raise ValueError(f"no working day within {limit} days of {day}")

    def roll_forward(self, day, statutory=False):
        """Return `day` or, if it is not a working day, the next one."""
        accept = self.is_statutory_working_day if statutory else self.is_working_day
        if accept(day):
            return day
        return self._step(day, ONE_DAY, accept)

    def add_working_days(self, start, days):
        """Return the `days`-th working day strictly after `start`.

        Negative `days` count back before `start`; zero rolls `start` forward
        to a working day. Saturday plus one working day is Monday.
        """
        _check_count(days)
        day = local_date(start)
        if days == 0:
            return self.roll_forward(day)
        direction = ONE_DAY if days > 0 else -ONE_DAY
        for _ in range(abs(days)):
            day = self._step(day, direction, self.is_working_day)
        return day

    def add_calendar_days(self, start, days, statutory=False):
        """Count `days` calendar days after `start`, ending on a working day.

        The day of `start` is not counted. A count that ends on a weekend or
        a holiday moves to the next working day; with `statutory` only
        weekends and public holidays move it, as §40(1)(c) of Act 500/2004
        Coll. prescribes for legal deadlines.
        """
        _check_count(days)
        return self.roll_forward(local_date(start) + timedelta(days=days), statutory)

    def statutory_deadline(self, received, days):
        """Return the last day of a legal deadline of `days` calendar days."""
        return self.add_calendar_days(received, days, statutory=True)

    def working_days_between(self, start, end):
        """Count working days after `start` up to and including `end`."""
        start, end = local_date(start), local_date(end)
        if end <= start:
            return 0
        if (end - start).days > MAX_DAYS:
            raise ValueError(f"{start} to {end} is longer than {MAX_DAYS} days")
        count = 0
        day = start
        while day < end:
            day += ONE_DAY
            count += self.is_working_day(day)
        return count
