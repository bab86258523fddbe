"""Run the background jobs that are due, each on one instance at a time."""

from urad.podnety.jobs import leases
from urad.podnety.jobs.interfaces import IJob
from zope.component import getUtilitiesFor

import logging
import time
import transaction


logger = logging.getLogger(__name__)

# A lease outlives the longest expected run; a holder that died is replaced
# after this many seconds even when the job's own interval is short.
MIN_LEASE_SECONDS = 300


def registered_jobs():
    return sorted(getUtilitiesFor(IJob), key=lambda item: item[0])


def run_job(portal, name, job, force=False):
    """Run one job if it is due and no other instance holds it.

    Returns the job's summary, or None when it was skipped.
    """
    interval = getattr(job, "interval", 60)
    ttl = max(interval * 5, MIN_LEASE_SECONDS)
    due_after = 0 if force else interval
    if not leases.try_acquire(portal, name, ttl=ttl, due_after=due_after):
        return None
    started = time.monotonic()
    try:
        summary = job.run(portal) or {}
        transaction.commit()
    except Exception as error:
        transaction.abort()
        logger.exception("Job %s failed", name)
        summary = {"error": f"{type(error).__name__}: {error}"}
    summary = dict(summary)
    summary["seconds"] = round(time.monotonic() - started, 3)
    leases.release(portal, name, summary)
    return summary


def run_due_jobs(portal, force=False):
    """Run every registered job that is due (all of them with `force`).

    Returns ``{job name: summary}`` for the jobs that ran on this instance.
    """
    transaction.commit()
    results = {}
    for name, job in registered_jobs():
        summary = run_job(portal, name, job, force=force)
        if summary is not None:
            results[name] = summary
    return results
