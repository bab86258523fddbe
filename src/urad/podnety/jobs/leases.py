"""Leases that let one Zope instance at a time run a job.

The lease table is a persistent object in the site. Taking a lease is its own
transaction: when two instances try at once, ZODB (FileStorage or RelStorage)
raises a ConflictError for one of them, and that one skips the job. A lease
that its holder did not release (the instance died) expires after `ttl`.
"""

from persistent import Persistent
from persistent.mapping import PersistentMapping
from ZODB.POSException import ConflictError

import os
import socket
import time
import transaction


LEASES_ATTRIBUTE = "_urad_podnety_job_leases"
INSTANCE_ID = f"{socket.gethostname()}:{os.getpid()}"


class JobState(Persistent):
    """Last run and current holder of one job; conflicts are not resolved."""

    def __init__(self):
        self.holder = None
        self.expires = 0.0
        self.last_started = 0.0
        self.last_finished = 0.0
        self.last_summary = {}


def _table(portal):
    table = getattr(portal, LEASES_ATTRIBUTE, None)
    if table is None:
        table = PersistentMapping()
        setattr(portal, LEASES_ATTRIBUTE, table)
    return table


def job_state(portal, name):
    table = _table(portal)
    state = table.get(name)
    if state is None:
        state = table[name] = JobState()
    return state


def try_acquire(portal, name, ttl, due_after=0.0, now=None):
    """Take the lease of job `name` in a committed transaction.

    Returns True when this instance now holds it. `due_after` skips a job that
    some instance finished less than that many seconds ago.
    """
    now = now or time.time()
    try:
        transaction.begin()
        state = job_state(portal, name)
        if state.holder and state.expires > now and state.holder != INSTANCE_ID:
            transaction.abort()
            return False
        if due_after and now - state.last_finished < due_after:
            transaction.abort()
            return False
        state.holder = INSTANCE_ID
        state.expires = now + ttl
        state.last_started = now
        transaction.commit()
        return True
    except ConflictError:
        transaction.abort()
        return False


def release(portal, name, summary, attempts=3):
    """Record the run's summary and free the lease."""
    for _attempt in range(attempts):
        try:
            transaction.begin()
            state = job_state(portal, name)
            if state.holder == INSTANCE_ID:
                state.holder = None
                state.expires = 0.0
            state.last_finished = time.time()
            state.last_summary = dict(summary)
            transaction.commit()
            return
        except ConflictError:
            transaction.abort()
