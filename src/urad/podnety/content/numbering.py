"""Reference numbers: PREFIX-YEAR-NNNNN, sequential per year, never reused."""

from datetime import datetime
from persistent import Persistent
from plone import api
from zoneinfo import ZoneInfo
from zope.annotation.interfaces import IAnnotations


PRAGUE = ZoneInfo("Europe/Prague")
COUNTER_KEY = "urad.podnety.reference_counters"


class YearCounters(Persistent):
    """Last issued number per year.

    The class deliberately has no conflict resolution: two transactions that
    draw a number at the same time conflict, and the loser is retried and
    draws the next number, so no number is ever issued twice.
    """

    def __init__(self):
        self.last = {}

    def draw(self, year):
        number = self.last.get(year, 0) + 1
        self.last = {**self.last, year: number}
        return number


def _counters(register):
    annotations = IAnnotations(register)
    counters = annotations.get(COUNTER_KEY)
    if counters is None:
        counters = annotations[COUNTER_KEY] = YearCounters()
    return counters


def next_reference_number(register, now=None):
    """Draw the next reference number of the current Prague year."""
    now = now or datetime.now(PRAGUE)
    year = now.astimezone(PRAGUE).year
    prefix = api.portal.get_registry_record(
        "urad.podnety.register.reference_prefix", default="PDN"
    )
    number = _counters(register).draw(year)
    return f"{prefix}-{year}-{number:05d}"
