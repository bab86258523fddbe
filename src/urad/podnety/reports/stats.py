"""Current numbers of the register for the dashboard, from the catalog only.

Counts come from catalog indexes (the length of a lazy result), so they cost
the same whatever the number of podněty they count. Only the weekly intake and
the medians read catalog metadata, of the podněty of the last weeks.
"""

from datetime import timedelta
from plone import api
from statistics import median
from urad.podnety.deadlines.calendar import PRAGUE
from urad.podnety.deadlines.phases import PHASE_FIELDS
from urad.podnety.deadlines.phases import STATE_PHASES
from urad.podnety.deadlines.phases import day_of
from urad.podnety.deadlines.phases import value
from urad.podnety.reports.kinds.state import AGE_GROUPS
from urad.podnety.reports.kinds.state import age_group
from urad.podnety.reports.kinds.state import age_group_labels
from urad.podnety.setuphandlers import get_register
from urad.podnety.workflow import config

import datetime


STATES = ("new", "assigned", "resolved", "closed", "rejected")
CHANNELS = ("web", "email", "post", "phone")
# Medians cover podněty accepted or resolved within this many days.
MEDIAN_DAYS = 90


def _search(portal, **query):
    catalog = api.portal.get_tool("portal_catalog")
    path = "/".join(get_register(portal).getPhysicalPath())
    return catalog.unrestrictedSearchResults(portal_type="Podnet", path=path, **query)


def _since(day):
    return {"query": datetime.datetime.combine(day, datetime.time()), "range": "min"}


def _elapsed_days(brain, event_name):
    received = value(brain, "received")
    happened = value(brain, event_name)
    if received is None or happened is None:
        return None
    if hasattr(happened, "asdatetime"):
        happened = happened.asdatetime()
    return (happened - received).total_seconds() / 86400


def new_per_week(portal, today, weeks):
    monday = today - timedelta(days=today.weekday())
    first = monday - timedelta(weeks=weeks - 1)
    labels = [(first + timedelta(weeks=index)).isoformat() for index in range(weeks)]
    counts = {channel: [0] * weeks for channel in CHANNELS}
    for brain in _search(portal, received=_since(first)):
        received = day_of(brain, "received")
        index = (received - first).days // 7
        channel = value(brain, "channel")
        if 0 <= index < weeks and channel in counts:
            counts[channel][index] += 1
    return {"weeks": labels, "channels": counts}


def _prague_midnight(day):
    return datetime.datetime.combine(day, datetime.time(), tzinfo=PRAGUE)


def _received_ranges(today):
    """Return (age group label, `received` range query) for each age group.

    The received index counts in minutes, so a range ends one minute before
    the midnight that starts the next group.
    """
    ranges = []
    lower = 0
    for upper in (*AGE_GROUPS, None):
        query = {}
        if upper is not None:
            query["min"] = _prague_midnight(today - timedelta(days=upper))
        if lower:
            end = _prague_midnight(today - timedelta(days=lower - 1))
            query["max"] = end - timedelta(minutes=1)
        ranges.append((age_group(lower), _range_query(query)))
        lower = (upper or 0) + 1
    return ranges


def _range_query(bounds):
    if "min" in bounds and "max" in bounds:
        return {"query": (bounds["min"], bounds["max"]), "range": "min:max"}
    if "min" in bounds:
        return {"query": bounds["min"], "range": "min"}
    return {"query": bounds["max"], "range": "max"}


def open_by_state_and_age(portal, today):
    labels = age_group_labels()
    states = sorted(config.OPEN_STATES)
    counts = {state: dict.fromkeys(labels, 0) for state in states}
    for state in states:
        for label, received in _received_ranges(today):
            counts[state][label] = len(
                _search(portal, review_state=state, received=received)
            )
    return {"age_groups": labels, "states": counts}


def _officials(portal):
    catalog = api.portal.get_tool("portal_catalog")
    return [user_id for user_id in catalog.uniqueValuesFor("assignee") if user_id]


def overdue_by_official(portal, today):
    """Return {official id: {phase: count}} of deadlines that ended before today.

    A podnět without an official is counted under "".
    """
    yesterday = {"query": today - timedelta(days=1), "range": "max"}
    officials = {}
    for state, phases in STATE_PHASES.items():
        for phase in phases:
            query = {"review_state": state, PHASE_FIELDS[phase]: yesterday}
            total = len(_search(portal, **query))
            if not total:
                continue
            assigned = 0
            for official in _officials(portal):
                count = len(_search(portal, assignee=official, **query))
                assigned += count
                _add_overdue(officials, official, phase, count)
            _add_overdue(officials, "", phase, total - assigned)
    return officials


def _add_overdue(officials, official, phase, count):
    if count:
        counts = officials.setdefault(
            official, dict.fromkeys(("accept", "resolve", "close"), 0)
        )
        counts[phase] += count


def medians(portal, today):
    since = _since(today - timedelta(days=MEDIAN_DAYS))
    result = {}
    for key, index in (("accept", "podnet_accepted"), ("resolve", "podnet_resolved")):
        days = [
            elapsed
            for brain in _search(portal, **{index: since})
            if (elapsed := _elapsed_days(brain, index)) is not None
        ]
        result[key] = {
            "median_days": round(median(days), 1) if days else None,
            "count": len(days),
        }
    return result


def dashboard_stats(portal, today, weeks=12):
    """Return the dashboard's numbers as a JSON-serialisable dict."""
    counts = {state: len(_search(portal, review_state=state)) for state in STATES}
    overdue = overdue_by_official(portal, today)
    return {
        "today": today.isoformat(),
        "counts": counts,
        "open": sum(counts[state] for state in config.OPEN_STATES),
        "overdue": sum(sum(phases.values()) for phases in overdue.values()),
        "new_per_week": new_per_week(portal, today, weeks),
        "open_by_state_and_age": open_by_state_and_age(portal, today),
        "overdue_by_official": overdue,
        "median_days": medians(portal, today),
    }
