"""Deadline arithmetic against dates worked out by hand."""

from datetime import UTC
from datetime import date
from datetime import datetime
from datetime import timedelta
from pathlib import Path
from urad.podnety.deadlines import calendar as calendar_module
from urad.podnety.deadlines.calendar import WorkCalendar
from urad.podnety.deadlines.calendar import end_of_day
from urad.podnety.deadlines.calendar import local_date

import json
import pytest
import threading
import time


CASES = json.loads(
    (Path(__file__).parent.parent / "_resources" / "deadlines" / "B42.json").read_text()
)


def d(text):
    return date.fromisoformat(text)


@pytest.fixture(scope="module")
def calendar():
    return WorkCalendar()


class TestHolidays:
    @pytest.mark.parametrize("year", sorted(CASES["public_holidays_expected"]))
    def test_year_matches_act(self, calendar, year):
        expected = {d(day) for day in CASES["public_holidays_expected"][year]}
        first = date(int(year), 1, 1)
        found = set()
        for offset in range(366):
            day = first + timedelta(days=offset)
            if day.year == int(year) and calendar.is_public_holiday(day):
                found.add(day)
        assert found == expected

    @pytest.mark.parametrize("case", CASES["not_holidays"], ids=lambda c: c["date"])
    def test_not_a_holiday(self, calendar, case):
        assert not calendar.is_public_holiday(d(case["date"]))

    def test_good_friday_2015_is_working_day(self, calendar):
        assert calendar.is_working_day(date(2015, 4, 3))

    def test_good_friday_2016_is_not(self, calendar):
        assert not calendar.is_working_day(date(2016, 3, 25))

    def test_first_lookups_from_threads(self, monkeypatch):
        monkeypatch.setattr(calendar_module, "_czech_holidays", None)
        monkeypatch.setattr(calendar_module, "_holidays_by_year", {})
        # A thread that looked while another was still filling in the year
        # could miss a holiday.
        start = threading.Barrier(8)
        found = []

        def look_up():
            start.wait()
            found.append(WorkCalendar().is_public_holiday(date(2031, 12, 24)))

        threads = [threading.Thread(target=look_up) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert found == [True] * 8


class TestWorkingDays:
    @pytest.mark.parametrize(
        "case", CASES["deadlines"], ids=lambda c: f"{c['receipt_day']}+{c['N']}"
    )
    def test_table(self, calendar, case):
        result = calendar.add_working_days(d(case["receipt_day"]), case["N"])
        assert result == d(case["deadline_day"])

    @pytest.mark.parametrize(
        "start, days, expected",
        [
            ("2025-12-22", 3, "2025-12-30"),
            ("2026-12-23", 1, "2026-12-28"),
            ("2026-12-31", 1, "2027-01-04"),
            ("2026-04-02", 1, "2026-04-07"),
            ("2026-04-07", -1, "2026-04-02"),
            ("2026-03-27", 1, "2026-03-30"),
            ("2026-03-28", 0, "2026-03-30"),
            ("2026-03-30", 0, "2026-03-30"),
        ],
    )
    def test_hand_worked(self, calendar, start, days, expected):
        assert calendar.add_working_days(d(start), days) == d(expected)

    def test_closure_days_skipped(self):
        closed = WorkCalendar([date(2025, 12, 29), date(2025, 12, 30), d("2025-12-31")])
        assert closed.add_working_days(d("2025-12-22"), 3) == d("2026-01-05")

    def test_long_closure_terminates(self):
        first = date(2026, 1, 1)
        closed = WorkCalendar(first + timedelta(days=i) for i in range(400))
        assert closed.add_working_days(first, 1) == d("2027-02-05")

    def test_between(self, calendar):
        assert calendar.working_days_between(d("2026-04-02"), d("2026-04-07")) == 1
        assert calendar.working_days_between(d("2026-04-07"), d("2026-04-02")) == 0

    def test_thirty_days_fast(self, calendar):
        started = time.perf_counter()
        for offset in range(100):
            calendar.add_working_days(date(2025, 1, 1) + timedelta(days=offset), 30)
        assert (time.perf_counter() - started) / 100 < 0.01

    @pytest.mark.parametrize("days", [10**9, -(10**9)])
    def test_huge_count_rejected(self, calendar, days):
        with pytest.raises(ValueError):
            calendar.add_working_days(date(2026, 1, 1), days)

    @pytest.mark.parametrize("days", [True, 1.5, "3", None])
    def test_non_integer_rejected(self, calendar, days):
        with pytest.raises(TypeError):
            calendar.add_working_days(date(2026, 1, 1), days)


class TestStatutory:
    @pytest.mark.parametrize(
        "received, days, expected",
        [
            # complaint, day 60 is 24 December 2025, 24-28 closed
            ("2025-10-25", 60, "2025-12-29"),
            # information request, day 15 is Friday 25 December 2026
            ("2026-12-10", 15, "2026-12-28"),
            # suggestion, day 30 is Saturday 26 December 2026
            ("2026-11-26", 30, "2026-12-28"),
            # day 15 is Good Friday 2026, then the weekend and Easter Monday
            ("2026-03-19", 15, "2026-04-07"),
            # Good Friday 2015 was a working day
            ("2015-03-19", 15, "2015-04-03"),
            # petition, day 30 is Easter Monday 2025
            ("2025-03-22", 30, "2025-04-22"),
            # day 15 is a Saturday
            ("2026-06-05", 15, "2026-06-22"),
            # across the year boundary onto a working 2 January
            ("2025-11-03", 60, "2026-01-02"),
            # day 15 is New Year's Day
            ("2025-12-17", 15, "2026-01-02"),
            # day of delivery is not counted: Monday plus 1 is Tuesday
            ("2026-06-01", 1, "2026-06-02"),
        ],
    )
    def test_hand_worked(self, calendar, received, days, expected):
        assert calendar.statutory_deadline(d(received), days) == d(expected)

    def test_closure_day_does_not_move_legal_deadline(self):
        closed = WorkCalendar([date(2026, 6, 22)])
        assert closed.statutory_deadline(d("2026-06-05"), 15) == d("2026-06-22")

    def test_closure_day_moves_office_calendar_days(self):
        closed = WorkCalendar([date(2026, 12, 28)])
        assert closed.add_calendar_days(d("2026-12-19"), 5) == d("2026-12-29")

    @pytest.mark.parametrize(
        "received, days, expected",
        [
            # 00:30 CET on Sunday 29 March, the spring change day
            (datetime(2026, 3, 28, 23, 30, tzinfo=UTC), 30, "2026-04-28"),
            # 00:30 CEST on Sunday 25 October, the autumn change day
            (datetime(2026, 10, 24, 22, 30, tzinfo=UTC), 30, "2026-11-24"),
            # 02:30 CET, the second 02:30 of 25 October
            (datetime(2026, 10, 25, 1, 30, tzinfo=UTC), 30, "2026-11-24"),
            # 23:30 CET on 31 December is still the old year
            (datetime(2025, 12, 31, 22, 30, tzinfo=UTC), 1, "2026-01-02"),
        ],
    )
    def test_delivery_day_in_prague(self, calendar, received, days, expected):
        assert calendar.statutory_deadline(received, days) == d(expected)


class TestLocalTime:
    def test_naive_taken_as_prague(self):
        assert local_date(datetime(2026, 3, 29, 0, 30)) == d("2026-03-29")

    def test_end_of_day_summer(self):
        end = end_of_day(d("2026-03-29"))
        assert end.astimezone(UTC) == datetime(2026, 3, 29, 21, 59, 59, tzinfo=UTC)

    def test_end_of_day_winter(self):
        end = end_of_day(d("2026-10-25"))
        assert end.astimezone(UTC) == datetime(2026, 10, 25, 22, 59, 59, tzinfo=UTC)

    def test_rejects_other_types(self):
        with pytest.raises(TypeError):
            local_date("2026-01-01")
