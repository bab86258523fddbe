"""The responsible official hears about a podnět handed to them."""

from plone import api
from plone.app.testing import TEST_USER_ID
from plone.app.testing import setRoles
from tests.helpers import create_users
from tests.helpers import file_podnet
from urad.podnety.content.history import recorded

import transaction


def _accept_and_forward(portal):
    setRoles(portal, TEST_USER_ID, ["Manager"])
    create_users()
    podnet = file_podnet(portal, key="mail:1", wants_updates=False)
    transaction.commit()
    workflow = api.portal.get_tool("portal_workflow")
    podnet.assignee = "official"
    workflow.doActionFor(podnet, "accept", comment="Odbor dopravy")
    transaction.commit()
    podnet.assignee = "official2"
    workflow.doActionFor(podnet, "forward", comment="Patří jinam")
    transaction.commit()
    return podnet


def _to(message):
    return [address.addr_spec for address in message["To"].addresses]


def test_assignees_receive_mail(functional, smtp_sink):
    podnet = _accept_and_forward(functional["portal"])
    messages = [
        message
        for message in smtp_sink.wait_for(2)
        if "@urad.example" in str(message["To"])
    ]
    recipients = [_to(message) for message in messages]
    assert ["official@urad.example"] in recipients
    assert ["official2@urad.example"] in recipients
    body = messages[0].get_body(preferencelist=("plain",)).get_content()
    assert podnet.reference_number in body
    assert podnet.absolute_url() in body


def test_assignee_mail_recorded_in_history(functional, smtp_sink):
    podnet = _accept_and_forward(functional["portal"])
    mails = [entry for entry in recorded(podnet) if entry["action"] == "mail"]
    assignee_mails = [
        entry for entry in mails if entry["details"]["template"] == "assignee"
    ]
    assert [entry["details"]["to"] for entry in assignee_mails] == [
        "official@urad.example",
        "official2@urad.example",
    ]
