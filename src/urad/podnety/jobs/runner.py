"""Run the background jobs that are due, each on one instance at a time."""

from App.config import getConfiguration
from datetime import UTC
from datetime import datetime
from urad.podnety.jobs import leases
from urad.podnety.jobs.interfaces import IJob
from zope.component import getUtilitiesFor

import logging
import threading
import time
import transaction


logger = logging.getLogger(__name__)

# Seconds after which another instance takes over the job of an instance that
# stopped renewing its lease (it died); a running job renews it every quarter.
DEFAULT_LEASE_SECONDS = 120

# The "skipped" value of a job that another process or thread is running.
RUNNING_ELSEWHERE = "running elsewhere"


def lease_seconds():
    """Return ``job-lease-seconds`` of zope.conf's product-config, in seconds."""
    product_config = getattr(getConfiguration(), "product_config", None) or {}
    settings = product_config.get("urad.podnety", {}) or {}
    return int(settings.get("job-lease-seconds", DEFAULT_LEASE_SECONDS))


class LeaseKeeper(threading.Thread):
    """Renew a running job's lease from a database connection of its own."""

    def __init__(self, portal, name, token, ttl):
        super().__init__(name=f"urad.podnety lease {name}", daemon=True)
        self.database = portal._p_jar.db()
        self.path = portal.getPhysicalPath()
        self.job_name = name
        self.token = token
        self.ttl = ttl
        self.stopped = threading.Event()

    def run(self):
        manager = transaction.TransactionManager()
        connection = self.database.open(transaction_manager=manager)
        try:
            app = connection.root()["Application"]
            portal = app.unrestrictedTraverse("/".join(self.path))
            while not self.stopped.wait(self.ttl / 4):
                if not leases.renew(portal, self.job_name, self.token, self.ttl):
                    logger.warning("Job %s lost its lease", self.job_name)
                    return
        except Exception:
            logger.exception("Renewing the lease of job %s failed", self.job_name)
        finally:
            manager.abort()
            connection.close()

    def stop(self):
        self.stopped.set()
        self.join()


def registered_jobs():
    return sorted(getUtilitiesFor(IJob), key=lambda item: item[0])


def run_job(portal, name, job, force=False):
    """Run one job if it is due and no other instance has its lease.

    Returns the job's summary, a summary with ``"skipped": RUNNING_ELSEWHERE``
    and the lease holder when another process or thread holds the lease, or
    None when the job is not due.
    """
    interval = getattr(job, "interval", 60)
    ttl = lease_seconds()
    due_after = 0 if force else interval
    token = leases.try_acquire(portal, name, ttl=ttl, due_after=due_after)
    if token is None:
        return _skipped(portal, name, force)
    keeper = LeaseKeeper(portal, name, token, ttl)
    keeper.start()
    started = time.monotonic()
    try:
        summary = job.run(portal) or {}
        transaction.commit()
    except Exception as error:
        transaction.abort()
        logger.exception("Job %s failed", name)
        summary = {"error": f"{type(error).__name__}: {error}"}
    finally:
        keeper.stop()
    summary = dict(summary)
    summary["seconds"] = round(time.monotonic() - started, 3)
    leases.release(portal, name, summary, token)
    return summary


def run_due_jobs(portal, force=False):
    """Run every registered job that is due (all of them with `force`).

    Returns ``{job name: summary}`` for the jobs that ran on this instance and
    for those skipped because another process or thread is running them.
    """
    transaction.commit()
    results = {}
    for name, job in registered_jobs():
        summary = run_job(portal, name, job, force=force)
        if summary is not None:
            results[name] = summary
    return results


def is_skipped_elsewhere(summary):
    """Return whether `summary` reports a job that another process is running."""
    return summary.get("skipped") == RUNNING_ELSEWHERE


def _skipped(portal, name, force):
    """Return the summary of a job that was not started, or None if not due."""
    lease = leases.current_lease(portal, name)
    if lease is None:
        if not force:
            return None
        # Another process took the lease at the same moment (a write conflict)
        # or released it just after, so there is no live holder to name.
        logger.info("Job %s skipped: another process changed its lease just now", name)
        return {"skipped": RUNNING_ELSEWHERE}
    since = _iso(lease["since"])
    expires = _iso(lease["expires"])
    log = logger.info if force else logger.debug
    log(
        "Job %s skipped: running in %s since %s, lease expires %s",
        name,
        lease["instance"],
        since,
        expires,
    )
    return {
        "skipped": RUNNING_ELSEWHERE,
        "holder": lease["instance"],
        "since": since,
        "lease_expires": expires,
    }


def _iso(timestamp):
    return datetime.fromtimestamp(timestamp, UTC).isoformat(timespec="seconds")
