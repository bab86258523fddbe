"""The daily deadline check event that content rules can trigger on."""

from plone.app.contentrules import handlers
from zope.event import notify
from zope.interface import Attribute
from zope.interface import implementer
from zope.interface.interfaces import IObjectEvent
from zope.interface.interfaces import ObjectEvent

import logging


logger = logging.getLogger(__name__)

# Deadlines further ahead than this are not announced to content rules.
LOOKAHEAD_DAYS = 31


class IPodnetDeadlineCheck(IObjectEvent):
    """Fired once a day for each open podnět whose phase deadline is near or past."""

    phase = Attribute('"accept", "resolve" or "close"')
    deadline = Attribute("The phase's deadline (a date)")
    day = Attribute("The day of the check (a date)")
    days_left = Attribute("Days from `day` to `deadline`; negative once passed")


@implementer(IPodnetDeadlineCheck)
class PodnetDeadlineCheck(ObjectEvent):
    def __init__(self, podnet, phase, deadline, day):
        super().__init__(podnet)
        self.phase = phase
        self.deadline = deadline
        self.day = day
        self.days_left = (deadline - day).days


def execute_rules(event):
    """Run the content rules assigned along the podnět's path."""
    handlers.execute(event.object, event)


def fire_checks(items, day):
    """Notify one check event per (podnět, phase, deadline); return how many."""
    count = 0
    for podnet, phase, deadline in items:
        # Plone lets a rule run once per object per request; a job is one
        # long "request", so the filter is reset for each check.
        handlers.close(None)
        notify(PodnetDeadlineCheck(podnet, phase, deadline, day))
        count += 1
    handlers.close(None)
    return count
