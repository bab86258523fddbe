"""Leases that let one Zope instance at a time run a job.

The lease table is a persistent object in the site. Taking a lease is its own
transaction: when two instances try at once, ZODB (FileStorage or RelStorage)
raises a ConflictError for one of them, and that one skips the job. Each run
holds the lease under its own token, so a second thread of the same process is
kept out as well. The running instance renews the lease (`renew`) while the
job runs; a lease that is neither renewed nor released (the instance died)
expires after `ttl` and another instance takes the job over.
"""

from persistent import Persistent
from persistent.mapping import PersistentMapping
from ZODB.POSException import ConflictError

import os
import socket
import time
import transaction
import uuid


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


# A job is due a little before its interval has passed since its last start,
# so a 60-second job runs on every tick of a 60-second clock, not every other.
DUE_SLACK_SECONDS = 5


def try_acquire(portal, name, ttl, due_after=0.0, now=None):
    """Take the lease of job `name` in a committed transaction.

    Returns the token of this run when it now holds the lease, else None.
    `due_after` skips a job that some instance started less than that many
    seconds ago.
    """
    now = now or time.time()
    try:
        transaction.begin()
        state = job_state(portal, name)
        if state.holder and state.expires > now:
            transaction.abort()
            return None
        if due_after and now - state.last_started < due_after - DUE_SLACK_SECONDS:
            transaction.abort()
            return None
        token = f"{INSTANCE_ID}:{uuid.uuid4().hex[:12]}"
        state.holder = token
        state.expires = now + ttl
        state.last_started = now
        transaction.commit()
        return token
    except ConflictError:
        transaction.abort()
        return None


def holder_instance(token):
    """Return the ``host:pid`` part of a lease token, without the run's suffix."""
    return ":".join((token or "").split(":")[:2])


def current_lease(portal, name, now=None):
    """Return the live lease of job `name` as a dict, or None when it is free.

    The dict has the holder's ``instance`` (``host:pid``), its ``token`` and
    the Unix times ``since`` (when the holder started the run) and
    ``expires``. Reads the last committed state in a new transaction and
    writes nothing.
    """
    now = now or time.time()
    transaction.begin()
    state = getattr(portal, LEASES_ATTRIBUTE, {}).get(name)
    if state is None or not state.holder or state.expires <= now:
        return None
    return {
        "instance": holder_instance(state.holder),
        "token": state.holder,
        "since": state.last_started,
        "expires": state.expires,
    }


def renew(portal, name, token, ttl):
    """Extend the lease held under `token`; return False if it was lost.

    Runs in the caller's transaction manager and commits; the caller passes a
    portal from a connection of its own, not the one the job is using.
    """
    manager = portal._p_jar.transaction_manager
    try:
        manager.begin()
        state = job_state(portal, name)
        if state.holder != token:
            manager.abort()
            return False
        state.expires = time.time() + ttl
        manager.commit()
        return True
    except ConflictError:
        # Another writer changed the state at the same moment; whether it took
        # the lease shows at the next renewal, so keep running until then.
        manager.abort()
        return True


def release(portal, name, summary, token, attempts=3):
    """Record the run's summary and free the lease held under `token`."""
    for _attempt in range(attempts):
        try:
            transaction.begin()
            state = job_state(portal, name)
            if state.holder == token:
                state.holder = None
                state.expires = 0.0
            state.last_finished = time.time()
            state.last_summary = dict(summary)
            transaction.commit()
            return
        except ConflictError:
            transaction.abort()
