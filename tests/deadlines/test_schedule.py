"""Run days of scheduled jobs across DST changes, holidays and downtime."""

from datetime import UTC
from datetime import date
from datetime import datetime
from datetime import timedelta
from urad.podnety.deadlines.calendar import WorkCalendar
from urad.podnety.deadlines.calendar import local_date
from urad.podnety.deadlines.schedule import Schedule

import pytest


def simulate(schedule, start, end, step_minutes=15, calendar=None):
    """Tick a clock from start to end and return the moments runs happened."""
    runs = []
    last_day = local_date(start) - timedelta(days=1)
    now = start
    while now <= end:
        due = schedule.due_days(last_day, now, calendar)
        if due:
            runs.append((now, due))
            last_day = due[-1]
        now += timedelta(minutes=step_minutes)
    return runs


class TestDaily:
    @pytest.mark.parametrize(
        "change_day", [date(2026, 3, 29), date(2026, 10, 25)], ids=str
    )
    def test_once_on_clock_change(self, change_day):
        schedule = Schedule("daily", hour=2, minute=30)
        start = datetime.combine(change_day, datetime.min.time(), UTC)
        start -= timedelta(hours=6)
        runs = simulate(schedule, start, start + timedelta(hours=30), 5)
        days = [day for _, due in runs for day in due]
        assert days == [change_day - timedelta(days=1), change_day]

    def test_spring_run_at_summer_time(self):
        schedule = Schedule("daily", hour=2, minute=30)
        runs = simulate(
            schedule,
            datetime(2026, 3, 28, 23, 0, tzinfo=UTC),
            datetime(2026, 3, 29, 4, 0, tzinfo=UTC),
            5,
        )
        # 02:30 does not exist that night, 01:30 UTC is 03:30 summer time
        assert runs[0][0] == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)

    def test_autumn_run_at_first_half_past_two(self):
        schedule = Schedule("daily", hour=2, minute=30)
        runs = simulate(
            schedule,
            datetime(2026, 10, 24, 22, 0, tzinfo=UTC),
            datetime(2026, 10, 25, 4, 0, tzinfo=UTC),
            5,
        )
        assert [moment for moment, _ in runs] == [
            datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
        ]

    def test_downtime_lists_missed_days_once(self):
        schedule = Schedule("daily", hour=6)
        last = date(2026, 5, 3)
        now = datetime(2026, 5, 7, 8, 0, tzinfo=UTC)
        assert schedule.due_days(last, now) == [
            date(2026, 5, 4),
            date(2026, 5, 5),
            date(2026, 5, 6),
            date(2026, 5, 7),
        ]
        assert schedule.due_days(date(2026, 5, 7), now) == []

    def test_not_yet_time_today(self):
        schedule = Schedule("daily", hour=6)
        # 05:59 in Prague summer time
        now = datetime(2026, 5, 7, 3, 59, tzinfo=UTC)
        assert schedule.due_days(date(2026, 5, 6), now) == []


class TestOtherFrequencies:
    def test_workdays_skip_christmas(self):
        schedule = Schedule("workdays", hour=7)
        runs = simulate(
            schedule,
            datetime(2026, 12, 22, 0, 0, tzinfo=UTC),
            datetime(2027, 1, 5, 0, 0, tzinfo=UTC),
            60,
            WorkCalendar(),
        )
        days = [day for _, due in runs for day in due]
        assert days == [
            date(2026, 12, 22),
            date(2026, 12, 23),
            date(2026, 12, 28),
            date(2026, 12, 29),
            date(2026, 12, 30),
            date(2026, 12, 31),
            date(2027, 1, 4),
        ]

    def test_workdays_period_covers_holidays(self):
        schedule = Schedule("workdays", hour=7)
        period = schedule.period(date(2026, 12, 28), WorkCalendar())
        assert period == (date(2026, 12, 23), date(2026, 12, 28))

    def test_weekly(self):
        schedule = Schedule("weekly", hour=7, weekday=0)
        now = datetime(2026, 6, 30, 12, 0, tzinfo=UTC)
        assert schedule.due_days(date(2026, 6, 1), now) == [
            date(2026, 6, 8),
            date(2026, 6, 15),
            date(2026, 6, 22),
            date(2026, 6, 29),
        ]
        assert schedule.period(date(2026, 6, 29)) == (
            date(2026, 6, 22),
            date(2026, 6, 29),
        )

    def test_monthly_last_day(self):
        schedule = Schedule("monthly", hour=7, day=31)
        now = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)
        assert schedule.due_days(date(2026, 1, 1), now) == [
            date(2026, 1, 31),
            date(2026, 2, 28),
            date(2026, 3, 31),
            date(2026, 4, 30),
        ]

    def test_monthly_period_is_previous_month(self):
        schedule = Schedule("monthly", hour=7, day=1)
        assert schedule.period(date(2026, 1, 1)) == (
            date(2025, 12, 1),
            date(2026, 1, 1),
        )

    @pytest.mark.parametrize(
        "values",
        [
            {"frequency": "hourly"},
            {"hour": 24},
            {"minute": 60},
            {"weekday": 7},
            {"day": 0},
        ],
    )
    def test_invalid(self, values):
        with pytest.raises(ValueError):
            Schedule(**values)


class TestNextRunDay:
    def test_monthly_covers_running_month(self):
        schedule = Schedule("monthly", day=1)
        day = schedule.next_run_day(date(2026, 12, 15))
        assert day == date(2027, 1, 1)
        assert schedule.period(day) == (date(2026, 12, 1), date(2027, 1, 1))

    def test_workdays_after_christmas(self):
        schedule = Schedule("workdays")
        assert schedule.next_run_day(date(2026, 12, 23), WorkCalendar()) == date(
            2026, 12, 28
        )
