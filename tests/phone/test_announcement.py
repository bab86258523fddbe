"""Office-hours announcements follow weekdays, Czech holidays and closures."""

from datetime import datetime
from urad.podnety.phone.announcement import AnnouncementSettings
from urad.podnety.phone.announcement import InvalidHours
from urad.podnety.phone.announcement import OfficeCalendar
from urad.podnety.phone.announcement import announcement_text
from urad.podnety.phone.announcement import parse_closure
from urad.podnety.phone.announcement import parse_hours
from zoneinfo import ZoneInfo

import pytest


PRAGUE = ZoneInfo("Europe/Prague")


def make_settings(**overrides):
    values = dict(
        hours=["8:00-17:00", "8:00-15:00", "8:00-17:00", "8:00-15:00", "8:00-12:00"]
        + ["", ""],
        recording_text="Hovor je nahráván.",
        open_text="Dnes, {today}, máme otevřeno {hours}.",
        closed_text="Úřad je nyní zavřen. {reason} Příště máme otevřeno "
        "{next_day} {next_hours}.",
        notice_text="Od ledna se mění číslo podatelny.",
    )
    values.update(overrides)
    return AnnouncementSettings(**values)


def at(*args):
    return datetime(*args, tzinfo=PRAGUE)


def test_hours_on_open_weekday():
    text = announcement_text("hours", make_settings(), at(2026, 12, 7, 9, 0))
    assert text == "Dnes, v pondělí 7. 12., máme otevřeno od 8:00 do 17:00."


def test_hours_after_closing_time():
    text = announcement_text("hours", make_settings(), at(2026, 12, 11, 13, 0))
    assert text == (
        "Úřad je nyní zavřen. Příště máme otevřeno v pondělí 14. 12. od 8:00 do 17:00."
    )


def test_hours_on_christmas_eve_name_holiday():
    text = announcement_text("hours", make_settings(), at(2026, 12, 24, 9, 0))
    assert "Štědrý den." in text
    # 25 and 26 December are holidays, 27 December is a Sunday.
    assert "v pondělí 28. 12. od 8:00 do 17:00" in text


def test_closure_moves_next_open_day():
    settings = make_settings(closures=["2026-12-28..2026-12-31 Inventura"])
    text = announcement_text("hours", settings, at(2026, 12, 28, 9, 0))
    assert "Inventura." in text
    # 1 January is a holiday, then the weekend.
    assert "v pondělí 4. 1. od 8:00 do 17:00" in text


def test_easter_monday_closes_office():
    calendar = OfficeCalendar(make_settings())
    assert calendar.closed_reason(at(2026, 4, 6, 9, 0).date()) == "Velikonoční pondělí"
    assert calendar.hours_on(at(2026, 4, 6, 9, 0).date()) == []


def test_split_hours_read_both_ranges():
    settings = make_settings(hours=["8:00-11:30, 12:30-17:00"] + [""] * 6)
    text = announcement_text("hours", settings, at(2026, 12, 7, 12, 0))
    assert text.endswith("od 8:00 do 11:30 a od 12:30 do 17:00.")


def test_welcome_joins_recording_hours_notice():
    text = announcement_text("welcome", make_settings(), at(2026, 12, 7, 9, 0))
    assert text.startswith("Hovor je nahráván. Dnes, v pondělí")
    assert text.endswith("Od ledna se mění číslo podatelny.")


def test_unknown_topic_rejected():
    with pytest.raises(KeyError):
        announcement_text("weather", make_settings())


@pytest.mark.parametrize("text", ["8-17", "8:00-7:00", "25:00-26:00", "8:00 17:00"])
def test_invalid_hours_rejected(text):
    with pytest.raises(InvalidHours):
        parse_hours(text)


def test_closure_single_day_and_reversed_range():
    closure = parse_closure("2026-12-23 Školení")
    assert closure.first == closure.last
    assert closure.reason == "Školení"
    with pytest.raises(InvalidHours):
        parse_closure("2026-12-31..2026-12-01")
