"""Daily deadline alerts over simulated days, read back from the SMTP sink."""

from datetime import date
from datetime import datetime
from plone import api
from tests.helpers import create_users
from tests.helpers import file_podnet
from urad.podnety.deadlines import settings
from urad.podnety.deadlines.calendar import PRAGUE
from urad.podnety.deadlines.jobs import DeadlineAlertsJob

import pytest
import time
import transaction


@pytest.fixture
def clock(monkeypatch):
    def set_clock(*args):
        moment = datetime(*args, tzinfo=PRAGUE)
        monkeypatch.setattr(settings, "now", lambda: moment)

    return set_clock


@pytest.fixture
def register(functional, smtp_sink, clock):
    """A new podnět (accept by 2 December) and an accepted one (resolve by 4th)."""
    portal = functional["portal"]
    create_users()
    clock(2026, 11, 30, 10, 0)
    waiting = file_podnet(
        portal,
        key="alert:1",
        kind="stiznost",
        citizen_email="",
        received=datetime(2026, 11, 30, 10, tzinfo=PRAGUE),
    )
    accepted = file_podnet(
        portal,
        key="alert:2",
        kind="stiznost",
        citizen_email="",
        received=datetime(2026, 11, 20, 10, tzinfo=PRAGUE),
    )
    accepted.assignee = "official"
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(obj=accepted, transition="accept")
    accepted.deadline_resolve = date(2026, 12, 4)
    accepted.reindexObject()
    transaction.commit()
    smtp_sink.clear()
    return portal, waiting, accepted


def run_day(portal, smtp_sink):
    """Run the job, commit and return the mails it sent as {recipient: [text]}."""
    before = len(smtp_sink.messages)
    summary = DeadlineAlertsJob().run(portal)
    transaction.commit()
    time.sleep(0.5)
    mails = {}
    for message in smtp_sink.messages[before:]:
        text = message.get_body(preferencelist=("plain",)).get_content()
        mails.setdefault(message["To"], []).append(text)
    return summary, mails


class TestAlerts:
    def test_days_with_downtime(self, register, smtp_sink, clock):
        portal, waiting, accepted = register
        clock(2026, 12, 1, 6, 59)
        summary, mails = run_day(portal, smtp_sink)
        assert summary == {"sent": False}
        assert mails == {}

        clock(2026, 12, 1, 7, 30)
        summary, mails = run_day(portal, smtp_sink)
        assert list(mails) == ["clerk@urad.example"]
        assert waiting.reference_number in mails["clerk@urad.example"][0]
        assert "02. 12. 2026" in mails["clerk@urad.example"][0]

        clock(2026, 12, 1, 8, 0)
        assert run_day(portal, smtp_sink) == ({"sent": False}, {})

        clock(2026, 12, 2, 7, 0)
        summary, mails = run_day(portal, smtp_sink)
        assert list(mails) == ["official@urad.example"]
        assert accepted.reference_number in mails["official@urad.example"][0]

        clock(2026, 12, 3, 7, 0)
        summary, mails = run_day(portal, smtp_sink)
        assert summary["overdue"] == 1
        assert sorted(mails) == ["clerk@urad.example", "supervisor@urad.example"]
        assert waiting.reference_number in mails["supervisor@urad.example"][0]

        # Down on 4-7 December: the overdue notice for the 4 December
        # deadline still goes out, once, and the digest lists both.
        clock(2026, 12, 8, 7, 30)
        summary, mails = run_day(portal, smtp_sink)
        assert summary["missed_days"] == 4
        assert summary["overdue"] == 1
        assert len(mails["official@urad.example"]) == 1
        digest = mails["supervisor@urad.example"][0]
        assert waiting.reference_number in digest
        assert accepted.reference_number in digest
        assert "clerk@urad.example" not in mails

        clock(2026, 12, 9, 7, 30)
        summary, mails = run_day(portal, smtp_sink)
        assert summary["overdue"] == 0
        assert list(mails) == ["supervisor@urad.example"]

    def test_switched_off(self, register, smtp_sink, clock):
        portal, _waiting, _accepted = register
        api.portal.set_registry_record("urad.podnety.deadlines.alerts_enabled", False)
        clock(2026, 12, 3, 7, 30)
        summary, mails = run_day(portal, smtp_sink)
        assert summary["sent"] is False
        assert mails == {}
