"""Fixtures for the status page: filed podněty and a citizen's browser."""

from plone import api
from tests.helpers import create_users
from tests.helpers import file_podnet
from urad.podnety.intake import Attachment
from urad.podnety.workflow import config
from ZODB.POSException import ConflictError

import pytest
import re
import requests
import time
import transaction


CITIZEN = "jana.novakova@example.cz"
CSRF_RE = re.compile(r'name="_csrf"[^>]*value="([^"]+)"')
PASSWORD_RE = re.compile(r"\b[a-z2-9]{4}(?:-[a-z2-9]{4}){3}\b")
XSS_TEXT = 'Dobrý den,\n<script>alert("xss")</script><img src=x onerror=alert(2)>'


class StatusClient:
    """A citizen's browser without JavaScript, keeping its cookies."""

    def __init__(self, url):
        self.url = url
        self.session = requests.Session()

    def get(self, **params):
        return self.session.get(self.url, params=params, timeout=30)

    def token(self):
        match = CSRF_RE.search(self.get().text)
        return match.group(1) if match else ""

    def post(self, token=None, **fields):
        data = dict(fields)
        data["_csrf"] = self.token() if token is None else token
        return self.session.post(self.url, data=data, allow_redirects=False, timeout=30)

    def request_password(self, reference, email=CITIZEN):
        return self.post(action="request", ref=reference, email=email)

    def login(self, reference, password):
        return self.post(action="login", ref=reference, password=password)


def wait_for_password(smtp_sink, count=1, timeout=10):
    """Return the passwords mailed so far, waiting for `count` of them."""
    deadline = time.monotonic() + timeout
    while True:
        bodies = [m.get_body(("plain",)).get_content() for m in smtp_sink.messages]
        passwords = [
            match.group(0) for match in map(PASSWORD_RE.search, bodies) if match
        ]
        if len(passwords) >= count or time.monotonic() > deadline:
            return passwords
        time.sleep(0.1)


def mails_to_citizens(smtp_sink, wait=2.0):
    """Return, after `wait` seconds, the mails not sent to office staff.

    Background jobs of the running server (deadline alerts, reports) may
    mail officials at @urad.example meanwhile; those do not count here.
    """
    time.sleep(wait)
    return [m for m in smtp_sink.messages if not m["To"].endswith("@urad.example")]


@pytest.fixture
def status_url(http_portal_url):
    return f"{http_portal_url}/stav-podnetu"


@pytest.fixture
def citizen(status_url):
    return StatusClient(status_url)


def _file_with_internal_data(portal):
    create_users()
    podnet = file_podnet(
        portal,
        text=XSS_TEXT,
        wants_updates=False,
        attachments=[
            Attachment(
                filename="výtluk – foto.png",
                data=b"\x89PNG\r\n\x1a\nfake-image",
                content_type="image/png",
            )
        ],
    )

    with api.env.adopt_roles(["Manager"]):
        api.content.create(
            container=podnet,
            type="File",
            id="interni-poznamka",
            title="Interní poznámka",
        )
        podnet.assignee = "official"
        api.content.transition(obj=podnet, transition=config.ACCEPT)
        podnet.assignee = "official2"
        api.content.transition(
            obj=podnet,
            transition=config.FORWARD,
            comment="INTERNAL-COMMENT colleague is on leave",
        )

    file_podnet(
        portal,
        key="test:other",
        title="OTHER-CITIZEN-SUBJECT",
        citizen_email="petr.svoboda@example.cz",
        citizen_name="Petr Svoboda",
    )
    return podnet


@pytest.fixture
def filed(functional, smtp_sink):
    """A podnět in handling with the citizen's file and internal data."""
    portal = functional["portal"]
    # The server's job clock writes to the register every minute, so a
    # commit here can conflict with it; like Zope, retry the whole unit.
    for attempt in range(3):
        transaction.begin()
        podnet = _file_with_internal_data(portal)
        try:
            transaction.commit()
            break
        except ConflictError:
            transaction.abort()
            if attempt == 2:
                raise
    smtp_sink.wait_for(2)
    smtp_sink.clear()
    return podnet
