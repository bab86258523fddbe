"""Background jobs: due times, leases, failures and the clock's tick."""

from datetime import UTC
from datetime import datetime
from urad.podnety.jobs import leases
from urad.podnety.jobs.clock import Clock
from urad.podnety.jobs.clock import tick
from urad.podnety.jobs.interfaces import IJob
from urad.podnety.jobs.runner import run_due_jobs
from zope.component import getGlobalSiteManager
from zope.component.hooks import setSite
from zope.interface import implementer

import logging
import pytest
import threading
import transaction


@implementer(IJob)
class CountingJob:
    title = "Counting job"
    interval = 60

    def __init__(self, fail=False):
        self.runs = 0
        self.fail = fail

    def run(self, portal):
        self.runs += 1
        if self.fail:
            raise RuntimeError("mailbox unreachable")
        portal.podnety.title = f"Podněty {self.runs}"
        return {"runs": self.runs}


@pytest.fixture
def job():
    job = CountingJob()
    registry = getGlobalSiteManager()
    registry.registerUtility(job, IJob, name="test-counting")
    yield job
    registry.unregisterUtility(job, IJob, name="test-counting")


@pytest.fixture
def failing_job():
    job = CountingJob(fail=True)
    registry = getGlobalSiteManager()
    registry.registerUtility(job, IJob, name="test-failing")
    yield job
    registry.unregisterUtility(job, IJob, name="test-failing")


def take_lease_in_thread(portal, name, ttl=600):
    """Take the lease of job `name` from another thread; return its token."""
    database = portal._p_jar.db()
    path = "/".join(portal.getPhysicalPath())
    tokens = []

    def take():
        connection = database.open()
        try:
            other_portal = connection.root()["Application"].unrestrictedTraverse(path)
            tokens.append(leases.try_acquire(other_portal, name, ttl=ttl))
        finally:
            transaction.abort()
            connection.close()

    thread = threading.Thread(target=take)
    thread.start()
    thread.join()
    assert tokens[0] is not None
    return tokens[0]


class TestRunner:
    def test_due_job_runs_once(self, functional, job):
        portal = functional["portal"]
        first = run_due_jobs(portal)
        second = run_due_jobs(portal)
        assert first["test-counting"]["runs"] == 1
        assert "test-counting" not in second
        assert job.runs == 1

    def test_force_runs_again(self, functional, job):
        portal = functional["portal"]
        run_due_jobs(portal)
        forced = run_due_jobs(portal, force=True)
        assert forced["test-counting"]["runs"] == 2

    def test_job_changes_committed(self, functional, job):
        portal = functional["portal"]
        run_due_jobs(portal)
        transaction.abort()
        assert portal.podnety.title == "Podněty 1"

    def test_lease_of_other_process_reported(self, functional, job, caplog):
        portal = functional["portal"]
        state = leases.job_state(portal, "test-counting")
        state.holder = "other-host:4242:0123456789ab"
        state.last_started = datetime(2026, 12, 4, 18, 0, tzinfo=UTC).timestamp()
        state.expires = 4102444800.0
        transaction.commit()
        with caplog.at_level(logging.INFO, logger="urad.podnety.jobs.runner"):
            results = run_due_jobs(portal, force=True)
        assert results["test-counting"] == {
            "skipped": "running elsewhere",
            "holder": "other-host:4242",
            "since": "2026-12-04T18:00:00+00:00",
            "lease_expires": "2100-01-01T00:00:00+00:00",
        }
        assert job.runs == 0
        assert (
            "Job test-counting skipped: running in other-host:4242 since "
            "2026-12-04T18:00:00+00:00, lease expires 2100-01-01T00:00:00+00:00"
        ) in caplog.messages

    def test_lease_of_other_thread_kept(self, functional, job):
        portal = functional["portal"]
        token = take_lease_in_thread(functional["portal"], "test-counting")
        results = run_due_jobs(portal, force=True)
        assert results["test-counting"]["skipped"] == "running elsewhere"
        assert results["test-counting"]["holder"] == leases.INSTANCE_ID
        assert job.runs == 0
        transaction.begin()
        assert leases.job_state(portal, "test-counting").holder == token

    def test_lease_of_other_thread_not_due(self, functional, job):
        # A run without force, as on each clock tick, reports the skip too.
        take_lease_in_thread(functional["portal"], "test-counting")
        results = run_due_jobs(functional["portal"])
        assert results["test-counting"]["skipped"] == "running elsewhere"
        assert job.runs == 0

    def test_free_lease_not_reported(self, functional, job):
        portal = functional["portal"]
        run_due_jobs(portal)
        assert "test-counting" not in run_due_jobs(portal)
        assert leases.current_lease(portal, "test-counting") is None

    def test_expired_lease_taken_over(self, functional, job):
        portal = functional["portal"]
        state = leases.job_state(portal, "test-counting")
        state.holder = "dead-host:123"
        state.expires = 1.0
        transaction.commit()
        assert run_due_jobs(portal, force=True)["test-counting"]["runs"] == 1

    def test_failure_reported_and_others_run(self, functional, job, failing_job):
        portal = functional["portal"]
        results = run_due_jobs(portal)
        assert results["test-failing"]["error"] == "RuntimeError: mailbox unreachable"
        assert results["test-counting"]["runs"] == 1
        assert leases.job_state(portal, "test-failing").holder is None


class TestClock:
    def test_no_clock_in_test_server(self, functional):
        # A clock here would run due jobs in the middle of other tests.
        clocks = [t for t in threading.enumerate() if isinstance(t, Clock)]
        assert clocks == []

    def test_tick_runs_jobs_of_site(self, functional, job):
        portal = functional["portal"]
        tick(functional["zodbDB"])
        setSite(portal)
        transaction.begin()
        assert job.runs == 1
        assert leases.job_state(portal, "test-counting").last_summary["runs"] == 1
        assert portal["podnety"].title == "Podněty 1"


class TestDueTime:
    def test_due_counted_from_last_start(self, functional, job):
        import time

        portal = functional["portal"]
        state = leases.job_state(portal, "test-counting")
        state.last_started = time.time() - 58
        state.last_finished = time.time() - 1
        transaction.commit()
        assert run_due_jobs(portal)["test-counting"]["runs"] == 1

    def test_not_due_soon_after_start(self, functional, job):
        import time

        portal = functional["portal"]
        state = leases.job_state(portal, "test-counting")
        state.last_started = time.time() - 30
        transaction.commit()
        assert "test-counting" not in run_due_jobs(portal)
