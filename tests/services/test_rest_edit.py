"""Changes to a filed podnět through REST PATCH, as a clerk."""

from datetime import datetime
from plone import api
from plone.app.testing import TEST_USER_ID
from plone.app.testing import setRoles
from tests.helpers import PASSWORD
from tests.helpers import create_users
from tests.helpers import file_podnet
from tests.helpers import prepare_czech_office
from urad.podnety.content.history import recorded
from zoneinfo import ZoneInfo

import pytest
import requests
import transaction


PRAGUE = ZoneInfo("Europe/Prague")
JSON = {"Accept": "application/json", "Content-Type": "application/json"}


@pytest.fixture
def filed(functional):
    """Two web podněty filed by the register and a clerk's REST session."""
    portal = functional["portal"]
    transaction.begin()
    prepare_czech_office(portal)
    with api.env.adopt_roles(["Manager"]):
        first = file_podnet(portal, key="rest-edit:1")
        second = file_podnet(
            portal,
            key="rest-edit:2",
            citizen_email="petr.svoboda@example.cz",
            received=datetime(2026, 12, 4, 20, 49, 22, tzinfo=PRAGUE),
        )
    transaction.commit()
    session = requests.Session()
    session.headers.update(JSON)
    session.auth = ("clerk", PASSWORD)
    return first, second, session


def details_entries(podnet):
    return [entry for entry in recorded(podnet) if entry["action"] == "details"]


class TestRestPatch:
    def test_reference_number_not_writable(self, filed):
        first, second, session = filed
        number = second.reference_number
        response = session.patch(
            second.absolute_url(),
            json={"reference_number": first.reference_number},
            timeout=30,
        )
        # plone.restapi skips read-only fields instead of rejecting them.
        assert response.status_code == 204, response.text
        body = session.get(second.absolute_url(), timeout=30).json()
        assert body["reference_number"] == number
        assert body["reference_number"] != first.reference_number

    def test_title_change_recorded(self, filed):
        _first, second, session = filed
        response = session.patch(
            second.absolute_url(),
            json={"title": "Lavička u rybníka", "citizen_phone": "+420601234567"},
            timeout=30,
        )
        assert response.status_code == 204, response.text
        transaction.begin()
        assert second.title == "Lavička u rybníka"
        entries = details_entries(second)
        assert len(entries) == 1
        assert entries[0]["actor"] == "clerk"
        assert entries[0]["details"]["fields"] == "title, citizen_phone"

    def test_unchanged_value_not_recorded(self, filed):
        _first, second, session = filed
        response = session.patch(
            second.absolute_url(), json={"title": second.title}, timeout=30
        )
        assert response.status_code == 204, response.text
        transaction.begin()
        assert details_entries(second) == []

    def test_received_change_stays_in_prague(self, filed):
        _first, second, session = filed
        response = session.patch(
            second.absolute_url(),
            json={"received": "2026-12-03T08:15:00+01:00"},
            timeout=30,
        )
        assert response.status_code == 204, response.text
        transaction.begin()
        assert second.received == datetime(2026, 12, 3, 8, 15, tzinfo=PRAGUE)
        assert str(second.received.tzinfo) == "Europe/Prague"
        body = session.get(second.absolute_url(), timeout=30).json()
        assert body["received"] == "2026-12-03T07:15:00+00:00"
        assert details_entries(second)[0]["details"]["fields"] == "received"

    def test_received_without_zone_is_prague(self, filed):
        _first, second, session = filed
        response = session.patch(
            second.absolute_url(), json={"received": "2026-12-03T08:15"}, timeout=30
        )
        assert response.status_code == 204, response.text
        transaction.begin()
        assert second.received == datetime(2026, 12, 3, 8, 15, tzinfo=PRAGUE)
        assert str(second.received.tzinfo) == "Europe/Prague"

    def test_invalid_received_rejected(self, filed):
        _first, second, session = filed
        response = session.patch(
            second.absolute_url(), json={"received": "včera odpoledne"}, timeout=30
        )
        assert response.status_code == 400
        assert "received" in response.text
        transaction.begin()
        assert second.received == datetime(2026, 12, 4, 20, 49, 22, tzinfo=PRAGUE)
        assert details_entries(second) == []

    def test_history_shows_changed_fields(self, filed):
        _first, second, session = filed
        session.patch(
            second.absolute_url(), json={"title": "Lavička u rybníka"}, timeout=30
        )
        page = requests.get(
            second.absolute_url(), auth=("clerk", PASSWORD), timeout=30
        ).text
        assert "Test Clerk" in page
        assert "Změněné údaje" in page


class TestRestCreateNumber:
    def test_posted_number_replaced(self, filed):
        first, _second, session = filed
        portal_url = api.portal.get().absolute_url()
        response = session.post(
            f"{portal_url}/podnety",
            json={
                "@type": "Podnet",
                "title": "Nefunkční semafor",
                "channel": "phone",
                "kind": "podnet",
                "received": "2026-03-02T09:30:00+01:00",
                "reference_number": first.reference_number,
            },
            timeout=30,
        )
        assert response.status_code == 201, response.text
        number = response.json()["reference_number"]
        assert number.startswith("PDN-")
        assert number != first.reference_number


class TestConfidentialityPatch:
    @pytest.fixture
    def assigned(self, functional):
        """A podnět accepted and assigned to `official`."""
        portal = functional["portal"]
        transaction.begin()
        setRoles(portal, TEST_USER_ID, ["Manager"])
        create_users()
        with api.env.adopt_roles(["Manager"]):
            podnet = file_podnet(portal, key="rest-edit:confidential")
            podnet.assignee = "official"
            api.portal.get_tool("portal_workflow").doActionFor(podnet, "accept")
        transaction.commit()
        return podnet

    def patch_as(self, user_id, podnet):
        session = requests.Session()
        session.headers.update(JSON)
        session.auth = (user_id, PASSWORD)
        return session.patch(
            podnet.absolute_url(),
            json={"confidential": True, "confidential_readers": [user_id]},
            timeout=30,
        )

    def test_official_cannot_hide_podnet(self, assigned):
        response = self.patch_as("official", assigned)
        assert response.status_code == 204, response.text
        transaction.begin()
        assert not assigned.confidential
        assert not assigned.confidential_readers

    def test_clerk_marks_podnet_confidential(self, assigned):
        response = self.patch_as("clerk", assigned)
        assert response.status_code == 204, response.text
        transaction.begin()
        assert assigned.confidential
        assert assigned.confidential_readers == ["clerk"]
