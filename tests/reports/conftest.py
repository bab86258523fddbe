"""A seeded register for report tests: podněty with known channels and times."""

from DateTime import DateTime
from datetime import datetime
from plone import api
from tests.helpers import create_users
from tests.helpers import file_podnet
from urad.podnety.deadlines import settings
from urad.podnety.deadlines.calendar import PRAGUE
from urad.podnety.reports.subscribers import EVENT_INDEXES
from urad.podnety.workflow import config

import pytest
import transaction


def at(day, hour=10):
    return datetime(2026, 11, day, hour, tzinfo=PRAGUE)


def move_transition(podnet, state, when):
    """Date the last workflow step into `state` at `when`, as if it ran then."""
    history = podnet.workflow_history[config.WORKFLOW_ID]
    entries = list(history)
    for index in range(len(entries) - 1, -1, -1):
        if entries[index]["review_state"] == state:
            entries[index] = dict(entries[index], time=DateTime(when))
            break
    podnet.workflow_history[config.WORKFLOW_ID] = tuple(entries)
    podnet.reindexObject(idxs=EVENT_INDEXES)


def transition(podnet, name, when, comment="", **fields):
    """Run a transition as if at `when`, deadlines included."""
    for field, value in fields.items():
        setattr(podnet, field, value)
    original = settings.now
    settings.now = lambda: when
    try:
        with api.env.adopt_roles(["Manager"]):
            api.content.transition(obj=podnet, transition=name, comment=comment)
    finally:
        settings.now = original
    move_transition(podnet, api.content.get_state(podnet), when)


# (key, channel, category, day of November 2026)
SEED = [
    ("seed:1", "web", "odpady", 2),
    ("seed:2", "web", "odpady", 9),
    ("seed:3", "web", "doprava", 16),
    ("seed:4", "phone", "doprava", 10),
    ("seed:5", "phone", "odpady", 11),
    ("seed:6", "email", "zelen", 30),
]


@pytest.fixture
def seeded(functional, smtp_sink):
    """Six podněty received in November 2026: two rejected, one accepted.

    Besides, one podnět from October that was rejected in November.
    """
    portal = functional["portal"]
    create_users()
    podnety = {}
    for key, channel, category, day in SEED:
        podnety[key] = file_podnet(
            portal,
            key=key,
            channel=channel,
            category=category,
            kind="stiznost",
            citizen_email="",
            received=at(day),
        )
    october = file_podnet(
        portal,
        key="seed:october",
        channel="post",
        category="urad",
        citizen_email="",
        received=datetime(2026, 10, 20, 10, tzinfo=PRAGUE),
    )
    transition(podnety["seed:4"], "reject", at(12), comment="Nepatří nám")
    transition(october, "reject", at(3), comment="Duplicitní")
    transition(podnety["seed:1"], "accept", at(4), assignee="official")
    transaction.commit()
    return portal, podnety
