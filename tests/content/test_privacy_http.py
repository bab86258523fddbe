"""Supervisor pages for personal data, used over real HTTP."""

from tests.helpers import PASSWORD
from tests.helpers import create_users
from tests.helpers import file_podnet
from urad.podnety.content.history import recorded
from urad.podnety.intake import Attachment

import hashlib
import io
import json
import pytest
import re
import requests
import transaction
import zipfile


AUTHENTICATOR_RE = re.compile(r'name="_authenticator"\s+value="([^"]+)"')
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256))


def _session(user):
    session = requests.Session()
    session.auth = (user, PASSWORD)
    return session


def _post(session, url, **fields):
    page = session.get(url, timeout=30)
    assert page.status_code == 200, page.status_code
    fields["_authenticator"] = AUTHENTICATOR_RE.search(page.text).group(1)
    return session.post(url, data=fields, allow_redirects=False, timeout=60)


@pytest.fixture
def podnety(functional, http_portal_url):
    portal = functional["portal"]
    # Start from the latest state: the server's job runner commits meanwhile.
    transaction.begin()
    create_users()
    first = file_podnet(
        portal,
        citizen_phone="+420601555010",
        attachments=[
            Attachment(filename="foto – díra.png", data=PNG, content_type="image/png")
        ],
    )
    second = file_podnet(portal, key="test:2", title="Druhý podnět", citizen_phone="")
    mention = file_podnet(
        portal,
        key="test:3",
        title="Stížnost souseda",
        text="Paní jana.novakova@example.cz parkuje na chodníku.",
        citizen_email="soused@example.cz",
        citizen_name="Karel Soused",
    )
    other = file_podnet(
        portal,
        key="test:4",
        title="Cizí podnět",
        citizen_email="petr@example.cz",
        citizen_name="Petr Svoboda",
    )
    transaction.commit()
    return {"first": first, "second": second, "mention": mention, "other": other}


def _names(data):
    return zipfile.ZipFile(io.BytesIO(data)).namelist()


class TestPodnetExport:
    def test_zip_contains_originals(self, podnety):
        """The export contains the data as JSON and the files byte for byte."""
        podnet = podnety["first"]
        url = f"{podnet.absolute_url()}/@@podnet-privacy"
        response = _post(_session("supervisor"), url, action="export")
        assert response.status_code == 200
        assert response.headers["Content-Type"] == "application/zip"
        archive = zipfile.ZipFile(io.BytesIO(response.content))
        data = json.loads(archive.read("podnet.json"))
        assert data["reference_number"] == podnet.reference_number
        assert data["citizen_email"] == "jana.novakova@example.cz"
        assert data["files"][0]["filename"] == "foto – díra.png"
        assert data["files"][0]["sha256"] == hashlib.sha256(PNG).hexdigest()
        assert archive.read(data["files"][0]["path"]) == PNG
        transaction.begin()
        assert [e for e in recorded(podnet) if e["action"] == "exported"]

    def test_linked_for_supervisors(self, podnety):
        """The podnět page links supervisors, and only them, to the export."""
        url = podnety["first"].absolute_url()
        link = f"{url}/@@podnet-privacy"
        assert link in _session("supervisor").get(url, timeout=30).text
        assert link not in _session("clerk").get(url, timeout=30).text

    def test_clerk_cannot_export(self, podnety):
        """Only supervisors reach the personal-data page."""
        url = f"{podnety['first'].absolute_url()}/@@podnet-privacy"
        response = _session("clerk").get(url, timeout=30, allow_redirects=False)
        assert response.status_code in (302, 401, 403)


class TestPseudonymiseAction:
    def test_with_reason(self, podnety):
        """A supervisor pseudonymises one podnět and the reason is recorded."""
        podnet = podnety["first"]
        url = f"{podnet.absolute_url()}/@@podnet-privacy"
        reason = "Žádost občanky ze dne 3. 12. 2026"
        response = _post(
            _session("supervisor"), url, action="pseudonymise", reason=reason
        )
        assert response.status_code == 303
        transaction.begin()
        assert podnet.citizen_email is None
        entries = [e for e in recorded(podnet) if e["action"] == "pseudonymised"]
        assert entries[0]["comment"] == reason
        assert entries[0]["actor"] == "supervisor"

    def test_reason_required(self, podnety):
        """Without a reason nothing changes."""
        podnet = podnety["first"]
        url = f"{podnet.absolute_url()}/@@podnet-privacy"
        response = _post(_session("supervisor"), url, action="pseudonymise", reason="")
        assert response.status_code == 400
        transaction.begin()
        assert podnet.citizen_email == "jana.novakova@example.cz"

    def test_needs_authenticator(self, podnety):
        """A forged cross-site post is refused."""
        podnet = podnety["first"]
        url = f"{podnet.absolute_url()}/@@podnet-privacy"
        response = _session("supervisor").post(
            url, data={"action": "pseudonymise", "reason": "x"}, timeout=30
        )
        assert response.status_code == 403
        transaction.begin()
        assert podnet.citizen_email == "jana.novakova@example.cz"


class TestContactExport:
    def test_by_email(self, podnety, http_portal_url):
        """The export lists the citizen's podněty and the one mentioning them."""
        url = f"{http_portal_url}/podnety/@@podnety-personal-data"
        response = _post(_session("supervisor"), url, email="Jana.Novakova@example.cz")
        assert response.status_code == 200
        archive = zipfile.ZipFile(io.BytesIO(response.content))
        index = json.loads(archive.read("index.json"))
        found = {entry["reference_number"]: entry for entry in index["podnety"]}
        first = podnety["first"].reference_number
        mention = podnety["mention"].reference_number
        assert set(found) == {
            first,
            podnety["second"].reference_number,
            mention,
        }
        assert found[first]["contact_in_citizen_fields"] is True
        assert found[mention]["contact_in_citizen_fields"] is False
        assert podnety["other"].reference_number not in found
        assert f"{first}/podnet.json" in archive.namelist()

    def test_by_phone_other_spelling(self, podnety, http_portal_url):
        """A phone number typed nationally finds the number stored in E.164."""
        url = f"{http_portal_url}/podnety/@@podnety-personal-data"
        response = _post(_session("supervisor"), url, phone="601 555 010")
        index = json.loads(
            zipfile.ZipFile(io.BytesIO(response.content)).read("index.json")
        )
        assert [e["reference_number"] for e in index["podnety"]] == [
            podnety["first"].reference_number
        ]

    def test_nothing_entered(self, podnety, http_portal_url):
        """An empty request returns a message, not an empty zip."""
        url = f"{http_portal_url}/podnety/@@podnety-personal-data"
        assert _post(_session("supervisor"), url).status_code == 400

    def test_clerk_refused(self, podnety, http_portal_url):
        """Clerks cannot export a citizen's data."""
        url = f"{http_portal_url}/podnety/@@podnety-personal-data"
        response = _session("clerk").get(url, timeout=30, allow_redirects=False)
        assert response.status_code in (302, 401, 403)
