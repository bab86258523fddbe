"""Current numbers of the register for the dashboard, from catalog metadata only."""

from datetime import timedelta
from plone import api
from statistics import median
from urad.podnety.deadlines.phases import STATE_PHASES
from urad.podnety.deadlines.phases import current_overdue
from urad.podnety.deadlines.phases import day_of
from urad.podnety.deadlines.phases import value
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


def open_by_state_and_age(portal, today):
    labels = age_group_labels()
    states = sorted(config.OPEN_STATES)
    counts = {state: dict.fromkeys(labels, 0) for state in states}
    for brain in _search(portal, review_state=states):
        received = day_of(brain, "received")
        state = value(brain, "review_state")
        if received is not None and state in counts:
            counts[state][age_group((today - received).days)] += 1
    return {"age_groups": labels, "states": counts}


def overdue_by_official(portal, today):
    before = {"query": today, "range": "max"}
    seen = {}
    for index in ("deadline_accept", "deadline_resolve", "deadline_close"):
        query = {index: before, "review_state": list(STATE_PHASES)}
        for brain in _search(portal, **query):
            seen.setdefault(brain.getRID(), brain)
    officials = {}
    for brain in seen.values():
        for phase, _deadline in current_overdue(brain, today):
            official = value(brain, "assignee") or ""
            counts = officials.setdefault(
                official, dict.fromkeys(("accept", "resolve", "close"), 0)
            )
            counts[phase] += 1
    return officials


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
