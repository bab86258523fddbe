"""Dashboard numbers counted from catalog indexes, checked at their boundaries."""

from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from tests.helpers import create_users
from tests.helpers import file_podnet
from urad.podnety.deadlines.calendar import PRAGUE
from urad.podnety.deadlines.phases import current_overdue
from urad.podnety.deadlines.phases import day_of
from urad.podnety.reports import stats
from urad.podnety.reports.kinds.state import age_group

import pytest


TODAY = date(2026, 12, 7)

# (key, days before TODAY, Prague wall-clock time of receipt, expected group)
RECEIVED = [
    ("age:7-start", 7, time(0, 0, 30), "0–7"),
    ("age:8-end", 8, time(23, 59, 30), "8–30"),
    ("age:30-end", 30, time(23, 59), "8–30"),
    ("age:31-start", 31, time(0, 0), "31–60"),
    ("age:90-start", 90, time(0, 0, 10), "61–90"),
    ("age:91-end", 91, time(23, 59, 59), "> 90"),
    ("age:today", 0, time(8, 0), "0–7"),
]


def received_at(days, wall_clock):
    return datetime.combine(TODAY - timedelta(days=days), wall_clock, tzinfo=PRAGUE)


@pytest.fixture
def podnety(manager):
    create_users()
    return {
        key: file_podnet(manager, key=key, received=received_at(days, wall_clock))
        for key, days, wall_clock, _group in RECEIVED
    }


def brains(portal):
    return stats._search(portal)


class TestOpenByAge:
    def test_groups_at_day_boundaries(self, manager, podnety):
        counts = stats.open_by_state_and_age(manager, TODAY)["states"]["new"]
        expected = dict.fromkeys(counts, 0)
        for _key, _days, _wall_clock, group in RECEIVED:
            expected[group] += 1
        assert counts == expected

    def test_same_as_reading_each_podnet(self, manager, podnety):
        counts = stats.open_by_state_and_age(manager, TODAY)["states"]["new"]
        by_brain = dict.fromkeys(counts, 0)
        for brain in brains(manager):
            by_brain[age_group((TODAY - day_of(brain, "received")).days)] += 1
        assert counts == by_brain

    def test_assigned_counted_apart(self, manager, podnety):
        podnet = podnety["age:today"]
        podnet.assignee = "official"
        podnet.workflow_history["podnet_workflow"] += (
            {"action": "accept", "actor": "clerk", "comments": "",
             "review_state": "assigned", "time": podnet.received},
        )
        podnet.reindexObject()
        states = stats.open_by_state_and_age(manager, TODAY)["states"]
        assert states["assigned"]["0–7"] == 1
        assert states["new"]["0–7"] == 1


class TestOverdueByOfficial:
    def set_deadlines(self, podnet, accept, resolve, assignee=None):
        podnet.deadline_accept = accept
        podnet.deadline_resolve = resolve
        podnet.assignee = assignee
        podnet.reindexObject()

    def test_deadline_yesterday_counts_today_not(self, manager, podnety):
        yesterday = TODAY - timedelta(days=1)
        for podnet in podnety.values():
            self.set_deadlines(podnet, TODAY, TODAY + timedelta(days=20))
        self.set_deadlines(podnety["age:8-end"], yesterday, TODAY)
        self.set_deadlines(
            podnety["age:31-start"], yesterday, yesterday, assignee="official"
        )
        overdue = stats.overdue_by_official(manager, TODAY)
        assert overdue == {
            "": {"accept": 1, "resolve": 0, "close": 0},
            "official": {"accept": 1, "resolve": 1, "close": 0},
        }

    def test_same_as_reading_each_podnet(self, manager, podnety):
        overdue = stats.overdue_by_official(manager, TODAY)
        by_brain = {}
        for brain in brains(manager):
            for phase, _deadline in current_overdue(brain, TODAY):
                counts = by_brain.setdefault(
                    brain.assignee or "", {"accept": 0, "resolve": 0, "close": 0}
                )
                counts[phase] += 1
        assert overdue == by_brain
        assert sum(counts["accept"] for counts in overdue.values()) >= 3
