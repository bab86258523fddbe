"""Deadline helpers other parts of the add-on call."""

from urad.podnety.deadlines.apply import extend
from urad.podnety.deadlines.apply import recompute
from urad.podnety.deadlines.apply import recompute_open
from urad.podnety.deadlines.calendar import local_date
from urad.podnety.deadlines.phases import current_overdue
from urad.podnety.deadlines.phases import due_within


__all__ = [
    "due_phases",
    "extend",
    "overdue_phases",
    "recompute",
    "recompute_open",
]


def overdue_phases(podnet_or_brain, today=None):
    """Return the ids of the phases ("accept", "resolve", "close") past deadline.

    Only the phases of the current state count (a new podnět: accept and its
    legal resolve deadline; assigned: resolve; resolved: close). Works on a
    podnět or a catalog brain with the deadline and review_state metadata.
    """
    if today is None:
        from urad.podnety.deadlines.settings import today as prague_today

        today = prague_today()
    return [
        phase for phase, _day in current_overdue(podnet_or_brain, local_date(today))
    ]


def due_phases(podnet_or_brain, today, days):
    """Return the ids of the phases whose deadline ends within `days` days."""
    return [
        phase for phase, _day in due_within(podnet_or_brain, local_date(today), days)
    ]
