"""Background jobs: due times, leases, failures and the clock's tick."""

from urad.podnety.jobs import leases
from urad.podnety.jobs.clock import Clock
from urad.podnety.jobs.clock import tick
from urad.podnety.jobs.interfaces import IJob
from urad.podnety.jobs.runner import run_due_jobs
from zope.component import getGlobalSiteManager
from zope.component.hooks import setSite
from zope.interface import implementer

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

    def test_lease_held_elsewhere_skips(self, functional, job):
        portal = functional["portal"]
        state = leases.job_state(portal, "test-counting")
        state.holder = "other-host:123"
        state.expires = 4102444800.0
        transaction.commit()
        assert "test-counting" not in run_due_jobs(portal, force=True)
        assert job.runs == 0

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
