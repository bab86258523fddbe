"""Phase deadlines of a podnět or catalog brain that are due or passed."""

from urad.podnety.deadlines.calendar import local_date
from urad.podnety.workflow.config import STATE_ASSIGNED
from urad.podnety.workflow.config import STATE_NEW
from urad.podnety.workflow.config import STATE_RESOLVED

import Missing


# The phases whose deadlines count in each state. A podnět still new can
# already miss its legal (resolve) deadline.
STATE_PHASES = {
    STATE_NEW: ("accept", "resolve"),
    STATE_ASSIGNED: ("resolve",),
    STATE_RESOLVED: ("close",),
}
PHASE_FIELDS = {
    "accept": "deadline_accept",
    "resolve": "deadline_resolve",
    "close": "deadline_close",
}


def value(record, name):
    """Return a field or metadata value, with catalog "missing" and "" as None."""
    result = getattr(record, name, None)
    if result is Missing.Value or result == "":
        return None
    return result


def day_of(record, name):
    """Return the Europe/Prague day of a record's date or datetime, or None."""
    result = value(record, name)
    if result is None:
        return None
    if hasattr(result, "asdatetime"):
        result = result.asdatetime()
    return local_date(result)


def review_state(record):
    """Return the workflow state of a brain or a content object."""
    state = value(record, "review_state")
    if state is None and hasattr(record, "workflow_history"):
        from plone import api

        state = api.content.get_state(record, default=None)
    return state


def phase_deadlines(record):
    """Return (phase, deadline) pairs that count in the record's current state."""
    pairs = []
    for phase in STATE_PHASES.get(review_state(record), ()):
        deadline = day_of(record, PHASE_FIELDS[phase])
        if deadline is not None:
            pairs.append((phase, deadline))
    return pairs


def current_overdue(record, today):
    """Return (phase, deadline) pairs whose deadline ended before `today`."""
    return [(phase, day) for phase, day in phase_deadlines(record) if day < today]


def due_within(record, today, days):
    """Return (phase, deadline) pairs ending from `today` to `days` days later."""
    return [
        (phase, day)
        for phase, day in phase_deadlines(record)
        if 0 <= (day - today).days <= days
    ]
