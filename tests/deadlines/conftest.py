"""Fixtures for deadline tests: officials and a podnět filer."""

from datetime import datetime
from plone import api
from urad.podnety.deadlines.calendar import PRAGUE
from urad.podnety.intake import Submission
from urad.podnety.intake import file_submission
from urad.podnety.workflow import config

import itertools
import pytest


_numbers = itertools.count(1)


@pytest.fixture
def official(manager):
    user = api.user.create(
        email="novak@urad.example", username="novak", password="secret-secret-1"
    )
    api.group.add_user(groupname=config.OFFICIALS_GROUP, username="novak")
    return user.getId()


@pytest.fixture
def file_podnet(manager):
    """File a podnět through the intake pipeline and return it."""

    def file(received=datetime(2026, 3, 19, 10, 0, tzinfo=PRAGUE), **values):
        number = next(_numbers)
        podnet, created = file_submission(
            manager,
            Submission(
                channel=values.pop("channel", "web"),
                source_key=f"test:{number}",
                received=received,
                title=values.pop("title", f"Podnět {number}"),
                **values,
            ),
        )
        assert created
        return podnet

    return file
