"""Store SMDR call records and reconcile them with the hook calls."""

from BTrees.OOBTree import OOBTree
from datetime import UTC
from datetime import timedelta
from persistent.mapping import PersistentMapping
from urad.podnety.phone import calls as call_store
from urad.podnety.phone.clerks import contact_centre_extensions
from urad.podnety.phone.numbers import normalize_number
from urad.podnety.setuphandlers import get_register
from zope.annotation.interfaces import IAnnotations

import logging


logger = logging.getLogger(__name__)

RECORDS_KEY = "urad.podnety.phone.smdr"
# The PBX prints whole minutes, and its clock may differ from the site's.
MATCH_TOLERANCE = timedelta(minutes=3)


def records(portal):
    """Return the OOBTree of SMDR records keyed by UTC time and line identity."""
    annotations = IAnnotations(get_register(portal))
    tree = annotations.get(RECORDS_KEY)
    if tree is None:
        tree = annotations[RECORDS_KEY] = OOBTree()
    return tree


def _time_key(time):
    return time.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S")


def records_between(portal, start, end):
    """Return the SMDR records printed between `start` and `end`."""
    return list(
        records(portal).values(
            min=_time_key(start), max=_time_key(end), excludemax=True
        )
    )


def store_records(portal, call_records):
    """Store new call records; return how many were new."""
    tree = records(portal)
    added = 0
    for record in call_records:
        key = f"{_time_key(record.time)}|{record.key}"
        if key in tree:
            continue
        tree[key] = PersistentMapping(
            line=record.line,
            time=record.time,
            extension=record.extension,
            trunk=record.trunk,
            direction=record.direction,
            number=record.number,
            ring_seconds=record.ring_seconds,
            duration_seconds=record.duration_seconds,
            condition=record.condition,
            answered=record.answered,
            abandoned=record.abandoned,
            podnet_uid="",
        )
        added += 1
    return added


def _matches(record, call, caller):
    """Tell whether the hook `call` is the call the SMDR `record` printed."""
    answered = call.event_time("answer")
    latest = record["time"] + MATCH_TOLERANCE
    talk = timedelta(seconds=record["duration_seconds"] + record["ring_seconds"])
    earliest = record["time"] - talk - MATCH_TOLERANCE
    if call.extension != record["extension"] or not earliest <= answered <= latest:
        return False
    known = normalize_number(call.caller_raw).e164
    return not (caller.matchable and known and known != caller.e164)


def reconcile(portal, since, until):
    """Link answered contact-centre records in the period to their podněty.

    Returns the number of records still without a podnět.
    """
    extensions = contact_centre_extensions()
    answered_calls = [
        call
        for call in call_store.calls_between(
            portal, since - timedelta(hours=2), until + MATCH_TOLERANCE
        )
        if call.answered and call.podnet_uid
    ]
    missing = 0
    for record in records_between(portal, since, until):
        if record["podnet_uid"]:
            continue
        if not record["answered"] or record["extension"] not in extensions:
            continue
        caller = normalize_number(record["number"])
        for call in answered_calls:
            if _matches(record, call, caller):
                record["podnet_uid"] = call.podnet_uid
                break
        else:
            missing += 1
    return missing


def unmatched_answered(portal, since, until):
    """Return answered contact-centre records without a podnět, newest first."""
    extensions = contact_centre_extensions()
    found = [
        record
        for record in records_between(portal, since, until)
        if record["answered"]
        and not record["podnet_uid"]
        and record["extension"] in extensions
    ]
    return sorted(found, key=lambda record: record["time"], reverse=True)


def _hook_statistics(portal, start, end):
    """Count the hook calls when the PBX prints no SMDR records."""
    stats = {"source": "hooks", "incoming": 0, "answered": 0, "abandoned": 0}
    rings = []
    for call in call_store.calls_between(portal, start, end):
        if call.direction != "in":
            continue
        stats["incoming"] += 1
        if call.answered:
            stats["answered"] += 1
            if call.has("newCall"):
                ring = call.event_time("answer") - call.event_time("newCall")
                rings.append(max(0, int(ring.total_seconds())))
        elif call.missed or call.cause == "noHangup":
            stats["abandoned"] += 1
    return stats, rings, []


def _smdr_statistics(selected):
    stats = {"source": "smdr", "incoming": 0, "answered": 0, "abandoned": 0}
    answered_rings, abandoned_rings = [], []
    for record in selected:
        if record["direction"] != "in":
            continue
        stats["incoming"] += 1
        if record["answered"]:
            stats["answered"] += 1
            answered_rings.append(record["ring_seconds"])
        elif record["abandoned"]:
            stats["abandoned"] += 1
            abandoned_rings.append(record["ring_seconds"])
    return stats, answered_rings, abandoned_rings


def _average(values):
    return round(sum(values) / len(values), 1) if values else None


def call_statistics(portal, start, end):
    """Return call counts and ring times between `start` and `end` (aware).

    Counts come from the SMDR records when the PBX printed any in the
    period, otherwise from the hook calls (``source`` names the origin). Ring
    times are in seconds; ``unmatched_answered`` counts answered calls on
    contact-centre extensions that have no podnět (SMDR only).
    """
    selected = records_between(portal, start, end)
    if selected:
        stats, answered_rings, abandoned_rings = _smdr_statistics(selected)
        extensions = contact_centre_extensions()
        stats["unmatched_answered"] = sum(
            1
            for record in selected
            if record["answered"]
            and not record["podnet_uid"]
            and record["extension"] in extensions
        )
    else:
        stats, answered_rings, abandoned_rings = _hook_statistics(portal, start, end)
        stats["unmatched_answered"] = None
    stats["ring_seconds_answered_avg"] = _average(answered_rings)
    stats["ring_seconds_answered_max"] = max(answered_rings, default=None)
    stats["ring_seconds_abandoned_avg"] = _average(abandoned_rings)
    stats["answer_rate"] = (
        round(stats["answered"] / stats["incoming"], 3) if stats["incoming"] else None
    )
    return stats
