"""Compose the voice gateway's announcement texts from office hours.

Office hours are kept per weekday as ``8:00-11:30, 12:30-17:00`` (empty
means closed). Czech public holidays from the `holidays` library and the
closures entered in the control panel close the office on their days, so
the texts change on those days without anyone editing them.
"""

from dataclasses import dataclass
from dataclasses import field
from datetime import date
from datetime import datetime
from datetime import timedelta

import holidays
import re


WEEKDAYS_CS = ("pondělí", "úterý", "středa", "čtvrtek", "pátek", "sobota", "neděle")
# Czech prepositional forms, as in "v pondělí", "ve středu".
ON_WEEKDAY_CS = (
    "v pondělí",
    "v úterý",
    "ve středu",
    "ve čtvrtek",
    "v pátek",
    "v sobotu",
    "v neděli",
)
TOPICS = ("recording", "hours", "notice", "welcome")
LOOKAHEAD_DAYS = 62

_RANGE = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")
_CLOSURE = re.compile(
    r"^\s*(\d{4}-\d{2}-\d{2})(?:\s*(?:\.\.|–|-{1,2}|to)\s*(\d{4}-\d{2}-\d{2}))?\s*(.*)$"
)


class InvalidHours(ValueError):
    """Raised for office hours or closures that cannot be read."""


@dataclass
class Closure:
    """Days the office is closed outside public holidays."""

    first: date
    last: date
    reason: str = ""


@dataclass
class AnnouncementSettings:
    """Office hours, closures and the announcement templates."""

    # Seven strings, Monday first, such as "8:00-11:30, 12:30-17:00".
    hours: list = field(default_factory=lambda: [""] * 7)
    closures: list = field(default_factory=list)
    recording_text: str = ""
    open_text: str = ""
    closed_text: str = ""
    notice_text: str = ""


def parse_hours(text):
    """Return [(start, end), ...] as minutes after midnight for one weekday."""
    ranges = []
    for part in filter(None, (piece.strip() for piece in (text or "").split(","))):
        match = _RANGE.match(part)
        if not match:
            raise InvalidHours(f"Invalid office hours {part!r}, expected 8:00-17:00")
        start_h, start_m, end_h, end_m = (int(value) for value in match.groups())
        start, end = start_h * 60 + start_m, end_h * 60 + end_m
        if not (0 <= start < end <= 24 * 60) or start_m > 59 or end_m > 59:
            raise InvalidHours(f"Invalid office hours {part!r}")
        ranges.append((start, end))
    return sorted(ranges)


def parse_closure(line):
    """Return the Closure written as ``2026-12-28..2026-12-31 reason``."""
    match = _CLOSURE.match(line or "")
    if not match:
        raise InvalidHours(
            f"Invalid closure {line!r}, expected 2026-12-28..2026-12-31 reason"
        )
    first = date.fromisoformat(match.group(1))
    last = date.fromisoformat(match.group(2)) if match.group(2) else first
    if last < first:
        raise InvalidHours(f"Closure {line!r} ends before it starts")
    return Closure(first, last, match.group(3).strip())


def _clock(minutes):
    return f"{minutes // 60}:{minutes % 60:02d}"


def _describe_ranges(ranges):
    return " a ".join(f"od {_clock(start)} do {_clock(end)}" for start, end in ranges)


def _day_name(day):
    return f"{ON_WEEKDAY_CS[day.weekday()]} {day.day}. {day.month}."


class OfficeCalendar:
    """Tell whether the office is open on a day and why it is not."""

    def __init__(self, settings):
        self.settings = settings
        self.closures = [parse_closure(line) for line in settings.closures if line]
        self.week = [parse_hours(text) for text in settings.hours]
        self.holidays = holidays.country_holidays("CZ", language="cs")

    def closed_reason(self, day):
        """Return why the office is closed on `day`: a holiday, closure or ""."""
        for closure in self.closures:
            if closure.first <= day <= closure.last:
                return closure.reason or "uzavřeno"
        return self.holidays.get(day, "")

    def hours_on(self, day):
        """Return the opening ranges on `day`, empty when closed."""
        if self.closed_reason(day):
            return []
        return self.week[day.weekday()]

    def next_open_day(self, after):
        """Return the first day after `after` with office hours, or None."""
        for offset in range(1, LOOKAHEAD_DAYS):
            day = after + timedelta(days=offset)
            if self.hours_on(day):
                return day
        return None


def _fill(template, values):
    """Fill ``{placeholders}``; an unknown placeholder stays as written."""

    class Keep(dict):
        def __missing__(self, key):
            return "{" + key + "}"

    return " ".join(template.format_map(Keep(values)).split())


def hours_text(settings, now):
    """Return the office-hours announcement valid at `now` (aware datetime)."""
    calendar = OfficeCalendar(settings)
    today = now.date()
    next_day = calendar.next_open_day(today)
    reason = calendar.closed_reason(today)
    values = {
        "today": _day_name(today),
        "hours": _describe_ranges(calendar.hours_on(today)),
        "reason": f"{reason}." if reason else "",
        "next_day": _day_name(next_day) if next_day else "",
        "next_hours": _describe_ranges(calendar.hours_on(next_day)) if next_day else "",
    }
    ranges = calendar.hours_on(today)
    minute = now.hour * 60 + now.minute
    if ranges and minute < ranges[-1][1]:
        return _fill(settings.open_text, values)
    return _fill(settings.closed_text, values)


def announcement_text(topic, settings, now=None):
    """Return the text the voice gateway plays for `topic` at `now`."""
    now = now or datetime.now().astimezone()
    if topic not in TOPICS:
        raise KeyError(topic)
    if topic == "recording":
        return settings.recording_text.strip()
    if topic == "notice":
        return settings.notice_text.strip()
    if topic == "hours":
        return hours_text(settings, now)
    parts = (settings.recording_text, hours_text(settings, now), settings.notice_text)
    return " ".join(part.strip() for part in parts if part and part.strip())
