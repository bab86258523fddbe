"""Time zone handling shared by the add-on.

Datetimes stored in the ZODB use pytz's Europe/Prague zone (or UTC):
``zoneinfo.ZoneInfo`` objects cannot be pickled by the ZODB, so a datetime
carrying one would break the commit.
"""

from datetime import datetime

import pytz


PRAGUE = pytz.timezone("Europe/Prague")


def to_prague(value: datetime) -> datetime:
    """Return an aware datetime in Europe/Prague that the ZODB can store."""
    if value.tzinfo is None:
        raise ValueError("A timezone-aware datetime is required")
    return value.astimezone(PRAGUE)


def as_prague(value: datetime) -> datetime:
    """Return `value` in Europe/Prague, reading a naive datetime as Prague time."""
    if value.tzinfo is None:
        return PRAGUE.localize(value)
    return to_prague(value)


def now_prague() -> datetime:
    return datetime.now(PRAGUE)
