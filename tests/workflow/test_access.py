"""Who can see a podnět: by URL, by search and through plone.restapi."""

from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.app.testing import TEST_USER_ID
from plone.app.testing import setRoles
from tests.helpers import PASSWORD
from tests.helpers import create_users
from tests.helpers import file_podnet

import pytest
import requests
import transaction


@pytest.fixture
def published(functional):
    """Two podněty committed on the HTTP test server: one assigned, one new."""
    portal = functional["portal"]
    setRoles(portal, TEST_USER_ID, ["Manager"])
    create_users()
    assigned = file_podnet(portal, key="access:1")
    assigned.assignee = "official"
    api.portal.get_tool("portal_workflow").doActionFor(assigned, "accept")
    waiting = file_podnet(portal, key="access:2", title="Jiný podnět")
    transaction.commit()
    return {
        "assigned": assigned.absolute_url(),
        "new": waiting.absolute_url(),
        "assigned_path": "/".join(assigned.getPhysicalPath()),
    }


def _get(url, user=None, **kwargs):
    auth = (user, PASSWORD) if user else None
    return requests.get(url, auth=auth, timeout=30, allow_redirects=False, **kwargs)


def _visible(response):
    return response.status_code == 200


@pytest.mark.parametrize(
    "user,sees_assigned,sees_new",
    [
        (None, False, False),
        ("member", False, False),
        ("official2", False, False),
        ("official", True, False),
        ("clerk", True, True),
        ("supervisor", True, True),
    ],
)
def test_page_access_by_role(published, user, sees_assigned, sees_new):
    assert _visible(_get(published["assigned"], user)) is sees_assigned
    assert _visible(_get(published["new"], user)) is sees_new


@pytest.mark.parametrize("user", [None, "member", "official2"])
def test_rest_hides_podnety(published, http_portal_url, user):
    headers = {"Accept": "application/json"}
    item = _get(published["assigned"], user, headers=headers)
    assert item.status_code in (401, 403, 404)
    search = _get(
        f"{http_portal_url}/@search?portal_type=Podnet", user, headers=headers
    )
    assert search.status_code == 200
    assert search.json()["items_total"] == 0


@pytest.mark.parametrize("user", [None, "member"])
def test_attachment_hidden_from_outsiders(published, functional, user):
    portal = functional["portal"]
    setRoles(portal, TEST_USER_ID, ["Manager"])
    from urad.podnety.intake import Attachment
    from urad.podnety.intake.attachments import add_file

    podnet = portal.unrestrictedTraverse(published["assigned_path"])
    item = add_file(podnet, Attachment("dopis.txt", b"tajne", "text/plain"))
    transaction.commit()
    response = _get(f"{item.absolute_url()}/@@download/file", user)
    assert response.status_code != 200
    assert b"tajne" not in response.content


def test_search_page_hides_podnety(published, http_portal_url):
    response = _get(f"{http_portal_url}/@@search?SearchableText=lavi*")
    assert response.status_code == 200
    assert "Rozbitá lavička" not in response.text


def test_official_sees_own_in_rest_search(published, http_portal_url):
    response = _get(
        f"{http_portal_url}/@search?portal_type=Podnet",
        "official",
        headers={"Accept": "application/json"},
    )
    titles = [item["title"] for item in response.json()["items"]]
    assert titles == ["Rozbitá lavička v parku"]


def test_register_closed_to_anonymous(published, http_portal_url):
    response = _get(f"{http_portal_url}/podnety")
    assert response.status_code in (302, 401, 403)


def test_manager_sees_register(published, http_portal_url):
    response = requests.get(
        f"{http_portal_url}/podnety",
        auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD),
        timeout=30,
    )
    assert response.status_code == 200
    assert "Rozbitá lavička v parku" in response.text


class TestConfidential:
    def test_confidential_hidden_from_clerks(self, portal):
        setRoles(portal, TEST_USER_ID, ["Manager"])
        create_users()
        podnet = file_podnet(portal, key="conf:1", title="Stížnost na úředníka")
        podnet.confidential = True
        podnet.confidential_readers = ["supervisor"]
        from urad.podnety.workflow.roles import sync_local_roles

        sync_local_roles(podnet)
        assert not api.user.has_permission("View", username="clerk", obj=podnet)
        assert api.user.has_permission("View", username="supervisor", obj=podnet)
        with api.env.adopt_user(username="clerk"):
            found = api.content.find(
                portal_type="Podnet", reference_number=podnet.reference_number
            )
            assert len(found) == 0



def test_officials_vocabulary_hidden(published, http_portal_url):
    url = f"{http_portal_url}/@vocabularies/urad.podnety.Officials"
    anonymous = _get(url, headers={"Accept": "application/json"})
    assert "official" not in anonymous.text
    clerk = _get(url, "clerk", headers={"Accept": "application/json"})
    tokens = [term["token"] for term in clerk.json()["items"]]
    assert "official" in tokens


def test_rest_cannot_choose_reference_number(published, http_portal_url):
    from datetime import datetime

    year = datetime.now().year
    payload = {
        "@type": "Podnet",
        "title": "Podvržené číslo",
        "channel": "phone",
        "received": "2026-03-02T09:30:00+01:00",
        "reference_number": f"PDN-{year}-00001",
    }
    response = requests.post(
        published["assigned"].rsplit("/", 1)[0],
        json=payload,
        auth=("clerk", PASSWORD),
        headers={"Accept": "application/json"},
        timeout=30,
    )
    assert response.status_code == 201
    body = response.json()
    assert body["reference_number"] == f"PDN-{year}-00003"
    assert body["@id"].endswith(f"/pdn-{year}-00003")


@pytest.mark.parametrize(
    "user,panel,allowed",
    [
        ("supervisor", "podnety-settings-deadlines", True),
        ("supervisor", "podnety-settings-reports", True),
        ("supervisor", "podnety-settings-email", False),
        ("clerk", "podnety-settings-deadlines", False),
        (None, "podnety-settings-reports", False),
    ],
)
def test_supervisor_edits_rules(published, http_portal_url, user, panel, allowed):
    response = _get(f"{http_portal_url}/@@{panel}", user)
    assert (response.status_code == 200) is allowed
