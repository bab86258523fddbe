"""The report scheduler across simulated days, clock changes and downtime."""

from datetime import UTC
from datetime import datetime
from datetime import timedelta
from plone import api
from tests.helpers import create_users
from urad.podnety.deadlines import settings
from urad.podnety.deadlines.calendar import PRAGUE
from urad.podnety.reports import runner
from urad.podnety.reports.definitions import run_state
from urad.podnety.reports.jobs import ReportsJob

import pytest
import time
import transaction


SUPERVISOR = "supervisor@urad.example"


@pytest.fixture
def clock(monkeypatch):
    """Set the time the jobs see."""

    def set_clock(*args):
        moment = args[0] if len(args) == 1 else datetime(*args, tzinfo=PRAGUE)
        monkeypatch.setattr(settings, "now", lambda: moment)
        return moment

    return set_clock


def run(portal):
    summary = ReportsJob().run(portal)
    transaction.commit()
    return summary["sent"]


def supervisor_subjects(smtp_sink, count):
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        subjects = [m["Subject"] for m in smtp_sink.messages if m["To"] == SUPERVISOR]
        if len(subjects) >= count:
            break
        time.sleep(0.1)
    time.sleep(0.3)
    return [m["Subject"] for m in smtp_sink.messages if m["To"] == SUPERVISOR]


class TestScheduler:
    def test_days_and_downtime(self, seeded, smtp_sink, clock):
        portal, _podnety = seeded
        # Sunday evening: the definitions start counting from here.
        clock(2026, 11, 29, 22, 0)
        assert run(portal) == []
        # Monday 06:59: the weekly overdue digest is due at 07:00.
        clock(2026, 11, 30, 6, 59)
        assert run(portal) == []
        clock(2026, 11, 30, 7, 5)
        assert run(portal) == ["weekly-overdue@2026-11-30"]
        assert run(portal) == []
        # 1 December 06:00: both monthly reports for November.
        clock(2026, 12, 1, 6, 0)
        assert run(portal) == [
            "monthly-new-rejected@2026-12-01",
            "monthly-state@2026-12-01",
        ]
        clock(2026, 12, 1, 18, 0)
        assert run(portal) == []
        # Down from 2 December to 2 February: each missed month of counts is
        # made up, the state and overdue reports are sent once.
        clock(2027, 2, 2, 9, 0)
        assert run(portal) == [
            "monthly-new-rejected@2027-01-01",
            "monthly-new-rejected@2027-02-01",
            "monthly-state@2027-02-01",
            "weekly-overdue@2027-02-01",
        ]
        assert run(portal) == []
        assert run_state(portal)["monthly-new-rejected"].isoformat() == "2027-02-01"
        subjects = supervisor_subjects(smtp_sink, 7)
        assert len(subjects) == 7
        assert sum("(01. 12. 2026 – 31. 12. 2026)" in s for s in subjects) == 1
        assert sum("(01. 01. 2027 – 31. 01. 2027)" in s for s in subjects) == 1

    def test_disabled_not_sent(self, seeded, smtp_sink, clock):
        portal, _podnety = seeded
        for definition_id in ("monthly-state", "weekly-overdue"):
            api.portal.set_registry_record(
                f"urad.podnety.reports.definitions/{definition_id}.enabled", False
            )
        clock(2026, 11, 30, 22, 0)
        run(portal)
        clock(2026, 12, 1, 7, 0)
        assert run(portal) == ["monthly-new-rejected@2026-12-01"]

    def test_clock_change_runs_once(self, seeded, smtp_sink, clock):
        portal, _podnety = seeded
        prefix = "urad.podnety.reports.definitions/monthly-new-rejected"
        api.portal.set_registry_record(f"{prefix}.frequency", "daily")
        api.portal.set_registry_record(f"{prefix}.hour", 2)
        for definition_id in ("monthly-state", "weekly-overdue"):
            api.portal.set_registry_record(
                f"urad.podnety.reports.definitions/{definition_id}.enabled", False
            )
        transaction.commit()
        clock(2026, 10, 24, 12, 0)
        run(portal)
        sent = []
        # Every quarter of an hour through the night the clocks go back.
        moment = datetime(2026, 10, 24, 20, 0, tzinfo=UTC)
        for _step in range(4 * 8):
            clock(moment)
            sent += run(portal)
            moment += timedelta(minutes=15)
        assert sent == ["monthly-new-rejected@2026-10-25"]


class TestEmptyOverdue:
    def test_not_sent_without_overdue(self, functional, smtp_sink):
        portal = functional["portal"]
        create_users()
        transaction.commit()
        assert runner.send(portal, "weekly-overdue") == []
        assert runner.send(portal, "monthly-state") == [SUPERVISOR]
