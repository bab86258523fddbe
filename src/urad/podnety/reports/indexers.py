"""Catalog indexers with the times a podnět was accepted, rejected, resolved, closed.

Reports count events from these indexes and metadata without waking objects.
"""

from plone.indexer import indexer
from urad.podnety.content.podnet import IPodnet
from urad.podnety.workflow import config


def _state_times(podnet, state):
    history = (getattr(podnet, "workflow_history", None) or {}).get(
        config.WORKFLOW_ID, ()
    )
    times = []
    for entry in history:
        if entry.get("review_state") == state and entry.get("time") is not None:
            when = entry["time"]
            times.append(when.asdatetime() if hasattr(when, "asdatetime") else when)
    return times


def _first(podnet, state):
    times = _state_times(podnet, state)
    return times[0] if times else None


def _last(podnet, state):
    times = _state_times(podnet, state)
    return times[-1] if times else None


@indexer(IPodnet)
def podnet_accepted(obj):
    """Return when the podnět first got an official (time to accept starts here)."""
    return _first(obj, config.STATE_ASSIGNED)


@indexer(IPodnet)
def podnet_rejected(obj):
    return _last(obj, config.STATE_REJECTED)


@indexer(IPodnet)
def podnet_resolved(obj):
    return _last(obj, config.STATE_RESOLVED)


@indexer(IPodnet)
def podnet_closed(obj):
    return _last(obj, config.STATE_CLOSED)
