"""Content rules composed from the deadline trigger, conditions and action."""

from datetime import date
from datetime import datetime
from plone import api
from plone.app.contentrules.api import assign_rule
from plone.app.contentrules.rule import Rule
from plone.contentrules.engine.interfaces import IRuleStorage
from tests.helpers import create_users
from tests.helpers import file_podnet
from urad.podnety.deadlines import settings
from urad.podnety.deadlines.calendar import PRAGUE
from urad.podnety.deadlines.contentrules.actions import TemplateMailAction
from urad.podnety.deadlines.contentrules.conditions import DeadlineCondition
from urad.podnety.deadlines.contentrules.conditions import PodnetFieldsCondition
from urad.podnety.deadlines.contentrules.events import IPodnetDeadlineCheck
from urad.podnety.deadlines.jobs import DeadlineAlertsJob
from zope.component import getUtility

import pytest
import time
import transaction


def add_rule(portal, channels=frozenset()):
    """Mail the group podnety-supervisors two days after an accept deadline."""
    rule = Rule()
    rule.title = "Accept deadline missed"
    rule.event = IPodnetDeadlineCheck
    condition = DeadlineCondition()
    condition.phases = {"accept"}
    condition.relation = "passed"
    condition.days = 2
    fields = PodnetFieldsCondition()
    fields.channels = set(channels)
    action = TemplateMailAction()
    action.template = "deadline-passed"
    action.recipient = "group"
    action.group = "podnety-supervisors"
    rule.conditions.extend([fields, condition])
    rule.actions.append(action)
    getUtility(IRuleStorage)["podnety-accept-missed"] = rule
    assign_rule(portal["podnety"], "podnety-accept-missed")


@pytest.fixture
def rule_site(functional, smtp_sink, monkeypatch):
    portal = functional["portal"]
    create_users()
    api.portal.set_registry_record("urad.podnety.deadlines.reminder_days", 0)
    phone = file_podnet(
        portal,
        key="rule:1",
        channel="phone",
        citizen_email="",
        received=datetime(2026, 11, 30, 10, tzinfo=PRAGUE),
    )
    web = file_podnet(
        portal,
        key="rule:2",
        channel="web",
        citizen_email="",
        received=datetime(2026, 11, 30, 11, tzinfo=PRAGUE),
    )
    transaction.commit()
    smtp_sink.clear()
    return portal, phone, web


def run_at(portal, monkeypatch, *moment):
    when = datetime(*moment, tzinfo=PRAGUE)
    monkeypatch.setattr(settings, "now", lambda: when)
    summary = DeadlineAlertsJob().run(portal)
    transaction.commit()
    time.sleep(0.5)
    return summary


def rule_mails(smtp_sink):
    return [m for m in smtp_sink.messages if "passed on" in m["Subject"]]


class TestDeadlineRule:
    def test_fires_once_after_two_days(self, rule_site, smtp_sink, monkeypatch):
        portal, phone, web = rule_site
        add_rule(portal, channels={"phone"})
        transaction.commit()
        assert phone.deadline_accept == date(2026, 12, 2)
        run_at(portal, monkeypatch, 2026, 12, 3, 7, 30)
        assert rule_mails(smtp_sink) == []
        summary = run_at(portal, monkeypatch, 2026, 12, 4, 7, 30)
        assert summary["rule_checks"] == 2
        mails = rule_mails(smtp_sink)
        assert len(mails) == 1
        assert mails[0]["To"] == "supervisor@urad.example"
        assert phone.reference_number in mails[0]["Subject"]
        assert "2. 12. 2026" in mails[0]["Subject"]
        run_at(portal, monkeypatch, 2026, 12, 7, 7, 30)
        assert len(rule_mails(smtp_sink)) == 1

    def test_no_rule_no_checks(self, rule_site, smtp_sink, monkeypatch):
        portal, _phone, _web = rule_site
        summary = run_at(portal, monkeypatch, 2026, 12, 4, 7, 30)
        assert summary["rule_checks"] == 0
