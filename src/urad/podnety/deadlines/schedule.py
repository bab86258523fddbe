"""Run days of daily, weekly and monthly jobs in Europe/Prague, free of Plone.

A job remembers the last day it ran for, never a time: so a run at 02:30
happens once on the days clocks change (on the spring day 02:30 does not
exist and the run falls at 03:30 summer time), and a job started after
downtime sees every day it missed.
"""

from calendar import monthrange
from dataclasses import dataclass
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from urad.podnety.deadlines.calendar import PRAGUE
from urad.podnety.deadlines.calendar import local_date


FREQUENCIES = ("daily", "workdays", "weekly", "monthly")
# After longer downtime only the most recent runs are made up.
MAX_CATCH_UP_DAYS = 400


@dataclass(frozen=True)
class Schedule:
    """When a job runs: frequency, hour and minute, weekday or day of month.

    `weekday` is 0 for Monday. A `day` of month past the month's end means
    its last day. "workdays" runs on the office's working days only.
    """

    frequency: str = "daily"
    hour: int = 6
    minute: int = 0
    weekday: int = 0
    day: int = 1

    def __post_init__(self):
        if self.frequency not in FREQUENCIES:
            raise ValueError(f"invalid frequency {self.frequency!r}")
        if not (0 <= self.hour <= 23 and 0 <= self.minute <= 59):
            raise ValueError(f"invalid time {self.hour}:{self.minute:02d}")
        if not 0 <= self.weekday <= 6:
            raise ValueError(f"invalid weekday {self.weekday}, use 0 to 6")
        if not 1 <= self.day <= 31:
            raise ValueError(f"invalid day of month {self.day}, use 1 to 31")

    def runs_on(self, day, calendar=None):
        """Tell whether the job runs on `day`."""
        if self.frequency == "daily":
            return True
        if self.frequency == "workdays":
            if calendar is None:
                return day.weekday() < 5
            return calendar.is_working_day(day)
        if self.frequency == "weekly":
            return day.weekday() == self.weekday
        last = monthrange(day.year, day.month)[1]
        return day.day == min(self.day, last)

    def run_time(self, day):
        """Return the moment of the run on `day` (Europe/Prague)."""
        return datetime.combine(day, time(self.hour, self.minute), tzinfo=PRAGUE)

    def due_days(self, last_day, now, calendar=None):
        """Return the run days after `last_day` whose run time has come by `now`."""
        today = local_date(now)
        first = today - timedelta(days=MAX_CATCH_UP_DAYS)
        if last_day is not None:
            first = max(first, last_day + timedelta(days=1))
        days = []
        day = first
        while day <= today:
            if self.runs_on(day, calendar) and self.run_time(day) <= now:
                days.append(day)
            day += timedelta(days=1)
        return days

    def next_run_day(self, today, calendar=None):
        """Return the first run day after `today`: its period contains today."""
        day = today
        for _ in range(MAX_CATCH_UP_DAYS):
            day += timedelta(days=1)
            if self.runs_on(day, calendar):
                return day
        raise ValueError(f"no run day within {MAX_CATCH_UP_DAYS} days of {today}")

    def period(self, day, calendar=None):
        """Return the (first day, day after the last) the run on `day` covers."""
        if self.frequency == "daily":
            return day - timedelta(days=1), day
        if self.frequency == "weekly":
            return day - timedelta(days=7), day
        if self.frequency == "workdays":
            previous = day - timedelta(days=1)
            for _ in range(31):
                if self.runs_on(previous, calendar):
                    break
                previous -= timedelta(days=1)
            return previous, day
        first_this = day.replace(day=1)
        first_previous = (first_this - timedelta(days=1)).replace(day=1)
        return first_previous, first_this


def month_period(year, month):
    """Return (first day, first day of the next month) of a calendar month."""
    first = date(year, month, 1)
    following = first + timedelta(days=monthrange(year, month)[1])
    return first, following
