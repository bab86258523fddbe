"""The standard edit form of a podnět, submitted by a clerk over HTTP."""

from datetime import datetime
from lxml import html as lxml_html
from plone import api
from tests.helpers import PASSWORD
from tests.helpers import file_podnet
from tests.helpers import prepare_czech_office
from urad.podnety.content.history import recorded
from zoneinfo import ZoneInfo

import pytest
import requests
import transaction


PRAGUE = ZoneInfo("Europe/Prague")
CLERK_AUTH = ("clerk", PASSWORD)


@pytest.fixture
def podnet(functional):
    """A web podnět received at 20:49:22 Prague time, filed by the register."""
    portal = functional["portal"]
    transaction.begin()
    prepare_czech_office(portal)
    with api.env.adopt_roles(["Manager"]):
        filed = file_podnet(
            portal,
            key="edit:1",
            received=datetime(2026, 12, 4, 20, 49, 22, tzinfo=PRAGUE),
        )
    transaction.commit()
    return filed


def edit_form(url):
    """Return the clerk's session and the parsed edit form of the podnět."""
    session = requests.Session()
    session.auth = CLERK_AUTH
    response = session.get(f"{url}/edit", timeout=30)
    assert response.status_code == 200, response.text[:500]
    page = lxml_html.fromstring(response.text, base_url=f"{url}/edit")
    form = page.get_element_by_id("form")
    assert "form.buttons.save" in form.fields or form.cssselect(
        "[name='form.buttons.save']"
    )
    return session, form


def submit(session, form, **changes):
    """Post the form's current values, with `changes` by widget name, and save."""
    values = [
        (name, value) for name, value in form.form_values() if name not in changes
    ]
    values += list(changes.items())
    values.append(("form.buttons.save", "Uložit"))
    response = session.post(form.action, data=values, timeout=30)
    assert response.status_code == 200, response.text[:500]
    # A saved form redirects to the podnět, but an invalid one stays on /edit.
    assert not response.url.endswith("/edit"), response.text[:2000]
    return response


def details_entries(podnet):
    return [entry for entry in recorded(podnet) if entry["action"] == "details"]


class TestEditFormReceived:
    def test_save_without_changes_keeps_received(self, podnet):
        session, form = edit_form(podnet.absolute_url())
        assert form.inputs["form.widgets.received"].value == "2026-12-04T20:49"
        submit(session, form)
        transaction.begin()
        assert podnet.received == datetime(2026, 12, 4, 20, 49, 22, tzinfo=PRAGUE)
        assert podnet.received.tzinfo is not None
        assert podnet.received.utcoffset().total_seconds() == 3600
        assert details_entries(podnet) == []

    def test_save_without_changes_keeps_rest_value(self, podnet):
        url = podnet.absolute_url()
        session, form = edit_form(url)
        submit(session, form)
        body = session.get(url, headers={"Accept": "application/json"}).json()
        assert body["received"] == "2026-12-04T19:49:22+00:00"

    def test_changed_received_stored_in_prague(self, podnet):
        session, form = edit_form(podnet.absolute_url())
        submit(session, form, **{"form.widgets.received": "2026-12-03T08:15"})
        transaction.begin()
        assert podnet.received == datetime(2026, 12, 3, 8, 15, tzinfo=PRAGUE)
        assert str(podnet.received.tzinfo) == "Europe/Prague"
        entries = details_entries(podnet)
        assert len(entries) == 1
        assert entries[0]["actor"] == "clerk"
        assert entries[0]["details"]["fields"] == "received"

    def test_changed_received_shown_on_page(self, podnet):
        url = podnet.absolute_url()
        session, form = edit_form(url)
        submit(session, form, **{"form.widgets.received": "2026-12-03T08:15"})
        page = session.get(url, timeout=30).text
        assert "03.12.2026 08:15" in page
        assert "Změněné údaje" in page


class TestEditFormProtectedFields:
    def test_register_fields_not_editable(self, podnet):
        _session, form = edit_form(podnet.absolute_url())
        names = set(form.fields.keys())
        for name in (
            "reference_number",
            "channel",
            "deadline_accept",
            "deadline_resolve",
            "deadline_close",
        ):
            assert not any(key.startswith(f"form.widgets.{name}") for key in names)

    def test_posted_register_fields_ignored(self, podnet):
        number = podnet.reference_number
        deadline = podnet.deadline_accept
        session, form = edit_form(podnet.absolute_url())
        submit(
            session,
            form,
            **{
                "form.widgets.reference_number": "PDN-2026-00001",
                "form.widgets.channel:list": "phone",
                "form.widgets.deadline_accept": "2030-01-01",
            },
        )
        transaction.begin()
        assert podnet.reference_number == number
        assert podnet.channel == "web"
        assert podnet.deadline_accept == deadline

    def test_title_change_recorded_once(self, podnet):
        session, form = edit_form(podnet.absolute_url())
        submit(session, form, **{"form.widgets.title": "Lavička u rybníka"})
        transaction.begin()
        assert podnet.title == "Lavička u rybníka"
        entries = details_entries(podnet)
        assert len(entries) == 1
        assert entries[0]["actor"] == "clerk"
        assert entries[0]["details"]["fields"] == "title"


class TestAddFormReceived:
    def test_added_received_stored_in_prague(self, podnet):
        register_url = podnet.__parent__.absolute_url()
        session = requests.Session()
        session.auth = CLERK_AUTH
        response = session.get(f"{register_url}/++add++Podnet", timeout=30)
        assert response.status_code == 200, response.text[:500]
        page = lxml_html.fromstring(response.text, base_url=response.url)
        form = page.get_element_by_id("form")
        changes = {
            "form.widgets.title": "Dopis o výtluku",
            "form.widgets.received": "2026-12-03T08:15",
            "form.widgets.reference_number": "PDN-2026-00001",
        }
        values = [
            (name, value) for name, value in form.form_values() if name not in changes
        ]
        values += list(changes.items())
        values.append(("form.buttons.save", "Uložit"))
        response = session.post(form.action, data=values, timeout=30)
        assert response.status_code == 200, response.text[:500]
        assert "++add++" not in response.url, response.text[:2000]

        transaction.begin()
        added = [
            item
            for item in podnet.__parent__.objectValues()
            if item.title == "Dopis o výtluku"
        ]
        assert len(added) == 1
        assert added[0].received == datetime(2026, 12, 3, 8, 15, tzinfo=PRAGUE)
        assert str(added[0].received.tzinfo) == "Europe/Prague"
        assert added[0].reference_number != podnet.reference_number
        assert added[0].reference_number.startswith("PDN-")
