"""The podnět through plone.restapi: create, read, search, transitions, jobs."""

from datetime import UTC
from datetime import datetime
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.app.testing import TEST_USER_ID
from plone.app.testing import setRoles
from tests.helpers import PASSWORD
from tests.helpers import create_users
from urad.podnety.jobs import leases
from urad.podnety.jobs.interfaces import IJob
from zope.component import getGlobalSiteManager
from zope.interface import implementer

import pytest
import requests
import time
import transaction


JSON = {"Accept": "application/json", "Content-Type": "application/json"}


@pytest.fixture
def api_session(functional):
    portal = functional["portal"]
    setRoles(portal, TEST_USER_ID, ["Manager"])
    create_users()
    transaction.commit()
    session = requests.Session()
    session.headers.update(JSON)
    session.auth = ("clerk", PASSWORD)
    return session


def _payload(**overrides):
    payload = {
        "@type": "Podnet",
        "title": "Nefunkční semafor",
        "channel": "phone",
        "kind": "podnet",
        "received": "2026-03-02T09:30:00+01:00",
        "text": "Semafor na křižovatce bliká žlutě.",
        "citizen_name": "Jan Novák",
        "citizen_email": "jan.novak@example.cz",
    }
    payload.update(overrides)
    return payload


class TestRestCreate:
    def test_clerk_creates_podnet(self, api_session, http_portal_url):
        response = api_session.post(f"{http_portal_url}/podnety", json=_payload())
        assert response.status_code == 201, response.text
        body = response.json()
        assert body["reference_number"].startswith("PDN-")
        assert body["channel"]["token"] == "phone"
        assert body["review_state"] == "new"
        assert body["received"].startswith("2026-03-02T08:30:00")

    def test_invalid_email_names_field(self, api_session, http_portal_url):
        response = api_session.post(
            f"{http_portal_url}/podnety", json=_payload(citizen_email="not-an-address")
        )
        assert response.status_code == 400
        assert "citizen_email" in response.text
        listing = api_session.get(f"{http_portal_url}/podnety").json()
        assert listing["items_total"] == 0

    def test_unknown_channel_rejected(self, api_session, http_portal_url):
        response = api_session.post(
            f"{http_portal_url}/podnety", json=_payload(channel="fax")
        )
        assert response.status_code == 400
        assert "channel" in response.text

    def test_missing_title_rejected(self, api_session, http_portal_url):
        payload = _payload()
        del payload["title"]
        response = api_session.post(f"{http_portal_url}/podnety", json=payload)
        assert response.status_code == 400
        assert "title" in response.text

    def test_member_cannot_create(self, api_session, http_portal_url):
        api_session.auth = ("member", PASSWORD)
        response = api_session.post(f"{http_portal_url}/podnety", json=_payload())
        assert response.status_code in (401, 403)


class TestRestWorkflow:
    def test_triage_to_closed(self, api_session, http_portal_url):
        url = api_session.post(f"{http_portal_url}/podnety", json=_payload()).json()[
            "@id"
        ]
        refused = api_session.post(f"{url}/@workflow/accept", json={})
        assert refused.status_code == 400
        assert "responsible official" in refused.text

        api_session.patch(url, json={"assignee": "official"})
        accepted = api_session.post(
            f"{url}/@workflow/accept", json={"comment": "Odbor dopravy"}
        )
        assert accepted.status_code == 200, accepted.text

        official = requests.Session()
        official.headers.update(JSON)
        official.auth = ("official", PASSWORD)
        official.patch(url, json={"resolution": "Semafor opraven."})
        resolved = official.post(f"{url}/@workflow/resolve", json={})
        assert resolved.status_code == 200, resolved.text

        closed = api_session.post(f"{url}/@workflow/close", json={})
        assert closed.status_code == 200
        assert api_session.get(url).json()["review_state"] == "closed"

    def test_search_by_channel(self, api_session, http_portal_url):
        api_session.post(f"{http_portal_url}/podnety", json=_payload())
        api_session.post(
            f"{http_portal_url}/podnety", json=_payload(channel="web", title="Jiný")
        )
        response = api_session.get(
            f"{http_portal_url}/@search",
            params={
                "portal_type": "Podnet",
                "channel": "web",
                "metadata_fields": "reference_number",
            },
        )
        items = response.json()["items"]
        assert [item["title"] for item in items] == ["Jiný"]
        assert items[0]["reference_number"].startswith("PDN-")


@implementer(IJob)
class IdleJob:
    title = "Idle job"
    interval = 60

    def __init__(self):
        self.runs = 0

    def run(self, portal):
        self.runs += 1
        return {"runs": self.runs}


@pytest.fixture
def idle_job():
    job = IdleJob()
    registry = getGlobalSiteManager()
    registry.registerUtility(job, IJob, name="test-idle")
    yield job
    registry.unregisterUtility(job, IJob, name="test-idle")


class TestJobsEndpoint:
    def test_manager_runs_jobs(self, api_session, http_portal_url):
        api_session.auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
        response = api_session.post(f"{http_portal_url}/@podnety-jobs")
        assert response.status_code == 200
        assert isinstance(response.json()["jobs"], dict)

    def test_job_running_elsewhere_listed(
        self, functional, api_session, http_portal_url, idle_job
    ):
        state = leases.job_state(functional["portal"], "test-idle")
        state.holder = "other-host:4242:0123456789ab"
        state.last_started = datetime(2026, 12, 4, 18, 0, tzinfo=UTC).timestamp()
        state.expires = time.time() + 600
        transaction.commit()
        api_session.auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
        response = api_session.post(f"{http_portal_url}/@podnety-jobs")
        assert response.status_code == 200
        body = response.json()
        assert "test-idle" not in body["jobs"]
        skipped = body["skipped"]["test-idle"]
        assert skipped["skipped"] == "running elsewhere"
        assert skipped["holder"] == "other-host:4242"
        assert skipped["since"] == "2026-12-04T18:00:00+00:00"
        assert idle_job.runs == 0

    def test_clerk_cannot_run_jobs(self, api_session, http_portal_url):
        response = api_session.post(f"{http_portal_url}/@podnety-jobs")
        assert response.status_code in (401, 403)


class TestRestFilters:
    def test_attention_filter(self, functional, api_session, http_portal_url):
        from tests.helpers import file_podnet

        portal = functional["portal"]
        file_podnet(
            portal, key="attn:1", title="Nečitelná zpráva", attention="Parse error"
        )
        file_podnet(portal, key="attn:2", title="Běžný podnět")
        transaction.commit()
        response = api_session.get(
            f"{http_portal_url}/@search",
            params={"portal_type": "Podnet", "attention_flag": "true"},
        )
        assert [item["title"] for item in response.json()["items"]] == [
            "Nečitelná zpráva"
        ]

    def test_channel_title_in_czech_vocabulary(self, api_session, http_portal_url):
        body = api_session.post(f"{http_portal_url}/podnety", json=_payload()).json()
        assert body["channel"] == {"token": "phone", "title": "Phone"}
