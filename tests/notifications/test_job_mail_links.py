"""Mails sent by background jobs link to the public address, in Czech."""

from plone import api
from tests.helpers import create_users
from tests.helpers import file_podnet
from urad.podnety.workflow.subscribers import notify_assignee
from zope.globalrequest import getRequest
from zope.globalrequest import setRequest

import pytest
import transaction


PUBLIC_URL = "https://www.urad.example/urad"


@pytest.fixture
def without_request():
    """Run the test body as a background job does: with no request."""
    request = getRequest()
    setRequest(None)
    yield
    setRequest(request)


def _mails_to(smtp_sink, address):
    messages = smtp_sink.wait_for(1, timeout=10)
    return [m for m in messages if m["To"] == address]


def _text(message):
    return message.get_body(preferencelist=("plain",)).get_content()


class TestAssigneeMailFromJob:
    def test_public_link_and_czech(self, functional, smtp_sink, without_request):
        """The assignee mail links to the public address and reads Czech."""
        portal = functional["portal"]
        transaction.begin()
        create_users()
        api.portal.set_registry_record("urad.podnety.citizens.public_url", PUBLIC_URL)
        api.portal.set_registry_record("plone.default_language", "cs")
        podnet = file_podnet(portal, key="test:job-mail", citizen_email="")
        podnet.assignee = "official"
        transaction.commit()
        smtp_sink.clear()

        notify_assignee(podnet)
        transaction.commit()

        mails = _mails_to(smtp_sink, "official@urad.example")
        assert len(mails) == 1
        subject, text = mails[0]["Subject"], _text(mails[0])
        path = "/".join(podnet.getPhysicalPath()[len(portal.getPhysicalPath()) :])
        assert f"{PUBLIC_URL}/{path}" in text
        assert "nohost" not in text
        assert subject == f"Byl vám přidělen podnět {podnet.reference_number}"
        assert "is assigned to you" not in text
